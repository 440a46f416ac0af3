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
import { readLiteMap } from './yamlLite';

/** The metadata of one source, read from its front matter. */
export interface SourceMeta {
  id?: string;
  title?: string;
  outlet?: string;
  author?: string;
  published?: string;
  url?: string;
  language?: string;
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

/** How a value is described in messages, as `describe` in yaml.ts says it of a node. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/**
 * The fast path for the front matter sources have: what yamlLite.ts reads
 * (lines of `key: scalar`, one-line flow lists and maps, block maps and lists
 * nested under a key, block strings, comments and blank lines). Returns
 * undefined for anything else, and for a metadata key (`id`, `title`…) whose
 * value is a number, a boolean, null or not on its line; the caller then uses the full YAML parser. For every text it
 * accepts it gives exactly what the full parser gives (a property test checks
 * this), many times faster.
 */
export function fastFrontMatterEntries(text: string, block: FrontMatterBlock): FrontMatterEntry[] | undefined {
  const lite = readLiteMap(text, block.contentStart, block.contentEnd);
  if (!lite) return undefined;
  const entries: FrontMatterEntry[] = [];
  for (const e of lite) {
    const string = typeof e.value === 'string' ? e.value : undefined;
    // A metadata key's problem is placed at its value (exact only on the key's line); a number or a boolean is a
    // string to the full parser's `scalarString`.
    const metadata = (STRING_KEYS as readonly string[]).includes(e.key);
    if (metadata && (!e.inline || (string === undefined && (e.value === null || typeof e.value !== 'object'))))
      return undefined;
    entries.push({
      key: e.key,
      value: e.value,
      string,
      kind: kindOf(e.value),
      keyStart: e.keyStart,
      keyEnd: e.keyEnd,
      valueStart: e.valueStart,
      valueEnd: e.valueEnd,
    });
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
  // Other keys (tags, authors, image…) are read, so that their syntax is checked, but not kept: no feature reads
  // them, and sites' front matter makes them most of a model's metadata (1–3 KB a file in the benchmark's corpora).
  const meta: SourceMeta = {};
  if (text.slice(block.contentStart, block.contentEnd).trim() === '') return meta;
  const entries =
    (options.fast !== false ? fastFrontMatterEntries(text, block) : undefined) ??
    yamlFrontMatterEntries(text, block, problems, options.maxYamlAliases ?? YAML_MAX_ALIAS_COUNT);
  if (!entries) return meta;
  for (const { key, string: value, kind, valueStart: vs, valueEnd: ve } of entries) {
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
    }
  }
  return meta;
}
