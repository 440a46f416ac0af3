import * as assert from 'node:assert/strict';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';
import { removeTemps, ROOT, runCli, writeTree } from '../helpers/cliRun';

/**
 * `corroborate export --format schema`: schema.org JSON-LD whose every
 * property belongs to its node's type (the table below, from the type pages
 * of https://schema.org: each type's own properties and those it inherits),
 * with one Claim per claim and a ClaimReview only for a claim with a verdict.
 */

const THING = ['name', 'sameAs', 'identifier', 'url', 'alternateName', 'description'];
const CREATIVE_WORK = [
  ...THING,
  'text',
  'author',
  'about',
  'temporalCoverage',
  'headline',
  'publisher',
  'datePublished',
];
/** schema.org type → the properties it has (own and inherited) that an export may use. */
const PROPERTIES: Record<string, string[]> = {
  Claim: [...CREATIVE_WORK, 'appearance', 'firstAppearance', 'claimInterpreter'],
  ClaimReview: [...CREATIVE_WORK, 'itemReviewed', 'reviewRating', 'claimReviewed'],
  NewsArticle: [...CREATIVE_WORK, 'dateline'],
  Person: THING,
  Organization: THING,
  PropertyValue: [...THING, 'propertyID', 'value'],
  Rating: [...THING, 'ratingValue', 'bestRating', 'worstRating'],
};

/** Checks every node (object with '@type') against the table; returns the nodes by type. */
function checkNodes(v: unknown, found = new Map<string, Array<Record<string, unknown>>>()): typeof found {
  if (Array.isArray(v)) v.forEach((x) => checkNodes(x, found));
  else if (typeof v === 'object' && v !== null) {
    const node = v as Record<string, unknown>;
    if (node['@type'] !== undefined) {
      assert.equal(typeof node['@type'], 'string', 'one type per node');
      const type = node['@type'] as string;
      const allowed = PROPERTIES[type];
      assert.ok(allowed, `type ${type} is not one the export may use`);
      for (const k of Object.keys(node))
        if (!k.startsWith('@')) assert.ok(allowed.includes(k), `${type} has no property '${k}'`);
      found.set(type, [...(found.get(type) ?? []), node]);
    }
    for (const [k, x] of Object.entries(node)) if (k !== '@context') checkNodes(x, found);
  }
  return found;
}

describe('corroborate export --format schema', function () {
  this.timeout(60_000);
  after(removeTemps);

  it('writes one Claim per claim of the seeds, with authors and appearances, and no review without a verdict', async () => {
    const r = await runCli(['export', 'seeds', '--format', 'schema'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { '@context': string; '@graph': unknown[] };
    assert.equal(doc['@context'], 'https://schema.org');
    const nodes = checkNodes(doc['@graph']);
    const index = buildIndex(seedTexts(), seedsRoot());
    const claims = index.sourceUris().flatMap((u) => index.getSource(u)!.claims);
    assert.equal(nodes.get('Claim')!.length, claims.length);
    assert.equal(nodes.get('ClaimReview'), undefined, 'the seeds record no verdict');
    const graph = doc['@graph'] as Array<Record<string, unknown>>;
    assert.equal(graph.length, claims.length);
    const hague = graph.find((c) => c['@id'] === 'urn:corroborate:transatlantic-rift:claim:hague-5pc')!;
    assert.deepEqual(hague.about, { '@type': 'PropertyValue', propertyID: 'nato.spending-target', value: '5% of GDP' });
    assert.equal(hague.temporalCoverage, '2025');
    const appearance = hague.appearance as Record<string, unknown>;
    assert.equal(appearance['@type'], 'NewsArticle');
    assert.equal(appearance.headline, 'NATO Chief Navigates Transatlantic Rift as US Questions European Reliability');
    const whisperer = graph.find((c) => c['@id'] === 'urn:corroborate:new-nato:claim:whisperer')!;
    assert.equal((whisperer.author as Record<string, unknown>)['@type'], 'Person');
    assert.equal((whisperer.author as Record<string, unknown>).name, 'Giedrimas Jeglinskas');
  });

  it('reviews each claim with a verdict on the five-point scale, and names authors by Wikidata', async () => {
    const ws = writeTree({
      'entities.yaml':
        'actors:\n  rutte:\n    name: Mark Rutte\n    kind: person\n    wikidata: Q57792\n  nato:\n    name: NATO\n    kind: organization\n',
      'a.seed.md':
        '---\ntitle: "Summit"\noutlet: "Daily"\npublished: 2025-06-25\nurl: "https://example.org/a"\n---\n' +
        '[Allies agree]{.claim #t by=rutte key=k value=v verdict=mostly-false} and ' +
        '[it is done]{.claim #u by=nato key=k2 value=w verdict=true} and [more]{.claim #w by=outlet key=k3 value=x}.\n',
    });
    const r = await runCli(['export', '.', '--format', 'schema'], ws);
    assert.equal(r.status, 0, r.stderr);
    const graph = (JSON.parse(r.stdout) as { '@graph': Array<Record<string, unknown>> })['@graph'];
    const nodes = checkNodes(graph);
    assert.equal(nodes.get('Claim')!.length, 3);
    const reviews = nodes.get('ClaimReview')!;
    assert.deepEqual(
      reviews.map((x) => [(x.itemReviewed as { '@id': string })['@id'], x.claimReviewed, x.reviewRating]),
      [
        [
          'urn:corroborate:a:claim:t',
          'Allies agree',
          { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'mostly-false' },
        ],
        [
          'urn:corroborate:a:claim:u',
          'it is done',
          { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'true' },
        ],
      ],
    );
    const [t, , u, , w] = graph;
    assert.deepEqual(t!.author, {
      '@type': 'Person',
      name: 'Mark Rutte',
      identifier: 'rutte',
      sameAs: 'http://www.wikidata.org/entity/Q57792',
    });
    assert.equal((u!.author as Record<string, unknown>)['@type'], 'Organization');
    assert.deepEqual(w!.author, { '@type': 'Organization', name: 'Daily' });
    assert.deepEqual(t!.appearance, {
      '@type': 'NewsArticle',
      '@id': 'https://example.org/a',
      headline: 'Summit',
      publisher: { '@type': 'Organization', name: 'Daily' },
      datePublished: '2025-06-25',
      url: 'https://example.org/a',
    });
  });
});
