/**
 * Small Markdown helpers for hovers and other rendered text. User text
 * (titles, quotes, values) always goes through {@link escapeMarkdown}, so an
 * article that contains `*`, `[`, `<b>` or `$(icon)` renders as written.
 */

import type { Position } from '../base/types';
import type { SourceModel } from '../model/source';

/** Escapes Markdown syntax, HTML and VS Code theme icons; folds line breaks into spaces. */
export function escapeMarkdown(text: string): string {
  if (isPlain(text)) return text;
  // Inline syntax anywhere (brackets are escaped, so no link can form and parentheses stay harmless)…
  const inline = text.replace(/\s+/g, ' ').replace(/[\\`*_[\]~<>|&$]/g, '\\$&');
  // …and block syntax where the text could start a line: headings, lists, quotes, rules, setext underlines.
  return inline.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
    /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/**
 * Whether {@link escapeMarkdown} leaves `text` as it is: no character it
 * escapes or folds, and no block marker (`#+-=` or a digit) at the start.
 * One pass over the characters instead of three regular expressions, for the
 * common case of names, titles and quotes.
 */
function isPlain(text: string): boolean {
  const first = text.charCodeAt(0);
  // # + - = and digits may start a block (the slow path decides); so may leading whitespace.
  if (first === 35 || first === 43 || first === 45 || first === 61 || (first >= 48 && first <= 57)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c <= 32) {
        // A single space between other characters stays; any other whitespace or control character is folded.
        if (c !== 32 || i === 0 || text.charCodeAt(i + 1) <= 32) return false;
        continue;
      }
      if (ESCAPED[c] === 1) return false;
    } else if (
      c === 0x85 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff
    ) {
      return false; // whitespace to \s (U+0085 is not, but the slow path is always correct)
    }
  }
  return true;
}

/** The ASCII characters escapeMarkdown escapes. */
const ESCAPED = new Uint8Array(128);
for (const c of '\\`*_[]~<>|&$') ESCAPED[c.charCodeAt(0)] = 1;

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

/** `uri` without its fragment, safe as a Markdown link destination: what {@link positionLinkTo} takes. */
export function linkDestination(uri: string): string {
  return linkTarget(uri.includes('#') ? uri.slice(0, uri.indexOf('#')) : uri);
}

/**
 * `[label](destination#Lline,column)`, for a destination made by
 * {@link linkDestination}: VS Code's Markdown links understand a
 * `#L<line>,<column>` fragment (1-based), which needs no escaping.
 */
export function positionLinkTo(label: string, destination: string, position: Position): string {
  return `[${label}](${destination}#L${position.line + 1},${position.character + 1})`;
}

/** `[label](uri#Lline,column)`; `label` must already be Markdown. */
export function positionLink(label: string, uri: string, position: Position): string {
  return positionLinkTo(label, linkDestination(uri), position);
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
