import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';

/**
 * Budgets, seeds and counts shared by the core fuzz tests (test/fuzz/core*.test.ts).
 *
 * - Quick budget (npm test): a fixed seed, a few seconds per property.
 * - Long budget (CORROBORATE_FUZZ=long, npm run fuzz): many more runs, with a seed
 *   from the clock. CORROBORATE_FUZZ_SEED=<n> reproduces any run.
 *
 * Each property prints one line `[fuzz:core] {"property":…,"inputs":N,…}`;
 * scripts/fuzz.mjs sums them. A failure reports the seed, the path and the
 * shrunk counterexample, and how to re-run it.
 */
export const LONG = process.env.CORROBORATE_FUZZ === 'long';
export const SEED = Number(process.env.CORROBORATE_FUZZ_SEED ?? '') || (LONG ? Date.now() % 2 ** 31 : 20250707);
export const BUDGET = LONG ? 'long' : 'quick';

/** Runs of a property: `quick` in npm test, `long` in npm run fuzz. */
export function runs(quick: number, long: number): number {
  return LONG ? long : quick;
}

/** One JSON line per property, for scripts/fuzz.mjs. */
export function report(property: string, counts: Record<string, number | string>): void {
  console.log(`[fuzz:core] ${JSON.stringify({ property, budget: BUDGET, seed: SEED, ...counts })}`);
}

/**
 * fc.check with the shared seed; counts the inputs the predicate saw (shrinking
 * included), prints them, and fails with everything needed to reproduce.
 */
export function fuzz<Ts extends [unknown, ...unknown[]]>(
  property: string,
  arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  numRuns: number,
  extra: () => Record<string, number> = () => ({}),
): void {
  let inputs = 0;
  const started = performance.now();
  const prop = fc.property(...arbs, (...args: Ts) => {
    inputs++;
    predicate(...args);
  });
  // CORROBORATE_FUZZ_PATH replays one counterexample (with its seed) straight away.
  const replay = process.env.CORROBORATE_FUZZ_PATH;
  const out = fc.check(prop as fc.IProperty<unknown>, { seed: SEED, numRuns, ...(replay ? { path: replay } : {}) });
  report(property, {
    inputs,
    runs: out.numRuns,
    failed: out.failed ? 1 : 0,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ...extra(),
  });
  if (out.failed) {
    const example = JSON.stringify(out.counterexample, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 2000 ? `${v.slice(0, 2000)}… (${v.length} chars)` : v,
    );
    // The whole counterexample, untruncated, for a closer look.
    const saved = path.join(os.tmpdir(), `corroborate-fuzz-${property.replace(/[^a-z0-9]+/gi, '-')}-${SEED}.json`);
    fs.writeFileSync(saved, JSON.stringify(out.counterexample));
    assert.fail(
      `${property} failed (seed ${SEED}, path ${out.counterexamplePath ?? '?'}, after ${out.numRuns} runs and ${out.numShrinks} shrinks)\n` +
        `Reproduce: CORROBORATE_FUZZ_SEED=${SEED}${LONG ? ' CORROBORATE_FUZZ=long' : ''} CORROBORATE_FUZZ_PATH=${out.counterexamplePath ?? ''} npx mocha --no-config out/test/fuzz/<file>.js\n` +
        `Counterexample (whole in ${saved}): ${example}\n${out.errorInstance instanceof Error ? (out.errorInstance.stack ?? out.errorInstance.message) : String(out.errorInstance)}`,
    );
  }
}

/** The demo workspace: the seeds and their registry. */
export const SEEDS_DIR = path.resolve(__dirname, '../../../seeds');
export const SEED_TEXTS: Array<{ name: string; text: string }> = fs
  .readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.seed.md'))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8') }));
export const SEED_REGISTRY = fs.readFileSync(path.join(SEEDS_DIR, 'entities.yaml'), 'utf8');

/** Characters that stress the scanner, YAML and positions. */
export const NASTY = [
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\\',
  '`',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\0',
  '\uD800',
  '\uDC00',
  '😀',
  '\u202E',
  '\u200D',
  'e\u0301',
  ':',
  '#',
  '.',
  '=',
  '-',
  '---\n',
  ' ',
  '\t',
  '&a ',
  '*a',
  '!!js/function ',
];

export type Mutation = { at: number; del: number; insert: string };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  del: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)),
  insert: fc.oneof(
    fc.constantFrom(...NASTY),
    fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.constant(''),
  ),
});

/** Applies random inserts, deletions and replacements to a text. */
export function mutate(text: string, ms: Mutation[]): string {
  let out = text;
  for (const m of ms) {
    const at = m.at % (out.length + 1);
    out = out.slice(0, at) + m.insert + out.slice(Math.min(out.length, at + m.del));
  }
  return out;
}

/** A seed with 1 to `max` mutations. */
export function mutatedSeed(max: number): fc.Arbitrary<{ name: string; text: string }> {
  return fc
    .tuple(fc.nat(SEED_TEXTS.length - 1), fc.array(mutation, { minLength: 1, maxLength: max }))
    .map(([i, ms]) => ({ name: SEED_TEXTS[i]!.name, text: mutate(SEED_TEXTS[i]!.text, ms) }));
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** An offset that does not fall between the two halves of a surrogate pair. */
export function assertNotInsidePair(text: string, offset: number, what: string): void {
  assert.ok(
    !(offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))),
    `${what}: offset ${offset} splits a surrogate pair`,
  );
}

/** Offset ranges: integers, start <= end, inside the text, not splitting a pair. */
export function assertOffsets(text: string, what: string, items: ReadonlyArray<{ start: number; end: number }>): void {
  for (const r of items) {
    assert.ok(
      Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= text.length,
      `${what}: range ${r.start}-${r.end} outside 0-${text.length}`,
    );
    assertNotInsidePair(text, r.start, what);
    assertNotInsidePair(text, r.end, what);
  }
}

interface Pos {
  line: number;
  character: number;
}

/** LSP ranges: inside the document (characters within their line), start <= end, not splitting a pair. */
export function assertRanges(
  text: string,
  lineStarts: ArrayLike<number>,
  lineEnds: ArrayLike<number>,
  what: string,
  ranges: ReadonlyArray<{ start: Pos; end: Pos }>,
): void {
  const offset = (p: Pos): number => {
    assert.ok(
      Number.isInteger(p.line) &&
        Number.isInteger(p.character) &&
        p.line >= 0 &&
        p.character >= 0 &&
        p.line < lineStarts.length,
      `${what}: position ${JSON.stringify(p)} outside the ${lineStarts.length} lines`,
    );
    const o = lineStarts[p.line]! + p.character;
    assert.ok(o <= lineEnds[p.line]!, `${what}: position ${JSON.stringify(p)} past the end of its line`);
    return o;
  };
  for (const r of ranges) {
    const s = offset(r.start);
    const e = offset(r.end);
    assert.ok(s <= e, `${what}: range ends before it starts ${JSON.stringify(r)}`);
    assertNotInsidePair(text, s, what);
    assertNotInsidePair(text, e, what);
  }
}
