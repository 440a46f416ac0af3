import * as assert from 'node:assert/strict';
import { expect } from '../helpers/expect';
import { offsetOf, only } from '../helpers/fixture';
import { renderSpans } from '../helpers/render';
import { decodeText, LineIndex } from '../../server/src/core/base/text';
import { parseText, stripMarkup, type ParsedText, type Span } from '../../server/src/core/syntax/parser';
import { type Problem } from '../../server/src/core/base/types';

/** Problems as compact tuples: [code, start, end]. */
function ranges(parsed: ParsedText | Problem[]): Array<[string, number, number]> {
  const ps = Array.isArray(parsed) ? parsed : parsed.problems;
  return ps.map((p) => [p.code, p.start, p.end]);
}

/** The single problem of a text, checked for code, exact range and a message part. */
function theProblem(text: string, code: string, start: number, end: number, message: string): Problem {
  const p = only(parseText(text).problems);
  assert.deepEqual([p.code, p.start, p.end], [code, start, end], p.message);
  assert.ok(p.message.includes(message), `message "${p.message}" should include "${message}"`);
  return p;
}

/** The parse of `text` as a text dump (see `renderSpans`). */
const spans = (text: string): string => renderSpans(text, parseText(text));

function contentOf(text: string, span: Span): string {
  return text.slice(span.contentStart, span.contentEnd);
}

describe('parser', () => {
  describe('spans', () => {
    it('finds a simple span with exact offsets for every part', () => {
      expect`
        span 6..36 "Mark Rutte" 7..17 {18
          .actor 20..25
          ref="rutte" 26..29=30..35
      `.assertEq(spans('Hello [Mark Rutte]{.actor ref=rutte} said.'));
    });

    it('nests three deep, ordered outer first, with parent and depth links', () => {
      const text = 'x [a [b [c]{.c} b]{.b} a]{.a} y';
      assert.deepEqual(
        parseText(text).spans.map((s) => s.classes[0]!.value),
        ['a', 'b', 'c'],
      );
      expect`
        span 2..29 "a [b [c]{.c} b]{.b} a" 3..24 {25
          .a 27..28
          span 5..22 "b [c]{.c} b" 6..17 {18
            .b 20..21
            span 8..15 "c" 9..10 {11
              .c 13..14
      `.assertEq(spans(text));
    });

    it('links siblings to the same parent and unrelated spans to none', () => {
      const text = '[[x]{.a} and [y]{.b}]{.c} then [z]{.d}';
      assert.deepEqual(
        parseText(text).spans.map((s) => s.classes[0]!.value),
        ['c', 'a', 'b', 'd'],
      );
      expect`
        span 0..25 "[x]{.a} and [y]{.b}" 1..20 {21
          .c 23..24
          span 1..8 "x" 2..3 {4
            .a 6..7
          span 13..20 "y" 14..15 {16
            .b 18..19
        span 31..38 "z" 32..33 {34
          .d 36..37
      `.assertEq(spans(text));
    });

    it('reads front matter, quoted and escaped values, ids and several classes', () => {
      expect`
        front matter 0..14 yaml 4..10
        body from 14
        span 14..78 "The *claim* \`x\`" 15..30 {31
          .claim 33..38
          .extra 40..45
          #c1 47..49
          by="a b" 50..52=53..58 quoted
          value="say \"hi\"" 59..64=65..77 quoted
        code 27..30 "\`x\`"
        code 83..99 "\`[code]{.actor}\`"
      `.assertEq(
        spans(
          '---\nid: a\n---\n[The *claim* `x`]{.claim .extra #c1 by="a b" value="say \\"hi\\""} and `[code]{.actor}`',
        ),
      );
    });

    it('lets a span run over a single line break but not over a blank line', () => {
      const text = '[Mark\nRutte]{.actor}';
      assert.equal(contentOf(text, only(parseText(text).spans)), 'Mark\nRutte');
      const crlf = '[Mark\r\nRutte]{.actor}';
      assert.equal(contentOf(crlf, only(parseText(crlf).spans)), 'Mark\r\nRutte');
      const split = '[Mark\n\nRutte]{.actor}';
      const parsed = parseText(split);
      assert.deepEqual(parsed.spans, []);
      assert.deepEqual(ranges(parsed), [
        ['malformed-span', 0, 1],
        ['malformed-span', 12, 13],
      ]);
    });

    it('accepts an empty span with only an id', () => {
      const parsed = parseText('See []{#a}.');
      assert.deepEqual(parsed.problems, []);
      const span = only(parsed.spans);
      assert.equal(span.contentStart, span.contentEnd);
      assert.deepEqual(span.id, { value: 'a', start: 8, end: 9 });
      assert.deepEqual(span.classes, []);
    });

    it('treats \\[ and \\] as literal brackets', () => {
      assert.deepEqual(parseText('\\[a\\] and \\[b\\]').spans, []);
      assert.deepEqual(parseText('\\[a\\] and \\[b\\]').problems, []);
      // An escaped ']' inside a span is content.
      const text = '[a\\]b]{.x}';
      assert.equal(contentOf(text, only(parseText(text).spans)), 'a\\]b');
      // An escaped backslash does not escape the bracket after it.
      const text2 = '\\\\[b]{.y}';
      const span = only(parseText(text2).spans);
      assert.equal(span.start, 2);
      // An escaped '[' leaves its ']{' without an opening bracket.
      theProblem('\\[not]{.x}', 'malformed-span', 5, 6, "']' has no matching '['");
    });

    it('does not take links, images, reference links or plain brackets for spans', () => {
      for (const text of [
        '[link](https://example.org)',
        '![image](a.png)',
        '[text][ref]',
        'a [plain] word',
        '[x] [y] [z]',
        '[a [b] c]',
      ]) {
        const parsed = parseText(text);
        assert.deepEqual(parsed.spans, [], text);
        assert.deepEqual(parsed.problems, [], text);
      }
      // …but a link inside a span is content.
      const text = '[see [this](u) now]{.claim}';
      assert.equal(contentOf(text, only(parseText(text).spans)), 'see [this](u) now');
    });
  });

  describe('code', () => {
    it('does not scan inline code (single backticks)', () => {
      const text = 'a `[x]{.actor}` b';
      const parsed = parseText(text);
      assert.deepEqual(parsed.spans, []);
      assert.deepEqual(parsed.code, [{ start: 2, end: 15 }]);
    });

    it('matches backtick runs by length (double backticks hold a single one)', () => {
      const text = '``[b]{.y} ` `` and [c]{.z}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, [{ start: 0, end: 14 }]);
      assert.deepEqual(
        parsed.spans.map((s) => s.start),
        [offsetOf(text, '[c]')],
      );
    });

    it('reads an unmatched backtick run as literal text', () => {
      const text = 'a ` [c]{.z} and `` too';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, []);
      assert.equal(only(parsed.spans).start, offsetOf(text, '[c]'));
      assert.deepEqual(parsed.problems, []);
    });

    it('does not let inline code run over a blank line', () => {
      const text = '`a\n\n[b]{.c} `';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, []);
      assert.equal(parsed.spans.length, 1);
    });

    it('does not scan fenced code blocks (``` and ~~~)', () => {
      const text = '```js\n[a]{.x}\n```\n[b]{.y}\n~~~\n[c]{.z}\n~~~\n';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, [
        { start: 0, end: 18 },
        { start: 26, end: 42 },
      ]);
      assert.deepEqual(
        parsed.spans.map((s) => s.start),
        [offsetOf(text, '[b]')],
      );
    });

    it('closes a fence only with a run at least as long, of the same character', () => {
      const text = '~~~~\n[a]{.x}\n~~~\n```\n~~~~\n[b]{.y}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, [{ start: 0, end: 26 }]);
      assert.deepEqual(
        parsed.spans.map((s) => s.start),
        [offsetOf(text, '[b]')],
      );
    });

    it('runs an unclosed fence to the end of the file', () => {
      const text = 'a\n   ```\n[a]{.x}\n';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, [{ start: 2, end: text.length }]);
      assert.deepEqual(parsed.spans, []);
    });

    it('does not take ``` with a backtick in its info string, or four spaces, for a fence', () => {
      const text = '```a`\n[a]{.x}\n\n    ```\n[b]{.y}';
      const parsed = parseText(text);
      assert.equal(parsed.spans.length, 2);
    });

    it('ends a paragraph at a fence: inline code cannot reach into a fenced block', () => {
      const text = 'a `b\n~~~\n`\n~~~\n[x]{.actor}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.code, [{ start: 5, end: 15 }]);
      assert.equal(only(parsed.spans).start, offsetOf(text, '[x]'));
      const text2 = 'a ```\n```\n[x]{.y}\n```\n[z]{.w}';
      const parsed2 = parseText(text2);
      assert.deepEqual(parsed2.code, [{ start: 6, end: 22 }]);
      assert.equal(only(parsed2.spans).start, offsetOf(text2, '[z]'));
    });

    it('reports an open bracket when a fence interrupts its paragraph', () => {
      theProblem('[a\n```\n]{.x}\n```\n', 'malformed-span', 0, 1, "'[' is never closed");
    });
  });

  describe('attributes', () => {
    it('reads classes, an id, plain and quoted values (with escapes, spaces and braces)', () => {
      const text = '[a]{.x .y #i k=v q="a \\" b" r="} x"}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.problems, []);
      const span = only(parsed.spans);
      assert.equal(span.end, text.length);
      assert.deepEqual(
        span.classes.map((c) => [c.value, text.slice(c.start, c.end)]),
        [
          ['x', 'x'],
          ['y', 'y'],
        ],
      );
      assert.deepEqual(span.id, { value: 'i', start: 11, end: 12 });
      assert.deepEqual(
        span.attributes.map((a) => [
          a.key,
          a.value,
          a.quoted,
          text.slice(a.keyStart, a.keyEnd),
          text.slice(a.valueStart, a.valueEnd),
        ]),
        [
          ['k', 'v', false, 'k', 'v'],
          ['q', 'a " b', true, 'q', '"a \\" b"'],
          ['r', '} x', true, 'r', '"} x"'],
        ],
      );
    });

    it('allows line breaks and tabs between attributes', () => {
      const text = '[Mark Rutte]{.actor\n  ref=rutte\t#m}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.problems, []);
      const span = only(parsed.spans);
      assert.equal(span.end, text.length);
      assert.equal(span.attributes[0]!.value, 'rutte');
      assert.equal(span.id!.value, 'm');
      const crlf = '[a]{.actor\r\nref=x}';
      assert.equal(only(parseText(crlf).spans).attributes[0]!.value, 'x');
    });

    it('accepts non-ASCII letters in names and values', () => {
      const text = '[Łódź]{.actor ref=łódź #ид}';
      const span = only(parseText(text).spans);
      assert.equal(span.attributes[0]!.value, 'łódź');
      assert.equal(span.id!.value, 'ид');
    });
  });

  describe('errors', () => {
    it("reports an unclosed '[' at the end of its paragraph", () => {
      const text = 'Text [Mark Rutte said.\n\nNext [b]{.x}';
      const p = theProblem(text, 'malformed-span', 5, 6, "'[' is never closed: close the span with ']{…}'");
      assert.ok(p.message.includes("write '\\['"));
      // The next paragraph is unaffected.
      assert.equal(only(parseText(text).spans).start, offsetOf(text, '[b]'));
    });

    it("suggests a forgotten ']' when '{' follows on the same line", () => {
      theProblem('A [Mark Rutte{.actor} spoke', 'malformed-span', 2, 3, "did you forget ']' before '{'?");
      // Not when the '{' is on another line.
      const p = theProblem('A [Mark Rutte\n{.actor} spoke', 'malformed-span', 2, 3, "'[' is never closed");
      assert.ok(!p.message.includes('forget'));
    });

    it('reports every unclosed bracket of a paragraph', () => {
      assert.deepEqual(ranges(parseText('[a [b [c]{.x}')), [
        ['malformed-span', 0, 1],
        ['malformed-span', 3, 4],
      ]);
    });

    it("reports ']{' without '[' and skips its attribute list", () => {
      theProblem(
        'Mark Rutte]{.actor ref=rutte}',
        'malformed-span',
        10,
        11,
        "']' has no matching '[': open the span with '['",
      );
      // Problems inside the skipped list are not reported on top.
      theProblem('x]{junk "}', 'malformed-span', 1, 2, "']' has no matching '['");
      // A plain ']' is just text.
      assert.deepEqual(parseText('a ] b').problems, []);
    });

    it('reports an attribute list that is never closed, up to the end of its line', () => {
      const text = '[a]{.actor ref=x';
      theProblem(text, 'malformed-span', 3, text.length, "the attribute list '{' is never closed: add '}'");
      const multi = '[a]{.actor\nref=x\n\nmore}';
      theProblem(multi, 'malformed-span', 3, 10, 'never closed');
      // Problems inside a list that never closes are dropped in favour of that one.
      theProblem('[a]{#a #b', 'malformed-span', 3, 9, 'never closed');
      // '{' at the very end.
      theProblem('[a]{', 'malformed-span', 3, 4, 'never closed');
    });

    it('gives up on an attribute list longer than maxAttributeLength', () => {
      const text = '[a]{.actor ref=abcdef}';
      const parsed = parseText(text, { maxAttributeLength: 10 });
      assert.deepEqual(parsed.spans, []);
      assert.deepEqual(ranges(parsed), [['malformed-span', 3, 13]]);
      // A '}' far beyond the default limit is not searched for.
      const far = '[a]{.actor ' + 'x '.repeat(3000) + '}';
      const p = only(parseText(far).problems);
      assert.deepEqual([p.code, p.start], ['malformed-span', 3]);
      assert.ok(p.message.includes('never closed'));
    });

    it('recovers from an unterminated quote at the next }', () => {
      const text = '[5%]{.claim value="5%} of GDP';
      const parsed = parseText(text);
      const p = only(parsed.problems);
      assert.deepEqual([p.code, p.start, p.end], ['malformed-attribute', offsetOf(text, '"'), offsetOf(text, '}')]);
      assert.ok(p.message.includes("the quoted value of 'value' is never closed: add '\"' before '}'"));
      const span = only(parsed.spans);
      assert.equal(span.end, offsetOf(text, '}') + 1);
      assert.deepEqual(
        span.classes.map((c) => c.value),
        ['claim'],
      );
      assert.deepEqual(span.attributes, []);
      // Without any '}', the list itself is never closed.
      theProblem('[a]{k="abc', 'malformed-span', 3, 10, 'never closed');
    });

    it("reports 'key=' with no value", () => {
      const text = '[a]{.claim key= #x}';
      theProblem(text, 'malformed-attribute', offsetOf(text, 'key'), offsetOf(text, '=') + 1, "'key=' has no value");
      theProblem('[a]{k=}', 'malformed-attribute', 4, 6, "'k=' has no value");
    });

    it('reports a junk token with a did-you-mean', () => {
      const text = '[Mark Rutte]{actor}';
      const p = theProblem(
        text,
        'malformed-attribute',
        13,
        18,
        "expected '.class', '#id' or 'key=value' but found 'actor'",
      );
      assert.ok(p.message.includes("did you mean '.actor'"));
      // No suggestion when the token is not a bare name.
      const q = theProblem('[a]{@x}', 'malformed-attribute', 4, 6, "but found '@x'");
      assert.ok(!q.message.includes('did you mean'));
      theProblem('[a]{.actor"x}', 'malformed-attribute', 4, 12, "unexpected character '\"' in class '.actor\"x'");
      theProblem('[a]{#i!}', 'malformed-attribute', 4, 7, "unexpected character '!' in id '#i!'");
    });

    it('reports an empty class or id', () => {
      theProblem('[a]{. x=1}', 'malformed-attribute', 4, 5, "empty class name after '.'");
      theProblem('[a]{#}', 'malformed-attribute', 4, 5, "empty id after '#'");
    });

    it('reports text glued to a quoted value', () => {
      const text = '[a]{k="v"x .y}';
      const parsed = parseText(text);
      assert.deepEqual(ranges(parsed), [['malformed-attribute', 9, 10]]);
      assert.ok(parsed.problems[0]!.message.includes("unexpected text after the quoted value of 'k'"));
      assert.deepEqual(
        only(parsed.spans).classes.map((c) => c.value),
        ['y'],
      );
    });

    it('does not let text glued to a quoted value carry the list over a blank line', () => {
      const text = '[x]{k="a"b\n\nmore text}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.spans, []);
      assert.deepEqual(ranges(parsed), [['malformed-span', 3, 10]]);
    });

    it('reports a duplicate key at the second key, keeping the first value', () => {
      const text = '[a]{k=1 k=2}';
      const parsed = parseText(text);
      assert.deepEqual(ranges(parsed), [['malformed-attribute', 8, 9]]);
      assert.ok(parsed.problems[0]!.message.includes("'k' is given twice"));
      assert.deepEqual(
        only(parsed.spans).attributes.map((a) => a.value),
        ['1'],
      );
    });

    it('reports a second id, keeping the first', () => {
      const text = '[a]{#a .x #b}';
      const parsed = parseText(text);
      assert.deepEqual(ranges(parsed), [['malformed-attribute', 10, 12]]);
      assert.ok(parsed.problems[0]!.message.includes("a span has one id; '#b' repeats '#a'"));
      assert.equal(only(parsed.spans).id!.value, 'a');
    });

    it('reports nesting deeper than maxNesting once, and still closes the analysed spans', () => {
      const text = '['.repeat(5) + 'a' + ']{.x}'.repeat(5);
      const parsed = parseText(text, { maxNesting: 3 });
      assert.deepEqual(ranges(parsed), [['malformed-span', 3, 4]]);
      assert.ok(parsed.problems[0]!.message.includes('nested deeper than 3 levels'));
      // The three outer brackets are the analysed spans; the two inner ones are text.
      assert.deepEqual(
        parsed.spans.map((s) => [s.start, s.end, s.parent, s.depth]),
        [
          [0, 31, -1, 0],
          [1, 26, 0, 1],
          [2, 21, 1, 2],
        ],
      );
      assert.equal(stripMarkup(text, parsed), '[[a]{.x}]{.x}');
    });

    it('reports excess depth once per document with the default limit', () => {
      const deep = '['.repeat(70) + 'a' + ']{.x}'.repeat(70) + '\n\n' + '['.repeat(70) + 'b' + ']{.x}'.repeat(70);
      const parsed = parseText(deep);
      assert.deepEqual(ranges(parsed), [['malformed-span', 64, 65]]);
      assert.equal(parsed.spans.length, 128);
      assert.equal(Math.max(...parsed.spans.map((s) => s.depth)), 63);
    });

    it('orders problems by position', () => {
      const parsed = parseText('[a]{k=} x]{.y} [b{.z}');
      const starts = parsed.problems.map((p) => p.start);
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
      );
      assert.equal(parsed.problems.length, 3);
    });
  });

  describe('front matter', () => {
    it('is closed by ---', () => {
      const text = '---\nid: a\n---\n[x]{.y}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.frontMatter, { start: 0, end: 14, contentStart: 4, contentEnd: 10 });
      assert.equal(parsed.bodyStart, 14);
      assert.equal(only(parsed.spans).start, 14);
      assert.deepEqual(parsed.problems, []);
    });

    it('is closed by ... (with trailing blanks on the delimiter lines)', () => {
      const text = '--- \nid: a\n...\t\nbody';
      const parsed = parseText(text);
      assert.deepEqual(parsed.frontMatter, { start: 0, end: 16, contentStart: 5, contentEnd: 11 });
      assert.equal(parsed.bodyStart, 16);
    });

    it('may end at the end of the file, and may be empty', () => {
      assert.deepEqual(parseText('---\nid: a\n---').frontMatter, {
        start: 0,
        end: 13,
        contentStart: 4,
        contentEnd: 10,
      });
      assert.deepEqual(parseText('---\n---\nx').frontMatter, { start: 0, end: 8, contentStart: 4, contentEnd: 4 });
    });

    it('must open with --- on the very first line', () => {
      assert.equal(parseText('\n---\nid: a\n---\n').frontMatter, undefined);
      assert.equal(parseText('...\nid: a\n...\n').frontMatter, undefined);
      assert.equal(parseText('----\nid: a\n---\n').frontMatter, undefined);
    });

    it('never closed: an error on line 0 and the whole file read as Markdown', () => {
      const text = '---\nid: a\n[x]{.y}';
      const parsed = parseText(text);
      assert.equal(parsed.frontMatter, undefined);
      assert.equal(parsed.bodyStart, 0);
      const p = only(parsed.problems);
      assert.deepEqual([p.code, p.start, p.end], ['front-matter', 0, 3]);
      assert.ok(p.message.includes('front matter is never closed'));
      assert.equal(new LineIndex(text).positionAt(p.start).line, 0);
      assert.equal(parsed.spans.length, 1);
    });

    it('follows a BOM', () => {
      const text = '\uFEFF---\nid: a\n---\n[b]{.y}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.frontMatter, { start: 1, end: 15, contentStart: 5, contentEnd: 11 });
      assert.equal(only(parsed.spans).start, 15);
      // Unclosed after a BOM: the error is on the '---', still line 0.
      const p = only(parseText('\uFEFF---\nid: a\n').problems);
      assert.deepEqual([p.start, p.end], [1, 4]);
      // A BOM without front matter: the body starts after it.
      assert.equal(parseText('\uFEFF[a]{.x}').bodyStart, 1);
    });

    it('works with CRLF and lone CR line endings', () => {
      const text = '---\r\nid: a\r\n---\r\n[b]{.y}';
      const parsed = parseText(text);
      assert.deepEqual(parsed.frontMatter, { start: 0, end: 17, contentStart: 5, contentEnd: 12 });
      assert.equal(only(parsed.spans).start, 17);
      const cr = '---\rid: a\r---\r[b]{.y}';
      assert.deepEqual(parseText(cr).frontMatter, { start: 0, end: 14, contentStart: 4, contentEnd: 10 });
    });

    it('is not scanned for spans', () => {
      const parsed = parseText('---\ntitle: "[a]{.x} [b"\n---\n');
      assert.deepEqual(parsed.spans, []);
      assert.deepEqual(parsed.problems, []);
    });
  });

  describe('stripMarkup', () => {
    it('removes span markup, keeping content, escapes, links, code and unclosed brackets', () => {
      const text = 'Hello [Mark [Rutte]{.x}]{.actor ref=rutte}! \\[not\\] [link](u) `[c]{.d}` [open';
      assert.equal(stripMarkup(text), 'Hello Mark Rutte! \\[not\\] [link](u) `[c]{.d}` [open');
    });

    it('drops the front matter and a BOM', () => {
      assert.equal(stripMarkup('\uFEFF---\nid: a\n---\nSay [it]{.claim key=k value=1}.\n'), 'Say it.\n');
    });

    it('keeps text around an empty span and spans with awkward attribute lists', () => {
      assert.equal(stripMarkup('a[]{#x}b [c]{q="} ]" .y}d'), 'ab cd');
    });

    it('accepts a precomputed parse', () => {
      const text = '[a]{.x} [b]{.y}';
      assert.equal(stripMarkup(text, parseText(text)), 'a b');
    });
  });
});

describe('LineIndex', () => {
  it('maps offsets to positions and back with LF', () => {
    const text = 'ab\ncd\n';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6].map((o) => lines.positionAt(o)),
      [
        { line: 0, character: 0 },
        { line: 0, character: 1 },
        { line: 0, character: 2 },
        { line: 1, character: 0 },
        { line: 1, character: 1 },
        { line: 1, character: 2 },
        { line: 2, character: 0 },
      ],
    );
    for (let o = 0; o <= text.length; o++) assert.equal(lines.offsetAt(lines.positionAt(o)), o);
  });

  it('treats CRLF as one line break and a lone CR as one too', () => {
    const text = 'ab\r\ncd\ref\n\rg';
    const lines = new LineIndex(text);
    assert.deepEqual([...lines.lineStarts], [0, 4, 7, 10, 11]);
    assert.equal(lines.lineCount, 5);
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
    assert.deepEqual(lines.positionAt(11), { line: 4, character: 0 });
    assert.equal(lines.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(lines.offsetAt({ line: 4, character: 1 }), 12);
    for (const o of [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12])
      assert.equal(lines.offsetAt(lines.positionAt(o)), o, `offset ${o}`);
  });

  it('never puts a position between CR and LF', () => {
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
  });

  it('clamps characters past the end of a line to the end of that line, before its line break', () => {
    const lf = new LineIndex('ab\ncd');
    assert.equal(lf.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lf.offsetAt({ line: 1, character: 99 }), 5);
    const crlf = new LineIndex('ab\r\ncd');
    assert.equal(crlf.offsetAt({ line: 0, character: 3 }), 2);
    assert.equal(crlf.offsetAt({ line: 0, character: 2 }), 2);
    const cr = new LineIndex('ab\rcd');
    assert.equal(cr.offsetAt({ line: 0, character: 5 }), 2);
  });

  it('clamps out-of-range lines and offsets', () => {
    const text = 'ab\ncd';
    const lines = new LineIndex(text);
    assert.equal(lines.offsetAt({ line: -1, character: 5 }), 0);
    assert.equal(lines.offsetAt({ line: 7, character: 0 }), text.length);
    assert.equal(lines.offsetAt({ line: 1, character: -3 }), 3);
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, character: 2 });
  });

  it('counts UTF-16 code units: an emoji is two characters', () => {
    const text = 'a😀b\n😀';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(text.indexOf('b')), { line: 0, character: 3 });
    assert.deepEqual(lines.positionAt(text.length), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 0, character: 3 }), 3);
    assert.deepEqual(lines.rangeAt(1, 3), { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
  });

  it('counts a BOM as one code unit of line 0', () => {
    const lines = new LineIndex('\uFEFFab\nc');
    assert.deepEqual(lines.positionAt(1), { line: 0, character: 1 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
  });

  it('handles the empty text', () => {
    const lines = new LineIndex('');
    assert.equal(lines.lineCount, 1);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.equal(lines.offsetAt({ line: 0, character: 4 }), 0);
  });
});

describe('decodeText', () => {
  const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('decodes UTF-8 and strips its BOM', () => {
    assert.deepEqual(decodeText(utf8('héllo 😀')), { text: 'héllo 😀' });
    assert.deepEqual(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61, 0x0a)), { text: 'a\n' });
    assert.deepEqual(decodeText(bytes()), { text: '' });
  });

  it('strips only the first BOM (a second one is text)', () => {
    assert.deepEqual(decodeText(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61)), { text: '\uFEFFa' });
  });

  it('decodes UTF-16LE and UTF-16BE when a BOM says so', () => {
    // "a😀" = U+0061, U+D83D U+DE00
    assert.deepEqual(decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde)), { text: 'a😀' });
    assert.deepEqual(decodeText(bytes(0xfe, 0xff, 0x00, 0x61, 0xd8, 0x3d, 0xde, 0x00)), { text: 'a😀' });
  });

  it('reports invalid UTF-8 at the offset of the first undecodable sequence', () => {
    const d = decodeText(bytes(0x61, 0x62, 0xc3, 0x28));
    assert.equal(d.text, 'ab\uFFFD(');
    assert.equal(d.problem?.kind, 'invalid-utf8');
    assert.equal(d.problem?.offset, 2);
    assert.ok(d.problem?.message.includes('invalid UTF-8'));
    // Offsets are in the decoded text (UTF-16), after any earlier multi-byte characters.
    const e = decodeText(Uint8Array.from([...utf8('é😀'), 0xff, 0x78]));
    assert.equal(e.text, 'é😀\uFFFDx');
    assert.equal(e.problem?.offset, 3);
    // A truncated sequence at the end of the file.
    assert.equal(decodeText(bytes(0x61, 0xe2, 0x82)).problem?.offset, 1);
  });

  it('is not fooled by a genuine U+FFFD before the invalid bytes', () => {
    const d = decodeText(Uint8Array.from([...utf8('\uFFFDab'), 0xff]));
    assert.equal(d.text, '\uFFFDab\uFFFD');
    assert.equal(d.problem?.offset, 3);
    // …and a valid U+FFFD alone is not a problem.
    assert.deepEqual(decodeText(utf8('x\uFFFDy')), { text: 'x\uFFFDy' });
  });

  it('reports a NUL byte in the first 8 KiB as binary', () => {
    const d = decodeText(bytes(0x61, 0x00, 0x62));
    assert.equal(d.text, '');
    assert.equal(d.problem?.kind, 'binary');
    assert.ok(d.problem?.message.includes('NUL byte at byte 1'));
    // Only the first 8 KiB are probed.
    const late = new Uint8Array(9000).fill(0x61);
    late[8999] = 0;
    const l = decodeText(late);
    assert.equal(l.problem, undefined);
    assert.equal(l.text.length, 9000);
  });
});
