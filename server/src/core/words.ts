import type { ParsedText } from './parser';

/**
 * Word tokens of a document's prose. Markup (attribute lists), front matter
 * and code are skipped; optionally the contents of actor spans too.
 */
export interface Word {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:[.\-_][\p{L}\p{N}\p{M}]+)*/gu;

/** Sorted, non-overlapping [start, end) intervals of text that is not prose. */
export function excludedRegions(parsed: ParsedText, extra: Array<[number, number]> = []): Array<[number, number]> {
  const regions: Array<[number, number]> = [[0, parsed.bodyStart], ...extra];
  for (const c of parsed.code) regions.push([c.start, c.end]);
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
export function forEachWord(text: string, excluded: Array<[number, number]>, each: (start: number, end: number) => void): void {
  let at = 0;
  const scan = (from: number, to: number): void => {
    if (to <= from) return;
    const segment = text.slice(from, to);
    WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD.exec(segment))) each(from + m.index, from + m.index + m[0].length);
  };
  for (const [s, e] of excluded) {
    scan(at, s);
    at = Math.max(at, e);
  }
  scan(at, text.length);
}
