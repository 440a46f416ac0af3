/**
 * Tokens for the actor suggester: words (letters, digits and marks, joined by
 * single `.`, `-`, `_` or an apostrophe that does not start a possessive
 * `'s`), and every other non-space character as a token of its own. A dot
 * after an initial or a known abbreviation ("U.S.", "D.", "St.") belongs to
 * the word. Offsets are UTF-16 code units into the text given.
 */

export interface Tok {
  start: number;
  end: number;
  text: string;
  /** The token opens a sentence (or a line, or the text). */
  sentStart: boolean;
  /** A word (not punctuation). */
  word: boolean;
  /** A line break (or skipped text) separates the token from the one before. */
  lineStart: boolean;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+(?:(?:[.\-_]|['\u2019](?![sS](?![\p{L}\p{N}\p{M}])))[\p{L}\p{N}\p{M}]+)*|[^\s]/gu;
const WORD_START = /^[\p{L}\p{N}]/u;
/** Words after which a '.' is part of the word, not the end of a sentence. */
const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr St Jr Sr Inc Ltd Co Corp Gen Sen Rep Gov Lt Col Capt Prof Mt Ft Sgt Rev Hon Pres Adm Maj Cmdr Bros vs Messrs No Nos Dept Univ Ave Blvd Rd'.split(
    ' ',
  ),
);
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '\u2026']);
const TRANSPARENT = new Set(['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', ')', ']', '*', '_', '#', '>', '-', '|']);

/** Splits text[from, to) into tokens; `excluded` ranges (sorted, disjoint) are skipped and end sentences. */
export function tokenize(text: string, excluded: ReadonlyArray<readonly [number, number]> = []): Tok[] {
  const toks: Tok[] = [];
  let at = 0;
  let open = true;
  for (const [s, e] of excluded) {
    if (s > at) open = scan(text, at, s, toks, open);
    at = Math.max(at, e);
    if (e > s) open = open || /[\r\n]/.test(text.slice(s, e));
  }
  if (text.length > at) scan(text, at, text.length, toks, open);
  return toks;
}

function scan(text: string, from: number, to: number, toks: Tok[], open: boolean): boolean {
  const re = new RegExp(TOKEN.source, 'gu');
  const part = text.slice(from, to);
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(part)) !== null) {
    const newline = /[\r\n]/.test(part.slice(last, m.index));
    if (newline) open = true;
    let t = m[0];
    const word = WORD_START.test(t);
    if (word && part.charCodeAt(m.index + t.length) === 46 && (INITIALS.test(t) || ABBREVIATIONS.has(t))) {
      t += '.';
      re.lastIndex++;
    }
    // The first token of a stretch between skipped regions starts a line too.
    const lineStart = newline || last === 0;
    toks.push({ start: from + m.index, end: from + m.index + t.length, text: t, sentStart: open, word, lineStart });
    last = m.index + t.length;
    if (SENTENCE_END.has(t)) open = true;
    else if (!(open && TRANSPARENT.has(t))) open = false;
  }
  if (/[\r\n]/.test(part.slice(last))) open = true;
  return open;
}
