/**
 * An article → the text of a new seed (`*.seed.md`): YAML front matter, then
 * one Markdown paragraph per block, with every character that the core's
 * parser or Pandoc's Markdown would read as markup escaped. Pure.
 */

import { stringify } from 'yaml';
import { normalizeText } from './normalize';
import type { Article, ArticleMetadata, Block } from './types';

/** The front matter keys, in the order they are written (the seeds' order: id first). */
const KEYS: Array<keyof ArticleMetadata> = ['id', 'title', 'author', 'published', 'outlet', 'url', 'language'];

/**
 * Escaped wherever they are: the core's markup (`[`, `]`, backticks, `\`), attribute braces, and
 * Pandoc's inline markup (emphasis, raw HTML, strikeout and subscript, superscript).
 */
const ALWAYS = /[\\[\]{}`*_<~^]/g;
/** An HTML entity, which Pandoc would decode: its `&` is escaped. */
const ENTITY = /&(?=#?[a-zA-Z0-9]+;)/g;
/** A paragraph start Pandoc reads as a block: heading, quote, list, definition, table, rule. */
const BLOCK_START = /^[#>+\-:|=%]/;
/** A paragraph start Pandoc reads as an ordered list item: `1.`, `1)`, `a)`, `(i)`, `#.` … */
const LIST_START = /^(\(?)([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)([.)])(?=\s|$)/;

/** One line of prose, escaped so that it reads as the same text and contains no markup. */
export function escapeProse(text: string, lineStart = true): string {
  let out = text.replace(ALWAYS, '\\$&').replace(ENTITY, '\\&');
  if (!lineStart) return out;
  if (BLOCK_START.test(out)) out = '\\' + out;
  return out.replace(LIST_START, (_m, open: string, marker: string, close: string) =>
    open === '' ? `${marker}\\${close}` : `\\(${marker}\\${close}`,
  );
}

/** The ASCII punctuation the core's parser (and CommonMark) lets a backslash escape. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;

/** The text of a line of escaped prose: the inverse of {@link escapeProse}. */
export function unescapeProse(text: string): string {
  return text.replace(ESCAPED, '$1');
}

/** One block as Markdown: a paragraph, or an ATX heading (its `#` escaped so none closes it). */
function renderBlock(block: Block): string {
  const text = normalizeText(block.text);
  if (block.kind !== 'heading') return escapeProse(text);
  const level = Math.min(6, Math.max(1, block.level ?? 2));
  return `${'#'.repeat(level)} ${escapeProse(text, false).replace(/#/g, '\\#')}`;
}

/** The front matter block: the fields the article gives, in {@link KEYS} order, as YAML that reads back as strings. */
export function renderFrontMatter(metadata: ArticleMetadata): string {
  const fields: Record<string, string> = {};
  for (const k of KEYS) {
    const v = metadata[k];
    if (v !== undefined && v !== '') fields[k] = v;
  }
  if (Object.keys(fields).length === 0) return '';
  return `---\n${stringify(fields, { lineWidth: 0, minContentWidth: 0 })}---\n\n`;
}

/**
 * The seed text of an article: front matter, then its blocks separated by
 * blank lines, each on one line. Blocks whose text is empty are left out.
 */
export function renderSeed(article: Article): string {
  const blocks = article.blocks.filter((b) => normalizeText(b.text) !== '').map(renderBlock);
  return renderFrontMatter(article.metadata) + blocks.map((b) => b + '\n').join('\n');
}

/**
 * The blocks' text back from the prose of a rendered seed (the core's
 * `stripMarkup` of it): one string per block, headings without their `#`s,
 * escapes undone. What a test compares with the article's blocks.
 */
export function readBackBlocks(prose: string): string[] {
  return prose
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => unescapeProse(p.replace(/^#{1,6} /, '')));
}
