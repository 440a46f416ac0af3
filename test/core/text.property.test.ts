import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/base/text';

/**
 * `rangeAt` looks for the end from the start's line instead of searching the
 * whole line table twice. It must be `positionAt` of both ends for any text
 * (`\n`, `\r\n`, lone `\r`, surrogate pairs) and any offsets: inside or
 * between a CRLF, out of bounds, or an end before the start.
 */
describe('LineIndex property', () => {
  const text = fc
    .array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '😀', 'é', '\n\n'), { maxLength: 40 })
    .map((parts) => parts.join(''));
  const offset = (length: number): fc.Arbitrary<number> =>
    fc.oneof(fc.integer({ min: 0, max: length }), fc.integer({ min: -3, max: length + 3 }));

  it('rangeAt(start, end) is { start: positionAt(start), end: positionAt(end) }', () => {
    fc.assert(
      fc.property(
        text.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.array(fc.tuple(offset(t.length), offset(t.length)), { minLength: 1, maxLength: 20 }),
          ),
        ),
        ([t, pairs]) => {
          const lines = new LineIndex(t);
          for (const [start, end] of pairs)
            assert.deepEqual(
              lines.rangeAt(start, end),
              { start: lines.positionAt(start), end: lines.positionAt(end) },
              JSON.stringify({ t, start, end }),
            );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a table built from the UTF-8 bytes is the table built from the text', () => {
    const anyText = fc.oneof(
      text,
      fc
        .array(
          fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\n', '\r', '\r\n')),
          { maxLength: 60 },
        )
        .map((cs) => cs.join('')),
    );
    fc.assert(
      fc.property(anyText, (t) => {
        const expected = new LineIndex(t);
        const fromBytes = LineIndex.deferred(t.length, {
          get text(): string {
            throw new Error('the text is not read');
          },
        });
        fromBytes.buildFromUtf8(Buffer.from(t, 'utf8'));
        assert.deepEqual(fromBytes.lineStarts, expected.lineStarts, JSON.stringify(t));
        assert.deepEqual(fromBytes.lineEnds, expected.lineEnds, JSON.stringify(t));
        for (let o = 0; o <= t.length; o++) assert.deepEqual(fromBytes.positionAt(o), expected.positionAt(o));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses bytes that are not the text (their length in UTF-16 code units differs)', () => {
    const lines = LineIndex.deferred(3, { text: 'abc' });
    assert.throws(() => lines.buildFromUtf8(Buffer.from('ab\u00e9c')), /4 code units, not the text's 3/);
  });
});
