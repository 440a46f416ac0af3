/**
 * duplicate-passage: a passage of {@link PASSAGE_WORDS} or more words that
 * occurs twice in one file, reported on the later copy. Its fix removes the
 * copy, with the markup and line breaks that go with it.
 */
import type { SourceModel } from '../../model/source';
import { problem, type Problem } from '../../base/types';
import { excludedRegions, WordOffsets } from '../../syntax/words';
import { parseText } from '../../syntax/parser';
import type { Context, Fixes } from '../editing/context';
import { afterBreak, countSyntax, isBlank, lineEndOf, lineStartOf, structureIntact } from '../editing/markup';

/** Words in a window: a repeat of at least this many consecutive words is reported. */
export const PASSAGE_WORDS = 20;

function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32; // ASCII case folding is enough for a hash; equality is checked exactly.
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

const cache = new WeakMap<SourceModel, Problem[]>();

/** {@link findRepeatedPassages}, computed once per model (models are immutable). */
export function repeatedPassages(model: SourceModel): Problem[] {
  let found = cache.get(model);
  if (!found) cache.set(model, (found = findRepeatedPassages(model)));
  return found;
}

/** Scratch storage of {@link findRepeatedPassages}, kept between calls (it runs on every edit of a file). */
const words = new WordOffsets();
let hashes: Int32Array = new Int32Array(1024);
let windows: Int32Array = new Int32Array(1024);
/** Per window inserted: the window inserted before it in the same bucket of `heads`, or -1. */
let chain: Int32Array = new Int32Array(1024);
/** Per bucket (a window's hash & mask): the last window inserted there, plus 1 (0: none). */
let heads: Int32Array = new Int32Array(2048);

/** `array` if it holds `n` numbers, or a larger one (its contents are not kept). */
function atLeast(array: Int32Array, n: number): Int32Array {
  return array.length >= n ? array : new Int32Array(Math.max(n, array.length * 2));
}

/**
 * Finds passages of {@link PASSAGE_WORDS}+ words that occur twice in one
 * file (markup ignored, case-insensitive). Each repeat is reported on the
 * later copy, with related information pointing at the earlier one. Linear
 * time: windows are hashed with a rolling hash and candidates verified. The
 * words, hashes and windows live in typed arrays kept between calls, and the
 * windows seen in a hash table of them: a call allocates only what it reports.
 */
export function findRepeatedPassages(model: SourceModel): Problem[] {
  const { text, parsed } = model;
  const n = words.collect(text, excludedRegions(parsed));
  const W = PASSAGE_WORDS;
  if (n < 2 * W) return [];
  const { starts, ends } = words;
  const count = n - W + 1;
  hashes = atLeast(hashes, n);
  windows = atLeast(windows, count);
  chain = atLeast(chain, count);
  let buckets = 2048;
  while (buckets < 2 * count) buckets *= 2;
  heads = atLeast(heads, buckets);
  heads.fill(0, 0, buckets);
  const mask = buckets - 1;
  for (let i = 0; i < n; i++) hashes[i] = hashWord(text, starts[i]!, ends[i]!);
  // Lower-cased words, made only for the windows whose hashes match (to verify them).
  let lower: string[] | undefined;
  const word = (i: number): string =>
    ((lower ??= new Array<string>(n))[i] ??= text.slice(starts[i], ends[i]).toLowerCase());

  // Rolling hash of each window of W words.
  const B = 0x9e3779b1 | 0;
  let pow = 1;
  for (let k = 0; k < W - 1; k++) pow = Math.imul(pow, B);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= W) h = (h - Math.imul(hashes[i - W]!, pow)) | 0;
    h = (Math.imul(h, B) + hashes[i]!) | 0;
    if (i >= W - 1) windows[i - W + 1] = h;
  }

  const problems: Problem[] = [];
  let inserted = 0;
  let i = 0;
  while (i <= n - W) {
    // Only windows that end before this one starts may be its earlier copy.
    while (inserted <= i - W) {
      const bucket = windows[inserted]! & mask;
      chain[inserted] = heads[bucket]! - 1;
      heads[bucket] = ++inserted;
    }
    // The earliest window with the same words.
    let match = -1;
    const hash = windows[i]!;
    for (let j = heads[hash & mask]! - 1; j >= 0; j = chain[j]!) {
      if (windows[j] !== hash) continue;
      let same = true;
      for (let k = 0; k < W && same; k++) same = word(j + k) === word(i + k);
      if (same) match = j;
    }
    if (match < 0) {
      i++;
      continue;
    }
    let length = W;
    while (i + length < n && match + length < i && word(match + length) === word(i + length)) length++;
    const from = starts[i]!;
    const to = ends[i + length - 1]!;
    const firstFrom = starts[match]!;
    const firstTo = ends[match + length - 1]!;
    const firstLine = model.lines.positionAt(firstFrom).line + 1;
    problems.push(
      problem('duplicate-passage', from, to, `this ${length}-word passage repeats the text at line ${firstLine}`, {
        related: [{ uri: model.uri, range: model.lines.rangeAt(firstFrom, firstTo), message: 'first occurrence' }],
        data: { words: length, firstStart: firstFrom, firstEnd: firstTo },
      }),
    );
    i += length;
  }
  return problems;
}

export const REMOVE_PASSAGE_TITLE = 'Remove the repeated passage';

export function fixes(f: Fixes<'duplicate-passage'>): void {
  const removal = passageRemoval(f.ctx, f.start, f.end);
  if (removal)
    f.add(REMOVE_PASSAGE_TITLE, [{ uri: f.uri, start: removal[0], end: removal[1], newText: '' }], { preferred: true });
}

/**
 * The range to delete for a repeated passage [start, end) (first to last
 * word). Markup at its edges is taken along when no other words are; whole
 * lines go with their line break (and one of the blank lines around them, if
 * they were a paragraph of their own); otherwise one adjacent space goes.
 */
function passageRemoval(ctx: Context, start: number, end: number): [number, number] | undefined {
  const { text, parsed } = ctx;
  let a = start;
  let b = end;
  // Take along spans that open before the passage or close after it, when they hold no other words.
  for (let changed = true, guard = 0; changed && guard < 1000; guard++) {
    changed = false;
    for (const s of parsed.spans) {
      if (s.end <= a || s.start >= b || (a <= s.start && s.end <= b) || (s.contentStart <= a && b <= s.contentEnd))
        continue;
      if (s.start < a && !ctx.hasProseWord(s.start, a)) {
        a = s.start;
        changed = true;
      } else if (s.end > b && !ctx.hasProseWord(b, s.end)) {
        b = s.end;
        changed = true;
      } else return undefined;
    }
  }
  if (!structureIntact(parsed, a, b)) return undefined;

  const candidates: Array<[number, number]> = [];
  const ls = lineStartOf(text, a);
  const le = lineEndOf(text, b);
  if (ls >= parsed.bodyStart && !ctx.hasProseWord(ls, a) && !ctx.hasProseWord(b, le)) {
    // Whole lines: they go with a line break.
    const breakBefore = (lineStart: number): number =>
      text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? 2 : 1;
    let from = ls;
    let to = afterBreak(text, le);
    if (to === le) {
      // The last line of the file: take the line break before it instead.
      if (from > parsed.bodyStart) from -= breakBefore(from);
    } else {
      // A paragraph of its own: one of the blank lines around it goes too.
      let prevBlank = from === parsed.bodyStart;
      if (!prevBlank) {
        const pe = from - breakBefore(from);
        prevBlank = isBlank(text, lineStartOf(text, pe), pe);
      }
      const nextEnd = lineEndOf(text, to);
      if (prevBlank && isBlank(text, to, nextEnd)) to = afterBreak(text, nextEnd);
    }
    candidates.push([from, to]);
  }
  if (text[b] === ' ') candidates.push([a, b + 1]);
  else if (text[a - 1] === ' ') candidates.push([a - 1, b]);
  candidates.push([a, b]);
  const problemsBefore = countSyntax(parsed);
  for (const [from, to] of candidates) {
    if (!structureIntact(parsed, from, to)) continue;
    const after = parseText(text.slice(0, from) + text.slice(to));
    const removedSpans = parsed.spans.filter((s) => from <= s.start && s.end <= to).length;
    if (after.spans.length === parsed.spans.length - removedSpans && countSyntax(after) <= problemsBefore)
      return [from, to];
  }
  return undefined;
}
