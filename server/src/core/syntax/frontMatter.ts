import { detach } from '../base/text';
import { problem, type Problem } from '../base/types';
import {
  aliasOverflow,
  aliasProblem,
  describe,
  keyText,
  pairsOf,
  parseYaml,
  rangeOf,
  scalarString,
  isMap,
  YAML_MAX_ALIAS_COUNT,
} from './yaml';
import type { FrontMatterBlock } from './parser';

/** The metadata of one source, read from its front matter. */
export interface SourceMeta {
  id?: string;
  title?: string;
  outlet?: string;
  author?: string;
  published?: string;
  url?: string;
  language?: string;
  /** Other keys, kept as plain YAML values. */
  extra: Record<string, unknown>;
  /** Offsets of the `id` value, if present. */
  idStart?: number;
  idEnd?: number;
}

export const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const STRING_KEYS = ['id', 'title', 'outlet', 'author', 'published', 'url', 'language'] as const;

export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(2000, +m[2]! - 1, +m[3]!));
  d.setUTCFullYear(+m[1]!); // Date.UTC maps years 0–99 to 1900–1999
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** One top-level `key: value` of the front matter, with its offsets in the document. */
export interface FrontMatterEntry {
  key: string;
  /** The value as a JS value (strings for everything the fast path accepts). */
  value: unknown;
  /** The value if it is a scalar string (or number/boolean, stringified), else undefined. */
  string: string | undefined;
  /** How the value is described in messages ("a string", "a list", …). */
  kind: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

// YAML 1.2 core-schema scalars that are not strings: left to the full parser.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const CONTROL = /[\x00-\x1f]/;
/** Characters a CORE_NON_STRING match can start with: the regex is tried only then. */
const CORE_NON_STRING_FIRST = new Set('~nNtTfF0123456789+-.'.split('').map((c) => c.charCodeAt(0)));

function coreNonString(s: string): boolean {
  return CORE_NON_STRING_FIRST.has(s.charCodeAt(0)) && CORE_NON_STRING.test(s);
}
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const DOUBLE_QUOTED = /^"((?:[^"\\\x00-\x1f]|\\["\\/])*)"$/;
const SINGLE_QUOTED = /^'((?:[^'\x00-\x1f]|'')*)'$/;

/** One scalar of the fast path (plain, 'single' or "double" quoted); `flow` inside [ ]. Undefined: not simple. */
function simpleScalar(raw: string, flow: boolean): string | undefined {
  if (raw.startsWith('"')) {
    // The usual quoted title: no escape, no inner quote, no control character. Same answer as the regex, without it.
    if (raw.length >= 2 && raw.indexOf('"', 1) === raw.length - 1 && !raw.includes('\\') && !CONTROL.test(raw))
      return raw.slice(1, -1);
    const m = DOUBLE_QUOTED.exec(raw);
    return m ? m[1]!.replace(/\\(["\\/])/g, '$1') : undefined;
  }
  if (raw.startsWith("'")) {
    const m = SINGLE_QUOTED.exec(raw);
    return m ? m[1]!.replace(/''/g, "'") : undefined;
  }
  if (
    raw === '' ||
    INDICATOR.test(raw) ||
    raw.includes(': ') ||
    raw.includes(' #') ||
    raw.endsWith(':') ||
    coreNonString(raw)
  )
    return undefined;
  if (flow && /[,[\]{}]/.test(raw)) return undefined;
  return raw;
}

/** `[a, "b", 'c']` on one line: the items, or undefined if it is anything less simple. */
function simpleFlowList(raw: string): string[] | undefined {
  if (!raw.startsWith('[') || !raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return inner.includes('\t') ? undefined : [];
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const item = simpleScalar(part.trim(), true);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

/**
 * The fast path for the front matter almost every source has: lines of
 * `key: scalar` (plain, 'single' or "double" quoted, no escapes beyond \" \\ \/)
 * or `key: [item, item]` (such scalars, on one line), comments and blank lines. Returns undefined for anything else — nesting,
 * lists, multi-line or special scalars, comments after values, duplicate
 * keys, tabs — and the caller then uses the full YAML parser. For every text
 * it accepts, it gives exactly what the full parser gives (a property test
 * checks this); it is several times faster and allocates little.
 */
export function fastFrontMatterEntries(text: string, block: FrontMatterBlock): FrontMatterEntry[] | undefined {
  const entries: FrontMatterEntry[] = [];
  const seen = new Set<string>();
  let i = block.contentStart;
  const end = block.contentEnd;
  while (i < end) {
    let eol = i;
    while (eol < end && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    const line = text.slice(i, eol);
    const next = eol < end && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      if (line.includes('\t')) return undefined;
      i = next;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || line.includes('\t')) return undefined;
    const key = line.slice(0, colon);
    if (!SIMPLE_KEY.test(key) || coreNonString(key) || seen.has(key)) return undefined;
    const rest = line.slice(colon + 1);
    if (rest === '' || rest.charCodeAt(0) !== 32) return undefined;
    const raw = rest.trim();
    if (raw === '') return undefined;
    const list = raw.startsWith('[') ? simpleFlowList(raw) : undefined;
    const value = list === undefined ? simpleScalar(raw, false) : undefined;
    if (list === undefined && value === undefined) return undefined;
    seen.add(key);
    const valueStart = i + colon + 1 + (rest.length - rest.trimStart().length);
    const at = { keyStart: i, keyEnd: i + colon, valueStart, valueEnd: valueStart + raw.length };
    entries.push(
      list !== undefined
        ? { key, value: list, string: undefined, kind: 'a list', ...at }
        : { key, value, string: value, kind: 'a string', ...at },
    );
    i = next;
  }
  return entries;
}

/** The full YAML path: any front matter, with exact errors. Undefined if it could not be read. */
function yamlFrontMatterEntries(
  text: string,
  block: FrontMatterBlock,
  problems: Problem[],
  maxAliases: number,
): FrontMatterEntry[] | undefined {
  const yamlText = text.slice(block.contentStart, block.contentEnd);
  const doc = parseYaml(yamlText, block.contentStart, 'front-matter', problems);
  if (doc.errors.length > 0) return undefined;
  const root = doc.contents;
  // Only comments: as empty as an empty block.
  if (root === null) return [];
  const bomb = aliasOverflow(doc, maxAliases);
  if (bomb) {
    problems.push(aliasProblem('front-matter', 'front matter', bomb, block.contentStart, maxAliases));
    return undefined;
  }
  let plain: Record<string, unknown> = {};
  try {
    const js: unknown = doc.toJS({ maxAliasCount: maxAliases });
    if (js && typeof js === 'object') plain = js as Record<string, unknown>;
  } catch (e) {
    problems.push(
      problem(
        'front-matter',
        block.contentStart,
        block.contentEnd,
        `front matter could not be read: ${(e as Error).message}`,
      ),
    );
    return undefined;
  }
  if (!isMap(root)) {
    const [s, e] = rangeOf(root, block.contentStart, [block.start, block.start + 3]);
    problems.push(
      problem('front-matter', s, e, `front matter must be a mapping of keys to values, not ${describe(root)}`),
    );
    return undefined;
  }
  return pairsOf(root).map((pair) => {
    const key = keyText(pair);
    const [keyStart, keyEnd] = rangeOf(pair.key, block.contentStart, [block.start, block.start + 3]);
    const [valueStart, valueEnd] = rangeOf(pair.value, block.contentStart, [keyStart, keyEnd]);
    const value = Object.prototype.hasOwnProperty.call(plain, key) ? plain[key] : null;
    return {
      key,
      value: value ?? null,
      string: scalarString(pair.value),
      kind: describe(pair.value),
      keyStart,
      keyEnd,
      valueStart,
      valueEnd,
    };
  });
}

/** Parses and checks the front matter block of a document. `fast: false` forces the full YAML parser. */
export function readFrontMatter(
  text: string,
  block: FrontMatterBlock,
  problems: Problem[],
  options: { fast?: boolean; maxYamlAliases?: number } = {},
): SourceMeta {
  const meta: SourceMeta = { extra: {} };
  if (text.slice(block.contentStart, block.contentEnd).trim() === '') return meta;
  const entries =
    (options.fast !== false ? fastFrontMatterEntries(text, block) : undefined) ??
    yamlFrontMatterEntries(text, block, problems, options.maxYamlAliases ?? YAML_MAX_ALIAS_COUNT);
  if (!entries) return meta;
  for (const { key, value: raw, string: value, kind, valueStart: vs, valueEnd: ve } of entries) {
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      if (value === undefined || value === '') {
        problems.push(problem('front-matter', vs, ve, `'${key}' must be a non-empty string, not ${kind}`));
        continue;
      }
      const k = key as (typeof STRING_KEYS)[number];
      if (k === 'id' && !SOURCE_ID.test(value)) {
        problems.push(
          problem(
            'front-matter',
            vs,
            ve,
            `'id' must be letters, digits, '.', '_' or '-' (it is used in links such as 'source-id#claim-id'), not '${value}'`,
          ),
        );
        continue;
      }
      if (k === 'published' && !isValidIsoDate(value)) {
        problems.push(
          problem('front-matter', vs, ve, `'published' must be an ISO date such as 2025-06-25, not '${value}'`),
        );
        continue;
      }
      if (k === 'url' && !/^https?:\/\/\S+$/.test(value)) {
        problems.push(problem('front-matter', vs, ve, `'url' must be an http(s) address, not '${value}'`));
        continue;
      }
      // Only the id becomes an index key (source id → files): it alone must not keep the text alive.
      meta[k] = k === 'id' ? detach(value) : value;
      if (k === 'id') {
        meta.idStart = vs;
        meta.idEnd = ve;
      }
    } else {
      // Defined, not assigned: a key such as '__proto__' must stay a key, not replace the object's prototype.
      Object.defineProperty(meta.extra, key, {
        value: typeof raw === 'string' ? detach(raw) : raw,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return meta;
}
