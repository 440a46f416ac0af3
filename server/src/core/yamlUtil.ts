import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { problem, type DiagnosticCode, type Problem } from './types';

/**
 * Safe, bounded YAML parsing shared by front matter and the registry. Only
 * the `core` schema is used: no custom tags, nothing is ever executed; alias
 * expansion is capped so that an alias bomb fails fast with an error.
 */
export const YAML_MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, offset: number, code: DiagnosticCode, problems: Problem[]): Document.Parsed {
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
    const end = Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length);
    const start = Math.max(0, Math.min(e.pos[0], end - 1));
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    // The parser can report the same error twice (e.g. nested unclosed flow collections).
    const key = `${start}:${end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem(code, offset + start, offset + end, message, e.name === 'YAMLWarning' ? { severity: 'warning' } : {}));
  }
  return doc;
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
  if (isScalar(node)) return node.value === null ? 'null' : typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  return 'an alias';
}

export { isMap, isScalar, isSeq };
