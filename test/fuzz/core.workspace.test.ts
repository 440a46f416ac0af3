import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/core';
import { codeActions } from '../../server/src/core/features/codeActions';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { completion } from '../../server/src/core/features/completion';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { definition, documentHighlights, references } from '../../server/src/core/features/navigation';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import { hover } from '../../server/src/core/features/hover';
import { LineIndex } from '../../server/src/core/base/text';
import { prepareRename } from '../../server/src/core/features/rename';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import {
  assertRanges,
  fuzz,
  mutatedSeed,
  mutate,
  mutation,
  NASTY,
  runs,
  SEED,
  SEED_REGISTRY,
  SEED_TEXTS,
} from './coreFuzz';

/**
 * The whole core on hostile workspaces: mutated seeds, mutated registries and
 * arbitrary strings, set and removed in random order. Nothing throws; every
 * range any feature returns lies inside its document and is well-formed in
 * UTF-16; the time is bounded linearly in the size of the input.
 */

const ROOT = 'file:///ws';
const REG = `${ROOT}/entities.yaml`;

const text = fc.oneof(
  { weight: 3, arbitrary: mutatedSeed(20).map((s) => s.text) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
      maxLength: 300,
    }),
  },
);

type Op =
  | { kind: 'set'; file: number; text: string }
  | { kind: 'remove'; file: number }
  | { kind: 'registry'; text: string | null };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), file: fc.nat(3), text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), file: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('registry' as const),
      text: fc.option(
        fc.array(mutation, { maxLength: 8 }).map((ms) => mutate(SEED_REGISTRY, ms)),
        { nil: null },
      ),
    }),
  },
);

let features = 0;

/** Every feature at `probes` positions of one file, every range checked. */
function exercise(index: WorkspaceIndex, uri: string, doc: string, probes: number[]): void {
  const lines = new LineIndex(doc);
  const check = (
    what: string,
    ranges: ReadonlyArray<{ start: { line: number; character: number }; end: { line: number; character: number } }>,
  ): void => assertRanges(doc, lines.lineStarts, lines.lineEnds, what, ranges);
  const ds = computeDiagnostics(index, uri);
  check(
    'diagnostic',
    ds.map((d) => d.range),
  );
  for (const d of ds) for (const r of d.related ?? []) if (r.uri === uri) check('related', [r.range]);
  check(
    'code lens',
    codeLenses(index, uri).map((l) => l.range),
  );
  const symbols = documentSymbols(index, uri);
  const flat = (ss: typeof symbols): typeof symbols => ss.flatMap((s) => [s, ...flat(s.children ?? [])]);
  check(
    'symbol',
    flat(symbols).flatMap((s) => [s.range, s.selectionRange]),
  );
  const tokens = semanticTokens(index, uri);
  assert.equal(tokens.length % 5, 0);
  for (const offset of probes) {
    const p = lines.positionAt(offset % (doc.length + 1));
    features++;
    const h = hover(index, uri, p);
    if (h?.range) check('hover', [h.range]);
    for (const item of completion(index, uri, p)) {
      const e = item.textEdit;
      if (e && 'range' in e) check('completion', [e.range]);
    }
    for (const l of [...definition(index, uri, p), ...references(index, uri, p, true)])
      if (l.uri === uri) check('location', [l.range]);
    check(
      'highlight',
      documentHighlights(index, uri, p).map((h2) => h2.range),
    );
    const pr = prepareRename(index, uri, p);
    if (pr && 'range' in pr) check('prepareRename', [pr.range]);
    for (const a of codeActions(index, uri, { start: p, end: lines.positionAt((offset * 7) % (doc.length + 1)) })) {
      for (const edits of Object.entries(a.edit?.changes ?? {}))
        if (edits[0] === uri)
          check(
            'code action edit',
            edits[1].map((e) => e.range),
          );
    }
  }
}

describe('core fuzz: the whole core', function () {
  this.timeout(0);

  it(`random set/remove/registry sequences on mutated seeds and arbitrary text: nothing throws, every range is well-formed (seed ${SEED})`, () => {
    let ops = 0;
    let bytes = 0;
    fuzz(
      'core: workspace sequences, every feature',
      [fc.array(op, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 })],
      (sequence, probes) => {
        const index = new WorkspaceIndex({ folders: [ROOT] });
        index.setRegistry(REG, SEED_REGISTRY);
        const files = new Map<string, string>();
        for (const o of sequence) {
          ops++;
          const uri = `${ROOT}/${SEED_TEXTS[o.kind === 'registry' ? 0 : o.file]!.name}`;
          if (o.kind === 'set') {
            const t0 = performance.now();
            index.setSource(uri, o.text);
            const ms = performance.now() - t0;
            bytes += o.text.length;
            // Linear bound, generous for a shared 2-core machine: 250 ms + 20 µs per code unit.
            assert.ok(
              ms < 250 + o.text.length * 0.02,
              `setSource took ${ms.toFixed(0)} ms for ${o.text.length} code units`,
            );
            files.set(uri, o.text);
          } else if (o.kind === 'remove') {
            index.removeSource(uri);
            files.delete(uri);
          } else if (o.text === null) index.removeRegistry(REG);
          else index.setRegistry(REG, o.text);
        }
        for (const [uri, doc] of files) {
          const t0 = performance.now();
          exercise(index, uri, doc, probes);
          const ms = performance.now() - t0;
          assert.ok(
            ms < 1000 + doc.length * 0.1 * probes.length,
            `the features took ${ms.toFixed(0)} ms on ${doc.length} code units`,
          );
        }
        const reg = index.getRegistry(REG);
        if (reg) {
          const lines = new LineIndex(reg.text);
          assertRanges(
            reg.text,
            lines.lineStarts,
            lines.lineEnds,
            'registry diagnostic',
            computeDiagnostics(index, REG).map((d) => d.range),
          );
        }
        workspaceSymbols(index, 'a');
      },
      runs(50, 3000),
      () => ({ ops, features, codeUnits: bytes }),
    );
  });
});
