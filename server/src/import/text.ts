/**
 * Plain text (a .txt file, the clipboard) → an article. Pure.
 */

import { idFromTitle } from './ids';
import { normalizeText } from './normalize';
import type { Article, Block } from './types';

/** The longest first line read as a title. */
export const MAX_TITLE_LENGTH = 150;

/**
 * Whether the first line reads as a title: it stands alone on its line, is at
 * most {@link MAX_TITLE_LENGTH} characters, does not end as a sentence or a
 * clause does (`.`, `,`, `;`, `:`), and more text follows it.
 */
function isTitle(line: string, rest: string[]): boolean {
  return line.length <= MAX_TITLE_LENGTH && !/[.,;:]$/.test(line) && rest.some((p) => p !== '');
}

/**
 * The paragraphs of a text: separated by blank lines, a paragraph's lines
 * joined by spaces. A text with no blank line at all has one paragraph per
 * line (as text copied from a web page often has).
 */
function paragraphsOf(text: string): string[][] {
  const blank = (l: string): boolean => normalizeText(l) === '';
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  let start = 0;
  let end = lines.length;
  while (start < end && blank(lines[start]!)) start++;
  while (end > start && blank(lines[end - 1]!)) end--;
  const inner = lines.slice(start, end);
  if (!inner.some(blank)) return inner.map((l) => [l]);
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of inner) {
    if (!blank(line)) current.push(line);
    else if (current.length > 0) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/**
 * The article of a plain text: the first line is its title if it looks like
 * one ({@link isTitle}), the rest its paragraphs, whitespace normalised. The
 * front matter has the title and the id only: a text says nothing else about itself.
 */
export function extractText(text: string): Article {
  const paragraphs = paragraphsOf(text);
  const first = paragraphs[0];
  const firstLine = first ? normalizeText(first[0]!) : '';
  const rest = first ? [first.slice(1).join(' '), ...paragraphs.slice(1).map((p) => p.join(' '))] : [];
  const restText = rest.map(normalizeText);
  const titled = first !== undefined && isTitle(firstLine, restText);
  const body = titled ? restText : paragraphs.map((p) => normalizeText(p.join(' ')));
  const blocks: Block[] = body.filter((t) => t !== '').map((t) => ({ kind: 'paragraph', text: t }));
  return { metadata: titled ? { id: idFromTitle(firstLine), title: firstLine } : {}, blocks };
}
