import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown } from '../../server/src/core/features/markdown';

/** The definition: what escapeMarkdown did before its one-pass fast path for text that needs no escaping. */
function escapeByRegex(text: string): string {
  const inline = text.replace(/\s+/g, ' ').replace(/[\\`*_[\]~<>|&$]/g, '\\$&');
  return inline.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
    /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

describe('escapeMarkdown', () => {
  it('equals the regular-expression definition on arbitrary, title-like and whitespace-heavy strings', () => {
    const pieces = [
      'a',
      'Rutte',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\ufeff',
      '\u0085',
      '#',
      '1.',
      '2)',
      '-',
      '+',
      '=',
      '*',
      '_',
      '[',
      ']',
      '`',
      '\\',
      '~',
      '<',
      '>',
      '|',
      '&',
      '$',
      '“',
      '”',
      'é',
      '😀',
      '9',
    ];
    const titleLike = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((cs) => cs.join(''));
    let plain = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          titleLike,
          fc.string({ unit: 'grapheme', maxLength: 16 }),
          fc.string({ unit: 'binary', maxLength: 16 }),
        ),
        (s) => {
          const expected = escapeByRegex(s);
          assert.equal(escapeMarkdown(s), expected, JSON.stringify(s));
          if (expected === s) plain++;
        },
      ),
      { seed: 5150, numRuns: 6000 },
    );
    assert.ok(plain > 500, `only ${plain} strings needed no escaping`);
  });
});
