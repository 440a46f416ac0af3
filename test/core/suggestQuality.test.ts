/**
 * The quality floor of the actor suggester: measured on the held-out GUM documents vendored under
 * test/fixtures/gum/ (the shipped model was not trained on them; see bench/suggest/gum.ts for the split and the
 * fixtures' README for the licence), scored as `npm run eval` scores them (bench/suggest/quality.ts), against
 * the outermost gold names. Deterministic: the same model on the same texts gives the same figures.
 *
 * Each floor is set a little under the figure measured when it was set (2026-12-02, `npm run eval`), so that
 * a change that makes suggestions measurably worse fails here; after a measured improvement, raise the floors
 * to just under the new figures (and update docs/suggestions.md).
 */
import * as assert from 'node:assert/strict';
import { GENRES, vendoredHeldOut, type GumDoc } from '../../bench/suggest/gum';
import { evaluate, figure, type Evaluation } from '../../bench/suggest/quality';
import { scoreAttributions } from '../../bench/suggest/attributions';

interface Floors {
  typedExactF1: number;
  typedOverlapF1: number;
  anyOverlapRecall: number;
  anyOverlapPrecision: number;
}

/**
 * Measured 2026-12-02 (`npm run eval`, the weights of `train.js 15 0.5 5`): held-out news-dev (6 docs) typed
 * exact F1 0.761, typed overlap F1 0.790, any-type overlap R 0.858 / P 0.898; all held-out docs (33) 0.694,
 * 0.728, R 0.805 / P 0.862. Floors 0.03 under on news (a small set) and 0.02 under on all.
 */
const FLOORS: Record<'news' | 'all', Floors> = {
  news: { typedExactF1: 0.731, typedOverlapF1: 0.76, anyOverlapRecall: 0.828, anyOverlapPrecision: 0.868 },
  all: { typedExactF1: 0.674, typedOverlapF1: 0.708, anyOverlapRecall: 0.785, anyOverlapPrecision: 0.842 },
};

function check(e: Evaluation, floors: Floors, label: string): void {
  const measured: Floors = {
    typedExactF1: figure(e, 'typed exact').f,
    typedOverlapF1: figure(e, 'typed overlap').f,
    anyOverlapRecall: figure(e, 'any overlap').r,
    anyOverlapPrecision: figure(e, 'any overlap').p,
  };
  for (const k of Object.keys(floors) as Array<keyof Floors>)
    assert.ok(
      measured[k] >= floors[k],
      `${label}: ${k} ${measured[k].toFixed(3)} is below its floor ${floors[k]} (all: ${JSON.stringify(measured)})`,
    );
}

describe('suggested actors: quality floor on held-out GUM documents', () => {
  let news: GumDoc[] = [];
  let all: GumDoc[] = [];
  before(() => {
    news = vendoredHeldOut('news-dev');
    all = GENRES.flatMap((g) => vendoredHeldOut(g));
  });

  it('vendors the held-out documents of every genre', () => {
    assert.equal(news.length, 6);
    assert.equal(all.length, 33);
    for (const d of all) for (const e of d.entities) assert.equal(d.text.slice(e.start, e.end), e.text, d.doc);
  });

  it('stays above its floors on held-out news', () => {
    check(evaluate(news, true), FLOORS.news, 'held-out news-dev');
  });

  it('stays above its floors on all held-out documents', () => {
    check(evaluate(all, true), FLOORS.all, 'all held-out documents');
  });
});

/**
 * The claim suggester's floor, on the gold attributions of the same held-out documents (vendored beside them),
 * scored as `npm run eval` scores them (bench/suggest/attributions.ts; every suggestion, minConfidence 0).
 * Measured 2026-12-02: held-out news-dev speaker found R 0.795 / P 0.938 (39 gold), all held-out R 0.433 /
 * P 0.874 (208 gold). One news attribution is 0.026 of recall: the floors allow about two fewer.
 */
const CLAIM_FLOORS: Record<'news' | 'all', { speakerRecall: number; speakerPrecision: number }> = {
  news: { speakerRecall: 0.74, speakerPrecision: 0.9 },
  all: { speakerRecall: 0.41, speakerPrecision: 0.85 },
};

describe('suggested claims: quality floor on held-out GUM attributions', () => {
  for (const set of ['news', 'all'] as const)
    it(`stays above its floors on held-out ${set === 'news' ? 'news' : 'documents of every genre'}`, () => {
      const docs = set === 'news' ? vendoredHeldOut('news-dev') : GENRES.flatMap((g) => vendoredHeldOut(g));
      const c = scoreAttributions(docs, { from: 'vendored' });
      assert.equal(c.gold, set === 'news' ? 39 : 208, 'the vendored gold attributions');
      const recall = c.speakerFound / c.gold;
      const precision = c.speakerRight / Math.max(1, c.suggested);
      const floors = CLAIM_FLOORS[set];
      assert.ok(recall >= floors.speakerRecall, `speaker found ${recall.toFixed(3)} < ${floors.speakerRecall}`);
      assert.ok(
        precision >= floors.speakerPrecision,
        `speaker precision ${precision.toFixed(3)} < ${floors.speakerPrecision}`,
      );
    });
});
