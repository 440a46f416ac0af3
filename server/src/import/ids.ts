/**
 * The front matter fields the importer derives: a source id from a title, a
 * date from a date-time.
 */

import { slugify } from '../../../common/actors';

/** The longest id made from a title; a longer slug is cut at a hyphen. */
export const MAX_ID_LENGTH = 60;

/** An id from a title: `slugify`, at most {@link MAX_ID_LENGTH} characters, cut between words. */
export function idFromTitle(title: string): string {
  const slug = /[\p{L}\p{N}]/u.test(title) ? slugify(title) : 'article';
  if (slug.length <= MAX_ID_LENGTH) return slug;
  const cut = slug.slice(0, MAX_ID_LENGTH + 1);
  const hyphen = cut.lastIndexOf('-');
  return hyphen > 0 ? cut.slice(0, hyphen) : slug.slice(0, MAX_ID_LENGTH);
}

/** A date-time's date, `YYYY-MM-DD`, if it starts with a real one (the date as the page wrote it, not in UTC). */
export function isoDate(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
