/**
 * W3C Web Annotation export (`corroborate export --format w3c`,
 * docs/interop.md): one JSON-LD `AnnotationCollection` whose first page holds
 * one `Annotation` per span, in source and text order.
 *
 * - The target is the source (its `url` front matter, else its file URI)
 *   with a `TextQuoteSelector` (exact, and up to {@link CONTEXT} characters
 *   of prefix and suffix) and a `TextPositionSelector` (code points), both
 *   over the text as it reads without markup (annotations.ts).
 * - An actor mention is `identifying`: its body is the actor, identified by
 *   its Wikidata entity when the registry has one (`Person`/`Organization`
 *   for those kinds, `name`, and `corr:actor`, `corr:kind`).
 * - A claim is `describing`: its body is a `TextualBody` (what it asserts,
 *   in words) that is also a `corr:Claim`, with `corr:key`,
 *   `corr:value`, `corr:normalised`, `corr:asOf`, `corr:by`, `corr:status`,
 *   `corr:verdict` and `corr:supports`/`corr:disputes` (the ids of the
 *   annotations of the claims linked to).
 *
 * The vocabulary is the W3C one (`http://www.w3.org/ns/anno.jsonld`); the
 * `corr:` terms are Corroborate's, declared by a second context entry.
 */

import type { ExportFile, ExportInput, Exporter } from './types';
import { exportedUris } from './types';
import {
  jsonArrayItems,
  wikidataEntity,
  type ExportedClaim,
  type ExportedMention,
  type ExportedSource,
  type Place,
} from './annotations';
import type { ClaimLink } from '../../model/source';

/** The namespace of Corroborate's own terms. */
export const CORR_NAMESPACE = 'urn:corroborate:vocab:';
export const W3C_CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { corr: CORR_NAMESPACE }];
/** Characters of prefix and suffix a TextQuoteSelector carries. */
export const CONTEXT = 32;
export const COLLECTION_ID = 'urn:corroborate:export';

/** The annotation id of a named claim of a source, and of any span by its place in the source. */
export function claimAnnotationId(source: string, claimId: string): string {
  return `urn:corroborate:${encodeURIComponent(source)}:claim:${encodeURIComponent(claimId)}`;
}
function spanAnnotationId(source: string, n: number): string {
  return `urn:corroborate:${encodeURIComponent(source)}:span:${n}`;
}

/** The IRI that names a source: its `url` front matter, else its file URI. */
export function sourceIri(s: ExportedSource): string {
  return s.model.meta.url ?? s.uri;
}

/** The target: the source with a quote selector and a position selector over the text without markup. */
function target(s: ExportedSource, p: Place, codePoints: string[]): unknown {
  const exact = codePoints.slice(p.cpStart, p.cpEnd).join('');
  const prefix = codePoints.slice(Math.max(0, p.cpStart - CONTEXT), p.cpStart).join('');
  const suffix = codePoints.slice(p.cpEnd, p.cpEnd + CONTEXT).join('');
  return {
    source: sourceIri(s),
    selector: [
      { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
      { type: 'TextPositionSelector', start: p.cpStart, end: p.cpEnd },
    ],
  };
}

function actorBody(m: ExportedMention): unknown {
  const def = m.def;
  const type = def?.kind === 'person' ? 'Person' : def?.kind === 'organization' ? 'Organization' : 'corr:Actor';
  return {
    id: def?.wikidata ? wikidataEntity(def.wikidata) : `urn:corroborate:actor:${encodeURIComponent(m.actor ?? '')}`,
    type,
    ...(def ? { name: def.name } : {}),
    ...(m.actor !== undefined ? { 'corr:actor': m.actor } : {}),
    ...(def ? { 'corr:kind': def.kind } : {}),
  };
}

function linkIds(s: ExportedSource, links: readonly ClaimLink[], kind: ClaimLink['kind']): string[] {
  return links.filter((l) => l.kind === kind).map((l) => claimAnnotationId(l.source ?? s.id, l.claim));
}

/** What a claim asserts, in words: `key = value (as of …), by …`. */
function claimSummary(claim: ExportedClaim['claim']): string {
  const what = claim.key !== undefined ? `${claim.key} = ${claim.value ?? ''}` : claim.text;
  return (
    what +
    (claim.asOf !== undefined ? ` (as of ${claim.asOf})` : '') +
    (claim.by !== undefined ? `, by ${claim.by}` : '')
  );
}

function claimBody(s: ExportedSource, c: ExportedClaim): unknown {
  const { claim } = c;
  const supports = linkIds(s, claim.links, 'supports');
  const disputes = linkIds(s, claim.links, 'disputes');
  const opt = (k: string, v: string | undefined): Record<string, string> => (v !== undefined ? { [k]: v } : {});
  return {
    type: ['TextualBody', 'corr:Claim'],
    value: claimSummary(claim),
    format: 'text/plain',
    purpose: 'describing',
    ...opt('corr:key', claim.key),
    ...opt('corr:value', claim.value),
    ...opt('corr:normalised', c.norm !== '' ? c.norm : undefined),
    ...opt('corr:asOf', claim.asOf),
    ...opt('corr:by', claim.by),
    ...(c.byDef?.wikidata ? { 'corr:byEntity': wikidataEntity(c.byDef.wikidata) } : {}),
    'corr:status': c.status,
    ...opt('corr:verdict', claim.verdict),
    ...(supports.length > 0 ? { 'corr:supports': supports } : {}),
    ...(disputes.length > 0 ? { 'corr:disputes': disputes } : {}),
  };
}

/** The annotations of one source, in text order of their spans. */
export function sourceAnnotations(s: ExportedSource): unknown[] {
  const codePoints = Array.from(s.text);
  const spans: Array<{ at: number; item: unknown }> = [];
  for (const m of s.mentions)
    spans.push({
      at: m.mention.start,
      item: { motivation: 'identifying', body: actorBody(m), target: target(s, m, codePoints) },
    });
  for (const c of s.claims)
    spans.push({
      at: c.claim.start,
      item: { motivation: 'describing', body: claimBody(s, c), target: target(s, c, codePoints), claim: c },
    });
  spans.sort((a, b) => a.at - b.at);
  return spans.map(({ item }, n) => {
    const { claim, ...rest } = item as { claim?: ExportedClaim };
    const id = claim?.claim.id !== undefined ? claimAnnotationId(s.id, claim.claim.id) : spanAnnotationId(s.id, n + 1);
    return { id, type: 'Annotation', ...rest };
  });
}

function* collection(input: ExportInput): Generator<string> {
  const uris = exportedUris(input);
  let total = 0;
  for (const uri of uris) {
    const model = input.index.getSource(uri);
    if (model) total += model.mentions.length + model.claims.length;
  }
  const head = {
    '@context': W3C_CONTEXT,
    id: COLLECTION_ID,
    type: 'AnnotationCollection',
    label: 'Corroborate annotations',
    total,
  };
  yield (
    JSON.stringify(head, null, 2).slice(0, -2) +
    `,\n  "first": {\n    "id": "${COLLECTION_ID}:page1",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [`
  );
  const any = yield* jsonArrayItems(input, sourceAnnotations, '      ');
  yield (any ? '\n    ]' : ']') + '\n  }\n}\n';
}

export const exportW3c: Exporter = (input: ExportInput): ExportFile[] => [{ path: '', chunks: collection(input) }];
