import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findFrontMatter } from '../../server/src/core/syntax/parser';
import { fastFrontMatterEntries, readFrontMatter } from '../../server/src/core/syntax/frontMatter';
import type { Problem } from '../../server/src/core/base/types';

/**
 * The front matter fast path must be indistinguishable from the full YAML
 * parser: for every text it accepts, the metadata, the offsets and the
 * problems are the same as the `yaml` package's. It must also actually be
 * taken for the front matter real sources have.
 */

function both(doc: string): { fast: unknown; slow: unknown; accepted: boolean } {
  const found = findFrontMatter(doc, []);
  assert.ok(found.block, 'the generated document has a front matter block');
  const fastProblems: Problem[] = [];
  const slowProblems: Problem[] = [];
  const fast = readFrontMatter(doc, found.block, fastProblems);
  const slow = readFrontMatter(doc, found.block, slowProblems, { fast: false });
  return {
    fast: { meta: fast, extra: { ...fast.extra }, problems: fastProblems },
    slow: { meta: slow, extra: { ...slow.extra }, problems: slowProblems },
    accepted: fastFrontMatterEntries(doc, found.block) !== undefined,
  };
}

const simpleKey = fc.constantFrom(
  'id',
  'title',
  'outlet',
  'author',
  'published',
  'url',
  'language',
  'topic',
  'section',
  '__proto__',
  'x_y',
  'a.b',
);
const trickyKey = fc.constantFrom('true', 'null', '1', 'key with space', '"quoted"', '? k', '- k', 'k k');
const word = fc.constantFrom(
  'NATO',
  'Rutte',
  'summit',
  'Hague',
  'The',
  'États-Unis',
  '😀',
  'Москва',
  'x',
  '2025-06-25',
  'https://example.org/a',
  'a#b',
  'it’s',
  '5%',
  'v1.2',
);
const plain = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const doubleQuoted = fc
  .array(fc.constantFrom('a', ' ', '"', '\\', '/', 'é', ':', '#', "'"), { minLength: 0, maxLength: 8 })
  .map((cs) => `"${cs.map((c) => (c === '"' || c === '\\' ? `\\${c}` : c)).join('')}"`);
const singleQuoted = fc
  .array(fc.constantFrom('a', ' ', "'", '"', '\\', ':', '#'), { minLength: 0, maxLength: 8 })
  .map((cs) => `'${cs.map((c) => (c === "'" ? "''" : c)).join('')}'`);
const listItem = fc.oneof(
  fc.constantFrom('NATO', 'air-defence', 'États-Unis', '😀', 'x', 'it’s', 'v1.2', 'a b'),
  doubleQuoted,
  singleQuoted,
);
const flowList = fc
  .tuple(fc.array(listItem, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , '))
  .map(([items, sep]) => `[${items.join(sep)}]`);
const simpleValue = fc.oneof(plain, doubleQuoted, singleQuoted, flowList);
const trickyValue = fc.constantFrom(
  '',
  '~',
  'null',
  'true',
  'False',
  '42',
  '-3.5',
  '1e5',
  '0x1F',
  '.inf',
  'a: b',
  'a #comment',
  '#x',
  '- item',
  '[a, b]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '!!str x',
  '|',
  '>',
  '"unterminated',
  "'x'y",
  '"\\n"',
  '"\\u00e9"',
  'ends with:',
  'tab\there',
  '@x',
  '`x`',
  '%x',
  '[a, [b]]',
  '[a,]',
  '[ ]',
  '[a: b]',
  '[1, 2]',
  '[a, null]',
  '[a #b]',
  '[a] x',
  '[a',
  'a]',
  '[, a]',
  '[a,,b]',
  '[{a}]',
  '[a, "b\\n"]',
  "['a', b]",
  '[-a]',
  '[a-]',
  '[ a ]',
  '[:a]',
  '[a:]',
  '[&x a]',
  '[*x]',
  '[!t a]',
  '[a, b] # c',
);
const eol = fc.constantFrom('\n', '\r\n', '\r');

const simpleLine = fc
  .tuple(simpleKey, fc.constantFrom(' ', '  '), simpleValue, fc.constantFrom('', ' '))
  .map(([k, sp, v, trail]) => `${k}:${sp}${v}${trail}`);
const trickyLine = fc.oneof(
  fc
    .tuple(fc.oneof(simpleKey, trickyKey), fc.constantFrom(': ', ':', ':\t', ' : '), fc.oneof(simpleValue, trickyValue))
    .map(([k, sep, v]) => `${k}${sep}${v}`),
  fc.constantFrom(
    '# a comment',
    '  # indented comment',
    '',
    '   ',
    '  nested: value',
    '- list item',
    'key:',
    '  - x',
    '...',
    'k: v # trailing comment',
    'k: [1, 2]',
  ),
);

function document(lines: string[], newline: string): string {
  return ['---', ...lines, '---', 'Body text.', ''].join(newline);
}

describe('front matter fast path', () => {
  it('is taken for simple key: value front matter, and agrees with the full parser', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(simpleLine, { minLength: 1, maxLength: 8, selector: (l) => l.slice(0, l.indexOf(':')) }),
        fc.array(fc.constantFrom('# comment', ''), { maxLength: 2 }),
        eol,
        (lines, extras, nl) => {
          const r = both(document([...lines, ...extras], nl));
          assert.ok(r.accepted, 'the fast path refused simple front matter');
          assert.deepEqual(r.fast, r.slow);
        },
      ),
      { seed: 4242, numRuns: 600 },
    );
  });

  it('agrees with the full parser on tricky front matter (or leaves it to it)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(simpleLine, trickyLine), { minLength: 1, maxLength: 8 }), eol, (lines, nl) => {
        const r = both(document(lines, nl));
        if (r.accepted) accepted++;
        assert.deepEqual(r.fast, r.slow);
      }),
      { seed: 777, numRuns: 1500 },
    );
    assert.ok(
      accepted > 50,
      `only ${accepted} tricky documents took the fast path; the generator no longer exercises it`,
    );
  });

  it('agrees with the full parser on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const r = both(`---\n${s.replace(/^(---|\.\.\.)/gm, 'x')}\n---\n`);
        assert.deepEqual(r.fast, r.slow);
      }),
      { seed: 99, numRuns: 800 },
    );
  });

  it('gives exact offsets for quoted and plain values', () => {
    const doc = '---\r\nid: "new-nato"\r\ntitle:  Plain  title  \r\n---\r\n';
    const found = findFrontMatter(doc, []);
    const entries = fastFrontMatterEntries(doc, found.block!)!;
    assert.deepEqual(
      entries.map((e) => [e.key, e.value, doc.slice(e.valueStart, e.valueEnd)]),
      [
        ['id', 'new-nato', '"new-nato"'],
        ['title', 'Plain  title', 'Plain  title'],
      ],
    );
  });
});
