/**
 * Registry edits: a new actor's id, YAML scalars, and the edits that add an
 * entry under `actors:` or `claims:` of the registry that governs a file (or
 * create an entities.yaml when there is none), in the style of the entries
 * already written there.
 */
import { URI, Utils } from 'vscode-uri';
import { ACTOR_ID, RESERVED_BY } from '../../model/registry';
import { slugify } from '../../../../../common/actors';
import { REGISTRY_FILE } from '../../workspace/workspace';
import type { Context, OffsetEdit } from './context';
import { afterBreak, lineEndOf, lineStartOf } from './markup';

/** An actor id for a new actor named `name`: its slug, made unique. */
export function freshActorId(ctx: Context, name: string): string {
  const base = slugify(name);
  const safe = ACTOR_ID.test(base) ? base : 'actor';
  const taken = (id: string): boolean =>
    (RESERVED_BY as readonly string[]).includes(id) ||
    (ctx.registry ? ctx.registry.actors.has(id) || keyWritten(ctx.registry.text, id) : false);
  if (!taken(safe)) return safe;
  for (let i = 2; ; i++) if (!taken(`${safe}-${i}`)) return `${safe}-${i}`;
}

/** Whether `key` is written as a mapping key anywhere in the YAML text (even in an entry the schema refused). */
function keyWritten(text: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s{,])(["']?)${k}\\1[ \\t]*:`, 'm').test(text);
}

const PLAIN_YAML = /^[\p{L}][\p{L}\p{N}\p{M} .'’_\-()]*$/u;

/** A YAML scalar for `s`: plain when that is unambiguous, else double-quoted. */
export function yamlScalar(s: string): string {
  if (PLAIN_YAML.test(s) && !/\s$/.test(s) && !/^(?:true|false|null|yes|no|on|off|y|n)$/i.test(s)) return s;
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfeff ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
}

/** A field's value: a scalar, or a list written in flow style (`aliases: [Rutte, M. Rutte]`). */
export type FieldValue = string | readonly string[];

function yamlValue(v: FieldValue): string {
  return typeof v === 'string' ? yamlScalar(v) : `[${v.map(yamlScalar).join(', ')}]`;
}

/** The entries to write: each key with its fields, as blocks (lines) or in flow style (`key: {f: v}`). */
class Entries {
  constructor(readonly entries: ReadonlyArray<{ key: string; fields: ReadonlyArray<[string, FieldValue]> }>) {}

  block(indent: string, fieldIndent: string): string[] {
    return this.entries.flatMap(({ key, fields }) => [
      `${indent}${yamlScalar(key)}:`,
      ...fields.map(([f, v]) => `${fieldIndent}${f}: ${yamlValue(v)}`),
    ]);
  }

  /** The entries in flow style, joined by `sep`. */
  flow(sep: string): string {
    return this.entries
      .map(({ key, fields }) => `${yamlScalar(key)}: {${fields.map(([f, v]) => `${f}: ${yamlValue(v)}`).join(', ')}}`)
      .join(sep);
  }
}

type RegistryEdits = { edits: OffsetEdit[]; create?: string } | undefined;

/** Where a section's key (`actors`, `claims`) is written in the registry text, and where its value ends. */
interface SectionKey {
  start: number;
  end: number;
  valueEnd: number;
}

/**
 * Edits that add `key: {fields}` under `section:` of the registry governing
 * the model, in the style of the entries already there. Without a registry,
 * a new entities.yaml next to the file. Undefined when the registry cannot be
 * edited safely (it is broken, or the key is already written in it).
 */
export function addRegistryEntry(
  ctx: Context,
  section: 'actors' | 'claims',
  key: string,
  fields: Array<[string, FieldValue]>,
): RegistryEdits {
  return addRegistryEntries(ctx, section, [{ key, fields }]);
}

/** {@link addRegistryEntry} for several entries at once, written in the order given (undefined if any key is written). */
export function addRegistryEntries(
  ctx: Context,
  section: 'actors' | 'claims',
  list: ReadonlyArray<{ key: string; fields: ReadonlyArray<[string, FieldValue]> }>,
): RegistryEdits {
  const registry = ctx.registry;
  const entry = new Entries(list);
  if (!registry) {
    const uri = Utils.joinPath(Utils.dirname(URI.parse(ctx.model.uri)), REGISTRY_FILE).toString();
    const newText = [`${section}:`, ...entry.block('  ', '    ')].join('\n') + '\n';
    return { edits: [{ uri, start: 0, end: 0, newText }], create: uri };
  }
  if (list.some(({ key }) => keyWritten(registry.text, key))) return undefined;
  const sectionKey = section === 'actors' ? registry.actorsKey : registry.claimsKey;
  if (!sectionKey) return appendSection(registry.text, registry.uri, section, entry);
  return addUnderSection(registry.text, registry.uri, sectionKey, entry);
}

/** No such section: append one, unless the file is written in a way an append would break. */
function appendSection(text: string, uri: string, section: string, entry: Entries): RegistryEdits {
  const eol = eolOf(text);
  if (new RegExp(`^\\s*["']?${section}["']?\\s*:`, 'm').test(text)) return undefined;
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*(?:#.*(?:\r\n|\r|\n|$)\s*)*[[{]/.test(body) || /^(?:---|\.\.\.)\s*$/m.test(body)) return undefined;
  const lead = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
  const newText = lead + [`${section}:`, ...entry.block('  ', '    ')].join(eol) + eol;
  return { edits: [{ uri, start: text.length, end: text.length, newText }] };
}

/** The section exists: the entry goes into its flow mapping, below its key, or after its last entry. */
function addUnderSection(text: string, uri: string, sectionKey: SectionKey, entry: Entries): RegistryEdits {
  const eol = eolOf(text);
  const keyCol = sectionKey.start - lineStartOf(text, sectionKey.start);
  let p = sectionKey.end;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] === '"' || text[p] === "'") p++;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] !== ':') return undefined;
  p++;
  while (text[p] === ' ' || text[p] === '\t') p++;
  const lineEnd = lineEndOf(text, p);
  const rest = text
    .slice(p, lineEnd)
    .replace(/(?:^|\s)#.*$/, '')
    .trimEnd();

  if (rest.startsWith('{')) {
    const close = sectionKey.valueEnd - 1;
    if (text[close] !== '}') return undefined;
    const inner = text
      .slice(p + 1, close)
      .replace(/#.*$/gm, '')
      .trim();
    const sep = inner === '' ? '' : inner.endsWith(',') ? ' ' : ', ';
    return { edits: [{ uri, start: close, end: close, newText: sep + entry.flow(', ') }] };
  }
  if (rest !== '' && !/^(?:~|null|Null|NULL)$/.test(rest)) return undefined;

  // The first content line below the key, if it is indented under it, is the first entry.
  const next = nextContentLine(text, lineEnd);
  if (!next || next.indent <= keyCol) {
    const lines = eol + entry.block(' '.repeat(keyCol + 2), ' '.repeat(keyCol + 4)).join(eol);
    if (rest === '') return { edits: [{ uri, start: lineEnd, end: lineEnd, newText: lines }] };
    // `actors: ~`: the null goes, the entry comes.
    const restEnd = p + rest.length;
    if (restEnd === lineEnd) return { edits: [{ uri, start: p, end: lineEnd, newText: lines }] };
    return {
      edits: [
        { uri, start: p, end: restEnd, newText: '' },
        { uri, start: lineEnd, end: lineEnd, newText: lines },
      ],
    };
  }
  if (rest !== '') return undefined;
  return addAfterEntries(text, uri, sectionKey, lineEnd, next.at, entry);
}

/** The entry after the section's last one, in the style (indents, block or flow) of its first entry at `first`. */
function addAfterEntries(
  text: string,
  uri: string,
  sectionKey: SectionKey,
  lineEnd: number,
  first: number,
  entry: Entries,
): RegistryEdits {
  const eol = eolOf(text);
  const firstEnd = lineEndOf(text, first);
  const firstLine = text.slice(first, firstEnd);
  const childIndent = /^ */.exec(firstLine)![0].length;
  const isFlow = /:\s+\{/.test(firstLine);
  let fieldIndent = childIndent + 2;
  if (!isFlow) {
    const field = nextContentLine(text, firstEnd);
    if (field && field.indent > childIndent) fieldIndent = field.indent;
  }
  // After the last non-blank character of the section's value, at the end of its line.
  let last = sectionKey.valueEnd;
  while (last > lineEnd && /\s/.test(text[last - 1]!)) last--;
  const at = lineEndOf(text, Math.max(last - 1, lineEnd));
  const indent = ' '.repeat(childIndent);
  const newText =
    eol + (isFlow ? indent + entry.flow(eol + indent) : entry.block(indent, ' '.repeat(fieldIndent)).join(eol));
  return { edits: [{ uri, start: at, end: at, newText }] };
}

/** The first line after the one ending at `lineEnd` that is neither blank nor a comment: its start and indent. */
function nextContentLine(text: string, lineEnd: number): { at: number; indent: number } | undefined {
  for (let at = afterBreak(text, lineEnd); at < text.length && at > lineEnd;) {
    const end = lineEndOf(text, at);
    const content = text.slice(at, end);
    if (content.trim() !== '' && !content.trim().startsWith('#')) return { at, indent: /^ */.exec(content)![0].length };
    const next = afterBreak(text, end);
    if (next === end) break;
    at = next;
  }
  return undefined;
}
