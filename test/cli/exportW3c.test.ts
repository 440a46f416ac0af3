import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';
import { removeTemps, ROOT, runCli, writeTree } from '../helpers/cliRun';
import { checkAnnotation, checkCollection, termsUsed } from '../helpers/w3c';

/**
 * `corroborate export --format w3c`: a Web Annotation collection that meets
 * the data model (test/helpers/w3c.ts, itself checked on the specification's
 * examples), uses only the W3C vocabulary and declared `corr:` terms, and
 * whose every selector re-anchors on the text without markup.
 */

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'w3c');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

interface Selector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}
interface Annotation {
  id: string;
  motivation: string;
  body: Record<string, unknown>;
  target: { source: string; selector: Selector[] };
}
interface Collection {
  '@context': unknown[];
  total: number;
  first: { items: Annotation[] };
}

/** Checks that both selectors of an annotation find its text in `text` (the source without markup). */
function assertAnchors(a: Annotation, text: string): void {
  const cps = Array.from(text);
  const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
  const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
  const at = (from: number, to: number): string => cps.slice(from, to).join('');
  assert.equal(at(pos.start!, pos.end!), quote.exact, `${a.id}: exact at its position`);
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  assert.equal(at(pos.start! - Array.from(prefix).length, pos.start!), prefix, `${a.id}: prefix`);
  assert.equal(at(pos.end!, pos.end! + Array.from(suffix).length), suffix, `${a.id}: suffix`);
  assert.ok(
    Array.from(prefix).length <= 32 && Array.from(suffix).length <= 32,
    `${a.id}: about 32 characters of context`,
  );
  assert.equal(prefix.length === 0, pos.start === 0, `${a.id}: a prefix unless at the start`);
}

describe('corroborate export --format w3c', function () {
  this.timeout(60_000);
  after(removeTemps);

  it('the model checker accepts the specification’s examples and rejects broken annotations', () => {
    const examples = readJson(path.join(FIXTURES, 'examples.json')) as { first: { items: unknown[] } };
    assert.deepEqual(checkCollection(examples), []);
    const good = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'http://example.org/a',
      type: 'Annotation',
      target: { source: 'http://example.org/p', selector: { type: 'TextPositionSelector', start: 1, end: 2 } },
    };
    assert.deepEqual(checkAnnotation(good, 'a', true), []);
    const broken = [
      { ...good, target: undefined },
      { ...good, id: 'not an iri' },
      { ...good, type: 'Note' },
      { ...good, '@context': 'http://example.org/other' },
      {
        ...good,
        target: { source: 'http://example.org/p', selector: { type: 'TextPositionSelector', start: -1, end: 2 } },
      },
      { ...good, target: { source: 'http://example.org/p', selector: { type: 'TextQuoteSelector', exact: 3 } } },
      { ...good, target: { selector: { type: 'TextQuoteSelector', exact: 'x' } } },
    ];
    for (const b of broken) assert.notDeepEqual(checkAnnotation(b, 'a', true), [], JSON.stringify(b));
  });

  it('exports the seeds as a collection that meets the model, in the W3C vocabulary, anchored on the text', async () => {
    const r = await runCli(['export', 'seeds', '--format', 'w3c'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const collection = JSON.parse(r.stdout) as Collection;
    assert.deepEqual(checkCollection(collection), []);
    // Terms: the W3C context's, or corr: terms of the namespace the second context entry declares.
    const context = (readJson(path.join(FIXTURES, 'anno.jsonld')) as { '@context': Record<string, unknown> })[
      '@context'
    ];
    assert.deepEqual(collection['@context'], ['http://www.w3.org/ns/anno.jsonld', { corr: 'urn:corroborate:vocab:' }]);
    for (const term of termsUsed(collection))
      assert.ok(term in context || /^corr:[A-Za-z]+$/.test(term), `'${term}' is neither a W3C term nor a corr: term`);
    const index = buildIndex(seedTexts(), seedsRoot());
    const items = collection.first.items;
    let spans = 0;
    for (const uri of index.sourceUris())
      spans += index.getSource(uri)!.mentions.length + index.getSource(uri)!.claims.length;
    assert.equal(items.length, spans);
    assert.equal(collection.total, spans);
    assert.equal(new Set(items.map((a) => a.id)).size, items.length, 'annotation ids are unique');
    const texts = new Map<string, string>();
    for (const a of items) {
      let text = texts.get(a.target.source);
      if (text === undefined) {
        const model = index.getSource(a.target.source)!;
        texts.set(a.target.source, (text = stripMarkup(model.text, model.parsed)));
      }
      assertAnchors(a, text);
      assert.ok(['identifying', 'describing'].includes(a.motivation));
    }
    const rutte = items.find((a) => a.body['corr:actor'] === 'rutte')!;
    assert.deepEqual(rutte.body, {
      id: 'http://www.wikidata.org/entity/Q57792',
      type: 'Person',
      name: 'Mark Rutte',
      'corr:actor': 'rutte',
      'corr:kind': 'person',
    });
    // A disputes= link within a source names the annotation of the claim it disputes.
    const disputing = items.filter((a) => a.body['corr:disputes'] !== undefined);
    assert.ok(disputing.length > 0);
    for (const a of disputing)
      for (const id of a.body['corr:disputes'] as string[])
        assert.ok(
          items.some((b) => b.id === id),
          `${a.id} disputes ${id}, which is in the collection`,
        );
  });

  it('targets the source’s url, counts characters past the BMP, and writes -o FILE as it writes stdout', async () => {
    const ws = writeTree({
      'entities.yaml': 'actors:\n  costa:\n    name: António Costa\n    kind: person\n',
      'x.seed.md':
        '---\nurl: "https://example.org/news/1"\n---\n😀 [Costa]{.actor ref=costa} said\n[the 😀 target holds]{.claim #c by=costa key=k value=v verdict=false}.\n',
    });
    const out = await runCli(['export', '.', '--format', 'w3c', '-o', 'x.jsonld'], ws);
    assert.equal(out.status, 0, out.stderr);
    const std = await runCli(['export', '.', '--format', 'w3c'], ws);
    assert.equal(fs.readFileSync(path.join(ws, 'x.jsonld'), 'utf8'), std.stdout);
    const c = JSON.parse(std.stdout) as Collection;
    assert.deepEqual(checkCollection(c), []);
    const [costa, claim] = c.first.items;
    assert.equal(costa!.target.source, 'https://example.org/news/1');
    assert.deepEqual(costa!.target.selector[1], { type: 'TextPositionSelector', start: 2, end: 7 });
    const text = stripMarkup(fs.readFileSync(path.join(ws, 'x.seed.md'), 'utf8'));
    for (const a of c.first.items) assertAnchors(a, text);
    assert.equal(claim!.id, 'urn:corroborate:x:claim:c');
    assert.equal(claim!.body['corr:verdict'], 'false');
    assert.equal(claim!.body['corr:by'], 'costa');
    assert.equal(URI.parse(costa!.target.source).scheme, 'https');
  });
});
