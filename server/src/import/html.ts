/**
 * An HTML page → its article: the body through Mozilla's Readability over a
 * linkedom DOM (docs/import.md says why linkedom and not jsdom), the metadata
 * from Readability's reading of the page (`<meta>`, Open Graph, JSON-LD) and
 * the page's canonical link. Pure: a string in, data out.
 */

import { Readability } from '@mozilla/readability';
import { blocksOf, type DomNode } from './blocks';
import { idFromTitle, isoDate } from './ids';
import { normalizeText } from './normalize';
import { ImportError, type Article, type ArticleMetadata } from './types';

/**
 * linkedom's `parseHTML`. The package is an ES module with a CommonJS build; its type declarations are
 * the ES module's, which a CommonJS module cannot `import`, so it is required and typed here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: PageDocument } };

/** The part of a DOM element read here, beyond {@link DomNode}. */
interface PageElement extends DomNode {
  getAttribute(name: string): string | null;
}

/** The part of a DOM document read here. */
interface PageDocument {
  documentElement: DomNode;
  querySelector(selector: string): PageElement | null;
}

/**
 * The most elements a page may have, counted by its start tags before parsing (the saved news pages
 * of test/fixtures/html/ have 600 to 2,100). Parsing deeply nested markup takes time quadratic in its
 * depth (linkedom: 0.3 s for 20,000 nested elements, 26 s for 200,000).
 */
export const MAX_ELEMENTS = 50_000;
/** The deepest element nesting read: Readability's time grows with the square of it (2 s at 5,000 levels). */
export const MAX_DEPTH = 300;

/** Refuses a page with more start tags than {@link MAX_ELEMENTS}, before it is parsed. */
function checkSize(html: string): void {
  let tags = 0;
  const start = /<[a-zA-Z]/g;
  while (start.exec(html) !== null)
    if (++tags > MAX_ELEMENTS)
      throw new ImportError(`the page has more than ${MAX_ELEMENTS} elements, the most the importer reads`);
}

/** Refuses a document nested deeper than {@link MAX_DEPTH} (walked without recursion). */
function checkDepth(root: DomNode): void {
  const stack: Array<[DomNode, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH)
      throw new ImportError(`the page nests elements more than ${MAX_DEPTH} deep, the most the importer reads`);
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
}

/** What Readability's `parse()` returns, with the article as an element (the `serializer` option). */
interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  content?: DomNode | null;
}

/** Readability, typed here: its declarations name DOM types that this project's `lib` does not include. */
type ReadabilityClass = new (
  doc: PageDocument,
  options: { serializer: (node: DomNode) => DomNode; maxElemsToParse: number },
) => { parse(): ReadabilityResult | null };

/** An absolute http(s) address from `href`, resolved against `base` if relative; undefined otherwise. */
function httpUrl(href: string | null | undefined, base?: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const url = base === undefined ? new URL(href.trim()) : new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page's canonical address: `<link rel=canonical>`, else `og:url`. Read before Readability changes the DOM. */
function canonicalUrl(doc: PageDocument): string | undefined {
  const og = httpUrl(doc.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  return httpUrl(canonical, og) ?? og;
}

/** A metadata string as the page gives it, whitespace normalised; undefined if there is none. */
function field(value: string | null | undefined): string | undefined {
  const text = normalizeText(value ?? '');
  return text === '' ? undefined : text;
}

/** The front matter of a page, from Readability's metadata and the canonical link. Absent fields stay absent. */
function metadataOf(result: ReadabilityResult, url: string | undefined): ArticleMetadata {
  const title = field(result.title);
  const published = result.publishedTime ? isoDate(result.publishedTime) : undefined;
  const meta: ArticleMetadata = {
    id: title === undefined ? undefined : idFromTitle(title),
    title,
    author: field(result.byline?.replace(/^\s*by\s+/i, '')),
    published,
    outlet: field(result.siteName),
    url,
    language: field(result.lang),
  };
  for (const k of Object.keys(meta) as Array<keyof ArticleMetadata>) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/**
 * The article of an HTML page: its metadata and its body's blocks, as the
 * page shows them. Throws ImportError if Readability finds no article text, or the page is
 * larger or deeper than the importer reads ({@link MAX_ELEMENTS}, {@link MAX_DEPTH}).
 */
export function extractHtml(html: string): Article {
  checkSize(html);
  const { document } = parseHTML(html);
  checkDepth(document.documentElement);
  const url = canonicalUrl(document);
  const Reader = Readability as unknown as ReadabilityClass;
  let result: ReadabilityResult | null;
  try {
    result = new Reader(document, { serializer: (node) => node, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch (e) {
    // Readability throws on more than maxElemsToParse elements (the parser may add some to the start tags).
    throw new ImportError(`Readability cannot read the page: ${e instanceof Error ? e.message : String(e)}`);
  }
  const blocks = result?.content ? blocksOf(result.content) : [];
  if (!result || blocks.length === 0) throw new ImportError('no article text found in the page');
  return { metadata: metadataOf(result, url), blocks };
}
