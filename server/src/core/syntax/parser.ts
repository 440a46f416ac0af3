import { problem, type Problem } from '../base/types';

/**
 * The span scanner. It reads a `*.seed.md` text once, left to right, and
 * finds Pandoc bracketed spans (`[text]{.class #id key=value}`), the front
 * matter block, and code regions that are not scanned. It never throws and
 * never recurses: nesting is tracked with an explicit stack, and every loop
 * advances, so the work is linear in the input.
 */

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

export interface ParseOptions {
  /** Deepest span nesting analysed; deeper `[` are treated as text and reported once. */
  maxDepth?: number;
  /** Longest attribute list, in UTF-16 code units, looked at before giving up. */
  maxAttributeLength?: number;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_ATTRIBUTE_LENGTH = 4096;

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

/**
 * Parses the attribute list whose `{` is at `open`. Stops at the matching
 * `}`, at a blank line (end of paragraph), or after `maxLength` code units.
 */
function parseAttributeList(text: string, open: number, maxLength: number, problems: Problem[]): AttributeListResult {
  const limit = Math.min(text.length, open + 1 + maxLength);
  const result: AttributeListResult = { end: -1, classes: [], attributes: [] };
  const local: Problem[] = [];
  const seenKeys = new Map<string, number>();
  let i = open + 1;

  const atParagraphEnd = (j: number): boolean => {
    const c = text.charCodeAt(j);
    if (c !== NL && c !== CR) return false;
    return isBlankLine(text, nextLineStart(text, j)) || nextLineStart(text, j) >= text.length;
  };

  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === RBRACE) {
      result.end = i + 1;
      problems.push(...local);
      return result;
    }
    if (c === NL || c === CR) {
      if (atParagraphEnd(i)) break;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    // Read one attribute token: up to whitespace or `}` (quoted values may hold both).
    const tokStart = i;
    if (c === 46 /* . */ || c === 35 /* # */) {
      let j = i + 1;
      while (j < limit && isNameChar(text[j]!)) j++;
      const value = text.slice(i + 1, j);
      const after = text.charCodeAt(j);
      if (j < limit && !(after === RBRACE || isSpace(after) || after === NL || after === CR)) {
        // Junk glued to the name, e.g. `.actor"x`: report the whole token.
        let k = j;
        while (
          k < limit &&
          !isSpace(text.charCodeAt(k)) &&
          text.charCodeAt(k) !== RBRACE &&
          text.charCodeAt(k) !== NL &&
          text.charCodeAt(k) !== CR
        )
          k++;
        local.push(
          problem(
            'malformed-attribute',
            tokStart,
            k,
            `unexpected character '${String.fromCodePoint(text.codePointAt(j)!)}' in ${c === 46 ? 'class' : 'id'} '${text.slice(tokStart, k)}'`,
          ),
        );
        i = k;
        continue;
      }
      if (value.length === 0) {
        local.push(
          problem('malformed-attribute', tokStart, j, c === 46 ? "empty class name after '.'" : "empty id after '#'"),
        );
      } else if (c === 46) {
        result.classes.push({ value, start: i + 1, end: j });
      } else if (result.id) {
        local.push(
          problem('malformed-attribute', tokStart, j, `a span has one id; '#${value}' repeats '#${result.id.value}'`),
        );
      } else {
        result.id = { value, start: i + 1, end: j };
      }
      i = j;
      continue;
    }
    // key=value
    let j = i;
    while (j < limit && isNameChar(text[j]!)) j++;
    const key = text.slice(i, j);
    if (text.charCodeAt(j) !== 61 /* = */ || key.length === 0) {
      let k = j === i ? i + 1 : j;
      while (
        k < limit &&
        !isSpace(text.charCodeAt(k)) &&
        text.charCodeAt(k) !== RBRACE &&
        text.charCodeAt(k) !== NL &&
        text.charCodeAt(k) !== CR
      )
        k++;
      const tok = text.slice(tokStart, k);
      const hint = key.length > 0 && j === k ? ` (did you mean '.${key}' or '${key}=…'?)` : '';
      local.push(
        problem(
          'malformed-attribute',
          tokStart,
          k,
          `expected '.class', '#id' or 'key=value' but found '${tok}'${hint}`,
        ),
      );
      i = k;
      continue;
    }
    const keyEnd = j;
    j++; // skip '='
    const valueStart = j;
    let value: string;
    let quoted = false;
    if (text.charCodeAt(j) === QUOTE) {
      quoted = true;
      j++;
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
        if ((d === NL || d === CR) && atParagraphEnd(j)) break;
        v += text[j];
        j++;
      }
      if (!closed) {
        // Recover: the list ends at the first `}` after the opening quote, if any.
        let end = -1;
        for (let b = valueStart; b < j; b++) {
          if (text.charCodeAt(b) === RBRACE) {
            end = b;
            break;
          }
        }
        if (end < 0) break;
        local.push(
          problem(
            'malformed-attribute',
            valueStart,
            end,
            `the quoted value of '${key}' is never closed: add '"' before '}'`,
          ),
        );
        result.end = end + 1;
        problems.push(...local);
        return result;
      }
      value = v;
      const after = text.charCodeAt(j);
      if (j < limit && !(after === RBRACE || isSpace(after) || after === NL || after === CR)) {
        let k = j;
        while (
          k < limit &&
          !isSpace(text.charCodeAt(k)) &&
          text.charCodeAt(k) !== RBRACE &&
          text.charCodeAt(k) !== NL &&
          text.charCodeAt(k) !== CR
        )
          k++;
        local.push(problem('malformed-attribute', j, k, `unexpected text after the quoted value of '${key}'`));
        j = k;
      }
    } else {
      while (j < limit) {
        const d = text.charCodeAt(j);
        if (isSpace(d) || d === RBRACE || d === NL || d === CR) break;
        j++;
      }
      value = text.slice(valueStart, j);
      if (value.length === 0) {
        local.push(problem('malformed-attribute', tokStart, j, `'${key}=' has no value`));
        i = j;
        continue;
      }
    }
    const previous = seenKeys.get(key);
    if (previous !== undefined) {
      local.push(problem('malformed-attribute', tokStart, keyEnd, `'${key}' is given twice in this attribute list`));
    } else {
      seenKeys.set(key, result.attributes.length);
      result.attributes.push({ key, value, keyStart: tokStart, keyEnd, valueStart, valueEnd: j, quoted });
    }
    i = j;
  }
  return result;
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
 * Scans a document. `text` is the document text exactly as the editor has
 * it (a leading BOM, if present, is skipped but still counts as one code unit).
 */
export function parseText(text: string, options: ParseOptions = {}): ParsedText {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxAttr = options.maxAttributeLength ?? DEFAULT_MAX_ATTRIBUTE_LENGTH;
  const problems: Problem[] = [];
  const { block, bodyStart } = findFrontMatter(text, problems);
  const spans: Span[] = [];
  const code: Array<{ start: number; end: number }> = [];
  const skipped: Array<{ start: number; end: number }> = [];
  // Start of the current run of brackets nested past the limit (they and their attribute lists are skipped).
  let deepStart = -1;
  const stack: OpenBracket[] = [];
  // '[' past maxDepth are text; their ']' are counted off here so they do not close analysed spans.
  let tooDeep = 0;
  let depthReported = false;
  let runs: BacktickRuns | undefined;
  // Offset of the next '}' at or after the last attribute list looked at: an
  // attribute list can only close there, so a list with none in reach fails at once.
  let nextBrace = -2;
  const braceWithin = (open: number): boolean => {
    if (nextBrace !== -1 && nextBrace < open) nextBrace = text.indexOf('}', open);
    return nextBrace >= 0 && nextBrace - open <= maxAttr;
  };
  // Likewise the next line break, for the end of a line: scanning to it afresh for
  // each of many unclosed attribute lists on one long line would be quadratic.
  let nextBreak = -2;
  const lineEndFrom = (from: number): number => {
    if (nextBreak !== -1 && nextBreak < from) {
      nextBreak = -1;
      for (let j = from; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === NL || d === CR) {
          nextBreak = j;
          break;
        }
      }
    }
    return nextBreak < 0 ? text.length : nextBreak;
  };

  // The end of the paragraph from `from`, looked for up to `limit` (a blank line, or `limit`).
  // Amortised: `from` only grows, and a scan resumes where the last one stopped.
  let scanFrom = -1;
  let scanTo = -1;
  let scanFound = -1;
  const paragraphEndWithin = (from: number, limit: number): number => {
    if (scanFound >= from && scanFrom <= from) return Math.min(scanFound, limit);
    let j = scanFrom <= from && scanTo > from && scanFound < 0 ? scanTo : from;
    scanFrom = from;
    scanFound = -1;
    for (; j < limit; j++) {
      const d = text.charCodeAt(j);
      if ((d === NL || d === CR) && isBlankLine(text, nextLineStart(text, j))) {
        scanFound = j;
        break;
      }
    }
    scanTo = j;
    return Math.min(j, limit);
  };

  const closeParagraph = (): void => {
    for (const open of stack) {
      // A '{' shortly after on the same line suggests a forgotten ']' (look a bounded distance only).
      let brace = -1;
      for (let j = open.offset + 1, stop = Math.min(text.length, open.offset + 200); j < stop; j++) {
        const d = text.charCodeAt(j);
        if (d === NL || d === CR || d === RBRACKET) break;
        if (d === LBRACE) {
          brace = j;
          break;
        }
      }
      const forgot = brace > 0;
      problems.push(
        problem(
          'malformed-span',
          open.offset,
          open.offset + 1,
          forgot
            ? "'[' is never closed: did you forget ']' before '{'?"
            : "'[' is never closed: close the span with ']{…}', or write '\\[' for a literal bracket",
        ),
      );
    }
    stack.length = 0;
    if (deepStart >= 0) skipped.push({ start: deepStart, end: Math.max(deepStart + 1, Math.min(i, n)) });
    deepStart = -1;
    tooDeep = 0;
  };

  let i = bodyStart;
  let lineStart = true;
  const n = text.length;
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
        closeParagraph();
        i = nextLineStart(text, i);
        lineStart = true;
        continue;
      }
      // Fenced code block: up to three spaces, then ``` or ~~~.
      const fence = fenceAt(text, i);
      if (fence) {
        const f = fence.char;
        const fenceLength = fence.length;
        closeParagraph();
        let line = nextLineStart(text, i);
        let end = n;
        while (line < n) {
          let s = line;
          while (s < line + 3 && text.charCodeAt(s) === SPACE) s++;
          let run = 0;
          while (text.charCodeAt(s + run) === f) run++;
          if (run >= fenceLength) {
            let t = s + run;
            while (isSpace(text.charCodeAt(t))) t++;
            if (t >= n || text.charCodeAt(t) === NL || text.charCodeAt(t) === CR) {
              end = nextLineStart(text, line);
              break;
            }
          }
          line = nextLineStart(text, line);
        }
        code.push({ start: i, end });
        i = end;
        lineStart = true;
        continue;
      }
    }
    if (c === NL || c === CR) {
      i = c === CR && text.charCodeAt(i + 1) === NL ? i + 2 : i + 1;
      lineStart = true;
      continue;
    }
    if (c === BACKSLASH) {
      i += i + 1 < n && isAsciiPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    if (c === BACKTICK) {
      let k = i;
      while (text.charCodeAt(k) === BACKTICK) k++;
      const runLength = k - i;
      if (!runs || i >= runs.end) runs = collectBacktickRuns(text, i);
      const closeStart = runs.next(runLength, k);
      if (closeStart >= 0) {
        const closeEnd = closeStart + runLength;
        code.push({ start: i, end: closeEnd });
        i = closeEnd;
      } else {
        // An unmatched run is literal text.
        i = k;
      }
      continue;
    }
    if (c === LBRACKET) {
      if (stack.length >= maxDepth) {
        if (tooDeep === 0) deepStart = i;
        tooDeep++;
        if (!depthReported) {
          depthReported = true;
          problems.push(
            problem(
              'malformed-span',
              i,
              i + 1,
              `spans nested deeper than ${maxDepth} levels are not analysed (limit: corroborate.limits.maxNesting)`,
            ),
          );
        }
      } else {
        stack.push({ offset: i });
      }
      i++;
      continue;
    }
    if (c === RBRACKET) {
      const hasAttrs = text.charCodeAt(i + 1) === LBRACE;
      if (tooDeep > 0) {
        // Closes a '[' that was too deep to analyse: skip its attribute list, if any.
        tooDeep--;
        const attrs = hasAttrs && braceWithin(i + 1) ? parseAttributeList(text, i + 1, maxAttr, []) : undefined;
        i = attrs && attrs.end > 0 ? attrs.end : i + 1;
        if (tooDeep === 0) {
          skipped.push({ start: deepStart, end: i });
          deepStart = -1;
        }
        continue;
      }
      const open = stack.pop();
      if (!open) {
        if (hasAttrs) {
          problems.push(problem('malformed-span', i, i + 1, "']' has no matching '[': open the span with '['"));
          const attrs = braceWithin(i + 1) ? parseAttributeList(text, i + 1, maxAttr, []) : undefined;
          if (attrs && attrs.end > 0) skipped.push({ start: i, end: attrs.end });
          i = attrs && attrs.end > 0 ? attrs.end : i + 2;
        } else {
          i++;
        }
        continue;
      }
      if (!hasAttrs) {
        i++;
        continue;
      }
      const attrs = braceWithin(i + 1)
        ? parseAttributeList(text, i + 1, maxAttr, problems)
        : { end: -1, classes: [], attributes: [] };
      if (attrs.end < 0) {
        const lineEnd = lineEndFrom(i + 1);
        const stop = Math.min(lineEnd, i + 1 + maxAttr);
        // A '}' later on the same line, beyond the limit: the list is too long rather than unclosed.
        const tooLong = nextBrace >= 0 && nextBrace < lineEnd && nextBrace - (i + 1) > maxAttr;
        problems.push(
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
        skipped.push({ start: i + 1, end: Math.max(i + 2, paragraphEndWithin(i + 1, Math.min(n, i + 2 + maxAttr))) });
        i += 2;
        continue;
      }
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
      spans.push(span);
      i = attrs.end;
      continue;
    }
    i++;
  }
  closeParagraph();

  // Spans were recorded as they closed (inner first); order them by start and link parents.
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
  const cuts: Array<[number, number]> = [];
  for (const span of parsed.spans) {
    cuts.push([span.start, span.start + 1]);
    cuts.push([span.contentEnd, span.end]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = parsed.bodyStart;
  for (const [from, to] of cuts) {
    if (from < at) continue;
    out += text.slice(at, from);
    at = to;
  }
  return out + text.slice(at);
}
