/**
 * The importer (docs/import.md): an article from an HTML page, a text file
 * or the clipboard → the text of a new seed. Pure functions: the CLI and the
 * language server read the input and write the file.
 */

import { MAX_NAME_ATTEMPTS, seedFileName } from '../../../common/importing';
import { extractHtml } from './html';
import { renderSeed } from './seed';
import { extractText } from './text';
import { ImportError, type Article } from './types';

export { ImportError } from './types';
export type { Article, ArticleMetadata, Block } from './types';
export { extractHtml } from './html';
export { extractText } from './text';
export { idFromTitle, isoDate } from './ids';
export { renderSeed, readBackBlocks, escapeProse, unescapeProse } from './seed';

/** The largest input imported, in bytes (10 MiB: a news page is rarely over 2 MiB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportKind = 'html' | 'text';

/** An imported article, before it is named: its text, blocks and metadata, and the id its name comes from. */
export interface ImportedArticle {
  id: string;
  article: Article;
}

/** A seed ready to write: its file name, its source id (which matches the name) and its text. */
export interface NamedSeed {
  id: string;
  fileName: string;
  text: string;
}

/** The kind of input a file name says, or undefined (`.html`, `.htm`, `.xhtml`: html; `.txt`, `.text`: text). */
export function kindOfFileName(fileName: string): ImportKind | undefined {
  if (/\.x?html?$/i.test(fileName)) return 'html';
  if (/\.te?xt$/i.test(fileName)) return 'text';
  return undefined;
}

/** The kind of a text by its content: HTML if it starts with a tag or doctype and has an html, head or body element. */
export function sniffKind(text: string): ImportKind {
  return /^\s*</.test(text) && /<(?:!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(0, 4096)) ? 'html' : 'text';
}

/** Bytes → text. Throws ImportError for empty, too large, binary or non-UTF-8 input. */
export function decodeInput(bytes: Uint8Array): string {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new ImportError(`the input is ${bytes.length} bytes; the importer reads at most ${MAX_IMPORT_BYTES}`);
  if (bytes.subarray(0, 8192).includes(0))
    throw new ImportError('the input is binary (it contains NUL bytes), not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportError('the input is not valid UTF-8: convert it to UTF-8 first');
  }
  return text;
}

/** Checks decoded input text: not empty, not too large, no NUL. */
function checkText(text: string): void {
  if (text.trim() === '') throw new ImportError('the input is empty');
  if (text.length > MAX_IMPORT_BYTES)
    throw new ImportError(`the input is ${text.length} characters; the importer reads at most ${MAX_IMPORT_BYTES}`);
  if (text.includes('\0')) throw new ImportError('the input is binary (it contains NUL characters), not text');
}

/**
 * Imports an article: `text` read as HTML or plain text (`kind`, else sniffed).
 * `fallbackId` is the id of a source whose input gives no title (the CLI passes
 * the input file's name). Throws ImportError for bad input.
 */
export function importArticle(text: string, kind?: ImportKind, fallbackId = 'article'): ImportedArticle {
  checkText(text);
  const article = (kind ?? sniffKind(text)) === 'html' ? extractHtml(text) : extractText(text);
  if (article.blocks.length === 0) throw new ImportError('no text to import');
  return { id: article.metadata.id ?? fallbackId, article };
}

/** The clipboard path: a text (never read as HTML) as an article. */
export function importClipboardText(text: string): ImportedArticle {
  return importArticle(text, 'text');
}

/**
 * The seed of an imported article under its `attempt`-th name (common/importing.ts):
 * `<id>.seed.md`, then `<id>-2.seed.md`, … and the front matter's id is the name's,
 * so that a second import of the same article is no duplicate id.
 */
export function namedSeed(imported: ImportedArticle, attempt: number): NamedSeed {
  const fileName = seedFileName(imported.id, attempt);
  const id = fileName.slice(0, -'.seed.md'.length);
  return { id, fileName, text: renderSeed({ ...imported.article, metadata: { ...imported.article.metadata, id } }) };
}

/** The seed under the first name that `taken` does not refuse. Throws ImportError if all are taken. */
export function firstFreeSeed(imported: ImportedArticle, taken: (fileName: string) => boolean): NamedSeed {
  for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
    if (!taken(seedFileName(imported.id, n))) return namedSeed(imported, n);
  }
  throw new ImportError(`${seedFileName(imported.id, 1)} and the next ${MAX_NAME_ATTEMPTS - 1} names are all taken`);
}
