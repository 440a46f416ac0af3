/**
 * A greedy left-to-right averaged-perceptron tagger (BIO tags over person,
 * org and place), the classic fast sequence labeller: for each token, the
 * score of a tag is the sum of the weights of the token's features for that
 * tag. Weights are plain data ({@link TaggerWeights}), trained by
 * bench/suggest/train.ts.
 */
import { dynamicFeatures, shape, staticFeatures } from './features';
import type { Tok } from './tokens';

export const TAGS = ['O', 'B-person', 'I-person', 'B-org', 'I-org', 'B-place', 'I-place'] as const;
export type Tag = (typeof TAGS)[number];

/** Weights: per feature, a sparse list of [tag index, weight × 1000] pairs flattened. */
export interface TaggerWeights {
  tags: readonly string[];
  weights: Record<string, number[]>;
}

export interface Tagged {
  tags: Tag[];
  /** Per token, the softmax probability of the chosen tag (scores in thousandths, temperature 1). */
  probs: number[];
}

/** Whether `tag` may follow `prev` (I-x only after B-x or I-x). */
export function allowed(prev: string, tag: string): boolean {
  return !tag.startsWith('I-') || prev.slice(2) === tag.slice(2);
}

export class Tagger {
  private readonly table: Map<string, Float64Array>;
  private readonly n: number;
  constructor(data: TaggerWeights) {
    this.n = data.tags.length;
    this.table = new Map();
    for (const [f, pairs] of Object.entries(data.weights)) {
      const v = new Float64Array(this.n);
      for (let k = 0; k + 1 < pairs.length; k += 2) v[pairs[k]!] = pairs[k + 1]! / 1000;
      this.table.set(f, v);
    }
  }

  /** Adds the weights of `feats` to `scores`. */
  score(feats: readonly string[], scores: Float64Array): void {
    for (const f of feats) {
      const v = this.table.get(f);
      if (!v) continue;
      for (let k = 0; k < this.n; k++) scores[k]! += v[k]!;
    }
  }

  tag(toks: readonly Tok[], text: string): Tagged {
    const stat = staticFeatures(toks, text);
    const tags: Tag[] = [];
    const probs: number[] = [];
    const scores = new Float64Array(this.n);
    let prev = '<s>';
    let prev2 = '<s>';
    for (let i = 0; i < toks.length; i++) {
      scores.fill(0);
      this.score(stat[i]!, scores);
      this.score(dynamicFeatures(prev, prev2, shape(toks[i]!.text)), scores);
      let best = 0;
      for (let k = 1; k < this.n; k++)
        if (allowed(prev, TAGS[k]!) && (scores[k]! > scores[best]! || !allowed(prev, TAGS[best]!))) best = k;
      let z = 0;
      for (let k = 0; k < this.n; k++) if (allowed(prev, TAGS[k]!)) z += Math.exp(scores[k]! - scores[best]!);
      tags.push(TAGS[best]!);
      probs.push(1 / z);
      prev2 = prev;
      prev = TAGS[best]!;
    }
    return { tags, probs };
  }
}
