/**
 * Claim values are compared after normalisation, so that sources that say the
 * same thing in different words corroborate instead of conflicting. The
 * result is a canonical string; two values are "the same" when their
 * canonical strings are equal.
 */

import { detach } from '../base/text';
import type { ClaimType } from './registry';

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const CURRENCIES: Record<string, string> = { $: 'usd', '€': 'eur', '£': 'gbp', '¥': 'jpy', '₽': 'rub', '₴': 'uah' };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Case, width, quotes, dashes and whitespace folded; surrounding punctuation removed. */
export function normalizeText(value: string): string {
  let s = value.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  s = s.replace(/[\u2010-\u2015\u2212]/g, '-');
  s = s.replace(/[\s\u00a0\u200b]+/gu, ' ').trim();
  // Surrounding punctuation (but not a trailing '%', a leading currency sign, or the sign or point of a number: -5, .5).
  s = s
    .replace(/^[\s"'.,;:!?()[\]{}«»\-–—]+/u, (m: string, _at: number, all: string) =>
      /\d/.test(all.charAt(m.length)) ? /-?\.?$/.exec(m)![0] : '',
    )
    .replace(/[\s"'.,;:!?()[\]{}«»\-–—]+$/u, '');
  // Thousands separators: 84,000 → 84000 (only well-formed groups of three).
  s = s.replace(/\b\d{1,3}(?:,\d{3})+(?![\d,])/g, (m) => m.replace(/,/g, ''));
  // Percent spellings.
  s = s.replace(/(\d(?:[\d.]*\d)?)\s*(?:%|percent\b|per cent\b|pct\b)/g, '$1%');
  return s;
}

function canonicalNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}

interface Amount {
  number: number;
  /** The text after the number and scale word. */
  rest: string;
  currency?: string;
}

/** The first number in a normalised value, with a scale word (million…) applied. */
function firstAmount(s: string): Amount | undefined {
  const m =
    /(?:([$€£¥₽₴])\s*|\b([a-z]{3})\s+)?(-?(?:\d+(?:\.\d+)?|\.\d+))(?:\s*(thousand|million|billion|trillion|mn|bn|tn|k|m|b)\b)?/.exec(
      s,
    );
  if (!m) return undefined;
  let n = Number(m[3]);
  if (m[4]) n *= SCALES[m[4]]!;
  const amount: Amount = { number: n, rest: s.slice(m.index + m[0].length).trim() };
  const currency = m[1]
    ? CURRENCIES[m[1]]
    : m[2] && /^(usd|eur|gbp|jpy|rub|uah|chf|cny)$/.test(m[2])
      ? m[2]
      : undefined;
  if (currency) amount.currency = currency;
  return amount;
}

function normalizeDate(s: string): string | undefined {
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s);
  if (m) {
    if ((m[2] !== undefined && (+m[2] < 1 || +m[2] > 12)) || (m[3] !== undefined && (+m[3] < 1 || +m[3] > 31)))
      return undefined;
    return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
  }
  // "october 2024", "14 october 2024", "october 14, 2024"
  m = /^(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.findIndex((name) => name === m[2] || (m[2]!.length >= 3 && name.startsWith(m[2]!)));
    if (month < 0) return undefined;
    const day = m[1] ?? m[3];
    return [m[4], String(month + 1).padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
  }
  return undefined;
}

/**
 * Canonical form of a claim value. `type` comes from the registry's
 * `claims.<key>.type`; without it the value is compared as normalised text.
 */
export function normalizeValue(value: string, type?: ClaimType): string {
  // Values repeat across a workspace (the same figure, date or place in many sources): remember recent ones.
  const cacheKey = `${type ?? ''}\u0000${value}`;
  const cached = normalized.get(cacheKey);
  if (cached !== undefined) return cached;
  // Detached: a result equal to a slice of a source text must not keep that whole text alive.
  const result = detach(computeNormalizedValue(value, type));
  if (normalized.size >= NORMALIZED_CACHE_SIZE) normalized.clear();
  normalized.set(cacheKey, result);
  return result;
}

const NORMALIZED_CACHE_SIZE = 20_000;
const normalized = new Map<string, string>();

function computeNormalizedValue(value: string, type?: ClaimType): string {
  const s = normalizeText(value);
  switch (type) {
    case 'number': {
      const a = firstAmount(s);
      return a ? canonicalNumber(a.number) : s;
    }
    case 'percent': {
      const m = /(-?(?:\d+(?:\.\d+)?|\.\d+))%/.exec(s);
      return m ? `${canonicalNumber(Number(m[1]))}%` : s;
    }
    case 'money': {
      const a = firstAmount(s);
      return a ? `${a.currency ?? ''}${a.currency ? ' ' : ''}${canonicalNumber(a.number)}` : s;
    }
    case 'date':
      return normalizeDate(s) ?? s;
    case 'place':
      return s.replace(/^the /, '');
    default:
      return s;
  }
}

/** As-of qualifiers: YYYY, YYYY-MM or YYYY-MM-DD. */
export const AS_OF = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Whether two claims' times are comparable: if either has no as-of, or one
 * as-of contains the other (2025 contains 2025-06), they speak of the same
 * time and a different value is a conflict.
 */
export function asOfComparable(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && long.charCodeAt(short.length) === 45; /* - */
}
