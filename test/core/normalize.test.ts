import * as assert from 'node:assert/strict';
import { asOfComparable, normalizeText, normalizeValue } from '../../server/src/core/model/normalize';
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
      same('number', '84000', '84,000', '84000', '84 thousand', '84k', 'about 84,000 troops', '84000.0');
      same('number', '1500000', '1.5 million', '1,500,000', '1.5m', '1.5 mn');
      same('number', '5000000000', '5bn', '5 billion', '5 b');
      same('number', '32', '32 members', 'all 32');
      differ('number', '84,000', '8,400');
      differ('number', '1,2345', '12345');
      // No number: the normalised text.
      same('number', 'dozens', 'Dozens');
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
      same('percent', '5%', '5%', '5 percent', '5 per cent', '5.0%', '5.00 pct', 'about 5%', '5% of GDP');
      same('percent', '3.5%', '3.5 per cent', '3.50%');
      differ('percent', '5%', '3.5%');
      // Without a percent sign, the text is compared as is.
      assert.equal(normalizeValue('five', 'percent'), 'five');
      differ('percent', '5', '5%');
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
