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
});
