import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepareSourceBytes, WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { packModel } from '../../server/src/core/model/packed';
import { buildSourceModel, compactModel } from '../../server/src/core/model/source';

/**
 * A file analysed on another thread (`prepareSourceBytes`, what sourcePool.ts's workers send) and indexed with
 * `loadPrepared` must be the file `loadSourceBytes` indexes from the same bytes: the same model, field by field,
 * and the same diagnostics, whatever the bytes (BOMs, invalid UTF-8, NUL bytes, too large, CRLF, emoji), also
 * after the limits change (the problems that came with the bytes are kept). compact.property.test.ts compares
 * every feature on annotated sources.
 */

const ROOT = 'file:///ws';
const REGISTRY = 'actors:\n  rutte: {name: Mark Rutte, kind: person}\nclaims:\n  gdp: {type: number}\n';

const piece = fc.constantFrom(
  '[Mark Rutte]{.actor ref=rutte}',
  '[Mark Rutte]{.actor}',
  '[grew 3%]{.claim #c1 by=rutte key=gdp value=3 as-of=2024}',
  '[x]{.claim key=gdp value=4 supports=other#c2 verdict=true}',
  '[unclosed',
  ']{.actor}',
  '`[code]{.actor}`',
  '\n',
  '\r\n',
  ' prose ',
  '😀',
  'é',
);
const body = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const frontMatter = fc.constantFrom(
  '',
  '---\nid: a\ntitle: T\n---\n',
  '---\r\nid: b\r\nauthors: [{name: X, role: r}]\r\n---\r\n',
  '---\nid: [broken\n---\n',
  '---\nid: c\n__proto__: {polluted: true}\nreview: {status: published}\n---\n',
);
const prefix = fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xc3], [0x00]);
const bytes = fc
  .tuple(prefix, frontMatter, body, prefix)
  .map(([pre, fm, b, post]) =>
    Uint8Array.from([...pre, ...Buffer.from(fm + b, 'utf8'), ...post.filter(() => b.length % 2 === 0)]),
  );

/** A model's fields, its text and its line table, its parse with the spans (parsed again on demand). */
function fields(index: WorkspaceIndex, uri: string): unknown {
  const m = index.getSource(uri)!;
  return {
    ...m,
    text: m.text,
    lines: [...m.lines.lineStarts],
    length: m.lines.length,
    parsed: { ...m.parsed, spans: m.parsed.spans },
  };
}

function twoIndexes(files: Uint8Array[], limits = {}): [WorkspaceIndex, WorkspaceIndex] {
  const direct = new WorkspaceIndex({ folders: [ROOT], limits });
  const prepared = new WorkspaceIndex({ folders: [ROOT], limits });
  for (const index of [direct, prepared]) index.setRegistry(`${ROOT}/entities.yaml`, REGISTRY);
  files.forEach((b, i) => {
    const uri = `${ROOT}/f${i}.seed.md`;
    direct.loadSourceBytes(uri, b);
    const done = prepareSourceBytes(uri, Uint8Array.from(b), limits);
    assert.ok(prepared.loadPrepared(structuredClone(done.prepared, { transfer: done.transfer })));
  });
  return [direct, prepared];
}

describe('sources analysed on another thread (prepareSourceBytes, loadPrepared)', () => {
  it('index exactly what loadSourceBytes indexes from the same bytes, and keep doing so when the limits change', () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 4 }), fc.boolean(), (files, small) => {
        const limits = small ? { maxFileSize: 40 } : {};
        const [direct, prepared] = twoIndexes(files, limits);
        const check = (what: string): void =>
          files.forEach((_, i) => {
            const uri = `${ROOT}/f${i}.seed.md`;
            assert.deepEqual(fields(prepared, uri), fields(direct, uri), `${what}: model of f${i}`);
            assert.deepEqual(computeDiagnostics(prepared, uri), computeDiagnostics(direct, uri), `${what}: f${i}`);
          });
        check('loaded');
        // Analysed again from their texts: the encoding and size problems, which came with the bytes, stay.
        for (const index of [direct, prepared]) index.setLimits({ maxNesting: 3, maxFileSize: small ? 1e6 : 50 });
        check('after setLimits');
      }),
      { seed: 1203, numRuns: 150 },
    );
  });

  it('refuses a file analysed under other limits (the caller analyses its bytes again)', () => {
    const index = new WorkspaceIndex({ folders: [ROOT], limits: { maxNesting: 4 } });
    const { prepared } = prepareSourceBytes(`${ROOT}/a.seed.md`, Buffer.from('[a]{.actor ref=a}\n'), {});
    assert.equal(index.loadPrepared(prepared), false);
    assert.equal(index.getSource(`${ROOT}/a.seed.md`), undefined);
    const again = prepareSourceBytes(`${ROOT}/a.seed.md`, Buffer.from('[a]{.actor ref=a}\n'), { maxNesting: 4 });
    assert.equal(index.loadPrepared(again.prepared), true);
    assert.equal(index.getSource(`${ROOT}/a.seed.md`)!.mentions.length, 1);
  });

  it('packs only models not compacted yet, and transfers the text bytes it packs', () => {
    const compacted = compactModel(buildSourceModel(`${ROOT}/a.seed.md`, 'text'));
    assert.throws(() => packModel(compacted), /compact already/);
    const { prepared, transfer } = prepareSourceBytes(`${ROOT}/a.seed.md`, Buffer.from('héllo [a]{.actor ref=a}\n'));
    assert.ok('bytes' in prepared.packed.text);
    assert.ok(transfer.includes(prepared.packed.text.bytes.buffer as ArrayBuffer), 'the bytes are transferred');
    assert.equal(prepared.packed.text.length, 'héllo [a]{.actor ref=a}\n'.length);
  });
});
