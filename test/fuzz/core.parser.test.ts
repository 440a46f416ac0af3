import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { assertOffsets, fuzz, mutatedSeed, NASTY, runs, SEED } from './coreFuzz';

/**
 * The parser and the model on arbitrary strings and on mutated seeds: never
 * throw, every offset range lies inside the text and does not split a
 * surrogate pair, and the time grows linearly with the input.
 */

const URI = 'file:///ws/fuzz.seed.md';

function checkParse(text: string): void {
  const parsed = parseText(text);
  assertOffsets(text, 'problem', parsed.problems);
  assertOffsets(text, 'code region', parsed.code);
  assertOffsets(text, 'skipped markup', parsed.skipped);
  assertOffsets(
    text,
    'span',
    parsed.spans.map((s) => ({ start: s.start, end: s.end })),
  );
  for (const s of parsed.spans) {
    assertOffsets(
      text,
      'attribute',
      s.attributes.map((a) => ({ start: a.keyStart, end: a.valueEnd })),
    );
    assertOffsets(text, 'class or id', [...s.classes, ...(s.id ? [s.id] : [])]);
  }
  assert.ok(stripMarkup(text, parsed).length <= text.length);
  const model = buildSourceModel(URI, text);
  assertOffsets(text, 'model problem', model.problems);
  assertOffsets(text, 'mention', model.mentions);
  assertOffsets(text, 'claim', model.claims);
  for (const c of model.claims) assertOffsets(text, 'link', c.links);
}

/** Any UTF-16 code unit, lone surrogates, CR and NUL included, mixed with markup characters. */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);

describe('core fuzz: parser', function () {
  this.timeout(0);

  it(`parseText and buildSourceModel on full-Unicode strings (seed ${SEED})`, () => {
    fuzz(
      'parser: full unicode strings',
      [fc.string({ unit: 'binary', maxLength: 300 })],
      checkParse,
      runs(5000, 500_000),
    );
  });

  it(`parseText and buildSourceModel on strings of markup, lone surrogates, CR and NUL (seed ${SEED})`, () => {
    fuzz('parser: markup, surrogates, CR, NUL', [fc.string({ unit, maxLength: 400 })], checkParse, runs(5000, 500_000));
  });

  it(`parseText and buildSourceModel on mutated seeds (seed ${SEED})`, () => {
    fuzz('parser: mutated seeds', [mutatedSeed(30)], (s) => checkParse(s.text), runs(150, 40_000));
  });

  it('time grows linearly: 8 times the input never costs more than 24 times the time', () => {
    // Ratios, not absolute timings: a random chunk repeated n and 8n times.
    let pairs = 0;
    const timeOf = (text: string): number => {
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        buildSourceModel(URI, text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    fuzz(
      'parser: linear time (ratio of 8x input)',
      [fc.string({ unit, minLength: 1, maxLength: 60 })],
      (chunk) => {
        const small = chunk.repeat(Math.ceil(20_000 / chunk.length));
        const large = chunk.repeat(Math.ceil(160_000 / chunk.length));
        pairs++;
        // A garbage collection or a JIT tier-up can make one measurement 10x slow: a quadratic
        // scan is slow every time, so the bound must fail on three attempts in a row.
        let last = '';
        for (let attempt = 0; attempt < 3; attempt++) {
          const ts = timeOf(small);
          const tl = timeOf(large);
          // Below 2 ms the clock and the collector are noise: compare against at least 2 ms
          // (a quadratic scan taking 1 ms at 20k takes 64 ms at 160k, over the bound).
          if (tl <= 24 * Math.max(ts, 2)) return;
          last = `${ts.toFixed(2)} ms for ${small.length}, ${tl.toFixed(2)} ms for ${large.length}`;
        }
        assert.fail(`${JSON.stringify(chunk)}: ${last} (three times)`);
      },
      runs(8, 400),
      () => ({ pairs }),
    );
  });
});
