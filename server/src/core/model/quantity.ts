/**
 * Quantities as news writes them, read from a claim value that
 * {@link fold} has already folded (lower case, NFKC, dashes as `-`):
 * numerals with thousands separators or a decimal comma, number words
 * ("forty-two", "two hundred", "a dozen", "half a million"), scale words and
 * abbreviations ("2m", "2 mln", "1.5bn", "6.4tn"), percent spellings,
 * currencies before or after the amount (`$`, `US$`, `USD`, `dollars`, `€`…),
 * and the qualifiers and ranges that make a value an interval ("more than
 * 30", "about 5%", "between 20 and 30", "20–30"). The rules are documented in
 * docs/format.md ("Value normalisation"); normalize.ts turns a
 * {@link Quantity} into a reading.
 */

/** How a qualifier bounds the stated number. */
export type Qualifier = 'more than' | 'at least' | 'up to' | 'less than' | 'nearly' | 'about' | 'between';

/** One amount: a number with the percent sign or currency written beside it. */
export interface Amount {
  number: number;
  percent: boolean;
  /** ISO 4217 code in lower case, when a currency is written. */
  currency?: string;
  /** Why the numeral can be read two ways (a separator the language does not use so), if it can. */
  ambiguous?: string;
  /** The numeral as written, then unambiguous spellings: what was read first ("5,5" → "5.5"), when ambiguous. */
  rewrite?: string[];
}

/** What a value states: an amount, or a qualified amount, or a range. */
export interface Quantity {
  qualifier?: Qualifier;
  amount: Amount;
  /** The upper end of a range (`between`). */
  upper?: Amount;
}

/** The tolerance of "about" and "nearly": 10% of the stated number, either side (about) or below (nearly). */
export const TOLERANCE = 0.1;

/** Qualifiers, tried in order: "no more than" before "more than". */
const QUALIFIERS: Array<[RegExp, Qualifier]> = [
  [/(?:at least|no less than|no fewer than|not less than|a minimum of|minimum of|>=|≥)$/, 'at least'],
  [
    /(?:up to|at most|no more than|not more than|as many as|as much as|as high as|a maximum of|maximum of|<=|≤)$/,
    'up to',
  ],
  [/(?:more than|greater than|in excess of|upwards of|over|above|exceeding|>)$/, 'more than'],
  [/(?:less than|fewer than|under|below|<)$/, 'less than'],
  [/(?:nearly|almost|close to|not quite)$/, 'nearly'],
  [
    /(?:about|around|roughly|approximately|approx\.?|some|circa|ca\.|c\.|an estimated|estimated|more or less|~|≈)$/,
    'about',
  ],
  [/(?:between|from)$/, 'between'],
];

/** Languages that write a decimal comma (and group digits with `.`): "5,5 %", "1.500". */
const DECIMAL_COMMA = new Set(
  'de fr es it nl pt ru pl sv da nb nn no fi cs sk sl hr sr bg ro hu tr uk el et lv lt id vi ca eu gl is'.split(' '),
);
/** Languages whose "billion" is 10^12 (the long scale); their "milliard" is 10^9. */
const LONG_SCALE = new Set('de fr es it nl pt pl sv da nb nn no fi cs sk sl hr hu ro'.split(' '));

/** Whether a front matter `language` (a BCP 47 tag such as `de-AT`) writes a decimal comma. */
export function usesDecimalComma(language: string | undefined): boolean {
  return language !== undefined && DECIMAL_COMMA.has(primary(language));
}

function primary(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0]!;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Scale words and abbreviations after a number. `billion` depends on the language (see {@link scaleOf}). */
const SCALES: Record<string, number> = {
  dozen: 12,
  hundred: 100,
  thousand: 1e3,
  thousands: 1e3,
  k: 1e3,
  tsd: 1e3,
  million: 1e6,
  millions: 1e6,
  millionen: 1e6,
  millones: 1e6,
  milioni: 1e6,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  mio: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  b: 1e9,
  bln: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  milliarde: 1e9,
  milliarden: 1e9,
  miliardi: 1e9,
  mrd: 1e9,
  trillion: 1e12,
  trillions: 1e12,
  billionen: 1e12,
  tn: 1e12,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
  tr: 1e12,
  trn: 1e12,
};

function scaleOf(word: string, language: string | undefined): number | undefined {
  if ((word === 'billion' || word === 'billions') && language !== undefined && LONG_SCALE.has(primary(language)))
    return 1e12;
  return SCALES[word];
}

const SYMBOLS: Record<string, string> = {
  $: 'usd',
  us$: 'usd',
  c$: 'cad',
  ca$: 'cad',
  a$: 'aud',
  au$: 'aud',
  hk$: 'hkd',
  nz$: 'nzd',
  '€': 'eur',
  '£': 'gbp',
  '¥': 'jpy',
  '₹': 'inr',
  '₽': 'rub',
  '₴': 'uah',
  '₩': 'krw',
  '₺': 'try',
  '₪': 'ils',
  '₣': 'chf',
  rs: 'inr',
  'rs.': 'inr',
};

const CURRENCY_WORDS: Array<[RegExp, string]> = [
  [/^(?:us |u\.s\. |american )?dollars?\b/, 'usd'],
  [/^(?:canadian) dollars?\b/, 'cad'],
  [/^(?:australian) dollars?\b/, 'aud'],
  [/^euros?\b/, 'eur'],
  [/^dólares\b/, 'usd'],
  [/^(?:pounds?|pounds? sterling|sterling)\b/, 'gbp'],
  [/^yen\b/, 'jpy'],
  [/^(?:yuan|renminbi)\b/, 'cny'],
  [/^(?:roubles?|rubles?)\b/, 'rub'],
  [/^(?:hryvnias?|hryvnia)\b/, 'uah'],
  [/^(?:swiss )?francs?\b/, 'chf'],
  [/^rupees?\b/, 'inr'],
];

/** ISO 4217 codes read as currencies (others are words). */
const ISO = new Set(
  (
    'usd eur gbp jpy cny rmb chf cad aud nzd hkd sgd inr rub uah krw try ils sek nok dkk pln czk huf ron bgn ' +
    'brl mxn ars clp cop zar ngn egp sar aed qar kwd irr pkr bdt idr myr thb php vnd twd kzt byn gel amd azn'
  ).split(' '),
);

/** A currency written before an amount, at the end of `prefix`. */
function currencyBefore(prefix: string): { code: string; at: number } | undefined {
  const m = /(?:^|[\s(])((?:us|ca|au|hk|nz|c|a)?\$|[€£¥₹₽₴₩₺₪₣]|rs\.?|[a-z]{3})\s*$/.exec(prefix);
  if (!m) return undefined;
  const word = m[1]!;
  const code = SYMBOLS[word] ?? (ISO.has(word) ? (word === 'rmb' ? 'cny' : word) : undefined);
  return code !== undefined ? { code, at: m.index + m[0].indexOf(word) } : undefined;
}

/** A currency written after an amount, at the start of `rest`; returns its code and length. */
function currencyAfter(rest: string): { code: string; length: number } | undefined {
  const m = /^\s*((?:us|ca|au|hk|nz|c|a)?\$|[€£¥₹₽₴₩₺₪₣]|[a-z]{3}\b)/.exec(rest);
  if (m) {
    const code = SYMBOLS[m[1]!] ?? (ISO.has(m[1]!) ? m[1]! : undefined);
    if (code !== undefined) return { code: code === 'rmb' ? 'cny' : code, length: m[0].length };
  }
  // "1.5 billion of dollars", "3,5 milliards d'euros", "5 millones de dólares": the currency word after "of".
  const lead = /^\s*(?:(?:of|de|di) |d')?/.exec(rest)![0].length;
  for (const [re, code] of CURRENCY_WORDS) {
    const w = re.exec(rest.slice(lead));
    if (w) return { code, length: lead + w[0].length };
  }
  return undefined;
}

const PERCENT = /^\s*(?:%|percent\b|per cent\b|pct\b|prozent\b|pour cent\b|por ciento\b|per cento\b|procent\b)/;

/** A numeral: digits with separators, or a leading decimal point. */
const NUMERAL = /^(?:\d{1,3}(?: \d{3})+(?![\d.,])(?:[.,]\d+)?|\d+(?:[.,'’]\d+)*|[.,]\d+)/;

/** The value of a numeral, with the separators the language uses. */
function numeral(
  text: string,
  language: string | undefined,
): { value: number; ambiguous?: string; rewrite?: string[] } {
  const comma = usesDecimalComma(language);
  const [group, decimal] = comma ? ['.', ','] : [',', '.'];
  // Apostrophes (Swiss) and spaces (French, SI) group thousands in every language.
  let s = text.replace(/['’ ]/g, '');
  let ambiguous: string | undefined;
  const groups = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+(?:\\${decimal}\\d+)?$`);
  if (groups.test(s)) s = s.split(group).join('');
  else if (s.includes(group) && !s.includes(decimal) && s.split(group).length === 2) {
    // "5,5" in English or "5.5" in German: the separator only fits as a decimal point.
    ambiguous = `'${text}' uses '${group}' as a decimal point, which ${comma ? 'this language' : 'English'} writes '${decimal}'`;
    s = s.replace(group, decimal);
  }
  const value = Number(s.split(decimal).join('.'));
  if (ambiguous) return { value, ambiguous, rewrite: [text, s] };
  if (new RegExp(`^\\d{1,3}\\${decimal}\\d{3}$`).test(s)) {
    // "84,000" in German, "1.500" in English: a decimal point before three digits is how the other side groups.
    const grouped = s.replace(decimal, '');
    return {
      value,
      ambiguous: `'${text}' is ${canonical(value)} here, but ${grouped} where '${decimal}' groups thousands`,
      rewrite: [text, s.replace(/0+$/, '').replace(/[.,]$/, ''), grouped],
    };
  }
  return { value };
}

function canonical(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** Where the first number starts in `s`: a digit, a decimal point before a digit, or a number word. */
function numberStart(s: string): number {
  const m =
    /(?:^|[^\d.,])([.,]?\d)|\b(?:a dozen|an? (?:hundred|thousand|million|billion|trillion)|an? quarter|half an? |zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/.exec(
      s,
    );
  if (!m) return -1;
  return m[1] !== undefined ? m.index + m[0].length - m[1].length : m.index;
}

/** Number words from `at`: "forty-two", "two hundred and five", "a dozen", "half a million", "two and a half million". */
function words(
  s: string,
  at: number,
  language: string | undefined,
): { value: number; end: number; scale: number } | undefined {
  const re = /([a-z]+)(?:[\s-]+|$)/y;
  re.lastIndex = at;
  let total = 0;
  let current = 0;
  let seen = false;
  let prev = '';
  let end = at;
  let last = 1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const w = m[1]!;
    const unit = UNITS[w];
    const scale = w === 'k' || w === 'm' || w === 'b' ? undefined : scaleOf(w, language);
    const next = /^([a-z]+)/.exec(s.slice(re.lastIndex))?.[1];
    if (unit !== undefined) current += unit;
    else if (w === 'half' && (next === 'a' || next === 'an' || seen)) current += 0.5;
    else if ((w === 'quarter' || w === 'quarters') && (next === 'of' || next === 'a' || seen))
      current = (current || 1) * 0.25;
    else if (w === 'of' && seen && /^(?:half|quarters?)$/.test(prev) && (next === 'a' || next === 'an')) continue;
    else if ((w === 'a' || w === 'an') && /^(?:half|quarters?|of)$/.test(prev)) current += 0;
    else if ((w === 'a' || w === 'an') && next !== undefined && (SCALES[next] !== undefined || next === 'half'))
      current += next === 'half' ? 0 : 1;
    else if ((w === 'a' || w === 'an') && next === 'quarter') current += 0;
    else if (w === 'and' && seen && next !== undefined && (UNITS[next] !== undefined || next === 'a')) continue;
    else if (scale !== undefined && seen) {
      if (scale < 1000) current = (current || 1) * scale;
      else {
        total += (current || 1) * scale;
        current = 0;
        last = scale;
      }
    } else break;
    seen = true;
    prev = w;
    end = m.index + w.length;
  }
  return seen ? { value: total + current, end, scale: last } : undefined;
}

/** One amount at `at` in `s` (its numeral or words, scale, percent and currency after it). */
function amountAt(
  s: string,
  at: number,
  language: string | undefined,
): { amount: Amount; end: number; scale: number } | undefined {
  const lit = NUMERAL.exec(s.slice(at));
  let value: number;
  let end: number;
  let ambiguous: string | undefined;
  let rewrite: string[] | undefined;
  let scaled = 1;
  if (lit) {
    ({ value, ambiguous, rewrite } = numeral(lit[0], language));
    end = at + lit[0].length;
    const scale = /^\s?([a-z]+)\b\.?/.exec(s.slice(end));
    const factor = scale ? scaleOf(scale[1]!, language) : undefined;
    if (scale && factor !== undefined) {
      value *= factor;
      end += scale[0].length;
      scaled = factor;
    }
  } else {
    const w = words(s, at, language);
    if (!w) return undefined;
    value = w.value;
    end = w.end;
    scaled = w.scale;
  }
  if (!Number.isFinite(value)) return undefined;
  const amount: Amount = { number: value, percent: false };
  if (ambiguous) amount.ambiguous = ambiguous;
  if (rewrite) amount.rewrite = rewrite;
  const pct = PERCENT.exec(s.slice(end));
  if (pct) {
    amount.percent = true;
    end += pct[0].length;
  } else {
    const cur = currencyAfter(s.slice(end));
    if (cur) {
      amount.currency = cur.code;
      end += cur.length;
    }
  }
  return { amount, end, scale: scaled };
}

/** The qualifier at the end of the words before a number, and where it starts. */
function qualifierBefore(prefix: string): Qualifier | undefined {
  const trimmed = prefix.replace(/\s+$/, '');
  for (const [re, qualifier] of QUALIFIER_PATTERNS) if (re.test(trimmed)) return qualifier;
  return undefined;
}

const QUALIFIER_PATTERNS: Array<[RegExp, Qualifier]> = QUALIFIERS.map(([re, q]) => [
  new RegExp(`(?:^|\\s)(?:just |well |slightly |a little |a bit )?${re.source}`),
  q,
]);

/** Reads the first quantity of a folded value: its qualifier, amount and the upper end of a range. */
export function readQuantity(s: string, language?: string): Quantity | undefined {
  const start = numberStart(s);
  const vague = vagueQuantity(s, start);
  if (vague) return vague;
  if (start < 0) return undefined;
  let prefix = s.slice(0, start);
  let negative = false;
  if (/(?:^|[^\w])-$/.test(prefix)) {
    negative = true;
    prefix = prefix.slice(0, -1);
  }
  const before = currencyBefore(prefix);
  if (before) prefix = prefix.slice(0, before.at);
  const q = qualifierBefore(prefix);
  const first = amountAt(s, start, language);
  if (!first) return undefined;
  const amount = first.amount;
  if (negative) amount.number = -amount.number;
  if (before && amount.currency === undefined) amount.currency = before.code;
  const quantity: Quantity = { amount };
  const range = readUpper(s, first.end, q, language);
  if (range) {
    const upper = range.amount;
    // "between 2 and 3 million", "20-30%", "$5-6 billion": what is written once applies to both ends.
    if (first.scale === 1 && range.scale >= 1000 && amount.number < upper.number / range.scale)
      amount.number *= range.scale;
    amount.percent ||= upper.percent;
    upper.percent ||= amount.percent;
    amount.currency ??= upper.currency;
    upper.currency ??= amount.currency;
    quantity.qualifier = 'between';
    quantity.upper = upper;
  } else if (q && q !== 'between') quantity.qualifier = q;
  else if (!q) {
    // "30+", "30 or more", "30 or fewer".
    const after =
      /^\s*(?:(\+|or more\b|or above\b|or over\b|and more\b|and above\b|plus\b)|or (?:less|fewer|under|below)\b)/.exec(
        s.slice(first.end),
      );
    if (after) quantity.qualifier = after[1] !== undefined ? 'at least' : 'up to';
  }
  return quantity;
}

/** The least each vague plural means: "dozens" is at least two dozen, "hundreds" at least two hundred. */
const VAGUE: Record<string, number> = {
  dozens: 24,
  scores: 40,
  hundreds: 200,
  thousands: 2e3,
  'tens of thousands': 2e4,
  'hundreds of thousands': 2e5,
  millions: 2e6,
  'tens of millions': 2e7,
  'hundreds of millions': 2e8,
  billions: 2e9,
};

/** "dozens of people", "hundreds", "billions of dollars": at least the least they mean, when no number comes first. */
function vagueQuantity(s: string, start: number): Quantity | undefined {
  const m =
    /(?:^|\s)((?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)\b/.exec(
      s,
    );
  if (!m || (start >= 0 && start <= m.index)) return undefined;
  const amount: Amount = { number: VAGUE[m[1]!]!, percent: false };
  const end = m.index + m[0].length;
  const cur = currencyAfter(s.slice(end)) ?? currencyBefore(s.slice(0, m.index));
  if (cur) amount.currency = cur.code;
  return { qualifier: 'at least', amount };
}

/** The upper end of a range after the first amount: "and 30" after "between", "-30" or "to 30". */
function readUpper(
  s: string,
  at: number,
  qualifier: Qualifier | undefined,
  language: string | undefined,
): { amount: Amount; scale: number } | undefined {
  const sep = (qualifier === 'between' ? /^\s*(?:and|to|-|bis|et|y|e)\s*/ : /^\s*(?:-|to)\s*/).exec(s.slice(at));
  if (!sep) return undefined;
  let from = at + sep[0].length;
  const cur = /^((?:us|ca|au|hk|nz|c|a)?\$|[€£¥₹₽₴₩₺₪₣])\s*/.exec(s.slice(from));
  if (cur) from += cur[0].length;
  if (numberStart(s.slice(from)) !== 0) return undefined;
  const upper = amountAt(s, from, language);
  if (!upper) return undefined;
  if (cur && upper.amount.currency === undefined) upper.amount.currency = SYMBOLS[cur[1]!];
  return { amount: upper.amount, scale: upper.scale };
}
