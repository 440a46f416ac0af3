import * as assert from 'node:assert/strict';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';
import { readTree, removeTemps, ROOT, runCli, tempDir, writeTree } from '../helpers/cliRun';
import { cpSlice, parseAnn, parseConf, type BratDoc } from '../helpers/brat';
import { stripMarkup } from '../../server/src/core/syntax/parser';

/**
 * `corroborate export --format brat`: every .ann file, re-read with a reader
 * of its own (test/helpers/brat.ts), has each T span's text at its offsets in
 * the .txt, and uses only the types, relations and attribute values that
 * annotation.conf declares, so that brat and INCEpTION open it.
 */

/** Checks one document against its text and the configuration; returns it parsed. */
function checkDoc(name: string, ann: string, txt: string, conf: ReturnType<typeof parseConf>): BratDoc {
  const doc = parseAnn(ann);
  for (const t of doc.texts.values()) {
    assert.ok(conf.entities.has(t.type), `${name} ${t.id}: type ${t.type} not in annotation.conf`);
    const pieces = t.fragments.map(([a, b]) => {
      assert.ok(a < b, `${name} ${t.id}: empty fragment ${a}-${b}`);
      const piece = cpSlice(txt, a, b);
      assert.ok(!/[\r\n]/.test(piece), `${name} ${t.id}: a fragment crosses a line break`);
      return piece;
    });
    assert.equal(pieces.join(' '), t.text, `${name} ${t.id}: text at ${JSON.stringify(t.fragments)}`);
  }
  const entity = (id: string): void => assert.ok(doc.texts.has(id), `${name}: ${id} is not a T annotation`);
  for (const a of doc.attributes) {
    entity(a.target);
    const decl = conf.attributes.get(a.name);
    assert.ok(decl?.values.has(a.value), `${name} ${a.id}: ${a.name}=${a.value} not declared`);
  }
  for (const r of doc.relations) {
    entity(r.arg1);
    entity(r.arg2);
    const decl = conf.relations.get(r.type)!;
    assert.ok(decl, `${name} ${r.id}: relation ${r.type} not declared`);
    const fits = (arg: string, id: string): boolean =>
      arg === '<ENTITY>' ? doc.texts.get(id)!.type !== 'Claim' : doc.texts.get(id)!.type === arg;
    assert.ok(fits(decl.arg1, r.arg1) && fits(decl.arg2, r.arg2), `${name} ${r.id}: arguments of the wrong type`);
  }
  for (const n of doc.normalizations) entity(n.target);
  for (const n of doc.notes) entity(n.target);
  return doc;
}

describe('corroborate export --format brat', function () {
  this.timeout(60_000);
  after(removeTemps);

  it('writes the seeds as brat documents whose spans match their texts', async () => {
    const out = tempDir();
    const r = await runCli(['export', 'seeds', '--format', 'brat', '-o', out], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const files = readTree(out);
    const conf = parseConf(files.get('annotation.conf')!);
    assert.match(files.get('tools.conf')!, /^\[normalization\]\nWikidata /);
    const index = buildIndex(seedTexts(), seedsRoot());
    const models = index
      .sourceUris()
      .sort()
      .map((u) => index.getSource(u)!);
    assert.deepEqual(
      [...files.keys()].filter((f) => f.endsWith('.ann')).sort(),
      models.map((m) => `${m.id}.ann`).sort(),
    );
    for (const model of models) {
      const txt = files.get(`${model.id}.txt`)!;
      assert.equal(txt, stripMarkup(model.text, model.parsed), `${model.id}.txt is the text without markup`);
      const doc = checkDoc(model.id, files.get(`${model.id}.ann`)!, txt, conf);
      const claims = [...doc.texts.values()].filter((t) => t.type === 'Claim');
      assert.equal(claims.length, model.claims.length, `${model.id}: one Claim per claim`);
      assert.equal(doc.texts.size - claims.length, model.mentions.length, `${model.id}: one T per mention`);
      // Each claim's key, its by= (a relation to a mention of the actor, or an attribute) and its value.
      for (const [i, claim] of model.claims.entries()) {
        const t = claims[i]!;
        assert.equal(t.text.replace(/\s+/g, ' ').trim(), claim.text);
        const attr = (n: string): string | undefined =>
          doc.attributes.find((a) => a.target === t.id && a.name === n)?.value;
        assert.equal(attr('Key'), claim.key);
        assert.equal(attr('Id'), claim.id);
        assert.equal(doc.notes.find((n) => n.target === t.id)?.text, claim.value);
        const by = doc.relations.find((x) => x.type === 'By' && x.arg1 === t.id);
        const speaker = by && doc.attributes.find((a) => a.target === by.arg2 && a.name === 'Ref')?.value;
        assert.equal(speaker ?? attr('By'), claim.by, `${model.id} ${t.id}: by=`);
      }
    }
    // Mark Rutte's first mention in turkey-summit: a person, his id, his Wikidata item.
    const doc = parseAnn(files.get('turkey-summit.ann')!);
    const t1 = doc.texts.get('T1')!;
    assert.deepEqual([t1.type, t1.text], ['person', 'Mark Rutte']);
    assert.ok(doc.attributes.some((a) => a.target === 'T1' && a.name === 'Ref' && a.value === 'rutte'));
    assert.ok(doc.normalizations.some((n) => n.target === 'T1' && n.db === 'Wikidata' && n.ref === 'Q57792'));
  });

  it('cuts a span that crosses a line break into fragments and counts characters, not UTF-16 units', async () => {
    const ws = writeTree({
      'entities.yaml': 'actors:\n  costa:\n    name: António Costa\n    kind: person\n',
      'x.seed.md':
        '😀 [Costa]{.actor ref=costa} said\n[that the 😀\ntarget holds]{.claim #c by=costa key=k value=v supports=y#z}.\n',
    });
    const r = await runCli(['export', '.', '--format', 'brat', '-o', 'out'], ws);
    assert.equal(r.status, 0, r.stderr);
    const files = readTree(`${ws}/out`);
    const doc = checkDoc('x', files.get('x.ann')!, files.get('x.txt')!, parseConf(files.get('annotation.conf')!));
    assert.deepEqual(doc.texts.get('T1')!.fragments, [[2, 7]]);
    assert.deepEqual(doc.texts.get('T2')!.fragments, [
      [13, 23],
      [24, 36],
    ]);
    assert.ok(doc.attributes.some((a) => a.name === 'Supports' && a.value === 'y#z'));
  });

  it('needs -o DIR, as every format of several files', async () => {
    const r = await runCli(['export', 'seeds', '--format', 'brat'], ROOT);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'corroborate: --format brat writes several files: give a folder with -o DIR\n');
  });
});
