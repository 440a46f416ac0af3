/**
 * Dictionary matching of known names (registry names and aliases, names
 * annotated elsewhere in the workspace) over the suggester's tokens. Names
 * are compared by key: case folded, diacritics removed, dots dropped ("U.S."
 * = "US" = "us"), curly apostrophes straightened. The possessive "'s" is a
 * token of its own, so "Rutte's" matches "Rutte". A match must start with a
 * capital letter or a digit (so that the pronoun "us" is not "US"); the
 * longest name wins.
 */
import type { ActorKind } from '../../../../../common/actors';
import { tokenize, type Tok } from './tokens';

export interface NameEntry {
  name: string;
  id: string;
  kind?: ActorKind;
  /** 'registry' or 'known' (annotated in another source). */
  from: 'registry' | 'known';
}

export interface NameMatch {
  first: number;
  /** Index of the last token (inclusive). */
  last: number;
  entry: NameEntry;
}

/** The comparison key of one token's text. */
export function tokenKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/\./g, '');
}

/** The keys of a name's tokens ('.' alone dropped): "U.S. Army" → ["us", "army"]. */
export function nameKeys(name: string): string[] {
  return tokenize(name)
    .map((t) => tokenKey(t.text))
    .filter((k) => k !== '');
}

/** Entries read per step by {@link NameMatcher.steps} (about 1 ms). */
const ENTRIES_PER_STEP = 50;

export class NameMatcher {
  private readonly byFirst = new Map<string, Array<{ keys: string[]; entry: NameEntry }>>();
  constructor(entries: Iterable<NameEntry>) {
    for (const entry of entries) this.add(entry);
    this.sort();
  }

  /**
   * The matcher of `entries`, built a part at a time: each `next()` reads ENTRIES_PER_STEP entries, the last returns
   * the matcher (the same as `new NameMatcher(entries)`).
   */
  static *steps(entries: Iterable<NameEntry>): Generator<void, NameMatcher> {
    const matcher = new NameMatcher([]);
    let n = 0;
    for (const entry of entries) {
      matcher.add(entry);
      if (++n % ENTRIES_PER_STEP === 0) yield;
    }
    matcher.sort();
    return matcher;
  }

  /**
   * Entries of the same keys are all kept, in order: the first that `match` is not told to skip wins (the others
   * match exactly where it does).
   */
  private add(entry: NameEntry): void {
    const keys = nameKeys(entry.name);
    if (keys.length === 0) return;
    const list = this.byFirst.get(keys[0]!);
    if (list) list.push({ keys, entry });
    else this.byFirst.set(keys[0]!, [{ keys, entry }]);
  }

  /** Longest names first; of one length, in the order given (a stable sort). */
  private sort(): void {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  }

  get size(): number {
    return this.byFirst.size;
  }

  /**
   * Non-overlapping matches, left to right, longest first. `free(i)` tells whether token i may be used; entries for
   * which `skip` is true are left out (as if the matcher had been built without them).
   */
  match(
    toks: readonly Tok[],
    keys: readonly string[],
    free: (i: number) => boolean,
    skip?: (entry: NameEntry) => boolean,
  ): NameMatch[] {
    const out: NameMatch[] = [];
    for (let i = 0; i < toks.length; i++) {
      const list = this.byFirst.get(keys[i]!);
      if (!list || !free(i) || !/^[\p{Lu}\p{Lt}\p{N}]/u.test(toks[i]!.text)) continue;
      for (const c of list) {
        if (skip?.(c.entry)) continue;
        let j = i;
        let ok = true;
        for (let k = 1; ok && k < c.keys.length; k++) {
          j++;
          while (j < toks.length && keys[j] === '' && toks[j]!.text === '.') j++;
          ok = j < toks.length && keys[j] === c.keys[k] && free(j) && !lineBreakBetween(toks[j - 1]!, toks[j]!);
        }
        if (!ok) continue;
        out.push({ first: i, last: j, entry: c.entry });
        i = j;
        break;
      }
    }
    return out;
  }
}

/** Names are matched across at most two characters of space between tokens, on one line. */
function lineBreakBetween(a: Tok, b: Tok): boolean {
  return b.lineStart || b.start - a.end > 2;
}
