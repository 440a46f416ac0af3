/**
 * The paragraphs of a reference article (Readability's `expected.html`), read
 * independently of server/src/import/blocks.ts, and how many of them an
 * import gives back, in order. Used by test/import/ and by
 * scripts/measure-import.mjs (docs/import.md).
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: RefDocument } };

interface RefNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<RefNode>;
}

interface RefDocument {
  body: RefNode;
  querySelectorAll(selector: string): ArrayLike<RefNode>;
}

/** The elements whose text is one paragraph of the reference, when they hold no other such element. */
const TEXT_BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, figcaption, blockquote, td, th, pre, dd, dt';
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'SVG', 'TEMPLATE']);
const BLOCK_NAMES = new Set(TEXT_BLOCKS.toUpperCase().split(', '));

/** A paragraph as compared: whitespace runs as one space, soft hyphens dropped, trimmed. */
export function normalizeParagraph(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Elements that separate text, beyond the paragraph-like ones: their text is set apart by spaces. */
const SEPARATE = new Set([...BLOCK_NAMES, 'DIV', 'FIGURE', 'SECTION', 'ARTICLE', 'UL', 'OL', 'TABLE', 'TR', 'BR']);

function textOf(node: RefNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 || NOT_TEXT.has(node.nodeName.toUpperCase())) return '';
  let s = '';
  for (let i = 0; i < node.childNodes.length; i++) s += textOf(node.childNodes[i]!);
  return SEPARATE.has(node.nodeName.toUpperCase()) ? ` ${s} ` : s;
}

function holdsBlock(node: RefNode): boolean {
  for (let i = 0; i < node.childNodes.length; i++) {
    const c = node.childNodes[i]!;
    if (c.nodeType === 1 && (BLOCK_NAMES.has(c.nodeName.toUpperCase()) || holdsBlock(c))) return true;
  }
  return false;
}

/** The reference's whole text, whitespace normalised, blocks set apart by spaces: what no imported block goes beyond. */
export function referenceText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return normalizeParagraph(textOf(document.body));
}

/** The reference's paragraphs: the text of each innermost paragraph-like element, in document order. */
export function referenceParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: string[] = [];
  const all = document.querySelectorAll(TEXT_BLOCKS);
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (holdsBlock(el)) continue;
    const text = normalizeParagraph(textOf(el));
    if (text !== '') out.push(text);
  }
  return out;
}

/** How many reference paragraphs an import gives back, each inside one of its blocks, in order. */
export interface Agreement {
  expected: number;
  found: number;
  missing: string[];
}

/** Matches each reference paragraph to the first block at or after the last match that contains it. */
export function agreement(expected: string[], blocks: string[]): Agreement {
  const got = blocks.map(normalizeParagraph);
  const missing: string[] = [];
  let at = 0;
  let found = 0;
  for (const e of expected) {
    let k = at;
    while (k < got.length && !got[k]!.includes(e)) k++;
    if (k < got.length) {
      found++;
      at = k;
    } else missing.push(e);
  }
  return { expected: expected.length, found, missing };
}
