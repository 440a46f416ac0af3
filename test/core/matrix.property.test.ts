import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/core';
import { claimsMatrix, MatrixJsonWriter } from '../../server/src/core/features/matrix';
import { decodeMatrix, type WireMatrix } from '../../common/matrix';

/**
 * The matrix writer keeps each row's text while its key's claims do not change
 * (`WorkspaceIndex.keyRevision`). These properties hold a writer that lives
 * through random edits, including edits between two of its steps, to a fresh
 * build of the same index: the same text, byte for byte.
 */

const ROOT = 'file:///ws';
const registry = (names: string): string => `actors:
  a1: {name: ${names} One, kind: person}
  a2: {name: ${names} Two, kind: organization}
claims:
  k1: {type: percent, description: The first key}
  k2: {type: number}
`;

const claim = fc
  .record({
    id: fc.constantFrom('', ' #a', ' #b'),
    key: fc.constantFrom('k1', 'k1', 'k2', 'k3'),
    value: fc.constantFrom('1', '2', '5%', '5 percent', 'about 5%', 'more than 4'),
    asOf: fc.constantFrom('', '', ' as-of=2024', ' as-of=2025'),
    by: fc.constantFrom('', ' by=a1', ' by=a2', ' by=anonymous'),
    link: fc.constantFrom('', '', ' disputes=s1#a', ' disputes=s2#b', ' supports=s0#a'),
    mention: fc.constantFrom('', '[Two]{.actor ref=a2} says '),
  })
  .map((c) => `[${c.mention}claim text]{.claim${c.id} key=${c.key} value="${c.value}"${c.asOf}${c.by}${c.link}}`);
const source = fc
  .record({
    id: fc.integer({ min: 0, max: 5 }),
    published: fc.constantFrom('', 'published: 2024-01-01\n', 'published: 2025-06-01\n'),
    body: fc.array(fc.oneof(claim, fc.constantFrom('Prose. ', '\n\n')), { maxLength: 5 }),
  })
  .map((s) => `---\nid: s${s.id}\n${s.published}---\n${s.body.join(' ')}\n`);

type Op =
  | { kind: 'set'; file: number; text: string }
  | { kind: 'remove'; file: number }
  | { kind: 'registry'; names: string }
  /** An edit between two steps of a build: after `steps` of them. */
  | { kind: 'midway'; steps: number; file: number; text: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), file: fc.integer({ min: 0, max: 7 }), text: source }),
  fc.record({ kind: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('registry' as const), names: fc.constantFrom('Ann', 'Bob') }),
  fc.record({
    kind: fc.constant('midway' as const),
    steps: fc.integer({ min: 0, max: 6 }),
    file: fc.integer({ min: 0, max: 7 }),
    text: source,
  }),
);

const fileUri = (i: number): string => `${ROOT}/f${i}.seed.md`;

function run(steps: Generator<void, string>): string {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

function apply(index: WorkspaceIndex, o: Exclude<Op, { kind: 'midway' }>): void {
  if (o.kind === 'set') index.setSource(fileUri(o.file), o.text);
  else if (o.kind === 'remove') index.removeSource(fileUri(o.file));
  else index.setRegistry(`${ROOT}/entities.yaml`, registry(o.names));
}

describe('claims matrix writer (property)', () => {
  it('writes, after any edits (between its steps too), what a fresh writer writes', () => {
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 8 }), fc.array(op, { maxLength: 12 }), (texts, ops) => {
        const index = new WorkspaceIndex({ folders: [ROOT] });
        index.setRegistry(`${ROOT}/entities.yaml`, registry('Ann'));
        texts.forEach((t, i) => index.setSource(fileUri(i), t));
        const writer = new MatrixJsonWriter();
        run(writer.steps(index));
        for (const o of ops) {
          if (o.kind === 'midway') {
            const steps = writer.steps(index);
            for (let i = 0; i < o.steps; i++) steps.next();
            index.setSource(fileUri(o.file), o.text);
            run(steps);
          } else apply(index, o);
          const kept = run(writer.steps(index));
          assert.equal(kept, run(new MatrixJsonWriter().steps(index)));
          assert.deepEqual(decodeMatrix(JSON.parse(kept) as WireMatrix), claimsMatrix(index));
        }
      }),
      { seed: 23, numRuns: 200 },
    );
  });
});
