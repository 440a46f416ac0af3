/**
 * The GUM entity sets of ../shared/corpora/gum (see its README: annotations CC BY 4.0, texts CC BY 2.5 /
 * CC BY-SA 3.0 / CC BY 4.0 by genre), their train/dev split, and span scoring. Used by the trainer, by
 * `npm run eval` and (on the held-out documents vendored under test/fixtures/gum/) by
 * test/core/suggestQuality; nothing from here is shipped except the trained weights (see weights.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GumType = 'person' | 'org' | 'place';
export interface GumEntity {
  start: number;
  end: number;
  type: GumType;
  text: string;
  nested: boolean;
}
export interface GumDoc {
  doc: string;
  text: string;
  entities: GumEntity[];
  genre: string;
}

export const GENRES = ['news-dev', 'interview', 'bio', 'academic', 'court', 'voyage'] as const;

export function gumDir(): string {
  return process.env.GUM_DIR ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpora', 'gum');
}

/** The documents of one JSON-lines file in the format of the shared `<genre>.entities.jsonl`. */
export function loadJsonl(path: string, genre: string): GumDoc[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.filter((l) => l.trim()).map((l) => ({ ...(JSON.parse(l) as Omit<GumDoc, 'genre'>), genre }));
}

export function loadGenre(genre: string): GumDoc[] {
  return loadJsonl(join(gumDir(), `${genre}.entities.jsonl`), genre);
}

/** The held-out documents of one genre, from the shared sets. */
export function heldOut(genre: string): GumDoc[] {
  return loadGenre(genre).filter((_, i) => isDev(genre, i));
}

/** Where the held-out documents are vendored for the tests (`<genre>.held-out.jsonl`; see vendor.ts). */
export function fixturesDir(): string {
  return join(__dirname, '..', '..', '..', 'test', 'fixtures', 'gum');
}

/** The held-out documents of one genre as vendored under test/fixtures/gum/: needs no ../shared. */
export function vendoredHeldOut(genre: string): GumDoc[] {
  return loadJsonl(join(fixturesDir(), `${genre}.held-out.jsonl`), genre);
}

/**
 * The split, fixed before any measurement: in news-dev every second document (1, 3, 5, …) is held out, in
 * the other genres every third (2, 5, 8, …). The rest is training data.
 */
export function isDev(genre: string, index: number): boolean {
  return genre === 'news-dev' ? index % 2 === 1 : index % 3 === 2;
}

export function split(): { train: GumDoc[]; dev: GumDoc[] } {
  const train: GumDoc[] = [];
  const dev: GumDoc[] = [];
  for (const g of GENRES) loadGenre(g).forEach((d, i) => (isDev(g, i) ? dev : train).push(d));
  return { train, dev };
}

export interface Scored {
  start: number;
  end: number;
  type?: GumType;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Matches predictions to gold one to one: exact span (and type if typed), or any overlap. */
export function count(gold: readonly Scored[], pred: readonly Scored[], typed: boolean, exact: boolean): Counts {
  const used = new Array<boolean>(gold.length).fill(false);
  let tp = 0;
  for (const p of pred) {
    const k = gold.findIndex(
      (g, i) =>
        !used[i] &&
        (!typed || g.type === p.type) &&
        (exact ? g.start === p.start && g.end === p.end : g.start < p.end && p.start < g.end),
    );
    if (k >= 0) {
      used[k] = true;
      tp++;
    }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

export function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}
