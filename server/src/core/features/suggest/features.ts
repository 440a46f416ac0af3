/**
 * Token features for the named-entity tagger: the word, its shape, affixes,
 * its neighbours, gazetteer membership, and document-level evidence (is the
 * word also written in lower case in this text? capitalised in mid-sentence?
 * is its line in Title Case?). Shared by inference and by the trainer
 * (bench/suggest/train.ts), so that both see exactly the same features.
 */
import { COUNTRIES, DEMONYMS, ORG_HEADS, TITLES } from './gazetteer';
import type { Tok } from './tokens';

const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;

/** "Mark" → "Xx", "U.S." → "X.X.", "2017" → "d", "McCain" → "XxXx". */
export function shape(w: string): string {
  let out = '';
  let prev = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

export function isCapitalised(w: string): boolean {
  return UPPER.test(w);
}

/** Per-document facts about words, computed once. */
interface DocFacts {
  lower: Set<string>;
  capMid: Set<string>;
  titleLine: boolean[];
}

function docFacts(toks: readonly Tok[], text: string): DocFacts {
  const lower = new Set<string>();
  const capMid = new Set<string>();
  for (const t of toks) {
    if (!t.word) continue;
    if (LOWER.test(t.text)) lower.add(t.text);
    else if (!t.sentStart && UPPER.test(t.text)) capMid.add(t.text);
  }
  const titleLine = new Array<boolean>(toks.length).fill(false);
  let i = 0;
  while (i < toks.length) {
    let j = i + 1;
    while (j < toks.length && !/[\r\n]/.test(text.slice(toks[j - 1]!.end, toks[j]!.start))) j++;
    let words = 0;
    let caps = 0;
    for (let k = i; k < j; k++) {
      const w = toks[k]!;
      if (!w.word || w.text.length < 4) continue;
      words++;
      if (UPPER.test(w.text)) caps++;
    }
    const title = words >= 3 && caps / words >= 0.7;
    for (let k = i; k < j; k++) titleLine[k] = title;
    i = j;
  }
  return { lower, capMid, titleLine };
}

function wordAt(toks: readonly Tok[], i: number): string {
  if (i < 0) return '<s>';
  if (i >= toks.length) return '</s>';
  return toks[i]!.text;
}

/** The features of every token that do not depend on the tags before it. */
export function staticFeatures(toks: readonly Tok[], text: string): string[][] {
  const facts = docFacts(toks, text);
  return toks.map((t, i) => tokenFeatures(toks, i, facts));
}

function tokenFeatures(toks: readonly Tok[], i: number, facts: DocFacts): string[] {
  const t = toks[i]!;
  const w = t.text;
  const lw = w.toLowerCase();
  const sh = shape(w);
  const cap = UPPER.test(w);
  const p1 = wordAt(toks, i - 1);
  const n1 = wordAt(toks, i + 1);
  const f = [
    'b',
    'w=' + w,
    'l=' + lw,
    'sh=' + sh,
    'p3=' + lw.slice(0, 3),
    's3=' + lw.slice(-3),
    's2=' + lw.slice(-2),
    'p1=' + p1.toLowerCase(),
    'n1=' + n1.toLowerCase(),
    'p2=' + wordAt(toks, i - 2).toLowerCase(),
    'n2=' + wordAt(toks, i + 2).toLowerCase(),
    'psh=' + shape(p1),
    'nsh=' + shape(n1),
    'p1w=' + p1.toLowerCase() + '|' + sh,
    'n1w=' + n1.toLowerCase() + '|' + sh,
    'len=' + Math.min(w.length, 6),
  ];
  if (t.sentStart) f.push('ss|' + sh);
  if (facts.titleLine[i]) f.push('title|' + sh);
  if (cap) {
    if (facts.lower.has(lw)) f.push('cap-also-lower' + (t.sentStart ? '|ss' : ''));
    if (facts.capMid.has(w)) f.push('cap-mid' + (t.sentStart ? '|ss' : ''));
  }
  if (COUNTRIES.has(w)) f.push('gz=country');
  if (DEMONYMS.has(w) || DEMONYMS.has(w.replace(/s$/, ''))) f.push('gz=demonym');
  if (ORG_HEADS.has(w)) f.push('gz=orghead');
  if (TITLES.has(w)) f.push('gz=title');
  if (TITLES.has(p1)) f.push('gz=after-title');
  if (ORG_HEADS.has(n1)) f.push('gz=before-orghead');
  if (i + 1 < toks.length && (n1 === "'" || n1 === '\u2019') && wordAt(toks, i + 2).toLowerCase() === 's')
    f.push('poss');
  return f;
}

/** Features that depend on the previous tags (added at each step of the greedy decoder). */
export function dynamicFeatures(prev: string, prev2: string, shapeHere: string): string[] {
  return ['t1=' + prev, 't12=' + prev2 + '|' + prev, 't1sh=' + prev + '|' + shapeHere];
}
