import type { Position } from './types';
import type { SourceModel } from './model';

/**
 * Small Markdown helpers for hovers and other rendered text. User text
 * (titles, quotes, values) always goes through {@link escapeMarkdown}, so an
 * article that contains `*`, `[`, `<b>` or `$(icon)` renders as written.
 */

/** Escapes Markdown syntax, HTML and VS Code theme icons; folds line breaks into spaces. */
export function escapeMarkdown(text: string): string {
  // Inline syntax anywhere (brackets are escaped, so no link can form and parentheses stay harmless)…
  const inline = text.replace(/\s+/g, ' ').replace(/[\\`*_[\]~<>|&$]/g, '\\$&');
  // …and block syntax where the text could start a line: headings, lists, quotes, rules, setext underlines.
  return inline.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, (_m, space: string, marker: string) => (/\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
}

/** Shortens `text` to at most `max` characters, ending with `…` when cut. */
export function shorten(text: string, max: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? folded.slice(0, max - 1).trimEnd() + '…' : folded;
}

/** A short quotation of user text, escaped: `“…”`. */
export function quote(text: string, max = 80): string {
  return `“${escapeMarkdown(shorten(text, max))}”`;
}

/** Inline code for an identifier (actor id, claim key); backticks in it are impossible by the id syntax but are handled. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Makes a URL safe as a Markdown link destination. */
export function linkTarget(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * A URI that opens `uri` at `position`: VS Code's Markdown links understand a
 * `#L<line>,<column>` fragment (1-based).
 */
export function positionUri(uri: string, position: Position): string {
  const base = uri.includes('#') ? uri.slice(0, uri.indexOf('#')) : uri;
  return `${base}#L${position.line + 1},${position.character + 1}`;
}

/** `[label](uri#Lline,column)`; `label` must already be Markdown. */
export function positionLink(label: string, uri: string, position: Position): string {
  return `[${label}](${linkTarget(positionUri(uri, position))})`;
}

/** `[label](url)` for an external address; `label` must already be Markdown. */
export function urlLink(label: string, url: string): string {
  return `[${label}](${linkTarget(url)})`;
}

/** `1 source`, `2 sources`. */
export function plural(n: number, singular: string, pluralForm = singular + 's'): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** How a source is named in lists: its outlet or (short) title, then its id. Plain text, not escaped. */
export function sourceName(model: SourceModel): string {
  const name = model.meta.outlet ?? (model.meta.title !== undefined ? shorten(model.meta.title, 60) : undefined);
  return name === undefined || name === model.id ? model.id : `${name} (${model.id})`;
}
