/**
 * schema.org export (`corroborate export --format schema`, docs/interop.md):
 * JSON-LD with one `Claim` per claim and a `ClaimReview` for each claim whose
 * annotation records a verdict (`verdict=`, docs/format.md), in one `@graph`.
 *
 * - `Claim`: `text` (the quotation), `author` (the `by=` actor: a `Person`,
 *   or an `Organization` for every other kind, with `sameAs` its Wikidata
 *   entity; `by=outlet` is the source's outlet; `by=anonymous` has none),
 *   `appearance` (the source as a `NewsArticle`: `headline`, `publisher`,
 *   `datePublished`, `url`, `author` from its front matter), `about` (the
 *   key and value as a `PropertyValue`), `temporalCoverage` (the as-of).
 * - `ClaimReview`: `itemReviewed` (the claim), `claimReviewed` (its text),
 *   `reviewRating` (1 = false … 5 = true, `alternateName` the verdict).
 */

import type { ExportFile, ExportInput, Exporter } from './types';
import { jsonArrayItems, wikidataEntity, type ExportedClaim, type ExportedSource } from './annotations';
import { VERDICTS } from '../../model/source';
import { claimAnnotationId } from './w3c';

/** The ClaimReview rating of a verdict: its place on the five-point scale (1 = false, 5 = true). */
export function verdictRating(verdict: (typeof VERDICTS)[number]): number {
  return VERDICTS.indexOf(verdict) + 1;
}

function article(s: ExportedSource): Record<string, unknown> {
  const m = s.model.meta;
  return {
    '@type': 'NewsArticle',
    '@id': m.url ?? s.uri,
    ...(m.title !== undefined ? { headline: m.title } : {}),
    ...(m.outlet !== undefined ? { publisher: { '@type': 'Organization', name: m.outlet } } : {}),
    ...(m.published !== undefined ? { datePublished: m.published } : {}),
    ...(m.author !== undefined ? { author: { '@type': 'Person', name: m.author } } : {}),
    url: m.url ?? s.uri,
  };
}

function author(s: ExportedSource, c: ExportedClaim): Record<string, unknown> | undefined {
  const by = c.claim.by;
  if (by === undefined || by === 'anonymous') return undefined;
  if (by === 'outlet')
    return s.model.meta.outlet !== undefined ? { '@type': 'Organization', name: s.model.meta.outlet } : undefined;
  const def = c.byDef;
  return {
    '@type': def?.kind === 'person' ? 'Person' : 'Organization',
    name: def?.name ?? by,
    identifier: by,
    ...(def?.wikidata ? { sameAs: wikidataEntity(def.wikidata) } : {}),
  };
}

/** The id of a claim's node: its annotation id when it has an id, else its place in the source. */
function claimNodeId(s: ExportedSource, c: ExportedClaim, n: number): string {
  return c.claim.id !== undefined
    ? claimAnnotationId(s.id, c.claim.id)
    : `urn:corroborate:${encodeURIComponent(s.id)}:claim-${n}`;
}

/** The nodes of one source: each claim, and the review of each claim with a verdict. */
export function schemaNodes(s: ExportedSource): unknown[] {
  const nodes: unknown[] = [];
  const appearance = article(s);
  s.claims.forEach((c, i) => {
    const id = claimNodeId(s, c, i + 1);
    const by = author(s, c);
    const { key, value, asOf, verdict } = c.claim;
    nodes.push({
      '@type': 'Claim',
      '@id': id,
      text: c.claim.text,
      ...(by ? { author: by } : {}),
      appearance,
      ...(key !== undefined && value !== undefined
        ? { about: { '@type': 'PropertyValue', propertyID: key, value } }
        : {}),
      ...(asOf !== undefined ? { temporalCoverage: asOf } : {}),
    });
    if (verdict !== undefined)
      nodes.push({
        '@type': 'ClaimReview',
        itemReviewed: { '@id': id },
        claimReviewed: c.claim.text,
        reviewRating: {
          '@type': 'Rating',
          ratingValue: verdictRating(verdict),
          bestRating: VERDICTS.length,
          worstRating: 1,
          alternateName: verdict,
        },
      });
  });
  return nodes;
}

function* graph(input: ExportInput): Generator<string> {
  yield '{\n  "@context": "https://schema.org",\n  "@graph": [';
  const any = yield* jsonArrayItems(input, schemaNodes, '    ');
  yield (any ? '\n  ]' : ']') + '\n}\n';
}

export const exportSchemaOrg: Exporter = (input: ExportInput): ExportFile[] => [{ path: '', chunks: graph(input) }];
