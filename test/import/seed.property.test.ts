import fc from 'fast-check';
import { renderSeed, type Block } from '../../server/src/import';
import { normalizeText } from '../../server/src/import/normalize';
import { assertSeedReadsBack } from './seedCheck';

/**
 * Whatever the text of its blocks, a rendered seed parses with no error,
 * holds no span or code, and its prose reads back as the blocks' text.
 */
const SEED = 20261202;

/** Characters that are markup somewhere: the core's, Pandoc's, YAML's, line starts. */
const markup = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  '\\',
  '`',
  '```',
  '~~~',
  '*',
  '_',
  '<',
  '>',
  '#',
  '-',
  '+',
  ':',
  '|',
  '=',
  '%',
  '~',
  '^',
  '&amp;',
  '&#35;',
  '1.',
  '(a)',
  'i)',
  '---',
  '...',
  ']{.actor ref=x}',
  '{.claim}',
  '\n',
  '\n\n',
  ' ',
  '\t',
  '\r',
  '\u00a0',
  '\u00ad',
  '\0',
  '\ud800',
  'é',
  '€',
  '😀',
);
const text = fc.oneof(
  fc.string({ unit: markup, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.oneof(markup, fc.string({ unit: 'grapheme', maxLength: 3 })), maxLength: 40 }),
);
const block: fc.Arbitrary<Block> = fc.oneof(
  text.map((t) => ({ kind: 'paragraph' as const, text: t })),
  fc.tuple(text, fc.integer({ min: 1, max: 6 })).map(([t, level]) => ({ kind: 'heading' as const, text: t, level })),
);

describe('import: rendered seeds (property)', () => {
  it('parse with no error and read back as the text of their blocks', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.option(text, { nil: undefined }), (blocks, title) => {
        const seed = renderSeed({ metadata: title === undefined ? {} : { id: 'x', title }, blocks });
        const expected = blocks.map((b) => normalizeText(b.text)).filter((t) => t !== '');
        assertSeedReadsBack(seed, expected);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
