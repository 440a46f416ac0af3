import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core';

/** A mention's or claim's text is its content with whitespace folded, whichever path computes it. */
describe('span text', () => {
  it('is the content with JavaScript whitespace folded and trimmed', () => {
    const piece = fc.constantFrom('a', 'Rutte', 'é', '😀', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '-', '.');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join('')), fc.constantFrom('actor ref=x', 'claim by=outlet'), (content, attrs) => {
        fc.pre(!/\n\s*\n|\r\s*\r|\r\s*\n\s*\r/.test(content)); // a blank line would end the paragraph
        const model = buildSourceModel('file:///ws/a.seed.md', `[${content}]{.${attrs}}\n`);
        const span = model.mentions[0] ?? model.claims[0];
        assert.ok(span, 'the span was parsed');
        assert.equal(span.text, content.replace(/\s+/g, ' ').trim());
      }),
      { seed: 2026, numRuns: 2000 },
    );
  });
});
