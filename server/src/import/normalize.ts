/**
 * Text normalisation shared by the HTML and the text paths: what "whitespace
 * normalised" means for an imported paragraph.
 */

/** Characters that are not shown: soft hyphens, and C0/C1 controls other than whitespace. */
const INVISIBLE = /[\u00ad\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;
/** A lone UTF-16 surrogate: no character at all, shown as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One paragraph's text as it reads: every run of whitespace (including line
 * breaks and no-break spaces) becomes one space, invisible characters are
 * dropped, lone surrogates become U+FFFD, and the ends are trimmed.
 */
export function normalizeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
