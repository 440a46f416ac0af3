/**
 * An annotated article's rendered Markdown (features/render.ts: the prose as
 * written, each span's markup replaced by a `<span>` tag) → HTML, for the
 * report. markdown-it renders it with inline HTML on, so that the spans pass,
 * but the article's own HTML must not: every HTML token is escaped as text
 * except a `<span>` tag of exactly the shape render.ts writes (an optional
 * `id`, a `class` of lowercase words, an optional `title` with no `"`, `<`
 * or `>`), which can carry no script, handler or style. Images become links
 * (an `<img>` would fetch its URL when the report opens); markdown-it's own
 * link check already refuses `javascript:` and the like.
 */

import MarkdownIt from 'markdown-it';
import { escapeHtml as escapeText } from '../render';

/** The one shape of HTML let through: the span tags render.ts writes (features/render.ts `tagsFor`). */
const SPAN_TAG = /<span(?: id="[A-Za-z0-9_-]+")? class="[a-z -]+"(?: title="[^"<>]*")?>|<\/span>/g;

/** `html` with every part that is not one of render.ts's span tags escaped as text. */
export function sanitizeHtml(html: string): string {
  let out = '';
  let at = 0;
  for (const m of html.matchAll(SPAN_TAG)) {
    out += escapeText(html.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + escapeText(html.slice(at));
}

let renderer: MarkdownIt | undefined;

function articleRenderer(): MarkdownIt {
  if (renderer) return renderer;
  // `breaks`: articles pasted from the web put one paragraph on each line.
  const md = new MarkdownIt({ html: true, breaks: true, linkify: false });
  md.renderer.rules.html_inline = (tokens, idx) => sanitizeHtml(tokens[idx]!.content);
  md.renderer.rules.html_block = (tokens, idx) => `<p>${sanitizeHtml(tokens[idx]!.content)}</p>\n`;
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx]!;
    const src = token.attrGet('src') ?? '';
    const alt = token.children ? md.renderer.renderInlineAsText(token.children, md.options, {}) : token.content;
    return `<a class="report-image" href="${escapeText(src)}">[image${alt ? `: ${escapeText(alt)}` : ''}]</a>`;
  };
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };
  renderer = md;
  return md;
}

/** The HTML of an article's rendered Markdown (its body, front matter left out), its own HTML escaped. */
export function articleHtml(markdown: string): string {
  return articleRenderer().render(markdown);
}
