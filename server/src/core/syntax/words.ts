import type { ParsedText } from './parser';

/**
 * Word tokens of a document's prose. Markup (attribute lists), front matter
 * and code are skipped; optionally the contents of actor spans too.
 */
export interface Word {
  start: number;
  end: number;
}

/**
 * A word: a run of letters, digits and combining marks (Unicode L, N, M),
 * possibly joined by single `.`, `-` or `_` (U.S, Jean-Noël, J.D). Equivalent
 * to /[\p{L}\p{N}\p{M}]+(?:[.\-_][\p{L}\p{N}\p{M}]+)*\/gu (a property test
 * checks this) but scanned with char codes: ASCII is decided by comparisons,
 * other BMP characters once each through a cached table.
 */
export const WORD_PATTERN = /[\p{L}\p{N}\p{M}]+(?:[.\-_][\p{L}\p{N}\p{M}]+)*/gu;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** 0 = not yet known, 1 = word character, 2 = not (for code units 0x80–0xFFFF). */
const bmpTable = new Uint8Array(0x10000);

/** Length (1 or 2 code units) of the word character at `i`, or 0 if there is none. */
function wordCharAt(text: string, i: number, end: number): number {
  if (i >= end) return 0;
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpTable[c]!;
  if (known === 0) bmpTable[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Calls `each` for every word of text[from, to). */
export function scanWords(text: string, from: number, to: number, each: (start: number, end: number) => void): void {
  let i = from;
  while (i < to) {
    let n = wordCharAt(text, i, to);
    if (n === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (n > 0) {
        i += n;
        n = wordCharAt(text, i, to);
      }
      const j = text.charCodeAt(i);
      if (i < to && (j === 46 || j === 45 || j === 95)) {
        n = wordCharAt(text, i + 1, to);
        if (n > 0) {
          i++;
          continue;
        }
      }
      break;
    }
    each(start, i);
  }
}

/** Sorted, non-overlapping [start, end) intervals of text that is not prose. */
export function excludedRegions(parsed: ParsedText, extra: Array<[number, number]> = []): Array<[number, number]> {
  const regions: Array<[number, number]> = [[0, parsed.bodyStart], ...extra];
  for (const c of parsed.code) regions.push([c.start, c.end]);
  for (const k of parsed.skipped) regions.push([k.start, k.end]);
  for (const s of parsed.spans) regions.push([s.contentEnd, s.end]);
  regions.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of regions) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Calls `each` for every word outside the excluded regions, in order. */
export function forEachWord(
  text: string,
  excluded: Array<[number, number]>,
  each: (start: number, end: number) => void,
): void {
  let at = 0;
  for (const [s, e] of excluded) {
    if (s > at) scanWords(text, at, s, each);
    at = Math.max(at, e);
  }
  if (text.length > at) scanWords(text, at, text.length, each);
}

/**
 * The offsets of a text's words, in typed arrays kept from one {@link WordOffsets.collect} to the next: for checks
 * that run on every edit of a file, which would otherwise make two growing arrays of a word each. A module keeps
 * its own instance; `starts`, `ends` and `count` hold until its next `collect`.
 */
export class WordOffsets {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  count = 0;

  /** Collects the words outside `excluded` (see {@link forEachWord}); returns how many there are. */
  collect(text: string, excluded: Array<[number, number]>): number {
    this.count = 0;
    forEachWord(text, excluded, this.push);
    return this.count;
  }

  private readonly push = (start: number, end: number): void => {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
  };
}
