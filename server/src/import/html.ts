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
  querySelector(selector: string): PageElement | null;
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
  options: { serializer: (node: DomNode) => DomNode },
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
 * page shows them. Throws ImportError if Readability finds no article text.
 */
export function extractHtml(html: string): Article {
  const { document } = parseHTML(html);
  const url = canonicalUrl(document);
  const Reader = Readability as unknown as ReadabilityClass;
  const result = new Reader(document, { serializer: (node) => node }).parse();
  const blocks = result?.content ? blocksOf(result.content) : [];
  if (!result || blocks.length === 0) throw new ImportError('no article text found in the page');
  return { metadata: metadataOf(result, url), blocks };
}
