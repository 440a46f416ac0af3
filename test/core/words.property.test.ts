import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanWords, WORD_PATTERN } from '../../server/src/core/syntax/words';

/** The char-code word scanner must find exactly the words the Unicode regex finds. */
function viaRegex(text: string): Array<[number, number]> {
  const re = new RegExp(WORD_PATTERN.source, 'gu');
  return [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
}

function viaScanner(text: string, from = 0, to = text.length): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  scanWords(text, from, to, (s, e) => out.push([s, e]));
  return out;
}

const pieces = fc.constantFrom(
  'a',
  'Z',
  '9',
  'é',
  'ß',
  'Ж',
  '日',
  '\u0301',
  '٣',
  '.',
  '-',
  '_',
  ' ',
  ',',
  '’',
  "'",
  '😀',
  '𝐀',
  '\uD800',
  '\uDC00',
  '\u200D',
  '\u00A0',
  'ǅ',
  'Ⅻ',
  '\n',
);

describe('word scanner', () => {
  it('finds the same words as the Unicode regex', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
        (text) => {
          assert.deepEqual(viaScanner(text), viaRegex(text));
        },
      ),
      { seed: 31337, numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        assert.deepEqual(viaScanner(text), viaRegex(text));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('scans a sub-range as if the text ended there', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const from = a % (text.length + 1);
          const to = from + (b % (text.length - from + 1));
          const expected = viaRegex(text.slice(from, to)).map(([s, e]): [number, number] => [s + from, e + from]);
          assert.deepEqual(viaScanner(text, from, to), expected);
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
  });
});
