/**
 * Candidate names and their features. A candidate is a run of capitalised
 * words (joined by "of", "the", "and", "&", "de", "van", …) or any part of
 * such a run that starts and ends with a capitalised word: the classifier
 * (classifier.ts) decides which part, if any, is a name and of what type.
 * Features: the words, their shapes, the words around, where the part sits
 * in its run, gazetteers, and document-level evidence (is the word also
 * written in lower case in this text? capitalised in mid-sentence? is the
 * line in Title Case?). Shared by inference and by the trainer
 * (bench/suggest/train.ts), so that both see exactly the same features.
 */
import { isFirstName } from './firstNames';
import { COUNTRIES, DEMONYMS, ORG_HEADS, TITLES } from './gazetteer';
import type { Tok } from './tokens';

const UPPER = /\p{Lu}/u;
const UPPER_FIRST = /^[\p{Lu}\p{Lt}]/u;
const LOWER_FIRST = /^\p{Ll}/u;
/** Lower-case words that may join the capitalised words of one name. */
const CONNECTORS = new Set([
  'of',
  'the',
  'and',
  '&',
  'de',
  'del',
  'der',
  'van',
  'von',
  'la',
  'le',
  'du',
  'da',
  'di',
  'for',
  'on',
  'in',
  'al',
  'bin',
  'y',
]);
/** Longest candidate, in tokens. */
const MAX_LEN = 8;

/** "Mark" → "Xx", "U.S." → "X.X.", "2017" → "d", "McCain" → "XxXx". */
export function shape(w: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    const c = lo !== up ? (ch === up ? 'X' : 'x') : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

/** A word that can be (part of) a name: it has a capital letter or is a number inside a name. */
function isCap(t: Tok): boolean {
  return t.word && UPPER.test(t.text);
}

export interface Candidate {
  first: number;
  last: number;
  features: string[];
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
    if (LOWER_FIRST.test(t.text)) lower.add(t.text);
    else if (!t.sentStart && UPPER_FIRST.test(t.text)) capMid.add(t.text);
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
      if (UPPER_FIRST.test(w.text)) caps++;
    }
    const title = words >= 3 && caps / words >= 0.7;
    for (let k = i; k < j; k++) titleLine[k] = title;
    i = j;
  }
  return { lower, capMid, titleLine };
}

/** Maximal runs [first, last] of capitalised words and connectors (ending on a capitalised word). */
export function runs(toks: readonly Tok[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < toks.length) {
    if (!isCap(toks[i]!)) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < toks.length && !toks[j]!.lineStart && toks[j]!.start - toks[j - 1]!.end <= 1) {
      const t = toks[j]!;
      if (isCap(t) || (t.word && /^\d+$/.test(t.text) && last === j - 1)) {
        if (isCap(t)) last = j;
      } else if (!CONNECTORS.has(t.text) || j - last > 2) break;
      j++;
    }
    out.push([i, last]);
    i = last + 1;
  }
  return out;
}

function wordAt(toks: readonly Tok[], i: number): string {
  if (i < 0) return '<s>';
  if (i >= toks.length) return '</s>';
  return toks[i]!.text;
}

/** Every candidate of the text, with its features. */
export function candidates(toks: readonly Tok[], text: string): Candidate[] {
  const facts = docFacts(toks, text);
  const out: Candidate[] = [];
  for (const [r0, r1] of runs(toks))
    for (let a = r0; a <= r1; a++) {
      if (!isCap(toks[a]!)) continue;
      for (let b = a; b <= r1 && b - a < MAX_LEN; b++)
        if (isCap(toks[b]!)) out.push({ first: a, last: b, features: spanFeatures(toks, a, b, r0, r1, facts) });
    }
  return out;
}

function spanFeatures(toks: readonly Tok[], a: number, b: number, r0: number, r1: number, facts: DocFacts): string[] {
  const first = toks[a]!.text;
  const last = toks[b]!.text;
  const n = b - a + 1;
  const p1 = wordAt(toks, a - 1);
  const n1 = wordAt(toks, b + 1);
  const shapes: string[] = [];
  const f = [
    'bias',
    'n=' + Math.min(n, 5),
    'f=' + first,
    'l=' + last,
    'fl=' + first.toLowerCase(),
    'll=' + last.toLowerCase(),
    'ls3=' + last.slice(-3).toLowerCase(),
    'fs3=' + first.slice(-3).toLowerCase(),
    'p1=' + p1.toLowerCase(),
    'n1=' + n1.toLowerCase(),
    'p2=' + wordAt(toks, a - 2).toLowerCase(),
    'n2=' + wordAt(toks, b + 2).toLowerCase(),
    'p1n1=' + p1.toLowerCase() + '|' + n1.toLowerCase(),
    'cut=' + Math.min(a - r0, 2) + '|' + Math.min(r1 - b, 2),
    'psh=' + shape(p1),
    'nsh=' + shape(n1),
    'n12sh=' + shape(n1) + ' ' + shape(wordAt(toks, b + 2)),
    'p12sh=' + shape(wordAt(toks, a - 2)) + ' ' + shape(p1),
  ];
  for (let k = a; k <= b; k++) {
    const w = toks[k]!.text;
    f.push('w=' + w);
    shapes.push(shape(w));
  }
  f.push('shp=' + shapes.join(' '));
  const surface = toks
    .slice(a, b + 1)
    .map((t) => t.text)
    .join(' ');
  if (n === 1) f.push('one=' + shape(first) + (toks[a]!.sentStart ? '|ss' : ''));
  if (toks[a]!.sentStart) f.push('ss|n=' + Math.min(n, 3));
  if (facts.titleLine[a]) f.push('title|n=' + Math.min(n, 3));
  if (facts.lower.has(first.toLowerCase()))
    f.push('f-also-lower' + (toks[a]!.sentStart ? '|ss' : '') + (n === 1 ? '|1' : ''));
  if (facts.capMid.has(first)) f.push('f-cap-mid' + (toks[a]!.sentStart ? '|ss' : ''));
  if (COUNTRIES.has(surface)) f.push('gz=country');
  if (DEMONYMS.has(first) || DEMONYMS.has(first.replace(/s$/, ''))) f.push('gz=demonym-first|' + (n === 1 ? 1 : 2));
  if (ORG_HEADS.has(last)) f.push('gz=orghead-last');
  if (TITLES.has(first)) f.push('gz=title-first');
  if (isFirstName(first)) f.push('gz=firstname|' + Math.min(n, 3) + (toks[a]!.sentStart ? '|ss' : ''));
  if (n > 1 && isFirstName(toks[a + 1]!.text)) f.push('gz=firstname-second');
  if (TITLES.has(p1)) f.push('gz=title-before');
  if (ORG_HEADS.has(n1)) f.push('gz=orghead-after');
  if (n1 === "'" || n1 === '\u2019') f.push('poss');
  if (p1 === '(' && n1 === ')') f.push('paren|' + shape(first));
  return f;
}
