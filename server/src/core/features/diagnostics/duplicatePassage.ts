import type { SourceModel } from '../../model/source';
import { problem, type Problem } from '../../base/types';
import { excludedRegions, forEachWord } from '../../syntax/words';

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

/**
 * Finds passages of {@link PASSAGE_WORDS}+ words that occur twice in one
 * file (markup ignored, case-insensitive). Each repeat is reported on the
 * later copy, with related information pointing at the earlier one. Linear
 * time: windows are hashed with a rolling hash and candidates verified.
 */
const cache = new WeakMap<SourceModel, Problem[]>();

/** {@link findRepeatedPassages}, computed once per model (models are immutable). */
export function repeatedPassages(model: SourceModel): Problem[] {
  let found = cache.get(model);
  if (!found) cache.set(model, (found = findRepeatedPassages(model)));
  return found;
}

export function findRepeatedPassages(model: SourceModel): Problem[] {
  const { text, parsed } = model;
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  forEachWord(text, excludedRegions(parsed), (s, e) => {
    starts.push(s);
    ends.push(e);
    hashes.push(hashWord(text, s, e));
  });
  const n = starts.length;
  const W = PASSAGE_WORDS;
  if (n < 2 * W) return [];
  const words: string[] = new Array<string>(n);
  const word = (i: number): string => (words[i] ??= text.slice(starts[i], ends[i]).toLowerCase());

  // Rolling hash of each window of W words.
  const B = 0x9e3779b1 | 0;
  let pow = 1;
  for (let k = 0; k < W - 1; k++) pow = Math.imul(pow, B);
  const windows = new Int32Array(n - W + 1);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= W) h = (h - Math.imul(hashes[i - W]!, pow)) | 0;
    h = (Math.imul(h, B) + hashes[i]!) | 0;
    if (i >= W - 1) windows[i - W + 1] = h;
  }

  const seen = new Map<number, number[]>();
  const problems: Problem[] = [];
  let inserted = 0;
  let i = 0;
  while (i <= n - W) {
    // Only windows that end before this one starts may be its earlier copy.
    while (inserted <= i - W) {
      const list = seen.get(windows[inserted]!);
      if (list) list.push(inserted);
      else seen.set(windows[inserted]!, [inserted]);
      inserted++;
    }
    const candidates = seen.get(windows[i]!);
    let match = -1;
    if (candidates) {
      for (const j of candidates) {
        let same = true;
        for (let k = 0; k < W && same; k++) same = word(j + k) === word(i + k);
        if (same) {
          match = j;
          break;
        }
      }
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
