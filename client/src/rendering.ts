/**
 * The client's half of the rendered article, without `vscode`: the cache of
 * the server's answers to `corroborate/renderedSource`, the markdown-it
 * plugin that swaps a source for its rendered form, and which attribute
 * lists the editor dims. The spans are found and rendered by the server
 * (server/src/core/features/render.ts); nothing here parses a source.
 */

import type MarkdownIt from 'markdown-it';
import type { Range } from '../../common/positions';
import type { RenderedSource } from '../../common/rendering';

/** How many rendered texts the cache keeps (the open previews, and a few versions back). */
const CACHE_SIZE = 32;

/**
 * The server's rendered sources, keyed by the document and the exact text
 * rendered: the preview's input is matched against it, so an answer for
 * another version of the document is never shown (and a text rendered
 * without a document, hence without statuses, is not reused for one). A miss starts a request; when the answer
 * arrives, `refresh` is called (the extension runs `markdown.preview.refresh`)
 * and the next render hits. When other files change a source's claim
 * statuses, {@link invalidate} marks every entry stale: a stale entry is still
 * shown (no flash of raw markup) while it is asked for again, and `refresh`
 * is called only if the answer differs (a refresh re-renders the preview,
 * which must not happen on every change of the workspace).
 */
export class RenderedCache {
  private readonly byText = new Map<string, RenderedSource>();
  private readonly pending = new Set<string>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly fetch: (uri: string | undefined, text: string) => Promise<RenderedSource | null | undefined>,
    private readonly refresh: () => void,
  ) {}

  /** The rendered Markdown of `text`, or undefined (and a request for it) if the server has not answered yet. */
  lookup(text: string, uri?: string): string | undefined {
    const key = `${uri ?? ''}\n${text}`;
    const hit = this.byText.get(key);
    if (hit) {
      // Least recently used goes first: re-insert on every hit.
      this.byText.delete(key);
      this.byText.set(key, hit);
      if (this.stale.delete(key)) this.ask(key, uri, text);
      return hit.markdown;
    }
    this.ask(key, uri, text);
    return undefined;
  }

  /** Whether anything is cached (a preview has rendered a source). */
  get size(): number {
    return this.byText.size;
  }

  /** Marks every entry stale: the next lookup of each still answers from it, and asks the server again. */
  invalidate(): void {
    for (const key of this.byText.keys()) this.stale.add(key);
  }

  private ask(key: string, uri: string | undefined, text: string): void {
    if (!this.pending.has(key)) {
      this.pending.add(key);
      this.fetch(uri, text).then(
        (answer) => {
          this.pending.delete(key);
          if (!answer || answer.text !== text) return;
          const before = this.byText.get(key);
          this.byText.delete(key);
          this.byText.set(key, answer);
          while (this.byText.size > CACHE_SIZE) {
            const oldest = this.byText.keys().next().value!;
            this.byText.delete(oldest);
            this.stale.delete(oldest);
          }
          if (before?.markdown !== answer.markdown) this.refresh();
        },
        () => this.pending.delete(key),
      );
    }
  }
}

/** Whether the preview should ask for a document: a seed, or a text with no document (`markdown.api.render`). */
export function isRenderable(uri: string | undefined, text: string): boolean {
  if (uri !== undefined) return uri.endsWith('.seed.md');
  // A string without a document: ask only if it could hold a span at all (a cheap guard, not a parse).
  return text.includes(']{');
}

/**
 * The markdown-it plugin: before markdown-it reads a source, its text is
 * replaced by the rendered form the cache holds (spans as HTML, attribute
 * lists gone). Before the server's first answer the source renders as it is.
 * The HTML relies on the preview allowing inline HTML (VS Code's does).
 *
 * VS Code parses with an empty `env` (`env.currentDocument` is set only when
 * the tokens are rendered), so the document is found by its text:
 * `documentOf` returns the URI of an open document with exactly that text.
 */
export function corroboratePlugin(
  md: MarkdownIt,
  cache: RenderedCache,
  documentOf: (text: string) => string | undefined = () => undefined,
): MarkdownIt {
  md.core.ruler.before('normalize', 'corroborate_spans', (state) => {
    const env = state.env as { currentDocument?: { toString(): string } } | undefined;
    const uri = env?.currentDocument?.toString() ?? documentOf(state.src);
    if (!isRenderable(uri, state.src)) return;
    const rendered = cache.lookup(state.src, uri);
    if (rendered !== undefined) state.src = rendered;
  });
  return md;
}

/**
 * The attribute lists to dim: all of `attributes` except those on a line in
 * `cursorLines` (a list spanning lines is kept in full view if any of its
 * lines holds a cursor).
 */
export function dimmedRanges(attributes: readonly Range[], cursorLines: ReadonlySet<number>): Range[] {
  return attributes.filter((r) => {
    for (let line = r.start.line; line <= r.end.line; line++) if (cursorLines.has(line)) return false;
    return true;
  });
}
