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
    fast: { meta: fast, problems: fastProblems },
    slow: { meta: slow, problems: slowProblems },
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

/**
 * Front matter as static-site generators write it (Hugo, Jekyll, Quarto):
 * nested block maps and lists, lists of maps, flow lists and maps, block
 * strings, numbers and booleans, comments. Generated from a seed with a small
 * PRNG (shrinking would not make these documents clearer).
 */
function siteFrontMatter(seed: number, tricky: boolean): string[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const keys = ['name', 'role', 'toc', 'src', 'alt', 'status', 'code-fold', 'series', 'weight', 'x_y', 'a.b', 'draft'];
  const scalars = [
    'plain words',
    'NATO',
    'États-Unis',
    '😀 emoji',
    '"quoted: yes"',
    "'single ''q'''",
    '12',
    '-3',
    '4.5',
    '1e3',
    '007',
    'true',
    'False',
    'null',
    '~',
    'https://example.org/a',
    '2025-06-25',
    'it’s',
  ];
  const odd = ['0x1F', '.inf', 'a #b', '"\\n"', '&a x', '*a', '!t x', 'x: y', '[a', '{a: }', 'k:', '- x', ''];
  const flowItems = ['a', 'b c', '"d, e"', '1', 'true', 'null', "'f'", 'États'];
  const inline = (): string => {
    const r = rnd();
    if (r < 0.15)
      return `[${Array.from({ length: Math.floor(rnd() * 4) }, () => pick(flowItems)).join(pick([', ', ',']))}]`;
    if (r < 0.25)
      return `{${Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => `${keys[i]}: ${pick(['x', '1', '"y z"', 'false'])}`).join(', ')}}`;
    return tricky && rnd() < 0.05 ? pick(odd) : pick(scalars);
  };
  const lines: string[] = [];
  const pad = (n: number): string => ' '.repeat(n);
  const value = (key: string, indent: number, depth: number): void => {
    const r = rnd();
    if (depth > 2 || r < 0.45) return void lines.push(`${pad(indent)}${key}: ${inline()}`);
    if (r < 0.6) {
      lines.push(`${pad(indent)}${key}: ${pick(['|', '>', '|-', '>-'])}`);
      const body = indent + pick([2, 4]);
      for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n; k++)
        lines.push(
          k > 0 && rnd() < 0.15
            ? ''
            : `${pad(body)}${pick(['line of text', 'more # words', 'ünïcode', '- not a list'])}`,
        );
      return;
    }
    lines.push(`${pad(indent)}${key}:`);
    const inner = indent + pick(tricky ? [0, 1, 2, 3, 4] : [2, 4]);
    if (r < 0.8) return mapBody(inner, depth + 1);
    const dash = rnd() < 0.3 && !tricky ? indent : inner;
    for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n; k++) {
      if (rnd() < 0.5) {
        lines.push(`${pad(dash)}- ${inline()}`);
        continue;
      }
      const firstKey = pick(keys);
      lines.push(`${pad(dash)}- ${firstKey}: ${inline()}`);
      const used = new Set<string>([firstKey]);
      for (let m = 0, c = Math.floor(rnd() * 3); m < c; m++) {
        const k2 = pick(keys.slice(6));
        if (used.has(k2) && !tricky) continue;
        used.add(k2);
        value(k2, dash + 2, depth + 2);
      }
    }
  };
  const mapBody = (indent: number, depth: number): void => {
    const used = new Set<string>();
    for (let k = 0, n = 1 + Math.floor(rnd() * 4); k < n; k++) {
      const key = pick(keys);
      if (used.has(key) && !tricky) continue;
      used.add(key);
      if (rnd() < 0.1) lines.push(`${pad(indent)}# a comment`);
      value(key, indent, depth);
    }
  };
  lines.push('id: site-article', 'title: "A title"');
  const top = [
    'authors',
    'categories',
    'review',
    'image',
    'description',
    'format',
    'params',
    'draft',
    'weight',
    'tags',
  ];
  for (const key of top) if (rnd() < 0.6) value(key, 0, 0);
  if (tricky && rnd() < 0.3) {
    const at = Math.floor(rnd() * lines.length);
    lines[at] = pick([`${lines[at]} # c`, `\t${lines[at]}`, `${lines[at]}\t`, ` ${lines[at]}`, `${lines[at]}:`]);
  }
  return lines;
}

describe('front matter fast path on static-site front matter', () => {
  it('reads nested maps, lists of maps, flow maps and block strings as the full parser does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer(), eol, (seed, nl) => {
        const r = both(document(siteFrontMatter(seed, false), nl));
        if (r.accepted) accepted++;
        assert.deepEqual(r.fast, r.slow);
      }),
      { seed: 2026, numRuns: 1500 },
    );
    // Everything this generator writes is in the fast path's subset but for a few values (an empty block string…).
    assert.ok(accepted > 1300, `the fast path took only ${accepted} of 1500 static-site documents`);
  });

  it('agrees with the full parser when such front matter is broken or unusual (or leaves it to it)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer(), eol, (seed, nl) => {
        const r = both(document(siteFrontMatter(seed, true), nl));
        if (r.accepted) accepted++;
        assert.deepEqual(r.fast, r.slow);
      }),
      { seed: 2027, numRuns: 1500 },
    );
    assert.ok(
      accepted > 100,
      `only ${accepted} unusual documents took the fast path; the generator no longer exercises it`,
    );
  });

  it('is taken for the benchmark’s realistic front matter', () => {
    const doc = [
      '---',
      'id: art-000001',
      'draft: false',
      'weight: 12',
      '# generated by the site builder',
      'authors:',
      '  - name: "Ana Ruiz"',
      '    role: correspondent',
      'review: {status: published, editor: "Tom Li"}',
      'description: >-',
      '  The summit of the',
      '  alliance.',
      'format:',
      '  html:',
      '    toc: true',
      '---',
      '',
    ].join('\n');
    const r = both(doc);
    assert.ok(r.accepted);
    assert.deepEqual(r.fast, r.slow);
  });
});
