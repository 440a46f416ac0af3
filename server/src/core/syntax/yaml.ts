import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import { DEFAULT_LIMITS, LIMIT_INFO, YAML_MAX_DEPTH } from '../base/limits';
import { problem, type DiagnosticCode, type Problem } from '../base/types';

/**
 * Safe, bounded YAML parsing shared by front matter and the registry. Only
 * the `core` schema is used: no custom tags, nothing is ever executed; alias
 * expansion is capped so that an alias bomb fails fast with an error, and
 * nesting is capped before the (recursive) YAML parser runs.
 */
export const YAML_MAX_ALIAS_COUNT = DEFAULT_LIMITS.maxYamlAliases;

const EMPTY_OPTIONS = { schema: 'core', prettyErrors: false } as const;

export function parseYaml(text: string, offset: number, code: DiagnosticCode, problems: Problem[]): Document.Parsed {
  const deep = yamlDepthExceeded(text, YAML_MAX_DEPTH);
  if (deep >= 0) {
    const end = Math.min(text.length, deep + 1);
    problems.push(
      problem(
        code,
        offset + deep,
        offset + end,
        `YAML nested deeper than ${YAML_MAX_DEPTH} levels is not read (a fixed limit: the YAML parser would exhaust the stack)`,
      ),
    );
    return parseDocument('', EMPTY_OPTIONS);
  }
  // A lone CR is a line break (as in LineIndex and YAML 1.2) but the parser does not see it as one; same length, same offsets.
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), {
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    stringKeys: true,
  });
  const seen = new Set<string>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    // Keep ranges inside the text: an error at its very end marks the last character.
    let end = Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length);
    let start = Math.max(0, Math.min(e.pos[0], end - 1));
    // Never between the two halves of a surrogate pair (an error at an emoji covers all of it).
    if (splitsPair(text, start)) start--;
    if (splitsPair(text, end)) end++;
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    // The parser can report the same error twice (e.g. nested unclosed flow collections).
    const key = `${start}:${end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(
      problem(code, offset + start, offset + end, message, e.name === 'YAMLWarning' ? { severity: 'warning' } : {}),
    );
  }
  return doc;
}

const isLineBreak = (c: number): boolean => c === 10 || c === 13;

/** Whether `offset` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    (text.charCodeAt(offset - 1) & 0xfc00) === 0xd800 &&
    (text.charCodeAt(offset) & 0xfc00) === 0xdc00
  );
}

/**
 * The offset at which `text`, read as YAML, nests deeper than `maxDepth`
 * levels, or -1. A conservative estimate in one pass, without the parser:
 * each indentation level, each `- `, `? ` or `: ` indicator that opens a
 * line, and each open `[` or `{` outside quotes counts one level. Block
 * scalars (`|`, `>`) and comments are skipped. It may overcount (an
 * unbalanced bracket in a plain scalar), never much undercount.
 */
export function yamlDepthExceeded(text: string, maxDepth: number): number {
  const n = text.length;
  const scan = new DepthScan(text, maxDepth);
  let i = 0;
  while (i < n) {
    // One line: [i, eol).
    let eol = i;
    while (eol < n && !isLineBreak(text.charCodeAt(eol))) eol++;
    const deep = scan.line(i, eol);
    if (deep >= 0) return deep;
    i = text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
  }
  return -1;
}

/** The state of {@link yamlDepthExceeded} from one line to the next. */
class DepthScan {
  private readonly indents: number[] = [];
  private flow = 0;
  /** The quote character of a quoted scalar that runs over lines, or 0. */
  private quote = 0;
  /** Indentation of the line that opened a block scalar, or -1. */
  private blockScalar = -1;
  /** Levels opened on the current line by block indicators. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  /** Scans the line [i, eol); returns the offset at which it nests too deep, or -1. */
  line(i: number, eol: number): number {
    const text = this.text;
    let j = i;
    while (j < eol && text.charCodeAt(j) === 32) j++;
    const indent = j - i;
    if (this.blockScalar >= 0) {
      if (j === eol || indent > this.blockScalar) return -1;
      this.blockScalar = -1;
    }
    this.depth = 0;
    if (this.quote === 0 && this.flow === 0) {
      if (j === eol || text.charCodeAt(j) === 35 /* # */) return -1;
      const indents = this.indents;
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      j = this.blockIndicators(j, eol);
      if (indents.length + this.depth > this.maxDepth) return Math.min(j, Math.max(i, eol - 1));
    }
    return this.restOfLine(i, j, eol, indent);
  }

  /** Counts the indicators that open a nested node at `j` ('- - - x', '? x', ': x'); returns the offset after them. */
  private blockIndicators(j: number, eol: number): number {
    const text = this.text;
    let c = text.charCodeAt(j);
    while (
      (c === 45 || c === 63 || c === 58) &&
      (j + 1 >= eol || text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)
    ) {
      this.depth++;
      j++;
      while (j < eol && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      c = text.charCodeAt(j);
    }
    return j;
  }

  /**
   * Scans the line [i, eol) from `j` for flow collections, quotes, comments and
   * block scalar headers; returns the offset at which it nests too deep, or -1.
   */
  private restOfLine(i: number, j: number, eol: number, indent: number): number {
    const text = this.text;
    let valueStart = true; // at a place where a scalar may start (after indentation, '[', '{', ',', ': ', '- ')
    for (; j < eol; j++) {
      const c = text.charCodeAt(j);
      if (this.quote !== 0) {
        j = this.inQuote(j, c);
        if (this.quote === 0) valueStart = false;
        continue;
      }
      if (c === 32 || c === 9) {
        valueStart = valueStart || text.charCodeAt(j - 1) === 58 /* ':' */ || this.flow > 0;
        continue;
      }
      if (c === 35 /* # */ && (j === i || text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) break;
      if (c === 91 || c === 123) {
        this.flow++;
        if (this.indents.length + this.depth + this.flow > this.maxDepth) return j;
        valueStart = true;
        continue;
      }
      if (c === 93 || c === 125) {
        if (this.flow > 0) this.flow--;
        valueStart = false;
        continue;
      }
      if (c === 44 /* , */ && this.flow > 0) {
        valueStart = true;
        continue;
      }
      if ((c === 34 || c === 39) && valueStart) {
        this.quote = c;
        continue;
      }
      if ((c === 124 || c === 62) /* | > */ && valueStart && this.flow === 0) {
        // A block scalar header: the more-indented lines that follow are its text.
        let k = j + 1;
        while (k < eol && /[0-9+-]/.test(text[k]!)) k++;
        if (k === eol || text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) this.blockScalar = indent;
        break;
      }
      valueStart = false;
    }
    return -1;
  }

  /** Reads the character `c` at `j` inside a quoted scalar (ending the quote if it closes it); returns the offset of the last character read. */
  private inQuote(j: number, c: number): number {
    const quote = this.quote;
    if (quote === 34 && c === 92 /* \ */) return j + 1;
    if (c !== quote) return j;
    if (quote === 39 && this.text.charCodeAt(j + 1) === 39) return j + 1;
    this.quote = 0;
    return j;
  }
}

/**
 * Counts, in document order, the YAML nodes that aliases stand for: each
 * alias counts the nodes of what it refers to, its own aliases expanded in
 * turn (so a scalar alias counts 1, and a billion-laughs bomb counts its full
 * expansion). Returns the first alias at which the count passes `max`, or
 * undefined. Linear in the document: anchors are looked up by name in
 * document order, and expansion sizes are memoised per anchored node.
 */
export function aliasOverflow(doc: Document.Parsed, max: number): Node | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  let total = 0;
  let found: Node | undefined;
  // The expanded size of a node, aliases included (Infinity on a cycle).
  const sizeOf = (node: unknown, onPath: Set<unknown>): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target || onPath.has(target)) return target ? Infinity : 1;
      let s = sizes.get(target);
      if (s === undefined) {
        onPath.add(target);
        s = sizeOf(target, onPath);
        onPath.delete(target);
        sizes.set(target, s);
      }
      return s;
    }
    if (isPair(node)) return sizeOf(node.key, onPath) + sizeOf(node.value, onPath);
    if (isCollection(node)) {
      let s = 1;
      for (const item of node.items) {
        s += sizeOf(item, onPath);
        if (s > max) return s; // enough to know it is too much
      }
      return s;
    }
    return 1;
  };
  // An iterative walk in document order (the depth is already bounded by yamlDepthExceeded).
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && !found) {
    const node = stack.pop();
    if (isAlias(node)) {
      total += sizeOf(node, new Set());
      if (total > max) found = node;
      continue;
    }
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    if (anchor !== undefined && node) anchors.set(anchor, node as Node);
    if (isPair(node)) stack.push(node.value, node.key);
    else if (isCollection(node)) for (let k = node.items.length - 1; k >= 0; k--) stack.push(node.items[k]);
  }
  return found;
}

/** The problem for an alias bomb, at the alias where the count passes the limit. */
export function aliasProblem(code: DiagnosticCode, what: string, alias: Node, offset: number, max: number): Problem {
  const [s, e] = rangeOf(alias, offset, [offset, offset]);
  return problem(
    code,
    s,
    e,
    `${what} could not be read: its YAML aliases stand for more than ${max} nodes (limit: ${LIMIT_INFO.maxYamlAliases.setting}); an alias bomb?`,
  );
}

export function rangeOf(node: Node | null | undefined, offset: number, fallback: [number, number]): [number, number] {
  const r = node?.range;
  if (!r) return fallback;
  return [offset + r[0], offset + Math.max(r[1], r[0])];
}

export function pairsOf(node: unknown): Array<Pair<Node, Node | null>> {
  return isMap(node) ? (node.items as Array<Pair<Node, Node | null>>) : [];
}

export function keyText(pair: Pair<Node, Node | null>): string {
  const k = pair.key as unknown;
  return isScalar(k) ? String(k.value) : '';
}

/** A scalar's value as a string, or undefined if it is not a scalar string/number. */
export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node))
    return node.value === null ? 'null' : typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  return 'an alias';
}

export { isMap, isScalar, isSeq };
