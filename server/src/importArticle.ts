/**
 * The `corroborate/importArticle` request (common/protocol.ts): the VS Code
 * commands *Import Article…* and *New Source from Clipboard* send the input,
 * and get back the seed to write. The work is server/src/import/'s; this
 * decodes the input and turns refusals into `{ error }`.
 */

import type { ImportArticleParams, ImportArticleResult } from '../../common/protocol';
import {
  decodeInput,
  firstFreeSeed,
  idFromTitle,
  ImportError,
  importArticle,
  kindOfFileName,
  MAX_IMPORT_BYTES,
} from './import';

/** The input's text: as sent, or decoded from base64 bytes with the CLI's checks (binary, UTF-8, size). */
function inputText(p: ImportArticleParams): string {
  if (typeof p?.content !== 'string') throw new ImportError('the request has no content');
  if (p.encoding !== 'base64') return p.content;
  if (p.content.length > (MAX_IMPORT_BYTES / 3) * 4 + 4)
    throw new ImportError(`the input is larger than ${MAX_IMPORT_BYTES} bytes, the most the importer reads`);
  return decodeInput(Buffer.from(p.content, 'base64'));
}

/** Answers the request: the new source under the first name not in `taken`, or `{ error }`. */
export function importArticleRequest(p: ImportArticleParams): ImportArticleResult {
  try {
    const text = inputText(p);
    // The params come over the wire: anything not of the declared shape is ignored.
    const name = typeof p.fileName === 'string' ? (p.fileName.split(/[\\/]/).pop() ?? '') : '';
    const stem = name.replace(/\.[^.]*$/, '');
    const kind = p.kind === 'html' || p.kind === 'text' ? p.kind : kindOfFileName(name);
    const imported = importArticle(text, kind, stem ? idFromTitle(stem) : undefined);
    const taken = new Set(Array.isArray(p.taken) ? p.taken.filter((n) => typeof n === 'string') : []);
    const seed = firstFreeSeed(imported, (n) => taken.has(n));
    return { fileName: seed.fileName, id: seed.id, text: seed.text };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.message };
    throw e;
  }
}
