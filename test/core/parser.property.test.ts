import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseText, stripMarkup, type ParsedText } from '../../server/src/core/syntax/parser';
import { type Problem } from '../../server/src/core/base/types';

/** Fixed seeds: a failure reproduces exactly (fast-check prints the seed and path too). */
const SEED = 20250625;
const opts = (numRuns: number, seed = SEED): fc.Parameters<unknown> => ({ seed, numRuns });

const URI = 'file:///ws/prop.seed.md';

/** Characters that make the scanner work hardest: brackets, braces, escapes, code, quotes, line breaks, surrogates. */
const nasty = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  '\\',
  '`',
  '"',
  '=',
  '.',
  '#',
  ' ',
  '\n',
  '\r',
  'a',
  '😀',
  '\uD800',
  '~',
  '-',
  'k',
  '\t',
);
const texts = {
  grapheme: fc.string({ unit: 'grapheme', maxLength: 200 }),
  binary: fc.string({ unit: 'binary', maxLength: 200 }),
  nasty: fc.string({ unit: nasty, maxLength: 300 }),
  /** Bracket-heavy text with a front matter block, which may hold anything. */
  withFrontMatter: fc
    .tuple(
      fc.boolean(),
      fc.string({ unit: nasty, maxLength: 60 }),
      fc.constantFrom('---', '...'),
      fc.string({ unit: nasty, maxLength: 200 }),
    )
    .map(([bom, yaml, close, body]) => `${bom ? '\uFEFF' : ''}---\n${yaml}\n${close}\n${body}`),
};

function assertRangesInside(what: string, items: Array<{ start: number; end: number }>, length: number): void {
  for (const r of items) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), `${what}: non-integer range ${JSON.stringify(r)}`);
    assert.ok(
      0 <= r.start && r.start <= r.end && r.end <= length,
      `${what}: range ${r.start}-${r.end} outside 0-${length}`,
    );
  }
}

function assertSorted(what: string, items: Problem[]): void {
  for (let i = 1; i < items.length; i++)
    assert.ok(items[i - 1]!.start <= items[i]!.start, `${what} not sorted by start`);
}

/** Every structural promise of a parse. */
function assertWellFormed(text: string, parsed: ParsedText): void {
  const n = text.length;
  assertRangesInside('problem', parsed.problems, n);
  assertSorted('problems', parsed.problems);
  assertRangesInside('code', parsed.code, n);
  assert.ok(parsed.bodyStart >= 0 && parsed.bodyStart <= n);
  if (parsed.frontMatter) {
    const f = parsed.frontMatter;
    assert.ok(
      f.start <= f.contentStart &&
        f.contentStart <= f.contentEnd &&
        f.contentEnd <= f.end &&
        f.end === parsed.bodyStart &&
        f.end <= n,
    );
  }
  parsed.spans.forEach((s, i) => {
    assert.ok(parsed.bodyStart <= s.start, 'span inside the front matter');
    assert.ok(
      s.start < s.contentStart &&
        s.contentStart <= s.contentEnd &&
        s.contentEnd < s.attrStart &&
        s.attrStart < s.end &&
        s.end <= n,
      `span ${i} parts out of order`,
    );
    assert.equal(text[s.start], '[');
    assert.equal(s.contentStart, s.start + 1);
    assert.equal(text[s.contentEnd], ']');
    assert.equal(s.attrStart, s.contentEnd + 1);
    assert.equal(text[s.attrStart], '{');
    assert.equal(text[s.end - 1], '}');
    for (const t of [...s.classes, ...(s.id ? [s.id] : [])]) {
      assert.ok(s.attrStart < t.start && t.start <= t.end && t.end < s.end);
      assert.equal(text.slice(t.start, t.end), t.value);
    }
    for (const a of s.attributes) {
      assert.ok(
        s.attrStart < a.keyStart &&
          a.keyStart < a.keyEnd &&
          a.keyEnd < a.valueStart &&
          a.valueStart <= a.valueEnd &&
          a.valueEnd < s.end,
      );
      assert.equal(text.slice(a.keyStart, a.keyEnd), a.key);
    }
    for (const c of parsed.code) assert.ok(!(c.start <= s.start && s.start < c.end), `span ${i} starts inside code`);
    // A span never runs over a blank line (the end of a paragraph), neither in its content nor in its attribute list.
    const inner = text
      .slice(s.start, s.end)
      .split(/\r\n|\r|\n/)
      .slice(1, -1);
    assert.ok(!inner.some((line) => /^[ \t]*$/.test(line)), `span ${i} runs over a blank line`);
    if (i > 0) assert.ok(parsed.spans[i - 1]!.start < s.start, 'spans not ordered by start');
    if (s.parent === -1) {
      assert.equal(s.depth, 0);
    } else {
      assert.ok(s.parent < i);
      const p = parsed.spans[s.parent]!;
      assert.ok(
        p.contentStart <= s.start && s.end <= p.contentEnd,
        `span ${i} is not inside the content of its parent ${s.parent}`,
      );
      assert.equal(s.depth, p.depth + 1);
    }
    // No other span overlaps this one without nesting, and the parent is the innermost container.
    for (let j = 0; j < i; j++) {
      const o = parsed.spans[j]!;
      const contains = o.contentStart <= s.start && s.end <= o.contentEnd;
      assert.ok(contains || o.end <= s.start, `spans ${j} and ${i} overlap`);
      if (contains) assert.ok(s.parent >= j, `span ${i}: parent ${s.parent} is not the innermost container ${j}`);
    }
  });
}

/** The text between `from` and `to` with the markup of the spans inside it removed. */
function stripRange(text: string, parsed: ParsedText, from: number, to: number): string {
  let out = '';
  let at = from;
  const cuts = parsed.spans
    .filter((s) => from <= s.start && s.end <= to)
    .flatMap((s): Array<[number, number]> => [
      [s.start, s.start + 1],
      [s.contentEnd, s.end],
    ]);
  cuts.sort((a, b) => a[0] - b[0]);
  for (const [a, b] of cuts) {
    out += text.slice(at, a);
    at = b;
  }
  return out + text.slice(at, to);
}

describe('parser properties', () => {
  for (const [name, arb] of Object.entries(texts)) {
    it(`parseText and buildSourceModel never throw, and every range is inside the text (${name})`, () => {
      fc.assert(
        fc.property(arb, (text) => {
          const parsed = parseText(text);
          assertWellFormed(text, parsed);
          const stripped = stripMarkup(text, parsed);
          assert.ok(stripped.length <= text.length);
          const model = buildSourceModel(URI, text);
          assertRangesInside('model problem', model.problems, text.length);
          assertSorted('model problems', model.problems);
          for (const m of [...model.mentions, ...model.claims]) assertRangesInside('mention/claim', [m], text.length);
        }),
        opts(400),
      );
    });
  }

  it('a small maxNesting and maxAttributeLength keep every promise', () => {
    fc.assert(
      fc.property(
        texts.nasty,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        (text, maxNesting, maxAttributeLength) => {
          const parsed = parseText(text, { maxNesting, maxAttributeLength });
          assertWellFormed(text, parsed);
          assert.ok(parsed.spans.every((s) => s.depth < maxNesting));
          assert.ok(parsed.problems.filter((p) => p.message.includes('nested deeper')).length <= 1);
        },
      ),
      opts(400),
    );
  });

  describe('annotated documents', () => {
    /** Prose characters: no brackets, braces, backslashes, backticks or tildes; includes non-ASCII and emoji. */
    const proseChar = fc.constantFrom(
      'a',
      'b',
      'z',
      'M',
      'R',
      '0',
      '7',
      'é',
      'ß',
      'ж',
      '中',
      'ł',
      'ğ',
      '😀',
      '👍🏽',
      '🇳🇱',
      ',',
      '.',
      '!',
      '?',
      "'",
      '"',
      '(',
      ')',
      ':',
      ';',
      '%',
      '$',
      '€',
      '&',
      '*',
      '_',
      '#',
      '=',
      '<',
      '>',
      '|',
      '/',
      '+',
      '-',
    );
    const word = fc.string({ unit: proseChar, minLength: 1, maxLength: 8 });
    const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '\r\n', ', ');
    /** Words with single line breaks (never a blank line). Starts with a letter so no line opens a fence or front matter. */
    const prose = fc.array(fc.tuple(gap, word), { maxLength: 5 }).map((ws) => ws.map(([g, w]) => g + w).join(''));

    const ident = fc.stringMatching(/^[a-z][a-z0-9._-]{0,6}$/);
    const quotedValue = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '}', ']', '[', '{', '€', '😀', '=', '#', '.'),
      maxLength: 10,
    });
    interface Attrs {
      cls: 'actor' | 'claim';
      extra: string[];
      id: string | null;
      pairs: Array<[string, string, boolean]>;
    }
    const attrs: fc.Arbitrary<Attrs> = fc.record({
      cls: fc.constantFrom('actor' as const, 'claim' as const),
      extra: fc.array(fc.constantFrom('note', 'x-y', 'é'), { maxLength: 2 }),
      id: fc.option(ident, { nil: null }),
      pairs: fc.uniqueArray(
        fc.tuple(
          fc.constantFrom('ref', 'by', 'key', 'value', 'as-of', 'supports', 'note'),
          fc.oneof(ident, quotedValue),
          fc.boolean(),
        ),
        {
          maxLength: 4,
          selector: ([k]) => k,
        },
      ),
    });
    const quote = (v: string): string => '"' + v.replace(/[\\"]/g, (c) => '\\' + c) + '"';
    const renderAttrs = (a: Attrs, sep: string): string => {
      const parts = [`.${a.cls}`, ...a.extra.map((c) => `.${c}`)];
      if (a.id !== null) parts.push(`#${a.id}`);
      for (const [k, v, q] of a.pairs) parts.push(`${k}=${q || !/^[a-z][a-z0-9._-]*$/.test(v) ? quote(v) : v}`);
      return parts.join(sep);
    };

    interface Doc {
      text: string;
      prose: string;
      spans: Array<{ attrs: Attrs; content: string }>;
    }
    const { node } = fc.letrec<{ node: Doc; span: Doc; seq: Doc }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        prose.map((p) => ({ text: p, prose: p, spans: [] })),
        tie('span'),
      ),
      seq: fc.array(tie('node'), { maxLength: 4 }).map((ds) => ({
        text: ds.map((d) => d.text).join(''),
        prose: ds.map((d) => d.prose).join(''),
        spans: ds.flatMap((d) => d.spans),
      })),
      span: fc.tuple(tie('seq'), attrs, fc.constantFrom(' ', '  ', '\n', '\t ')).map(([inner, a, sep]) => ({
        text: `[${inner.text}]{${renderAttrs(a, sep)}}`,
        prose: inner.prose,
        spans: [{ attrs: a, content: inner.prose }, ...inner.spans],
      })),
    }));
    const document = fc
      .tuple(
        fc.array(fc.tuple(word, node), { minLength: 1, maxLength: 5 }),
        fc.option(fc.tuple(fc.boolean(), ident), { nil: null }),
      )
      .map(([parts, fm]) => {
        // Every paragraph starts with a word, so no line is a fence, a front matter delimiter or blank.
        const body = parts.map(([w, d]) => ({
          text: 'W' + w + ' ' + d.text,
          prose: 'W' + w + ' ' + d.prose,
          spans: d.spans,
        }));
        const text = body.map((b) => b.text).join('\n\n');
        const prose = body.map((b) => b.prose).join('\n\n');
        const head = fm ? `${fm[0] ? '\uFEFF' : ''}---\nid: ${fm[1]}\n---\n` : '';
        return { text: head + text, prose, spans: body.flatMap((b) => b.spans) };
      });

    it('stripMarkup gives back exactly the prose, with no problems and every span and attribute found', () => {
      fc.assert(
        fc.property(document, (doc) => {
          const parsed = parseText(doc.text);
          assert.deepEqual(parsed.problems, []);
          assert.equal(stripMarkup(doc.text, parsed), doc.prose);
          assertWellFormed(doc.text, parsed);
          // Spans come outer-first, i.e. in the generator's pre-order.
          assert.equal(parsed.spans.length, doc.spans.length);
          parsed.spans.forEach((s, i) => {
            const want = doc.spans[i]!;
            assert.deepEqual(
              s.classes.map((c) => c.value),
              [want.attrs.cls, ...want.attrs.extra],
            );
            assert.equal(s.id?.value ?? null, want.attrs.id);
            assert.deepEqual(
              s.attributes.map((a) => [a.key, a.value]),
              want.attrs.pairs.map(([k, v]) => [k, v]),
            );
            assert.equal(stripRange(doc.text, parsed, s.contentStart, s.contentEnd), want.content);
          });
          // No syntax problems reach the model either (only attribute semantics may be reported).
          const model = buildSourceModel(URI, doc.text);
          assert.deepEqual(
            model.problems.filter((p) => p.code === 'malformed-span' || p.code === 'front-matter'),
            [],
          );
        }),
        opts(500),
      );
    });
  });

  describe('linear time', () => {
    // 100k rather than 20k: a quadratic scan found here took under 0.5 s at 20k, too little to fail a generous bound.
    const N = 100_000;
    /** Backtick runs of every length 1, 2, 3…, each unmatched. */
    const distinctRuns = (): string => {
      let s = '';
      for (let k = 1; s.length < N; k++) s += '`'.repeat(k) + ' ';
      return s;
    };
    const inputs: Record<string, string> = {
      "'['": '['.repeat(N),
      "']{'": ']{'.repeat(N / 2),
      "'[]{'": '[]{'.repeat(N / 3),
      "'[a]{' then '}'": '[a]{'.repeat(N / 4) + '}',
      "'[a]{.x' then '}' after a blank line": '[a]{.x '.repeat(N / 7) + '\n\n}',
      "'x]{k=\"' then '}'": 'x]{k="'.repeat(N / 6) + '}',
      'unclosed quoted values': '[a]{k="'.repeat(N / 7),
      "'[' and '{' on one line": '[{'.repeat(N / 2),
      'nested brackets closed': '['.repeat(N / 2) + ']{.x}'.repeat(N / 10),
      backslashes: '\\'.repeat(N),
      'backtick runs of distinct lengths': distinctRuns(),
      'backtick runs with a closing run each': '`a'.repeat(N / 2),
      'alternating runs across lines': '``\n`\n'.repeat(N / 5),
      'fence openers': '```\n'.repeat(N / 4),
      'front matter never closed': '---\n' + 'a: [\n'.repeat(N / 5),
      'brackets on many lines': '[\n'.repeat(N / 2),
    };
    for (const [name, text] of Object.entries(inputs)) {
      it(`parses ${name} (${text.length} code units) quickly`, () => {
        const t0 = performance.now();
        const parsed = parseText(text);
        stripMarkup(text, parsed);
        const ms = performance.now() - t0;
        assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
        assertRangesInside('problem', parsed.problems, text.length);
      });
    }
  });
});
