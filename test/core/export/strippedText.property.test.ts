import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointCounter, strippedText } from '../../../server/src/core/features/export/annotations';
import { parseText, stripMarkup } from '../../../server/src/core/syntax/parser';
import { seedTexts } from '../../helpers/workspace';

/**
 * The offset map of the exports (features/export/annotations.ts): every span's
 * content, mapped into the text without markup, is that content with the
 * markup of the spans inside it removed. The expectation is computed character
 * by character from the parse, independently of the map's cut table.
 */

const SEED = 20261202;

/** The text of [from, to) without the characters of any span's markup (`[` and `]{…}`). */
function withoutMarkup(text: string, from: number, to: number, markup: Uint8Array): string {
  let out = '';
  for (let i = from; i < to; i++) if (!markup[i]) out += text[i];
  return out;
}

function assertSpansMap(text: string): void {
  const parsed = parseText(text);
  const stripped = strippedText(text, parsed);
  assert.equal(stripped.text, stripMarkup(text, parsed));
  const markup = new Uint8Array(text.length);
  for (const s of parsed.spans) {
    markup[s.start] = 1;
    for (let i = s.contentEnd; i < s.end; i++) markup[i] = 1;
  }
  for (const s of parsed.spans) {
    const got = stripped.text.slice(stripped.map(s.contentStart), stripped.map(s.contentEnd));
    assert.equal(got, withoutMarkup(text, s.contentStart, s.contentEnd, markup), `span at ${s.start}`);
  }
}

const word = fc.constantFrom('Rutte', 'NATO', ' ', 'said', '\n', 'x\\[y', '`code`', '😀', '{', ']', 'é', '\r\n');
const attrs = fc.constantFrom('{.actor ref=rutte}', '{.claim key=k value="5 %" by=rutte}', '{#id}', '{.claim}');
/** Prose with spans nested up to three deep, sometimes under a front matter block. */
const annotated = fc.letrec<{ text: string }>((tie) => ({
  text: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.tuple(fc.array(tie('text'), { maxLength: 4 }), attrs).map(([inner, a]) => `[${inner.join('')}]${a}`),
    fc.array(tie('text'), { maxLength: 5 }).map((parts) => parts.join('')),
  ),
})).text;
const documents = fc
  .tuple(fc.boolean(), fc.array(annotated, { maxLength: 8 }))
  .map(([front, parts]) => (front ? '---\ntitle: "t"\n---\n' : '') + parts.join(''));

describe('export offsets: the text without markup and where each span lands in it', () => {
  it('maps every span of generated annotated texts onto its content without markup', () => {
    fc.assert(
      fc.property(documents, (text) => assertSpansMap(text)),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('maps every span of texts full of brackets, braces and escapes', () => {
    const nasty = fc.string({
      unit: fc.constantFrom('[', ']', '{', '}', '\\', '`', '.', 'a', ' ', '\n', '#', '='),
      maxLength: 200,
    });
    fc.assert(
      fc.property(nasty, (text) => assertSpansMap(text)),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('maps every span of the seeds', () => {
    for (const [uri, text] of seedTexts()) if (uri.endsWith('.seed.md')) assertSpansMap(text);
  });

  it('counts code points, not UTF-16 code units, before every offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '😀', 'é', '\uD800', '\uDC00'), maxLength: 40 }), (text) => {
        const cp = codePointCounter(text);
        for (let i = 0; i <= text.length; i++) {
          // Only offsets between two code points are asked for.
          if (i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i]!))
            continue;
          assert.equal(cp(i), [...text.slice(0, i)].length, `offset ${i} of ${JSON.stringify(text)}`);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
