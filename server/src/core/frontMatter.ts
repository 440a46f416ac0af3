import { detach } from './text';
import { problem, type Problem } from './types';
import { describe, keyText, pairsOf, parseYaml, rangeOf, scalarString, isMap, YAML_MAX_ALIAS_COUNT } from './yamlUtil';
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

/** Parses and checks the front matter block of a document. */
export function readFrontMatter(text: string, block: FrontMatterBlock, problems: Problem[]): SourceMeta {
  const meta: SourceMeta = { extra: {} };
  const yamlText = text.slice(block.contentStart, block.contentEnd);
  if (yamlText.trim() === '') return meta;
  const doc = parseYaml(yamlText, block.contentStart, 'front-matter', problems);
  if (doc.errors.length > 0) return meta;
  const root = doc.contents;
  // Only comments: as empty as an empty block.
  if (root === null) return meta;
  let plain: Record<string, unknown> = {};
  try {
    const js: unknown = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
    if (js && typeof js === 'object') plain = js as Record<string, unknown>;
  } catch (e) {
    problems.push(problem('front-matter', block.contentStart, block.contentEnd, `front matter could not be read: ${(e as Error).message}`));
    return meta;
  }
  if (!isMap(root)) {
    const [s, e] = rangeOf(root, block.contentStart, [block.start, block.start + 3]);
    problems.push(problem('front-matter', s, e, `front matter must be a mapping of keys to values, not ${describe(root)}`));
    return meta;
  }
  for (const pair of pairsOf(root)) {
    const key = keyText(pair);
    const [ks, ke] = rangeOf(pair.key, block.contentStart, [block.start, block.start + 3]);
    const [vs, ve] = rangeOf(pair.value, block.contentStart, [ks, ke]);
    if ((STRING_KEYS as readonly string[]).includes(key)) {
      const value = scalarString(pair.value);
      if (value === undefined || value === '') {
        problems.push(problem('front-matter', vs, ve, `'${key}' must be a non-empty string, not ${describe(pair.value)}`));
        continue;
      }
      const k = key as (typeof STRING_KEYS)[number];
      if (k === 'id' && !SOURCE_ID.test(value)) {
        problems.push(problem('front-matter', vs, ve, `'id' must be letters, digits, '.', '_' or '-' (it is used in links such as 'source-id#claim-id'), not '${value}'`));
        continue;
      }
      if (k === 'published' && !isValidIsoDate(value)) {
        problems.push(problem('front-matter', vs, ve, `'published' must be an ISO date such as 2025-06-25, not '${value}'`));
        continue;
      }
      if (k === 'url' && !/^https?:\/\/\S+$/.test(value)) {
        problems.push(problem('front-matter', vs, ve, `'url' must be an http(s) address, not '${value}'`));
        continue;
      }
      meta[k] = detach(value);
      if (k === 'id') {
        meta.idStart = vs;
        meta.idEnd = ve;
      }
    } else {
      // Defined, not assigned: a key such as '__proto__' must stay a key, not replace the object's prototype.
      const value = Object.prototype.hasOwnProperty.call(plain, key) ? plain[key] : null;
      Object.defineProperty(meta.extra, key, { value: value ?? null, enumerable: true, writable: true, configurable: true });
    }
  }
  return meta;
}
