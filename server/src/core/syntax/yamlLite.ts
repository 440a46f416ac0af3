/**
 * A fast reader for the YAML that front matter is made of in practice: what
 * Hugo, Jekyll and Quarto write (block maps and lists nested a few levels,
 * lists of maps such as `authors: [{name, role}]` in block form, one-line
 * flow lists and maps such as `review: {status: published}`, literal and
 * folded block strings, plain and quoted scalars, numbers, booleans, null,
 * comments on lines of their own).
 *
 * It is not a YAML parser. It either reads a block exactly as the `yaml`
 * package would read it (the same JavaScript values; a property test checks
 * this on generated documents) or gives up, returning undefined, and the
 * caller uses the full parser. It gives up on anything else: tabs, anchors,
 * aliases, tags, multi-line flow collections or quoted strings, comments
 * after values, keys that are not simple words, duplicate keys, empty values,
 * explicit indentation indicators, and every error (so that the full parser
 * reports it, with its exact place).
 *
 * The full parser builds a document tree with the range of every node and
 * then converts it: for the front matter of a Hugo article that cost more
 * than the rest of the article's analysis. This reads the same block about
 * 20 times faster (`node out/bench/frontMatter.js`, docs/benchmarks.md).
 */

/** One line of the block: offsets in the document, and its indentation (leading spaces). */
interface Line {
  start: number;
  end: number;
  indent: number;
  /** Only spaces (or nothing). */
  blank: boolean;
}

/** Nesting deeper than this is left to the full parser (which has its own guards). */
const MAX_DEPTH = 32;

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** `key:` then a space or the end of the line, at the start of a list item: the item is a map. */
const ITEM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*:(?: |$)/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const DOUBLE_QUOTED = /^"((?:[^"\\\x00-\x1f]|\\["\\/])*)"$/;
const SINGLE_QUOTED = /^'((?:[^'\x00-\x1f]|'')*)'$/;
const CONTROL = /[\x00-\x1f]/;
// YAML 1.2 core schema: the scalars that are not strings.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** The core schema's words that are not strings (everything else it does not read as a string starts with ~, a digit, a sign or a dot). */
const CORE_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A scalar of the core schema that is not a string (`true`, `12`, `null`…). */
export function isCoreNonString(s: string): boolean {
  const c = s.charCodeAt(0);
  // A letter: only the words. A digit, '+', '-', '.' or '~': the regex.
  // (The length first: hashing a long fresh string for the set costs more than the rest of the line.)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return (s.length === 4 || s.length === 5) && CORE_WORDS.has(s);
  return ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126) && CORE_NON_STRING.test(s);
}

/** Gave up: the caller uses the full parser. */
const NO = Symbol('not read');
type Read<T> = T | typeof NO;

/** The value of a core-schema scalar that is not a string; NO for octal, hexadecimal, infinities and NaN. */
function coreValue(s: string): Read<null | boolean | number> {
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  return NO;
}

/**
 * One scalar on one line: plain, 'single' or "double" quoted (no escapes
 * beyond \" \\ \/), `flow` inside [ ] or { }. Strings, or with `typed`, the
 * core schema's other scalars too.
 */
export function readScalar(raw: string, flow: boolean, typed: boolean): Read<string | null | boolean | number> {
  if (raw.startsWith('"')) {
    // The usual quoted title: no escape, no inner quote, no control character. Same answer as the regex, without it.
    if (raw.length >= 2 && raw.indexOf('"', 1) === raw.length - 1 && !raw.includes('\\') && !CONTROL.test(raw))
      return raw.slice(1, -1);
    const m = DOUBLE_QUOTED.exec(raw);
    return m ? m[1]!.replace(/\\(["\\/])/g, '$1') : NO;
  }
  if (raw.startsWith("'")) {
    const m = SINGLE_QUOTED.exec(raw);
    return m ? m[1]!.replace(/''/g, "'") : NO;
  }
  // A number may start with '-', which the indicator test below refuses.
  if (typed && isCoreNonString(raw)) return coreValue(raw);
  if (raw === '' || INDICATOR.test(raw) || raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) return NO;
  if (flow && /[,[\]{}]/.test(raw)) return NO;
  if (isCoreNonString(raw)) return typed ? coreValue(raw) : NO;
  return raw;
}

/**
 * The items of a one-line flow collection's inside, split at the commas that
 * are not in a quoted string; undefined if a quote is not closed or a
 * quoted string does not end its item.
 */
function splitFlow(inner: string): string[] | undefined {
  if (!inner.includes('"') && !inner.includes("'")) return inner.split(',');
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === ',') {
      parts.push(inner.slice(from, i));
      from = i + 1;
    } else if ((c === '"' || c === "'") && inner.slice(from, i).trim() === '') {
      // A quoted item: skip to its closing quote ('' is a quote inside '…'; \x an escape inside "…").
      let j = i + 1;
      for (; j < inner.length; j++) {
        if (c === '"' && inner[j] === '\\') j++;
        else if (inner[j] === c) {
          if (c === "'" && inner[j + 1] === "'") j++;
          else break;
        }
      }
      if (j >= inner.length) return undefined;
      i = j;
    }
  }
  parts.push(inner.slice(from));
  return parts;
}

/** `[a, "b", 3]` on one line: its items. */
export function readFlowList(raw: string, typed: boolean): Read<unknown[]> {
  if (!raw.startsWith('[') || !raw.endsWith(']')) return NO;
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return inner.includes('\t') ? NO : [];
  const items: unknown[] = [];
  const parts = splitFlow(inner);
  if (!parts) return NO;
  for (const part of parts) {
    const item = readScalar(part.trim(), true, typed);
    if (item === NO) return NO;
    items.push(item);
  }
  return items;
}

/** `{a: b, c: "d"}` on one line: its entries. */
function readFlowMap(raw: string): Read<Record<string, unknown>> {
  if (!raw.startsWith('{') || !raw.endsWith('}')) return NO;
  const inner = raw.slice(1, -1);
  const map: Record<string, unknown> = {};
  if (inner.trim() === '') return inner.includes('\t') ? NO : map;
  const parts = splitFlow(inner);
  if (!parts) return NO;
  for (const part of parts) {
    const entry = part.trim();
    const colon = entry.indexOf(':');
    const key = entry.slice(0, colon);
    if (colon <= 0 || entry.charCodeAt(colon + 1) !== 32 || !goodKey(key) || has(map, key)) return NO;
    const value = readScalar(entry.slice(colon + 1).trim(), true, true);
    if (value === NO) return NO;
    map[key] = value;
  }
  return map;
}

function has(map: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

function goodKey(key: string): boolean {
  return KEY.test(key) && !isCoreNonString(key) && key !== '__proto__';
}

/** Where a map entry's key and value are: what the front matter reader needs of the top-level entries. */
export interface LiteEntry {
  key: string;
  value: unknown;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  /**
   * The value was on the key's line: its offsets are exact. Otherwise the value starts past the colon and ends
   * with its last line.
   */
  inline: boolean;
}

/**
 * Reads the block `text[from, to)` as a map whose keys start at column 0
 * (front matter). Its entries, or undefined if it is not in the subset above
 * (then nothing is known about it: it may be valid YAML or not).
 */
export function readLiteMap(text: string, from: number, to: number): LiteEntry[] | undefined {
  const lines = splitLines(text, from, to);
  if (!lines) return undefined;
  const reader = new Reader(text, lines);
  const entries: LiteEntry[] = [];
  const next = reader.map(reader.skip(0), 0, 0, false, entries);
  if (next === NO || reader.skip(next) < lines.length) return undefined;
  return entries;
}

/** The lines of text[from, to); undefined if there is a tab (indentation with tabs is an error in YAML). */
function splitLines(text: string, from: number, to: number): Line[] | undefined {
  const lines: Line[] = [];
  let i = from;
  while (i < to) {
    let eol = i;
    let indent = -1;
    for (; eol < to; eol++) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      if (c === 9) return undefined;
      if (indent < 0 && c !== 32) indent = eol - i;
    }
    lines.push({ start: i, end: eol, indent: indent < 0 ? eol - i : indent, blank: indent < 0 });
    i = eol < to && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
  }
  return lines;
}

class Reader {
  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /** The first line at or after `i` that is neither blank nor a comment. */
  skip(i: number): number {
    while (i < this.lines.length) {
      const l = this.lines[i]!;
      if (!l.blank && this.text.charCodeAt(l.start + l.indent) !== 35) break;
      i++;
    }
    return i;
  }

  private content(l: Line, column: number): string {
    return this.text.slice(l.start + column, l.end);
  }

  /** Set by {@link value}: the line after the value, where its text ends, and whether it was on the key's line. */
  private next = 0;
  private valueEnd = 0;
  private inlineValue = false;

  /**
   * A block map whose keys are at `column`, from line `i` (`inItem`: whose
   * first key is on a list item's line, after its dash: `- name: x`). Fills
   * `into` (or `entries`, for the top level). The line after it.
   */
  map(i: number, column: number, depth: number, inItem: boolean, entries?: LiteEntry[], into = {}): Read<number> {
    const map = into as Record<string, unknown>;
    let first = inItem;
    while (i < this.lines.length) {
      const l = this.lines[i]!;
      if (!first && l.indent !== column) break;
      const from = l.start + column;
      const c0 = this.text.charCodeAt(from);
      if (c0 === 45 && (from + 1 === l.end || this.text.charCodeAt(from + 1) === 32)) break; // '- ' or '-': a list
      const colon = this.text.indexOf(':', from);
      if (colon <= from || colon >= l.end) return NO;
      const key = this.text.slice(from, colon);
      const fresh = entries ? !entries.some((e) => e.key === key) : !has(map, key);
      if (!fresh || !(goodKey(key) || (entries && key === '__proto__'))) return NO;
      let at = colon + 1;
      if (at < l.end && this.text.charCodeAt(at) !== 32) return NO;
      while (at < l.end && this.text.charCodeAt(at) === 32) at++;
      const raw = this.text.slice(at, l.end).trimEnd();
      const value = this.value(i, raw, column, depth);
      if (value === NO) return NO;
      // The top level is its entries (where '__proto__' stays a key); nested maps are plain objects.
      if (entries) {
        const inline = this.inlineValue;
        const valueEnd = inline ? at + raw.length : this.valueEnd;
        entries.push({ key, value, keyStart: from, keyEnd: colon, valueStart: at, valueEnd, inline });
      } else map[key] = value;
      i = this.skip(this.next);
      first = false;
    }
    if (i < this.lines.length && this.lines[i]!.indent > column) return NO;
    return i;
  }

  /**
   * The value of a map entry whose key is on line `i` at `column`, `raw`
   * after its colon; sets {@link next}, {@link valueEnd} and {@link inlineValue}.
   */
  private value(i: number, raw: string, column: number, depth: number): Read<unknown> {
    let value: Read<unknown>;
    let next: number;
    if (raw === '') {
      const nested = this.nested(this.skip(i + 1), column, depth + 1);
      if (nested === NO) return NO;
      ({ value, next } = nested);
    } else if (raw === '|' || raw === '>' || raw === '|-' || raw === '>-') {
      const read = this.blockScalar(i + 1, column, raw[0] === '>', raw.length === 2);
      if (read === NO) return NO;
      ({ value, next } = read);
    } else {
      value = this.inline(raw);
      if (value === NO) return NO;
      this.next = i + 1;
      this.inlineValue = true;
      return value;
    }
    this.next = next;
    this.inlineValue = false;
    this.valueEnd = this.lines[next - 1]!.end;
    return value;
  }

  /** A value on the key's line (or after `- `): a scalar, or a one-line flow list or map. */
  private inline(raw: string): Read<unknown> {
    if (raw.startsWith('[')) return readFlowList(raw, true);
    if (raw.startsWith('{')) return readFlowMap(raw);
    return readScalar(raw, false, true);
  }

  /** A block map or list on the lines after a key at `column` (a list may start at `column` itself). */
  private nested(j: number, column: number, depth: number): Read<{ value: unknown; next: number }> {
    if (depth > MAX_DEPTH || j >= this.lines.length) return NO;
    const l = this.lines[j]!;
    const line = this.text.slice(l.start + l.indent, l.end);
    const isList = line.startsWith('- ') || line === '-';
    if (l.indent < column || (l.indent === column && !isList)) return NO;
    if (isList) {
      const list: unknown[] = [];
      const next = this.list(j, l.indent, depth, list);
      return next === NO ? NO : { value: list, next };
    }
    const map = {};
    const next = this.map(j, l.indent, depth, false, undefined, map);
    return next === NO ? NO : { value: map, next };
  }

  /** A block list whose dashes are at `column`. The line after it. */
  private list(i: number, column: number, depth: number, into: unknown[]): Read<number> {
    while (i < this.lines.length) {
      const l = this.lines[i]!;
      if (l.indent !== column) break;
      const line = this.content(l, column);
      if (!line.startsWith('- ')) break;
      const item = line.slice(2).trimStart();
      const at = column + (line.length - item.length);
      if (ITEM_KEY.test(item)) {
        const map = {};
        const next = this.map(i, at, depth + 1, true, undefined, map);
        if (next === NO) return NO;
        into.push(map);
        i = next;
        continue;
      }
      if (item.startsWith('- ') || item === '-' || /^[|>]/.test(item)) return NO;
      const value = this.inline(item.trimEnd());
      if (value === NO) return NO;
      into.push(value);
      i = this.skip(i + 1);
    }
    if (i < this.lines.length && this.lines[i]!.indent > column) return NO;
    return i;
  }

  /**
   * A literal (`|`) or folded (`>`) block string after a key at `column`,
   * clipped (one final line break) or stripped (`-`). Its lines are indented
   * alike; a folded string's lines have no extra indentation.
   */
  private blockScalar(
    i: number,
    column: number,
    folded: boolean,
    strip: boolean,
  ): Read<{ value: string; next: number }> {
    const first = this.lines[i];
    if (!first || first.blank || first.indent <= column) return NO;
    const indent = first.indent;
    const parts: string[] = [];
    let next = i;
    let lastContent = i;
    for (; next < this.lines.length; next++) {
      const l = this.lines[next]!;
      if (l.blank) {
        if (l.end - l.start > indent) return NO;
        parts.push('');
        continue;
      }
      if (l.indent <= column) break;
      if (l.indent < indent || (folded && l.indent > indent)) return NO;
      parts.push(this.text.slice(l.start + indent, l.end));
      lastContent = next;
    }
    const body = parts.slice(0, lastContent - i + 1);
    const joined = folded ? fold(body) : body.join('\n');
    return { value: strip ? joined : `${joined}\n`, next: lastContent + 1 };
  }
}

/** Folded lines: a line break between two lines becomes a space; n empty lines between them, n line breaks. */
function fold(lines: readonly string[]): string {
  let out = '';
  let empty = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (line === '') {
      empty++;
      continue;
    }
    if (k > 0) out += empty > 0 ? '\n'.repeat(empty) : ' ';
    out += line;
    empty = 0;
  }
  return out;
}
