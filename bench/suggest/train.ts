/**
 * Trains the suggester's averaged-perceptron name classifier on the training part of the GUM sets (gum.ts) and writes
 * its weights to server/src/core/features/suggest/weights.ts. Run: `npx tsc -b && node out/bench/suggest/train.js
 * [epochs]`. Deterministic: documents are visited in a fixed pseudo-random order.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidates, type Candidate } from '../../server/src/core/features/suggest/features';
import { CLASSES, type NameClass } from '../../server/src/core/features/suggest/classifier';
import { tokenize, type Tok } from '../../server/src/core/features/suggest/tokens';
import { split, type GumDoc } from './gum';

/** The class of each candidate: the type of the outermost gold name it spans exactly, or none. */
export function labels(doc: GumDoc, toks: readonly Tok[], cands: readonly Candidate[]): number[] {
  const gold = new Map<string, string>();
  for (const e of doc.entities) if (!e.nested) gold.set(`${e.start}:${e.end}`, e.type);
  return cands.map((c) => {
    const t = gold.get(`${toks[c.first]!.start}:${toks[c.last]!.end}`);
    return t ? CLASSES.indexOf(t as NameClass) : 0;
  });
}

class Averaged {
  readonly w = new Map<string, Float64Array>();
  private readonly acc = new Map<string, Float64Array>();
  private readonly ts = new Map<string, Float64Array>();
  c = 1;
  private vec(m: Map<string, Float64Array>, f: string): Float64Array {
    let v = m.get(f);
    if (!v) m.set(f, (v = new Float64Array(CLASSES.length)));
    return v;
  }
  score(feats: readonly string[], out: Float64Array): void {
    for (const f of feats) {
      const v = this.w.get(f);
      if (v) for (let k = 0; k < CLASSES.length; k++) out[k]! += v[k]!;
    }
  }
  update(feats: readonly string[], k: number, delta: number): void {
    for (const f of feats) {
      const w = this.vec(this.w, f);
      const acc = this.vec(this.acc, f);
      const ts = this.vec(this.ts, f);
      acc[k]! += (this.c - ts[k]!) * w[k]!;
      ts[k] = this.c;
      w[k]! += delta;
    }
  }
  averaged(): Map<string, Float64Array> {
    const out = new Map<string, Float64Array>();
    for (const [f, w] of this.w) {
      const acc = this.acc.get(f)!;
      const ts = this.ts.get(f)!;
      out.set(
        f,
        w.map((x, k) => (acc[k]! + (this.c - ts[k]!) * x) / this.c),
      );
    }
    return out;
  }
}

interface Example {
  features: string[];
  label: number;
}

/** Candidates and labels of the training documents, and how many gold names no candidate spans exactly. */
export function examples(docs: readonly GumDoc[]): { examples: Example[]; gold: number; covered: number } {
  const out: Example[] = [];
  let gold = 0;
  let covered = 0;
  for (const doc of docs) {
    const toks = tokenize(doc.text);
    const cands = candidates(toks, doc.text);
    const ls = labels(doc, toks, cands);
    cands.forEach((c, i) => out.push({ features: c.features, label: ls[i]! }));
    gold += doc.entities.filter((e) => !e.nested).length;
    covered += ls.filter((l) => l !== 0).length;
  }
  return { examples: out, gold, covered };
}

function epoch(model: Averaged, data: readonly Example[]): number {
  let errors = 0;
  const scores = new Float64Array(CLASSES.length);
  for (const ex of data) {
    scores.fill(0);
    model.score(ex.features, scores);
    let best = 0;
    for (let k = 1; k < CLASSES.length; k++) if (scores[k]! > scores[best]!) best = k;
    if (best !== ex.label) {
      errors++;
      model.update(ex.features, ex.label, 1);
      model.update(ex.features, best, -1);
    }
    model.c++;
  }
  return errors;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function main(): void {
  const epochs = Number(process.argv[2] ?? 15);
  const minWeight = Number(process.argv[3] ?? 0.05);
  const { train } = split();
  const data = examples(train);
  console.log(`${data.examples.length} candidates; ${data.covered} of ${data.gold} gold names are candidates`);
  const minCount = Number(process.argv[6] ?? 1);
  if (minCount > 1) {
    const seen = new Map<string, number>();
    for (const ex of data.examples) for (const f of ex.features) seen.set(f, (seen.get(f) ?? 0) + 1);
    for (const ex of data.examples) ex.features = ex.features.filter((f) => seen.get(f)! >= minCount);
  }
  const bags = Number(process.argv[4] ?? 1);
  const seed = Number(process.argv[5] ?? 0);
  const sum = new Map<string, Float64Array>();
  for (let bag = 0; bag < bags; bag++) {
    const model = new Averaged();
    for (let e = 0; e < epochs; e++)
      console.log(
        `model ${bag + 1}, epoch ${e + 1}: ${epoch(model, shuffled(data.examples, 1000 * (bag + seed) + e + 1))} errors`,
      );
    for (const [f, v] of model.averaged()) {
      const acc = sum.get(f) ?? new Float64Array(CLASSES.length);
      v.forEach((x, k) => (acc[k]! += x / bags));
      sum.set(f, acc);
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [f, v] of sum) {
    const pairs: number[] = [];
    v.forEach((x, k) => {
      if (Math.abs(x) >= minWeight) pairs.push(k, Math.round(x * 1000));
    });
    if (pairs.length > 0) weights[f] = pairs;
  }
  const json = JSON.stringify({ classes: CLASSES, weights });
  const out = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'features', 'suggest', 'weights.ts');
  writeFileSync(
    out,
    "/**\n * Weights of the suggester's tagger (classifier.ts), generated by bench/suggest/train.ts from the training\n" +
      ' * part of the GUM corpus (github.com/amir-zeldes/gum, commit 72ce5ac1; annotations CC BY 4.0 by the GUM\n' +
      ' * annotators; texts from Wikinews CC BY 2.5, Wikipedia and Wikivoyage CC BY-SA 3.0, academic and court\n' +
      ' * texts CC BY 4.0). Derived data: keep this attribution. Do not edit by hand.\n */\n' +
      `export const WEIGHTS_JSON = ${JSON.stringify(json)};\n`,
  );
  console.log(`${Object.keys(weights).length} features, ${json.length} bytes -> ${out}`);
}

if (require.main === module) main();
