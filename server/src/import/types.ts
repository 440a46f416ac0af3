/**
 * What the importer reads out of an article, whatever it came from (an HTML
 * page, a text file, the clipboard), before it is written as a seed.
 */

/**
 * The front matter an article gives. A field the article does not give is
 * absent, never guessed (docs/import.md).
 */
export interface ArticleMetadata {
  id?: string;
  title?: string;
  author?: string;
  /** The publication date, YYYY-MM-DD, as docs/format.md wants it. */
  published?: string;
  outlet?: string;
  /** The canonical address, http(s) only. */
  url?: string;
  language?: string;
}

/** One block of the article's text: a paragraph, or a heading within the article. */
export interface Block {
  kind: 'paragraph' | 'heading';
  /** The text as the page shows it: entities decoded, whitespace normalised to single spaces, trimmed. */
  text: string;
  /** A heading's level, 1 to 6. */
  level?: number;
}

/** An article: its metadata and its text, block by block. */
export interface Article {
  metadata: ArticleMetadata;
  blocks: Block[];
}

/** Input the importer refuses (empty, binary, too large, no article found), with a message to show as it is. */
export class ImportError extends Error {}
