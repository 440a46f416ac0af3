import * as assert from 'node:assert/strict';
import {
  asOfComparable,
  compatible,
  describeInterval,
  normalizeText,
  normalizeValue,
  readValue,
} from '../../server/src/core/model/normalize';
import { type ClaimType } from '../../server/src/core/model/registry';

/** Asserts that all values normalise to `canonical` (and so to each other). */
function same(type: ClaimType | undefined, canonical: string, ...values: string[]): void {
  for (const v of values)
    assert.equal(normalizeValue(v, type), canonical, `${JSON.stringify(v)} as ${type ?? 'untyped'}`);
}

function differ(type: ClaimType | undefined, a: string, b: string): void {
  assert.notEqual(
    normalizeValue(a, type),
    normalizeValue(b, type),
    `${JSON.stringify(a)} and ${JSON.stringify(b)} as ${type ?? 'untyped'} should differ`,
  );
}

describe('normalize', () => {
  describe('normalizeText', () => {
    it('folds case and whitespace', () => {
      assert.equal(normalizeText('  Hello,\t  World  \n'), 'hello, world');
      assert.equal(normalizeText('a\u00a0b\u200bc'), 'a b c');
    });

    it('removes surrounding punctuation but keeps inner punctuation', () => {
      assert.equal(normalizeText('"Hello, world!"'), 'hello, world');
      assert.equal(normalizeText('(see above).'), 'see above');
      assert.equal(normalizeText('— a quote —'), 'a quote');
      assert.equal(normalizeText('«Bonjour»'), 'bonjour');
      assert.equal(normalizeText('...'), '');
    });

    it('folds curly quotes, primes and dashes', () => {
      assert.equal(normalizeText('“Quoted”'), 'quoted');
      assert.equal(normalizeText('it’s'), "it's");
      assert.equal(normalizeText('‘it’s’'), "it's");
      assert.equal(normalizeText('NATO – alliance'), 'nato - alliance');
      assert.equal(normalizeText('a—b'), 'a-b');
    });

    it('folds compatibility characters (NFKC)', () => {
      assert.equal(normalizeText('ＮＡＴＯ'), 'nato');
      assert.equal(normalizeText('ﬁve'), 'five');
    });

    it('drops well-formed thousands separators only', () => {
      assert.equal(normalizeText('84,000'), '84000');
      assert.equal(normalizeText('1,234,567 troops'), '1234567 troops');
      assert.equal(normalizeText('1,2345'), '1,2345');
      assert.equal(normalizeText('1,234,56'), '1,234,56');
      assert.equal(normalizeText('12,34'), '12,34');
      assert.equal(normalizeText('1,000.5'), '1000.5');
    });

    it('spells percentages one way', () => {
      for (const v of ['5%', '5 %', '5 percent', '5 per cent', '5 pct', '5 Percent'])
        assert.equal(normalizeText(v), '5%', v);
      assert.equal(normalizeText('3.5 per cent'), '3.5%');
      assert.equal(normalizeText('5 percentage points'), '5 percentage points');
    });
  });

  describe('normalizeValue', () => {
    it('compares untyped values as normalised text', () => {
      same(undefined, 'the hague', 'The Hague', ' the  hague. ');
      differ(undefined, 'The Hague', 'Hague');
      same(undefined, '84000', '84,000', '84000');
      same(undefined, '5%', '5%', '5 percent', '5 per cent');
    });

    it('type number: the first number, with scale words', () => {
      same('number', '84000', '84,000', '84000', '84 thousand', '84k', '84,000 troops', '84000.0');
      // A qualifier makes an interval, with its own key (was: the bare number).
      same('number', 'about 84000', 'about 84,000 troops');
      same('number', '1500000', '1.5 million', '1,500,000', '1.5m', '1.5 mn');
      same('number', '5000000000', '5bn', '5 billion', '5 b');
      same('number', '32', '32 members', 'all 32');
      differ('number', '84,000', '8,400');
      differ('number', '1,2345', '12345');
      // A vague plural: at least the least it means (was: compared as text).
      same('number', 'at least 24', 'dozens', 'Dozens');
    });

    it('keeps the sign of a number', () => {
      same('number', '-5', '-5', '−5', '–5', '“-5”', '(-5)');
      differ('number', '-5', '5');
      same('percent', '-3%', '-3%', '−3 per cent', '-3 percent');
      differ('percent', '-3%', '3%');
      same('number', '-0.5', '-.5', '-0.5');
    });

    it('keeps a leading decimal point', () => {
      same('number', '0.5', '.5', '0.5');
      differ('number', '.5', '5');
      same('percent', '0.5%', '.5%', '0.5 per cent');
      differ('percent', '.5%', '5%');
    });

    it('type percent: one canonical number followed by %', () => {
      same('percent', '5%', '5%', '5 percent', '5 per cent', '5.0%', '5.00 pct', '5% of GDP');
      // "about 5%" is an interval now, with its own key.
      same('percent', 'about 5%', 'about 5%', 'around 5 per cent');
      same('percent', '3.5%', '3.5 per cent', '3.50%');
      differ('percent', '5%', '3.5%');
      // The key's type says the number is a percentage (was: compared as text without a percent sign).
      same('percent', '5%', 'five', '5', 'five percent');
    });

    it('type money: currency and amount', () => {
      same(
        'money',
        'usd 50000000000000',
        '$50 trillion',
        'USD 50,000,000,000,000',
        'US$50tn',
        '$ 50 trillion',
        'usd 50 trillion',
      );
      same('money', 'eur 1500000000', '€1.5bn', 'EUR 1,500,000,000', 'eur 1.5 billion');
      same('money', 'gbp 20', '£20', 'GBP 20');
      differ('money', '$50 trillion', '€50 trillion');
      differ('money', '$50 trillion', '$50 billion');
      // No currency: the amount alone (not equal to a dollar amount).
      same('money', '50000000000000', '50 trillion');
      differ('money', '50 trillion', '$50 trillion');
      // A three-letter word that is not a currency is not one.
      same('money', '5', 'the 5');
    });

    it('type date: ISO forms and month names', () => {
      same('date', '2024-10', 'October 2024', 'october 2024', 'Oct. 2024', 'Oct 2024', '2024-10', '2024-10.');
      same('date', '2024-10-14', '14 October 2024', 'October 14, 2024', '2024-10-14', 'Oct 14 2024');
      same('date', '2024-01', '2024-1', 'January 2024');
      same('date', '2024-09', 'Sept 2024', 'September 2024');
      same('date', '2025', '2025');
      differ('date', 'October 2024', 'November 2024');
      differ('date', '2024-10', '2024-10-14');
      // Not a month: kept as text.
      assert.equal(normalizeValue('Smarch 2024', 'date'), 'smarch 2024');
      assert.equal(normalizeValue('Ma 2024', 'date'), 'ma 2024');
    });

    it('type place: a leading "the" does not matter', () => {
      same('place', 'hague', 'The Hague', 'the hague', 'Hague', 'THE HAGUE.', ' The  Hague ');
      same('place', 'netherlands', 'the Netherlands', 'Netherlands');
      differ('place', 'The Hague', 'Amsterdam');
      // Only a leading "the" word.
      assert.equal(normalizeValue('Theodore Island', 'place'), 'theodore island');
    });

    it('type text: normalised text', () => {
      same('text', 'yes, agreed', 'Yes, agreed.', '“yes, agreed”');
    });
  });

  describe('asOfComparable', () => {
    it('treats a missing as-of as comparable to anything', () => {
      assert.equal(asOfComparable(undefined, undefined), true);
      assert.equal(asOfComparable(undefined, '2025'), true);
      assert.equal(asOfComparable('2025-06', undefined), true);
      assert.equal(asOfComparable('', '2025'), true);
    });

    it('compares a period with the periods it contains', () => {
      assert.equal(asOfComparable('2025', '2025'), true);
      assert.equal(asOfComparable('2025', '2025-06'), true);
      assert.equal(asOfComparable('2025-06', '2025'), true);
      assert.equal(asOfComparable('2025', '2025-06-25'), true);
      assert.equal(asOfComparable('2025-06', '2025-06-25'), true);
    });

    it('does not compare disjoint periods', () => {
      assert.equal(asOfComparable('2025-05', '2025-06'), false);
      assert.equal(asOfComparable('2025', '2026'), false);
      assert.equal(asOfComparable('2025-06-25', '2025-06-26'), false);
      assert.equal(asOfComparable('2024', '2025-06'), false);
    });

    it('needs a prefix to end at a - boundary', () => {
      assert.equal(asOfComparable('2025-1', '2025-10'), false);
      assert.equal(asOfComparable('2025-10', '2025-1'), false);
      assert.equal(asOfComparable('2025-06-2', '2025-06-25'), false);
      assert.equal(asOfComparable('202', '2025'), false);
    });
  });

  it('refuses impossible months and days in dates instead of normalising them', () => {
    assert.equal(normalizeValue('2025-13', 'date'), '2025-13');
    assert.notEqual(normalizeValue('2025-13', 'date'), normalizeValue('2026-01', 'date'));
    assert.equal(normalizeValue('2025-6', 'date'), '2025-06');
  });
});

/**
 * How values are read: [written value, type, expected key, expected interval
 * (as describeInterval shows it; '' for an exact value or text), language].
 */
const READINGS: Array<[string, ClaimType, string, string, string?]> = [
  // Numbers as written: cardinal words and compounds.
  ['five', 'number', '5', ''],
  ['Twelve', 'number', '12', ''],
  ['forty-two', 'number', '42', ''],
  ['forty two', 'number', '42', ''],
  ['two hundred', 'number', '200', ''],
  ['two hundred and five', 'number', '205', ''],
  ['a hundred', 'number', '100', ''],
  ['one million two hundred thousand', 'number', '1200000', ''],
  // Scale words and abbreviations.
  ['2 million', 'number', '2000000', ''],
  ['2m', 'number', '2000000', ''],
  ['2 mln', 'number', '2000000', ''],
  ['2 mn', 'number', '2000000', ''],
  ['1.5bn', 'number', '1500000000', ''],
  ['1.5 billion', 'number', '1500000000', ''],
  ['6.4tn', 'number', '6400000000000', ''],
  ['6.4 trillion', 'number', '6400000000000', ''],
  ['a dozen', 'number', '12', ''],
  ['two dozen', 'number', '24', ''],
  ['half a million', 'number', '500000', ''],
  ['two and a half million', 'number', '2500000', ''],
  ['a million', 'number', '1000000', ''],
  ['84 thousand troops', 'number', '84000', ''],
  // Decimal commas where the language writes them.
  ['5,5 %', 'percent', '5.5%', '', 'de'],
  ['5,5 Prozent', 'percent', '5.5%', '', 'de'],
  ['1.500', 'number', '1500', '', 'de'],
  ['1.234.567,8', 'number', '1234567.8', '', 'de-AT'],
  ['2,5 Mio.', 'number', '2500000', '', 'de'],
  ['4,5 Mrd. Euro', 'money', 'eur 4500000000', '', 'de'],
  ['6,4 Billionen Dollar', 'money', 'usd 6400000000000', '', 'de'],
  ['3,5 milliards d’euros', 'money', 'eur 3500000000', '', 'fr'],
  ['1,500', 'number', '1500', '', 'en'],
  // Percent spellings.
  ['five percent', 'percent', '5%', ''],
  ['5 per cent', 'percent', '5%', ''],
  ['5 pct', 'percent', '5%', ''],
  ['5% of GDP', 'percent', '5%', ''],
  ['3.5 percent', 'percent', '3.5%', ''],
  // Money: symbols, ISO codes and words, before or after, with scale words.
  ['$6.4 trillion', 'money', 'usd 6400000000000', ''],
  ['6.4 trillion dollars', 'money', 'usd 6400000000000', ''],
  ['US$6.4tn', 'money', 'usd 6400000000000', ''],
  ['USD 6.4 trillion', 'money', 'usd 6400000000000', ''],
  ['6.4 trillion USD', 'money', 'usd 6400000000000', ''],
  ['€1.5bn', 'money', 'eur 1500000000', ''],
  ['1.5 billion euros', 'money', 'eur 1500000000', ''],
  ['EUR 1.5 billion', 'money', 'eur 1500000000', ''],
  ['£20', 'money', 'gbp 20', ''],
  ['20 pounds', 'money', 'gbp 20', ''],
  ['GBP 20', 'money', 'gbp 20', ''],
  ['CHF 3 million', 'money', 'chf 3000000', ''],
  ['3 million Swiss francs', 'money', 'chf 3000000', ''],
  ['¥500 billion', 'money', 'jpy 500000000000', ''],
  ['2 billion yen', 'money', 'jpy 2000000000', ''],
  ['SEK 10m', 'money', 'sek 10000000', ''],
  ['five billion dollars', 'money', 'usd 5000000000', ''],
  ['50 trillion', 'money', '50000000000000', ''],
  // Qualifiers and ranges are intervals.
  ['more than 30', 'number', 'more than 30', '(30, ∞)'],
  ['more than 30 people', 'number', 'more than 30', '(30, ∞)'],
  ['over 30', 'number', 'more than 30', '(30, ∞)'],
  ['above thirty', 'number', 'more than 30', '(30, ∞)'],
  ['just over 30', 'number', 'more than 30', '(30, ∞)'],
  ['> 30', 'number', 'more than 30', '(30, ∞)'],
  ['at least 100', 'number', 'at least 100', '[100, ∞)'],
  ['no fewer than 100', 'number', 'at least 100', '[100, ∞)'],
  ['up to 50', 'number', 'up to 50', '(−∞, 50]'],
  ['as many as 50', 'number', 'up to 50', '(−∞, 50]'],
  ['less than 40', 'number', 'less than 40', '(−∞, 40)'],
  ['fewer than 40', 'number', 'less than 40', '(−∞, 40)'],
  ['under 40', 'number', 'less than 40', '(−∞, 40)'],
  ['nearly 40', 'number', 'nearly 40', '[36, 40]'],
  ['almost forty', 'number', 'nearly 40', '[36, 40]'],
  ['about 5%', 'percent', 'about 5%', '[4.5%, 5.5%]'],
  ['around 5 percent', 'percent', 'about 5%', '[4.5%, 5.5%]'],
  ['roughly 5%', 'percent', 'about 5%', '[4.5%, 5.5%]'],
  ['some 30', 'number', 'about 30', '[27, 33]'],
  ['approximately 30', 'number', 'about 30', '[27, 33]'],
  ['an estimated 30', 'number', 'about 30', '[27, 33]'],
  ['between 20 and 30', 'number', 'between 20 and 30', '[20, 30]'],
  ['20-30', 'number', 'between 20 and 30', '[20, 30]'],
  ['20–30', 'number', 'between 20 and 30', '[20, 30]'],
  ['20 to 30', 'number', 'between 20 and 30', '[20, 30]'],
  ['from 20 to 30', 'number', 'between 20 and 30', '[20, 30]'],
  ['20-30%', 'percent', 'between 20% and 30%', '[20%, 30%]'],
  ['between 2 and 3 million', 'number', 'between 2000000 and 3000000', '[2000000, 3000000]'],
  ['between 500,000 and 1 million', 'number', 'between 500000 and 1000000', '[500000, 1000000]'],
  ['$5-6 billion', 'money', 'between usd 5000000000 and 6000000000', '[5000000000, 6000000000]'],
  ['more than $30 billion', 'money', 'more than usd 30000000000', '(30000000000, ∞)'],
  // Dates as written.
  ['Oct. 3, 2024', 'date', '2024-10-03', ''],
  ['3 October 2024', 'date', '2024-10-03', ''],
  ['October 3rd, 2024', 'date', '2024-10-03', ''],
  ['2024-10-03', 'date', '2024-10-03', ''],
  ['3. Oktober 2024', 'date', '2024-10-03', '', 'de'],
  ['3 octobre 2024', 'date', '2024-10-03', '', 'fr'],
  ['October 2024', 'date', '2024-10', '2024-10-01 – 2024-10-31'],
  ['2024', 'date', '2024', '2024-01-01 – 2024-12-31'],
  ['2024-02-30', 'date', '2024-02-30', ''],
  // Fractions, postfix qualifiers, negated qualifiers, vague plurals.
  ['a quarter of a million', 'number', '250000', ''],
  ['three quarters of a million', 'number', '750000', ''],
  ['no more than 10', 'number', 'up to 10', '(−∞, 10]'],
  ['not less than 10', 'number', 'at least 10', '[10, ∞)'],
  ['as much as $5bn', 'money', 'up to usd 5000000000', '(−∞, 5000000000]'],
  ['30+', 'number', 'at least 30', '[30, ∞)'],
  ['30 or more', 'number', 'at least 30', '[30, ∞)'],
  ['30 or fewer', 'number', 'up to 30', '(−∞, 30]'],
  ['dozens of people', 'number', 'at least 24', '[24, ∞)'],
  ['hundreds', 'number', 'at least 200', '[200, ∞)'],
  ['tens of thousands', 'number', 'at least 20000', '[20000, ∞)'],
  ['billions of dollars', 'money', 'at least usd 2000000000', '[2000000000, ∞)'],
  ['6.4 trillion US$', 'money', 'usd 6400000000000', ''],
  ['Rs 500 crore', 'money', 'inr 5000000000', ''],
  ['2.5 lakh', 'number', '250000', ''],
  ['1 200 000 €', 'money', 'eur 1200000', '', 'fr'],
  ['84 000 troops', 'number', '84000', ''],
  ['two to three million', 'number', 'between 2000000 and 3000000', '[2000000, 3000000]'],
  ['3-4 million', 'number', 'between 3000000 and 4000000', '[3000000, 4000000]'],
  ['one hundred and twenty', 'number', '120', ''],
  // More written dates.
  ['Thursday, October 3, 2024', 'date', '2024-10-03', ''],
  ['the 3rd of October 2024', 'date', '2024-10-03', ''],
  ['03.10.2024', 'date', '2024-10-03', '', 'de'],
  ['13/3/2024', 'date', '2024-03-13', ''],
  ['in October 2024', 'date', '2024-10', '2024-10-01 – 2024-10-31'],
  ['on 3 October 2024', 'date', '2024-10-03', ''],
  ['early October 2024', 'date', 'early 2024-10', '2024-10-01 – 2024-10-16'],
  ['mid-2024', 'date', 'mid 2024', '2024-04-01 – 2024-10-01'],
  ['late 2024', 'date', 'late 2024', '2024-07-02 – 2024-12-31'],
  // Day and month can be swapped: kept as text (ambiguous).
  ['10/3/2024', 'date', '10/3/2024', ''],
  // No number: the normalised text.
  ['none', 'number', 'none', ''],
];

describe('readValue: how each written value is read', () => {
  for (const [value, type, key, interval, language] of READINGS) {
    it(`${JSON.stringify(value)} as ${type}${language ? ` (${language})` : ''} → ${key} ${interval}`, () => {
      const r = readValue(value, type, language ? { language } : {});
      assert.equal(r.key, key);
      assert.equal(describeInterval(r) ?? '', interval);
      // The canonical key reads back to itself (idempotence), with the same interval.
      const again = readValue(r.key, type, language ? { language } : {});
      assert.equal(again.key, r.key);
      assert.deepEqual(again.interval, r.interval);
    });
  }

  it('dates are intervals: a month contains its days, and the days of two months are apart', () => {
    const day = readValue('Oct. 3, 2024', 'date');
    const month = readValue('October 2024', 'date');
    assert.ok(compatible(day, month));
    assert.ok(compatible(readValue('2024', 'date'), day));
    assert.ok(!compatible(readValue('November 2024', 'date'), day));
    assert.ok(!compatible(readValue('2024-10-04', 'date'), day));
    // Parts of a month or year: halves, overlapping in the middle.
    assert.ok(compatible(readValue('early October 2024', 'date'), day));
    assert.ok(!compatible(readValue('late October 2024', 'date'), day));
    assert.ok(compatible(readValue('mid-2024', 'date'), readValue('July 2024', 'date')));
    assert.ok(!compatible(readValue('early 2024', 'date'), readValue('November 2024', 'date')));
    assert.ok(compatible(readValue('late 2024', 'date'), readValue('early 2024', 'date')) === false);
  });

  it('a qualified value is compared by its interval even when that is one number', () => {
    // The claim index compares by interval only the fuzzy readings: "between 40 and 40" and "about 0" must be.
    for (const [a, b] of [
      ['between 40 and 40', '40'],
      ['about 0', '0'],
      ['nearly 0', '0'],
    ] as const) {
      assert.equal(readValue(a, 'number').fuzzy, true, a);
      assert.notEqual(readValue(a, 'number').key, readValue(b, 'number').key);
      assert.ok(compatible(readValue(a, 'number'), readValue(b, 'number')));
    }
    assert.equal(readValue('40', 'number').fuzzy, false);
  });

  it('intervals conflict only when they cannot both be true', () => {
    const c = (a: string, b: string, type: ClaimType = 'number'): boolean =>
      compatible(readValue(a, type), readValue(b, type));
    assert.ok(c('more than 30', '35'));
    assert.ok(!c('more than 30', '25'));
    assert.ok(!c('more than 30', '30'));
    assert.ok(c('at least 30', '30'));
    assert.ok(c('about 5%', '5.4%', 'percent'));
    assert.ok(!c('about 5%', '6%', 'percent'));
    assert.ok(c('between 20 and 30', '20'));
    assert.ok(!c('between 20 and 30', '31'));
    assert.ok(c('up to 50', '50'));
    assert.ok(!c('up to 50', '51'));
    assert.ok(c('nearly 40', '38'));
    assert.ok(!c('nearly 40', '41'));
    assert.ok(c('more than 30', 'less than 40'));
    assert.ok(!c('more than 40', 'less than 40'));
    // Different currencies are different values, never compared by amount; a missing currency is any.
    assert.ok(!c('$5', '€5', 'money'));
    assert.ok(!c('about $5', '€5', 'money'));
    assert.ok(c('5', '$5', 'money'));
    // Text is compatible only with itself.
    assert.ok(!c('none', '35'));
    // A vague plural is an interval too.
    assert.ok(c('dozens', '35'));
    assert.ok(!c('dozens', '12'));
  });

  it('flags numerals whose separator the language does not use so', () => {
    assert.match(readValue('5,5', 'number').ambiguous ?? '', /decimal point/);
    assert.match(readValue('1.5', 'number', { language: 'de' }).ambiguous ?? '', /decimal point/);
    assert.equal(readValue('5,5', 'number', { language: 'de' }).ambiguous, undefined);
    assert.equal(readValue('84,000', 'number').ambiguous, undefined);
  });
});
