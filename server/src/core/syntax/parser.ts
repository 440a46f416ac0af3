/**
 * The span scanner. It reads a `*.seed.md` text once, left to right, and
 * finds Pandoc bracketed spans (`[text]{.class #id key=value}`), the front
 * matter block, and code regions that are not scanned. It never throws and
 * never recurses: nesting is tracked with an explicit stack, and every loop
 * advances, so the work is linear in the input.
 */

import { problem, type Problem } from '../base/types';
import { DEFAULT_LIMITS } from '../base/limits';

/** A token inside an attribute list, with its offsets in the document. */
export interface Token {
  value: string;
  start: number;
  end: number;
}

export interface Attribute {
  key: string;
  /** The value with quotes removed and backslash escapes resolved. */
  value: string;
  keyStart: number;
  keyEnd: number;
  /** Offsets of the value as written, including quotes if any. */
  valueStart: number;
  valueEnd: number;
  quoted: boolean;
}

export interface Span {
  /** Offset of the opening `[`. */
  start: number;
  /** Offset just after the closing `}` of the attribute list. */
  end: number;
  /** Offset just after `[`. */
  contentStart: number;
  /** Offset of the closing `]`. */
  contentEnd: number;
  /** Offset of the `{` that opens the attribute list. */
  attrStart: number;
  classes: Token[];
  id?: Token;
  attributes: Attribute[];
  /** Index of the innermost enclosing span in {@link ParsedText.spans}, or -1. */
  parent: number;
  depth: number;
}

export interface FrontMatterBlock {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset just after the closing delimiter line (including its line break). */
  end: number;
  /** The YAML text between the delimiters. */
  contentStart: number;
  contentEnd: number;
}

export interface ParsedText {
  frontMatter?: FrontMatterBlock;
  /** Offset at which the Markdown body starts (after BOM and front matter). */
  bodyStart: number;
  /** Spans ordered by start offset (outer before inner). */
  spans: Span[];
  /** Regions that were not scanned: inline code and fenced code blocks. */
  code: Array<{ start: number; end: number }>;
  /**
   * Markup that belongs to no span: the attribute list after a `]` with no
   * `[`, and brackets nested past the limit with their attribute lists. Kept
   * as prose by {@link stripMarkup}, but not text to annotate: a span written
   * inside would not be read as one.
   */
  skipped: Array<{ start: number; end: number }>;
  problems: Problem[];
}

/** Two of the limits of the analysis (base/limits.ts); a limit left out has its default (`DEFAULT_LIMITS`). */
export interface ParseOptions {
  /** Deepest span nesting analysed; deeper `[` are treated as text and reported once. */
  maxNesting?: number;
  /** Longest attribute list, in UTF-16 code units, looked at before giving up. */
  maxAttributeLength?: number;
}

const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BACKTICK = 96;
const TILDE = 126;
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Offset of the start of the line after the one containing `i` (or text length). */
function nextLineStart(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === NL) return j + 1;
    if (c === CR) return text.charCodeAt(j + 1) === NL ? j + 2 : j + 1;
  }
  return text.length;
}

/** Whether the rest of the line from `i` contains the character `c`. */
function lineHas(text: string, i: number, c: number): boolean {
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === c) return true;
    if (d === NL || d === CR) return false;
  }
  return false;
}

function isBlankLine(text: string, lineStart: number): boolean {
  let j = lineStart;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  if (j >= text.length) return true;
  const c = text.charCodeAt(j);
  return c === NL || c === CR;
}

/**
 * If the line at `lineStart` opens a fenced code block (up to three spaces,
 * then at least three backticks or tildes; a backtick fence's info string has
 * no backtick), the fence character and length.
 */
function fenceAt(text: string, lineStart: number): { char: number; length: number } | undefined {
  let j = lineStart;
  while (j < lineStart + 3 && text.charCodeAt(j) === SPACE) j++;
  const f = text.charCodeAt(j);
  if (f !== BACKTICK && f !== TILDE) return undefined;
  let k = j;
  while (text.charCodeAt(k) === f) k++;
  if (k - j < 3 || (f === BACKTICK && lineHas(text, k, BACKTICK))) return undefined;
  return { char: f, length: k - j };
}

/** A line that is `---` or `...` with optional trailing blanks (front matter delimiters). */
function isDelimiterLine(text: string, lineStart: number, allowDots: boolean): boolean {
  const first = text.charCodeAt(lineStart);
  if (!(first === 45 /* - */ || (allowDots && first === 46) /* . */)) return false;
  if (text.charCodeAt(lineStart + 1) !== first || text.charCodeAt(lineStart + 2) !== first) return false;
  let j = lineStart + 3;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return j >= text.length || text.charCodeAt(j) === NL || text.charCodeAt(j) === CR;
}

/** Finds the front matter block, if the text opens with one. */
export function findFrontMatter(text: string, problems: Problem[]): { block?: FrontMatterBlock; bodyStart: number } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!isDelimiterLine(text, start, false)) return { bodyStart: start };
  const contentStart = nextLineStart(text, start);
  let line = contentStart;
  while (line < text.length) {
    if (isDelimiterLine(text, line, true)) {
      const end = nextLineStart(text, line);
      return { block: { start, end, contentStart, contentEnd: line }, bodyStart: end };
    }
    line = nextLineStart(text, line);
  }
  problems.push(
    problem(
      'front-matter',
      start,
      start + 3,
      "front matter is never closed: add a line '---' after the last YAML line (the file is read as Markdown from here)",
    ),
  );
  return { bodyStart: start };
}

interface AttributeListResult {
  /** Offset just after the closing `}`; -1 if the list is never closed. */
  end: number;
  classes: Token[];
  id?: Token;
  attributes: Attribute[];
}

const NAME_CHAR = /[\p{L}\p{N}_:.\-]/u;

/** A character of a class, id or key name: letters, digits, `_ : . -` (ASCII decided without a regex). */
function isNameChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80)
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45;
  return NAME_CHAR.test(ch);
}

/** Whether the line break at `j` ends the paragraph (a blank line or the end of the text follows). */
function atParagraphEnd(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (c !== NL && c !== CR) return false;
  return isBlankLine(text, nextLineStart(text, j)) || nextLineStart(text, j) >= text.length;
}

/** Whether `c` ends an attribute token: whitespace, a line break or `}`. */
function endsToken(c: number): boolean {
  return c === RBRACE || isSpace(c) || c === NL || c === CR;
}

/** Offset of the end of the token that goes on at `k` (the next whitespace, line break or `}`), at most `limit`. */
function tokenEnd(text: string, k: number, limit: number): number {
  while (k < limit && !endsToken(text.charCodeAt(k))) k++;
  return k;
}

/**
 * Parses the attribute list whose `{` is at `open`. Stops at the matching
 * `}`, at a blank line (end of paragraph), or after `maxLength` code units.
 * Its problems are reported only if the list closes. One loop over the
 * tokens, with the common cases inline and the rest in helpers: a method call
 * per token measured 6-20% slower on parseText (2,000 generated articles).
 */
function parseAttributeList(text: string, open: number, maxLength: number, problems: Problem[]): AttributeListResult {
  const limit = Math.min(text.length, open + 1 + maxLength);
  const result: AttributeListResult = { end: -1, classes: [], attributes: [] };
  const local: Problem[] = [];
  const seenKeys = new Map<string, number>();
  let i = open + 1;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === RBRACE) {
      result.end = i + 1;
      problems.push(...local);
      return result;
    }
    if (c === NL || c === CR) {
      if (atParagraphEnd(text, i)) break;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 46 /* . */ || c === 35 /* # */) {
      i = readClassOrId(text, i, limit, result, local);
      continue;
    }
    // key=value
    let j = i;
    while (j < limit && isNameChar(text[j]!)) j++;
    const key = text.slice(i, j);
    if (text.charCodeAt(j) !== 61 /* = */ || key.length === 0) {
      i = notKeyValue(text, i, j, limit, key, local);
      continue;
    }
    const keyEnd = j;
    const valueStart = j + 1;
    const quoted = text.charCodeAt(valueStart) === QUOTE;
    let value: string;
    if (quoted) {
      j = readQuoted(text, valueStart + 1, limit);
      if (!lastQuoted.closed) {
        result.end = unclosedQuote(text, key, valueStart, j, local);
        break;
      }
      value = lastQuoted.value;
      j = afterQuoted(text, key, j, limit, local);
    } else {
      j = tokenEnd(text, valueStart, limit);
      value = text.slice(valueStart, j);
      if (value.length === 0) {
        local.push(problem('malformed-attribute', i, j, `'${key}=' has no value`));
        i = j;
        continue;
      }
    }
    if (seenKeys.has(key)) {
      local.push(problem('malformed-attribute', i, keyEnd, `'${key}' is given twice in this attribute list`));
    } else {
      seenKeys.set(key, result.attributes.length);
      result.attributes.push({ key, value, keyStart: i, keyEnd, valueStart, valueEnd: j, quoted });
    }
    i = j;
  }
  if (result.end > 0) problems.push(...local);
  return result;
}

/** Reads `.class` or `#id` at `i` (`c` is its first character) into `result`; returns the offset after it. */
function readClassOrId(text: string, i: number, limit: number, result: AttributeListResult, local: Problem[]): number {
  const c = text.charCodeAt(i);
  let j = i + 1;
  while (j < limit && isNameChar(text[j]!)) j++;
  const value = text.slice(i + 1, j);
  if (j < limit && !endsToken(text.charCodeAt(j))) {
    // Junk glued to the name, e.g. `.actor"x`: report the whole token.
    const k = tokenEnd(text, j, limit);
    local.push(
      problem(
        'malformed-attribute',
        i,
        k,
        `unexpected character '${String.fromCodePoint(text.codePointAt(j)!)}' in ${c === 46 ? 'class' : 'id'} '${text.slice(i, k)}'`,
      ),
    );
    return k;
  }
  if (value.length === 0) {
    local.push(problem('malformed-attribute', i, j, c === 46 ? "empty class name after '.'" : "empty id after '#'"));
  } else if (c === 46) {
    result.classes.push({ value, start: i + 1, end: j });
  } else if (result.id) {
    local.push(problem('malformed-attribute', i, j, `a span has one id; '#${value}' repeats '#${result.id.value}'`));
  } else {
    result.id = { value, start: i + 1, end: j };
  }
  return j;
}

/** Reports a token at `tokStart` that is none of `.class`, `#id`, `key=value` (the name read ends at `j`); returns its end. */
function notKeyValue(text: string, tokStart: number, j: number, limit: number, key: string, local: Problem[]): number {
  const k = tokenEnd(text, j === tokStart ? tokStart + 1 : j, limit);
  const tok = text.slice(tokStart, k);
  const hint = key.length > 0 && j === k ? ` (did you mean '.${key}' or '${key}=…'?)` : '';
  local.push(
    problem('malformed-attribute', tokStart, k, `expected '.class', '#id' or 'key=value' but found '${tok}'${hint}`),
  );
  return k;
}

/** The value read by the last {@link readQuoted}, escapes resolved, and whether its closing quote was found. */
const lastQuoted = { value: '', closed: false };

/**
 * Reads a quoted value from just after its opening quote into {@link lastQuoted}
 * (one shared object: no allocation per value); returns the offset after the
 * closing quote, or where the value stopped.
 */
function readQuoted(text: string, from: number, limit: number): number {
  let j = from;
  let v = '';
  let closed = false;
  while (j < limit) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH && j + 1 < limit) {
      v += text[j + 1];
      j += 2;
      continue;
    }
    if (d === QUOTE) {
      closed = true;
      j++;
      break;
    }
    if ((d === NL || d === CR) && atParagraphEnd(text, j)) break;
    v += text[j];
    j++;
  }
  lastQuoted.value = v;
  lastQuoted.closed = closed;
  return j;
}

/**
 * A quoted value never closed (it stopped at `j`): the list ends at the first
 * `}` after the opening quote, if any. Returns the list's end, or -1.
 */
function unclosedQuote(text: string, key: string, valueStart: number, j: number, local: Problem[]): number {
  let end = -1;
  for (let b = valueStart; b < j; b++) {
    if (text.charCodeAt(b) === RBRACE) {
      end = b;
      break;
    }
  }
  if (end < 0) return -1;
  local.push(
    problem('malformed-attribute', valueStart, end, `the quoted value of '${key}' is never closed: add '"' before '}'`),
  );
  return end + 1;
}

/** Reports text glued after a closing quote at `j`; returns the end of the value's token. */
function afterQuoted(text: string, key: string, j: number, limit: number, local: Problem[]): number {
  if (j >= limit || endsToken(text.charCodeAt(j))) return j;
  const k = tokenEnd(text, j, limit);
  local.push(problem('malformed-attribute', j, k, `unexpected text after the quoted value of '${key}'`));
  return k;
}

/**
 * The backtick runs of one paragraph, grouped by length, so that finding the
 * run that closes an inline code span is amortised O(1) (a naive forward
 * search per opening run is quadratic on adversarial input).
 */
interface BacktickRuns {
  /** Offset at which the paragraph ends. */
  end: number;
  /** Start of the first run of exactly `length` backticks at or after `from`, or -1. */
  next(length: number, from: number): number;
}

function collectBacktickRuns(text: string, from: number): BacktickRuns {
  const byLength = new Map<number, { starts: number[]; at: number }>();
  let j = from;
  let end = text.length;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === BACKTICK) {
      let m = j;
      while (text.charCodeAt(m) === BACKTICK) m++;
      let entry = byLength.get(m - j);
      if (!entry) byLength.set(m - j, (entry = { starts: [], at: 0 }));
      entry.starts.push(j);
      j = m;
      continue;
    }
    if (d === NL || d === CR) {
      const next = nextLineStart(text, j);
      // A blank line ends the paragraph, and so does a fence (it interrupts a paragraph).
      if (next >= text.length || isBlankLine(text, next) || fenceAt(text, next)) {
        end = next;
        break;
      }
      j = next;
      continue;
    }
    j++;
  }
  return {
    end,
    next(length: number, after: number): number {
      const entry = byLength.get(length);
      if (!entry) return -1;
      while (entry.at < entry.starts.length && entry.starts[entry.at]! < after) entry.at++;
      return entry.at < entry.starts.length ? entry.starts[entry.at]! : -1;
    },
  };
}

/** ASCII characters the scanner must look at: line breaks, `\\`, backtick, `[` and `]`. */
const SPECIAL = new Uint8Array(128);
for (const c of [NL, CR, BACKSLASH, BACKTICK, LBRACKET, RBRACKET]) SPECIAL[c] = 1;
/** The characters of SPECIAL, to find the next one with a native search (global: it searches from lastIndex). */
const NEXT_SPECIAL = /[\n\r\\`[\]]/g;

interface OpenBracket {
  offset: number;
}

/**
 * The state of one scan, shared by its steps: what was found so far, the
 * stack of open brackets, and cursors that keep the look-aheads amortised.
 * One object per scan, always of this shape.
 */
class Scan {
  readonly problems: Problem[] = [];
  readonly spans: Span[] = [];
  readonly code: Array<{ start: number; end: number }> = [];
  readonly skipped: Array<{ start: number; end: number }> = [];
  readonly stack: OpenBracket[] = [];
  /** Start of the current run of brackets nested past the limit (they and their attribute lists are skipped). */
  private deepStart = -1;
  /** '[' past maxNesting are text; their ']' are counted off here so they do not close analysed spans. */
  private tooDeep = 0;
  private depthReported = false;
  private runs: BacktickRuns | undefined = undefined;
  /**
   * Offset of the next '}' at or after the last attribute list looked at: an
   * attribute list can only close there, so a list with none in reach fails at once.
   */
  private nextBrace = -2;
  /**
   * Likewise the next line break, for the end of a line: scanning to it afresh for
   * each of many unclosed attribute lists on one long line would be quadratic.
   */
  private nextBreak = -2;
  /** The last paragraph-end search of {@link paragraphEndWithin}: where it started, stopped, and what it found. */
  private scanFrom = -1;
  private scanTo = -1;
  private scanFound = -1;

  constructor(
    readonly text: string,
    readonly maxNesting: number,
    readonly maxAttr: number,
  ) {}

  /** Whether a '}' is within the attribute length limit of the `{` at `open`. */
  private braceWithin(open: number): boolean {
    if (this.nextBrace !== -1 && this.nextBrace < open) this.nextBrace = this.text.indexOf('}', open);
    return this.nextBrace >= 0 && this.nextBrace - open <= this.maxAttr;
  }

  /** Offset of the end of the line that goes on at `from`. */
  private lineEndFrom(from: number): number {
    if (this.nextBreak !== -1 && this.nextBreak < from) {
      this.nextBreak = -1;
      const text = this.text;
      for (let j = from; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === NL || d === CR) {
          this.nextBreak = j;
          break;
        }
      }
    }
    return this.nextBreak < 0 ? this.text.length : this.nextBreak;
  }

  /**
   * The end of the paragraph from `from`, looked for up to `limit` (a blank line, or `limit`).
   * Amortised: `from` only grows, and a scan resumes where the last one stopped.
   */
  private paragraphEndWithin(from: number, limit: number): number {
    if (this.scanFound >= from && this.scanFrom <= from) return Math.min(this.scanFound, limit);
    let j = this.scanFrom <= from && this.scanTo > from && this.scanFound < 0 ? this.scanTo : from;
    this.scanFrom = from;
    this.scanFound = -1;
    const text = this.text;
    for (; j < limit; j++) {
      const d = text.charCodeAt(j);
      if ((d === NL || d === CR) && isBlankLine(text, nextLineStart(text, j))) {
        this.scanFound = j;
        break;
      }
    }
    this.scanTo = j;
    return Math.min(j, limit);
  }

  /** Ends the paragraph at `at`: reports the brackets left open and ends a run of too-deep brackets. */
  closeParagraph(at: number): void {
    for (const open of this.stack) this.reportUnclosed(open.offset);
    this.stack.length = 0;
    const deepStart = this.deepStart;
    if (deepStart >= 0)
      this.skipped.push({ start: deepStart, end: Math.max(deepStart + 1, Math.min(at, this.text.length)) });
    this.deepStart = -1;
    this.tooDeep = 0;
  }

  /** Reports the '[' at `offset`, never closed. */
  private reportUnclosed(offset: number): void {
    const text = this.text;
    // A '{' shortly after on the same line suggests a forgotten ']' (look a bounded distance only).
    let brace = -1;
    for (let j = offset + 1, stop = Math.min(text.length, offset + 200); j < stop; j++) {
      const d = text.charCodeAt(j);
      if (d === NL || d === CR || d === RBRACKET) break;
      if (d === LBRACE) {
        brace = j;
        break;
      }
    }
    this.problems.push(
      problem(
        'malformed-span',
        offset,
        offset + 1,
        brace > 0
          ? "'[' is never closed: did you forget ']' before '{'?"
          : "'[' is never closed: close the span with ']{…}', or write '\\[' for a literal bracket",
      ),
    );
  }

  /** Skips the fenced code block whose opening line starts at `start`; returns the offset after it. */
  fencedBlock(start: number, fence: { char: number; length: number }): number {
    const text = this.text;
    const n = text.length;
    let line = nextLineStart(text, start);
    let end = n;
    while (line < n) {
      let s = line;
      while (s < line + 3 && text.charCodeAt(s) === SPACE) s++;
      let run = 0;
      while (text.charCodeAt(s + run) === fence.char) run++;
      if (run >= fence.length) {
        let t = s + run;
        while (isSpace(text.charCodeAt(t))) t++;
        if (t >= n || text.charCodeAt(t) === NL || text.charCodeAt(t) === CR) {
          end = nextLineStart(text, line);
          break;
        }
      }
      line = nextLineStart(text, line);
    }
    this.code.push({ start, end });
    return end;
  }

  /** Reads the backtick run at `i`: an inline code span if a run as long closes it, else text. Returns where to go on. */
  backticks(i: number): number {
    const text = this.text;
    let k = i;
    while (text.charCodeAt(k) === BACKTICK) k++;
    const runLength = k - i;
    if (!this.runs || i >= this.runs.end) this.runs = collectBacktickRuns(text, i);
    const closeStart = this.runs.next(runLength, k);
    // An unmatched run is literal text.
    if (closeStart < 0) return k;
    const closeEnd = closeStart + runLength;
    this.code.push({ start: i, end: closeEnd });
    return closeEnd;
  }

  /** Opens a span at the '[' at `i`, or counts it as too deep. */
  openBracket(i: number): void {
    if (this.stack.length < this.maxNesting) {
      this.stack.push({ offset: i });
      return;
    }
    if (this.tooDeep === 0) this.deepStart = i;
    this.tooDeep++;
    if (this.depthReported) return;
    this.depthReported = true;
    this.problems.push(
      problem(
        'malformed-span',
        i,
        i + 1,
        `spans nested deeper than ${this.maxNesting} levels are not analysed (limit: corroborate.limits.maxNesting)`,
      ),
    );
  }

  /** Reads the ']' at `i` and the attribute list after it, if any; returns where to go on. */
  closeBracket(i: number): number {
    const hasAttrs = this.text.charCodeAt(i + 1) === LBRACE;
    if (this.tooDeep > 0) return this.closeTooDeep(i, hasAttrs);
    const open = this.stack.pop();
    if (!open) return this.unmatchedClose(i, hasAttrs);
    if (!hasAttrs) return i + 1;
    const attrs = this.braceWithin(i + 1)
      ? parseAttributeList(this.text, i + 1, this.maxAttr, this.problems)
      : { end: -1, classes: [], attributes: [] };
    if (attrs.end < 0) return this.unclosedList(i);
    const span: Span = {
      start: open.offset,
      end: attrs.end,
      contentStart: open.offset + 1,
      contentEnd: i,
      attrStart: i + 1,
      classes: attrs.classes,
      attributes: attrs.attributes,
      parent: -1,
      depth: 0,
    };
    if (attrs.id) span.id = attrs.id;
    this.spans.push(span);
    return attrs.end;
  }

  /** Closes a '[' that was too deep to analyse: skips its attribute list, if any. */
  private closeTooDeep(i: number, hasAttrs: boolean): number {
    this.tooDeep--;
    const attrs =
      hasAttrs && this.braceWithin(i + 1) ? parseAttributeList(this.text, i + 1, this.maxAttr, []) : undefined;
    const next = attrs && attrs.end > 0 ? attrs.end : i + 1;
    if (this.tooDeep === 0) {
      this.skipped.push({ start: this.deepStart, end: next });
      this.deepStart = -1;
    }
    return next;
  }

  /** A ']' with no '[': reported and its attribute list skipped, if it has one. */
  private unmatchedClose(i: number, hasAttrs: boolean): number {
    if (!hasAttrs) return i + 1;
    this.problems.push(problem('malformed-span', i, i + 1, "']' has no matching '[': open the span with '['"));
    const attrs = this.braceWithin(i + 1) ? parseAttributeList(this.text, i + 1, this.maxAttr, []) : undefined;
    if (attrs && attrs.end > 0) this.skipped.push({ start: i, end: attrs.end });
    return attrs && attrs.end > 0 ? attrs.end : i + 2;
  }

  /** Reports the attribute list after the ']' at `i`, never closed, and skips what could close it. */
  private unclosedList(i: number): number {
    const { maxAttr } = this;
    const n = this.text.length;
    const lineEnd = this.lineEndFrom(i + 1);
    const stop = Math.min(lineEnd, i + 1 + maxAttr);
    // A '}' later on the same line, beyond the limit: the list is too long rather than unclosed.
    const tooLong = this.nextBrace >= 0 && this.nextBrace < lineEnd && this.nextBrace - (i + 1) > maxAttr;
    this.problems.push(
      problem(
        'malformed-span',
        i + 1,
        Math.max(i + 2, stop),
        tooLong
          ? `the attribute list is longer than ${maxAttr} characters, so it is read as never closed (limit: corroborate.limits.maxAttributeLength)`
          : "the attribute list '{' is never closed: add '}'",
      ),
    );
    // Up to the end of the paragraph (within the limit), a '}' written later would close this list:
    // not a place to write markup.
    this.skipped.push({
      start: i + 1,
      end: Math.max(i + 2, this.paragraphEndWithin(i + 1, Math.min(n, i + 2 + maxAttr))),
    });
    return i + 2;
  }
}

/**
 * The per-character loop: scans the body from `from`. Most characters are
 * prose and skipped with a native search; the rest are dispatched to `scan`.
 */
function scanBody(scan: Scan, from: number): void {
  const text = scan.text;
  const n = text.length;
  let i = from;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Most characters are prose: a native search jumps to the next character that is not.
    if (!lineStart && (c >= 128 || SPECIAL[c] === 0)) {
      NEXT_SPECIAL.lastIndex = i + 1;
      i = NEXT_SPECIAL.test(text) ? NEXT_SPECIAL.lastIndex - 1 : n;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (isBlankLine(text, i)) {
        scan.closeParagraph(i);
        i = nextLineStart(text, i);
        lineStart = true;
        continue;
      }
      // Fenced code block: up to three spaces, then ``` or ~~~.
      const fence = fenceAt(text, i);
      if (fence) {
        scan.closeParagraph(i);
        i = scan.fencedBlock(i, fence);
        lineStart = true;
        continue;
      }
    }
    if (c === NL || c === CR) {
      i = c === CR && text.charCodeAt(i + 1) === NL ? i + 2 : i + 1;
      lineStart = true;
    } else if (c === BACKSLASH) {
      i += i + 1 < n && isAsciiPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
    } else if (c === BACKTICK) {
      i = scan.backticks(i);
    } else if (c === LBRACKET) {
      scan.openBracket(i);
      i++;
    } else if (c === RBRACKET) {
      i = scan.closeBracket(i);
    } else {
      i++;
    }
  }
  scan.closeParagraph(n);
}

/** Orders spans by start (they were recorded as they closed, inner first) and links each to its parent. */
function linkParents(spans: Span[]): void {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const open: number[] = [];
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    while (open.length > 0 && spans[open[open.length - 1]!]!.end <= span.start) open.pop();
    if (open.length > 0) {
      span.parent = open[open.length - 1]!;
      span.depth = open.length;
    }
    open.push(s);
  }
}

/**
 * Scans a document. `text` is the document text exactly as the editor has
 * it (a leading BOM, if present, is skipped but still counts as one code unit).
 */
export function parseText(text: string, options: ParseOptions = {}): ParsedText {
  const scan = new Scan(
    text,
    options.maxNesting ?? DEFAULT_LIMITS.maxNesting,
    options.maxAttributeLength ?? DEFAULT_LIMITS.maxAttributeLength,
  );
  const { problems, spans, code, skipped } = scan;
  const { block, bodyStart } = findFrontMatter(text, problems);
  scanBody(scan, bodyStart);
  linkParents(spans);
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  skipped.sort((a, b) => a.start - b.start);
  const result: ParsedText = { bodyStart, spans, code, skipped, problems };
  if (block) result.frontMatter = block;
  return result;
}

/**
 * The prose of a document: the body with every span's markup removed
 * (`[text]{attrs}` becomes `text`), front matter dropped. Escapes are kept as
 * written. This is what an annotation must never change.
 */
export function stripMarkup(text: string, parsed: ParsedText = parseText(text)): string {
  let out = '';
  let at = parsed.bodyStart;
  for (const [from, to] of markupCuts(parsed)) {
    out += text.slice(at, from);
    at = to;
  }
  return out + text.slice(at);
}

/**
 * The markup {@link stripMarkup} removes, as [from, to) offsets in order: each
 * span's `[` and its `]{…}`, in the body only, none overlapping another.
 */
export function markupCuts(parsed: ParsedText): Array<[number, number]> {
  const cuts: Array<[number, number]> = [];
  for (const span of parsed.spans) {
    cuts.push([span.start, span.start + 1]);
    cuts.push([span.contentEnd, span.end]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const kept: Array<[number, number]> = [];
  let at = parsed.bodyStart;
  for (const cut of cuts) {
    if (cut[0] < at) continue;
    kept.push(cut);
    at = cut[1];
  }
  return kept;
}
