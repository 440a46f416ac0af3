/**
 * Claim values are compared after normalisation, so that sources that say the
 * same thing in different words corroborate instead of conflicting. A value
 * is read into a {@link Reading}: a canonical key (two values are "the same"
 * when their keys are equal) and, for quantities and dates, the interval of
 * what it allows ("more than 30" is (30, ∞)), so that two different values
 * conflict only when they cannot both be true ({@link compatible}). The rules
 * are documented in docs/format.md ("Value normalisation").
 */

import { detach } from '../base/text';
import { readQuantity, TOLERANCE, type Amount, type Quantity } from './quantity';
import type { ClaimType, Registry } from './registry';

/** The values a reading allows: from `lo` to `hi`, each end open or closed (±Infinity for none). */
export interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

/** How a claim value was read. */
export interface Reading {
  /** The canonical key: two values with equal keys state the same thing (and corroborate). */
  key: string;
  /** How the reading is shown in messages and hovers: the key, or a registry actor's name. */
  label: string;
  /** What a quantity or date allows; undefined for text, which is equal to its key only. */
  interval?: Interval;
  /**
   * What the interval measures: `number`, `%`, `date`, `money:<iso code>`, or `money:` when no
   * currency is written (comparable with any currency). Intervals of different units never overlap.
   */
  unit?: string;
  /**
   * Whether the reading is compared by its interval and not by its key alone: the interval holds more
   * than one value (a qualifier, a range, a month or a year) or its currency is not written. Two
   * readings that are not fuzzy are compatible only when their keys are equal.
   */
  fuzzy: boolean;
  /** Whether the value is an approximation ("about", "nearly"), read with {@link TOLERANCE}. */
  approximate: boolean;
  /** Why the written value can be read two ways, if it can (the `ambiguous-value` diagnostic). */
  ambiguous?: string;
  /** Unambiguous ways to write the value, offered as quick fixes when it is ambiguous (the reading first). */
  choices?: string[];
  /** The registry actor a place or text value names, if any. */
  actor?: string;
}

/** What else normalisation depends on: the source's `language` (decimal comma) and its registry (places). */
export interface ReadingContext {
  language?: string;
  registry?: Registry;
}

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
/** German, French, Spanish and Italian month names (matched whole), for sources in those languages. */
const FOREIGN_MONTHS = [
  'januar janvier enero gennaio jänner',
  'februar février febrero febbraio',
  'märz mars marzo',
  'avril abril aprile',
  'mai mayo maggio',
  'juni juin junio giugno',
  'juli juillet julio luglio',
  'août agosto',
  'septembre septiembre settembre',
  'oktober octobre octubre ottobre',
  'novembre noviembre',
  'dezember décembre diciembre dicembre',
].map((names) => names.split(' '));

/** Case, width, quotes, dashes and whitespace folded; surrounding punctuation removed. */
export function fold(value: string): string {
  let s = value.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  s = s.replace(/[\u2010-\u2015\u2212]/g, '-');
  s = s.replace(/[\s\u00a0\u200b]+/gu, ' ').trim();
  // Surrounding punctuation (but not a trailing '%', a leading currency sign, or the sign or point of a number: -5, .5).
  return s
    .replace(/^[\s"'.,;:!?()[\]{}«»\-–—]+/u, (m: string, _at: number, all: string) =>
      /\d/.test(all.charAt(m.length)) ? /-?\.?$/.exec(m)![0] : '',
    )
    .replace(/[\s"'.,;:!?()[\]{}«»\-–—]+$/u, '');
}

/** {@link fold}, then thousands separators removed and percent spellings unified: the text form of a value. */
export function normalizeText(value: string): string {
  let s = fold(value);
  // Thousands separators: 84,000 → 84000 (only well-formed groups of three).
  s = s.replace(/\b\d{1,3}(?:,\d{3})+(?![\d,])/g, (m) => m.replace(/,/g, ''));
  // Percent spellings.
  s = s.replace(/(\d(?:[\d.]*\d)?)\s*(?:%|percent\b|per cent\b|pct\b)/g, '$1%');
  return s;
}

export function canonicalNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}

function point(n: number): Interval {
  return { lo: n, hi: n, loOpen: false, hiOpen: false };
}

/** The interval a qualified quantity allows. */
function intervalOf(q: Quantity): Interval {
  const n = q.amount.number;
  const round = (x: number): number => Number(x.toPrecision(12));
  switch (q.qualifier) {
    case 'more than':
      return { lo: n, hi: Infinity, loOpen: true, hiOpen: false };
    case 'at least':
      return { lo: n, hi: Infinity, loOpen: false, hiOpen: false };
    case 'up to':
      return { lo: -Infinity, hi: n, loOpen: false, hiOpen: false };
    case 'less than':
      return { lo: -Infinity, hi: n, loOpen: false, hiOpen: true };
    case 'nearly': {
      const other = round(n * (1 - TOLERANCE));
      return { lo: Math.min(n, other), hi: Math.max(n, other), loOpen: false, hiOpen: false };
    }
    case 'about': {
      const [a, b] = [round(n * (1 - TOLERANCE)), round(n * (1 + TOLERANCE))];
      return { lo: Math.min(a, b), hi: Math.max(a, b), loOpen: false, hiOpen: false };
    }
    case 'between': {
      const m = q.upper!.number;
      return { lo: Math.min(n, m), hi: Math.max(n, m), loOpen: false, hiOpen: false };
    }
    default:
      return point(n);
  }
}

/** A quantity of a numeric type as a reading; undefined when the value states none. */
function quantityReading(
  written: string,
  type: 'number' | 'percent' | 'money',
  language?: string,
): Reading | undefined {
  const q = readQuantity(fold(written), language);
  if (!q) return undefined;
  const currency = type === 'money' ? (q.amount.currency ?? '') : undefined;
  const one = (a: Amount, withCurrency: boolean): string => {
    const n = canonicalNumber(a.number);
    if (type === 'percent') return `${n}%`;
    return withCurrency && currency ? `${currency} ${n}` : n;
  };
  const value = one(q.amount, true);
  const key =
    q.qualifier === 'between'
      ? `between ${value} and ${one(q.upper!, false)}`
      : q.qualifier !== undefined
        ? `${q.qualifier} ${value}`
        : value;
  const interval = intervalOf(q);
  const reading: Reading = {
    key,
    label: key,
    interval,
    unit: type === 'money' ? `money:${currency}` : type === 'percent' ? '%' : 'number',
    // A qualifier makes it fuzzy even when its interval is one number ("between 5 and 5", "about 0"): its key is
    // not the number's, and only the interval says that both can be true.
    fuzzy: q.qualifier !== undefined || interval.lo !== interval.hi || currency === '',
    approximate: q.qualifier === 'about' || q.qualifier === 'nearly',
  };
  const ambiguous = q.amount.ambiguous ?? q.upper?.ambiguous;
  if (ambiguous !== undefined) reading.ambiguous = ambiguous;
  const rewrite = q.amount.rewrite ?? q.upper?.rewrite;
  // The numeral rewritten as the language writes it, in the annotator's words ("5,5 %" → "5.5 %").
  if (rewrite) {
    const [from, ...to] = rewrite;
    reading.choices = written.includes(from!) ? to.map((t) => written.replace(from!, t)) : [key];
  }
  return reading;
}

function monthIndex(word: string): number {
  const english = MONTHS.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
  return english >= 0 ? english : FOREIGN_MONTHS.findIndex((names) => names.includes(word));
}

/** A date as ISO (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) with its interval in days, or undefined. */
function readDate(written: string): { iso: string; interval: Interval } | undefined {
  // "Thursday, October 3, 2024", "the 3rd of October 2024".
  const s = written
    .replace(/^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?),?\s+/, '')
    .replace(/^the /, '');
  let year: string;
  let month: number | undefined;
  let day: number | undefined;
  let m = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$/.exec(s);
  const numeric = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})$/.exec(s);
  if (numeric) {
    // 03.10.2024 is day first; 10/3/2024 only when one part cannot be a month (else it stays text).
    const [a, b] = [+numeric[1]!, +numeric[3]!];
    const dayFirst = numeric[2] === '.' || a > 12;
    if (numeric[2] === '/' && a <= 12 && b <= 12) return undefined;
    [year, month, day] = [numeric[4]!, dayFirst ? b : a, dayFirst ? a : b];
  } else if (m) {
    [year, month, day] = [m[1]!, m[2] !== undefined ? +m[2] : undefined, m[3] !== undefined ? +m[3] : undefined];
  } else {
    // "october 2024", "14 october 2024", "3. oktober 2024", "october 14, 2024", "oct. 3rd 2024"
    m =
      /^(?:(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?)?([a-zäéû]+)\.?,?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})$/.exec(
        s,
      );
    if (!m || (m[1] !== undefined && m[3] !== undefined)) return undefined;
    const index = monthIndex(m[2]!);
    if (index < 0) return undefined;
    [year, month] = [m[4]!, index + 1];
    const d = m[1] ?? m[3];
    day = d !== undefined ? +d : undefined;
  }
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  const y = +year;
  const first = Date.UTC(y, (month ?? 1) - 1, day ?? 1);
  if (day !== undefined && (day < 1 || new Date(first).getUTCDate() !== day)) return undefined;
  const last = day !== undefined ? first : month !== undefined ? Date.UTC(y, month, 0) : Date.UTC(y, 11, 31);
  const iso = [year, month?.toString().padStart(2, '0'), day?.toString().padStart(2, '0')].filter(Boolean).join('-');
  const days = (t: number): number => t / 86_400_000;
  return { iso, interval: { lo: days(first), hi: days(last), loOpen: false, hiOpen: false } };
}

/**
 * A date after "in", "on" or "during", or a part of a month or year ("early
 * October 2024", "mid-2024", "late 2024"): the first half, the middle half or
 * the second half of its days, keyed `early 2024-10`.
 */
function readDatePart(written: string): { iso: string; interval: Interval } | undefined {
  const s = written.replace(/^(?:in|on|during) /, '');
  const part = /^(early|mid|late)[- ]+(.+)$/.exec(s);
  if (!part) return readDate(s);
  const d = readDate(part[2]!);
  if (!d || d.iso.length === 10) return undefined;
  const { lo, hi } = d.interval;
  const span = hi - lo + 1;
  const [from, to] = part[1] === 'early' ? [0, 0.5] : part[1] === 'mid' ? [0.25, 0.75] : [0.5, 1];
  return {
    iso: `${part[1]} ${d.iso}`,
    interval: { lo: lo + Math.floor(span * from), hi: lo + Math.ceil(span * to) - 1, loOpen: false, hiOpen: false },
  };
}

/**
 * How a claim value is read. `type` comes from the registry's
 * `claims.<key>.type`; without it the value is compared as normalised text.
 * `context` gives the source's language (a decimal comma in "5,5 %") and the
 * registry that governs it (a place or text value that is an actor's name or
 * alias is read as that actor).
 */
export function readValue(value: string, type?: ClaimType, context: ReadingContext = {}): Reading {
  const language = context.language?.toLowerCase().split(/[-_]/)[0] ?? '';
  // Values repeat across a workspace (the same figure, date or place in many sources): remember recent ones.
  const cacheKey = `${type ?? ''}\u0000${language}\u0000${value}`;
  let reading = readings.get(cacheKey);
  if (reading === undefined) {
    reading = computeReading(value, type, language || undefined);
    if (readings.size >= READINGS_CACHE_SIZE) readings.clear();
    readings.set(cacheKey, reading);
  }
  if (context.registry && (type === undefined || type === 'text' || type === 'place')) {
    const actor = actorNamed(context.registry, reading.key, type === 'place');
    if (actor !== undefined) {
      const name = context.registry.actors.get(actor)?.name ?? actor;
      return { key: `@${actor}`, label: name, fuzzy: false, approximate: false, actor };
    }
  }
  return reading;
}

/** Canonical key of a claim value (see {@link readValue}); two values are "the same" when their keys are equal. */
export function normalizeValue(value: string, type?: ClaimType, context?: ReadingContext): string {
  return readValue(value, type, context).key;
}

const READINGS_CACHE_SIZE = 20_000;
const readings = new Map<string, Reading>();

function computeReading(value: string, type: ClaimType | undefined, language: string | undefined): Reading {
  // Detached: a key equal to a slice of a source text must not keep that whole text alive.
  const text = (key: string): Reading => ({ key: detach(key), label: detach(key), fuzzy: false, approximate: false });
  switch (type) {
    case 'number':
    case 'percent':
    case 'money': {
      const r = quantityReading(value, type, language);
      if (!r) return text(normalizeText(value));
      r.key = r.label = detach(r.key);
      return r;
    }
    case 'date': {
      const s = normalizeText(value);
      const d = readDatePart(s);
      if (!d) {
        const r = text(s);
        const swap = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
        if (swap) {
          r.ambiguous = `'${s}' is day/month or month/day: write the date as YYYY-MM-DD`;
          const [a, b, y] = [swap[1]!.padStart(2, '0'), swap[2]!.padStart(2, '0'), swap[3]!];
          r.choices = [`${y}-${a}-${b}`, `${y}-${b}-${a}`];
        }
        return r;
      }
      return {
        key: d.iso,
        label: d.iso,
        interval: d.interval,
        unit: 'date',
        fuzzy: d.interval.lo !== d.interval.hi,
        approximate: false,
      };
    }
    case 'place':
      return text(normalizeText(value).replace(/^the /, ''));
    default:
      return text(normalizeText(value));
  }
}

/** Registry names and aliases by their normalised text (and without a leading "the", for places). */
const namesByText = new WeakMap<Registry, Map<string, string>>();

/** The registry actor whose id (`@id`), name or alias a normalised value is (hyphens and spaces alike). */
function actorNamed(registry: Registry, key: string, place: boolean): string | undefined {
  if (key.startsWith('@') && registry.actors.has(key.slice(1))) return key.slice(1);
  let names = namesByText.get(registry);
  if (!names) {
    names = new Map();
    for (const [name, id] of registry.names) {
      const t = spaced(normalizeText(name));
      if (!names.has(t)) names.set(t, id);
      const bare = t.replace(/^the /, '');
      if (!names.has(`\u0000${bare}`)) names.set(`\u0000${bare}`, id);
    }
    namesByText.set(registry, names);
  }
  const k = spaced(key);
  return names.get(k) ?? (place ? names.get(`\u0000${k}`) : undefined);
}

/** Hyphens as spaces: "Frankfurt-am-Main" names what "Frankfurt am Main" does. */
function spaced(s: string): string {
  return s.replace(/\s*-\s*/g, ' ');
}

/**
 * Whether two readings can both be true: equal keys, or intervals of the same
 * unit that overlap (a value of unknown currency overlaps any currency's).
 * Text values are compatible only when equal.
 */
export function compatible(a: Reading, b: Reading): boolean {
  if (a.key === b.key) return true;
  const x = a.interval;
  const y = b.interval;
  if (!x || !y || !sameUnit(a.unit!, b.unit!)) return false;
  if (x.hi < y.lo || y.hi < x.lo) return false;
  if (x.hi === y.lo && (x.hiOpen || y.loOpen)) return false;
  if (y.hi === x.lo && (y.hiOpen || x.loOpen)) return false;
  return true;
}

function sameUnit(a: string, b: string): boolean {
  return a === b || (a.startsWith('money:') && b.startsWith('money:') && (a === 'money:' || b === 'money:'));
}

/** An interval in words, for hovers: "(30, ∞)", "[4.5%, 5.5%]", "2024-10-01 – 2024-10-31". */
export function describeInterval(r: Reading): string | undefined {
  const i = r.interval;
  if (!i || i.lo === i.hi) return undefined;
  if (r.unit === 'date') {
    const day = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
    return `${day(i.lo)} – ${day(i.hi)}`;
  }
  const suffix = r.unit === '%' ? '%' : '';
  const end = (n: number): string => (Number.isFinite(n) ? `${canonicalNumber(n)}${suffix}` : n > 0 ? '∞' : '−∞');
  return `${i.loOpen || i.lo === -Infinity ? '(' : '['}${end(i.lo)}, ${end(i.hi)}${i.hiOpen || i.hi === Infinity ? ')' : ']'}`;
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
