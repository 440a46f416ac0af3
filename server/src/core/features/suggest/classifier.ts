/**
 * The name classifier: an averaged perceptron that scores each candidate
 * (features.ts) for the classes none, person, org and place; the best
 * non-overlapping candidates whose best class beats "none" are the names.
 * Weights are plain data ({@link ClassifierWeights}), trained by
 * bench/suggest/train.ts.
 */
import { candidates } from './features';
import type { Tok } from './tokens';

export const CLASSES = ['none', 'person', 'org', 'place'] as const;
export type NameClass = Exclude<(typeof CLASSES)[number], 'none'>;

/** Weights: per feature, a flat list of [class index, weight × 1000] pairs. */
export interface ClassifierWeights {
  classes: readonly string[];
  weights: Record<string, number[]>;
}

export interface NameSpan {
  first: number;
  last: number;
  type: NameClass;
  /** Logistic of the margin over "none", scaled: in (0.5, 1). */
  confidence: number;
}

/** Margins are in the weights' arbitrary units; this scale maps them to confidences. */
const SCALE = 4;
/** Candidates whose best class beats none by more than this are kept (chosen on the dev split). */
const MIN_MARGIN = -4;

export class Classifier {
  /**
   * Feature → its row in `weights` (one weight per class). One array for all the rows, not one per feature: 17,000
   * typed arrays would cost three times their numbers in headers.
   */
  private readonly table = new Map<string, number>();
  private weights = new Float64Array(0);
  constructor(data: ClassifierWeights) {
    this.add(data.weights);
  }

  /** Adds features' weights (what {@link classifierSteps} does a part at a time). */
  add(weights: Record<string, number[]>): void {
    const entries = Object.entries(weights);
    const needed = (this.table.size + entries.length) * CLASSES.length;
    if (needed > this.weights.length) {
      const grown = new Float64Array(Math.max(needed, this.weights.length * 2));
      grown.set(this.weights);
      this.weights = grown;
    }
    for (const [f, pairs] of entries) {
      let row = this.table.get(f);
      if (row === undefined) this.table.set(f, (row = this.table.size));
      const at = row * CLASSES.length;
      this.weights.fill(0, at, at + CLASSES.length);
      for (let k = 0; k + 1 < pairs.length; k += 2) this.weights[at + pairs[k]!] = pairs[k + 1]! / 1000;
    }
  }

  scores(feats: readonly string[]): Float64Array {
    const s = new Float64Array(CLASSES.length);
    for (const f of feats) {
      const row = this.table.get(f);
      if (row === undefined) continue;
      const at = row * CLASSES.length;
      for (let k = 0; k < CLASSES.length; k++) s[k]! += this.weights[at + k]!;
    }
    return s;
  }

  /** The names in the tokens: best candidates first, never overlapping. */
  names(toks: readonly Tok[], text: string): NameSpan[] {
    const scored: NameSpan[] = [];
    for (const c of candidates(toks, text)) {
      const s = this.scores(c.features);
      let best = 1;
      for (let k = 2; k < CLASSES.length; k++) if (s[k]! > s[best]!) best = k;
      const margin = s[best]! - s[0]!;
      if (margin > MIN_MARGIN)
        scored.push({
          first: c.first,
          last: c.last,
          type: CLASSES[best] as NameClass,
          confidence: 1 / (1 + Math.exp(-margin / SCALE)),
        });
    }
    scored.sort((x, y) => y.confidence - x.confidence || x.first - y.first);
    const taken = new Uint8Array(toks.length);
    const out: NameSpan[] = [];
    for (const c of scored) {
      let free = true;
      for (let i = c.first; free && i <= c.last; i++) free = taken[i] === 0;
      if (!free) continue;
      taken.fill(1, c.first, c.last + 1);
      out.push(c);
    }
    return out.sort((x, y) => x.first - y.first);
  }
}

/** Features read per step by {@link classifierSteps}: about 2 ms of parsing. */
const FEATURES_PER_STEP = 1000;

/**
 * The classifier of `json` (a {@link ClassifierWeights} as JSON, its `weights` last), built a part at a time: each
 * `next()` parses and adds about FEATURES_PER_STEP features, the last returns the classifier, the same as
 * `new Classifier(JSON.parse(json))`. One JSON.parse of the shipped weights (0.5 MB) and the table built from it
 * take 40–55 ms in one step; a server loads them this way, between other work.
 */
export function* classifierSteps(json: string): Generator<void, Classifier> {
  const at = json.indexOf('"weights":{');
  if (at < 0) return new Classifier(JSON.parse(json) as ClassifierWeights);
  const classifier = new Classifier({ classes: [], weights: {} });
  let start = at + '"weights":{'.length;
  let depth = 0;
  let entries = 0;
  let inString = false;
  for (let i = start; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if (c === 93 /* ] */ || (c === 125 /* } */ && depth > 0)) depth--;
    else if ((c === 44 /* , */ && depth === 0 && ++entries % FEATURES_PER_STEP === 0) || c === 125) {
      // The end of an entry at the top of `weights` (every FEATURES_PER_STEP-th), or of `weights` itself.
      classifier.add(JSON.parse(`{${json.slice(start, i)}}`) as Record<string, number[]>);
      if (c === 125) return classifier;
      start = i + 1;
      yield;
    }
  }
  throw new Error('classifier weights: unterminated "weights"');
}
