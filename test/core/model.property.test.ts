import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core/model/source';

/** A mention's or claim's text is its content with whitespace folded, whichever path computes it. */
describe('span text', () => {
  it('is the content with JavaScript whitespace folded and trimmed', () => {
    const piece = fc.constantFrom(
      'a',
      'Rutte',
      'é',
      '😀',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u2028',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\u200b',
      '-',
      '.',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
        fc.constantFrom('actor ref=x', 'claim by=outlet'),
        (content, attrs) => {
          fc.pre(!/\n\s*\n|\r\s*\r|\r\s*\n\s*\r/.test(content)); // a blank line would end the paragraph
          const model = buildSourceModel('file:///ws/a.seed.md', `[${content}]{.${attrs}}\n`);
          const span = model.mentions[0] ?? model.claims[0];
          assert.ok(span, 'the span was parsed');
          assert.equal(span.text, content.replace(/\s+/g, ' ').trim());
        },
      ),
      { seed: 2026, numRuns: 2000 },
    );
  });
});

/** The definition: the first NUL, and the first UTF-16 surrogate that is not half of a valid pair. */
function encodingProblemsByDefinition(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const nul = text.indexOf('\0');
  if (nul >= 0) out.push([nul, 'NUL']);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    out.push([i, `U+${c.toString(16).toUpperCase()}`]);
    break;
  }
  return out.sort((a, b) => a[0] - b[0]);
}

describe('problems of the text itself', () => {
  it('the first NUL and the first lone surrogate are found by one scan, as by their definition', () => {
    const pieces = ['a', ' ', '\n', '\0', '\ud83d', '\ude00', '😀', '“', '[x]{.actor}', '\udbff\udfff', '\udc00\ud800'];
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join('')),
        (text) => {
          const want = encodingProblemsByDefinition(text);
          const got = buildSourceModel('file:///ws/a.seed.md', text)
            .problems.filter((p) => p.code === 'encoding')
            .map((p): [number, string] => [
              p.start,
              p.message.startsWith('NUL') ? 'NUL' : /U\+[0-9A-F]+/.exec(p.message)![0],
            ]);
          assert.deepEqual(got, want, JSON.stringify(text));
          found += want.length;
        },
      ),
      { seed: 404, numRuns: 4000 },
    );
    assert.ok(found > 2000, `only ${found} problems were generated`);
  });
});
