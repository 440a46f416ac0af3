import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { DEFAULT_LIMITS, WorkspaceIndex, type Diagnostic } from '../../server/src/core';
import { annotate, codeActions } from '../../server/src/core/features/codeActions';
import { buildSourceModel } from '../../server/src/core/model/source';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { hover } from '../../server/src/core/features/hover';
import { LineIndex } from '../../server/src/core/base/text';
import { parseRegistry } from '../../server/src/core/model/registry';
import { references } from '../../server/src/core/features/navigation';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import { check, offsetOf, only, ROOT } from '../helpers/fixture';

/**
 * Adversarial inputs (issue 6): each gives a clear, precisely placed
 * diagnostic or a documented skip, never throws, and finishes in bounded
 * time. docs/reliability.md lists them with what happens.
 */

const A = `${ROOT}/a.seed.md`;
const REG = `${ROOT}/entities.yaml`;

/** Runs `f` and fails if it takes longer than `ms` (generous: a 2-core machine shared with others). */
function within<T>(ms: number, what: string, f: () => T): T {
  const t0 = performance.now();
  const result = f();
  const took = performance.now() - t0;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  return result;
}

function workspace(
  files: Record<string, string | Uint8Array>,
  options: ConstructorParameters<typeof WorkspaceIndex>[0] = {},
): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [ROOT], ...options });
  for (const [path, content] of Object.entries(files)) {
    if (!path.endsWith('entities.yaml')) continue;
    if (typeof content === 'string') index.setRegistry(ROOT + path, content);
    else index.setRegistryBytes(ROOT + path, content);
  }
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('entities.yaml')) continue;
    if (typeof content === 'string') index.setSource(ROOT + path, content);
    else index.setSourceBytes(ROOT + path, content);
  }
  return index;
}

/** [code, start line, start char, end line, end char] of each diagnostic. */
function placed(ds: Diagnostic[]): Array<[string, number, number, number, number]> {
  return ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}

function messageOf(ds: Diagnostic[], code: string): string {
  return only(ds.filter((d) => d.code === code)).message;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('adversarial inputs', () => {
  describe('brackets', () => {
    it('unclosed and mismatched brackets are reported where they open', () => {
      check(`
//- /a.seed.md
Hello [Mark Rutte{.actor ref=rutte} said.
      ^ malformed-span: did you forget ']' before '{'

A [b [c] d
  ^ malformed-span: '[' is never closed: close the span with ']{…}'

Stray ]{.claim by=outlet} here, and a ] alone.
      ^ malformed-span: ']' has no matching '['
`);
    });

    it('an attribute list that never ends is reported from its { to the end of the line', () => {
      check(`
//- /a.seed.md
A [b]{.actor ref=x and so it goes on
     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-span: the attribute list '{' is never closed

Next [c]{.actor ref="unterminated and on
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-span: never closed
`);
    });

    it('an attribute list longer than the limit says which limit it hit, and the limit is a setting', () => {
      // Distinct words, so that the raised limit shows no repeated passage either.
      const text = `[b]{.actor ${Array.from({ length: 1000 }, (_, i) => `n${i}=${i}`).join(' ')}}`;
      const brace = text.indexOf('{');
      const ds = computeDiagnostics(workspace({ '/a.seed.md': text }), A);
      assert.deepEqual(placed(ds), [['malformed-span', 0, brace, 0, brace + DEFAULT_LIMITS.maxAttributeLength]]);
      assert.match(ds[0]!.message, /longer than 4096 characters.*corroborate\.limits\.maxAttributeLength/);
      // Raised, the same list is read (and its tokens are reported one by one instead).
      const raised = computeDiagnostics(
        workspace({ '/a.seed.md': text }, { limits: { maxAttributeLength: 10_000 } }),
        A,
      );
      assert.deepEqual(
        placed(raised),
        [['unknown-actor', 0, 0, 0, text.length]],
        'read as a span: an actor with no ref= whose text is no name',
      );
    });

    it('no annotation is offered inside markup that belongs to no span, where a new span would not be read (found by the fuzz tests)', () => {
      // The attribute list after a ']' with no '[', and brackets past the nesting limit, are skipped by the parser:
      // "US" there is not a mention to annotate (the quick fix would insert markup that stays text).
      const fixture = `
//- /entities.yaml
actors: {us: {name: United States, aliases: [US]}}
//- /a.seed.md
war]{.claim value="burden sharing; US commitments"} and US troops.
   ^ malformed-span: ']' has no matching '['
                                                        ^^ unannotated-mention
`;
      check(fixture);
      const text = '[[[US]{.actor ref=us}]{.claim by=outlet}]{.claim by=outlet} and US.\n';
      const index = workspace(
        { '/entities.yaml': 'actors: {us: {name: United States, aliases: [US]}}\n', '/a.seed.md': text },
        { limits: { maxNesting: 2 } },
      );
      const hints = computeDiagnostics(index, A).filter((d) => d.code === 'unannotated-mention');
      assert.deepEqual(placed(hints), [
        ['unannotated-mention', 0, text.lastIndexOf('US'), 0, text.lastIndexOf('US') + 2],
      ]);
    });

    it('no annotation is offered after an attribute list left open in the same paragraph: its } would close the list (found by the fuzz tests)', () => {
      check(`
//- /entities.yaml
actors: {trump: {name: Donald Trump, aliases: [Trump]}}
//- /a.seed.md
[Europe]{'s defense challenges, as ever.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ malformed-span: never closed
However, Trump's skepticism grew.

Trump spoke.
^^^^^ unannotated-mention
`);
    });

    it('no selection is annotated inside broken markup, where the new span would close an open attribute list (found by the fuzz tests)', () => {
      const text = '[Turkey]{ summit plans and more\n\nNext paragraph text.\n';
      const index = workspace({ '/a.seed.md': text });
      const lines = new LineIndex(text);
      const titles = (word: string): string[] => {
        const at = text.indexOf(word);
        return codeActions(index, A, lines.rangeAt(at, at + word.length))
          .map((x) => x.title)
          .filter((t) => t.startsWith('Annotate selection'));
      };
      assert.deepEqual(titles('plans'), []);
      assert.ok(
        titles('paragraph').includes('Annotate selection as claim'),
        'the control: a selection in sound prose is offered',
      );
      const refused = annotate(index, A, {
        range: lines.rangeAt(text.indexOf('plans'), text.indexOf('plans') + 5),
        kind: 'claim',
      });
      assert.ok('error' in refused);
      assert.match(refused.error, /inside broken markup/);
    });

    it('10,000 nested [ give one error at the first one past the limit, quickly', () => {
      const text = '['.repeat(10_000) + 'x' + ']'.repeat(10_000);
      const ds = within(2000, 'analysis', () => computeDiagnostics(workspace({ '/a.seed.md': text }), A));
      assert.deepEqual(placed(ds), [
        ['malformed-span', 0, DEFAULT_LIMITS.maxNesting, 0, DEFAULT_LIMITS.maxNesting + 1],
      ]);
      assert.match(ds[0]!.message, /deeper than 64 levels.*corroborate\.limits\.maxNesting/);
      const ten = computeDiagnostics(workspace({ '/a.seed.md': text }, { limits: { maxNesting: 10 } }), A);
      assert.deepEqual(placed(ten), [['malformed-span', 0, 10, 0, 11]]);
      assert.match(ten[0]!.message, /deeper than 10 levels/);
    });

    it('10,000 nested spans that all close are analysed to the limit, in bounded time', () => {
      const text = '['.repeat(10_000) + 'x' + ']{.claim by=outlet}'.repeat(10_000);
      const index = within(3000, 'indexing', () => workspace({ '/a.seed.md': text }));
      const model = index.getSource(A)!;
      assert.equal(model.claims.length, DEFAULT_LIMITS.maxNesting);
      assert.equal(Math.max(...model.parsed.spans.map((s) => s.depth)), DEFAULT_LIMITS.maxNesting - 1);
      const ds = within(5000, 'diagnostics', () => computeDiagnostics(index, A));
      assert.equal(ds.filter((d) => d.code === 'malformed-span').length, 1);
    });
  });

  describe('size', () => {
    it('1 MB on one line is analysed, with positions past the millionth character', () => {
      const prefix = 'a'.repeat(1 << 20) + ' ';
      const text = `${prefix}[X]{.actor ref=ghost}`;
      const ds = within(5000, 'analysis', () => computeDiagnostics(workspace({ '/a.seed.md': text }), A));
      const ref = prefix.length + '[X]{.actor ref='.length;
      assert.deepEqual(placed(ds), [['unknown-actor', 0, ref, 0, ref + 'ghost'.length]]);
    });

    it('a 50 MB article is skipped by the size limit with a file-too-large error, in bounded time', () => {
      const size = 50 * 1024 * 1024;
      const text = 'All the words of a very long article. '.repeat(Math.ceil(size / 38)).slice(0, size);
      const index = new WorkspaceIndex({ folders: [ROOT] });
      within(3000, 'setSource', () => index.setSource(A, text));
      const ds = within(1000, 'diagnostics', () => computeDiagnostics(index, A));
      assert.deepEqual(placed(ds), [['file-too-large', 0, 0, 0, 0]]);
      assert.ok(ds[0]!.message.includes(`${size.toLocaleString('en-US')} bytes`), ds[0]!.message);
      assert.ok(ds[0]!.message.includes('corroborate.limits.maxFileSize'), ds[0]!.message);
      assert.equal(index.getSource(A)!.text, '', 'the skipped text is not kept');
      // From disk, the bytes are not even decoded.
      const bytes = new Uint8Array(size).fill(0x61);
      within(1000, 'setSourceBytes', () => index.setSourceBytes(A, bytes));
      assert.deepEqual(placed(computeDiagnostics(index, A)), [['file-too-large', 0, 0, 0, 0]]);
    });

    it('the size limit counts UTF-8 bytes: a file exactly at the limit is analysed, one byte more is not', () => {
      // 2,000 'é' are 2,000 UTF-16 code units but 4,000 bytes of UTF-8.
      const text = 'é'.repeat(2000);
      const at = workspace({ '/a.seed.md': text }, { limits: { maxFileSize: 4000 } });
      assert.deepEqual(computeDiagnostics(at, A), []);
      assert.equal(at.getSource(A)!.text, text);
      const over = workspace({ '/a.seed.md': text }, { limits: { maxFileSize: 3999 } });
      assert.deepEqual(placed(computeDiagnostics(over, A)), [['file-too-large', 0, 0, 0, 0]]);
      assert.match(computeDiagnostics(over, A)[0]!.message, /4,000 bytes, more than the limit of 3,999 bytes/);
      // The same for bytes from disk, and for a registry.
      const fromDisk = workspace({ '/a.seed.md': utf8(text) }, { limits: { maxFileSize: 3999 } });
      assert.deepEqual(placed(computeDiagnostics(fromDisk, A)), [['file-too-large', 0, 0, 0, 0]]);
      const registry = `actors:\n  a: {name: "${'é'.repeat(2000)}"}\n`;
      const big = workspace({ '/entities.yaml': registry }, { limits: { maxFileSize: 1024 } });
      assert.deepEqual(placed(computeDiagnostics(big, REG)), [['file-too-large', 0, 0, 0, 0]]);
      assert.equal(big.getRegistry(REG)!.actors.size, 0);
    });

    it('setLimits re-analyses what the index holds', () => {
      const text = '[[[x]{.claim by=outlet}]{.claim by=outlet}]{.claim by=outlet}';
      const index = workspace({ '/a.seed.md': text });
      assert.deepEqual(computeDiagnostics(index, A), []);
      assert.equal(index.setLimits({ maxNesting: 2 }), true);
      assert.deepEqual(placed(computeDiagnostics(index, A)), [['malformed-span', 0, 2, 0, 3]]);
      assert.equal(index.setLimits({ maxNesting: 2 }), false, 'no change, no work');
      index.setLimits({ maxNesting: 64 });
      assert.deepEqual(computeDiagnostics(index, A), []);
    });
  });

  describe('encodings and characters', () => {
    it('a binary file renamed .seed.md is one encoding error and is not analysed', () => {
      const png = new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0x5b, 0x78, 0x5d, 0x7b,
      ]);
      const index = workspace({ '/a.seed.md': png });
      const ds = computeDiagnostics(index, A);
      assert.deepEqual(placed(ds), [['encoding', 0, 0, 0, 0]]);
      assert.match(ds[0]!.message, /binary file \(NUL byte at byte 8\): not analysed/);
      assert.equal(index.getSource(A)!.text, '');
    });

    it('invalid UTF-8 is reported at the first undecodable byte and the rest is analysed', () => {
      const bytes = new Uint8Array([...utf8('ok\nb'), 0xff, ...utf8('c [x]{.actor ref=ghost}')]);
      const ds = computeDiagnostics(workspace({ '/a.seed.md': bytes }), A);
      const ref = 'b\uFFFDc [x]{.actor ref='.length;
      assert.deepEqual(placed(ds), [
        ['encoding', 1, 1, 1, 2],
        ['unknown-actor', 1, ref, 1, ref + 5],
      ]);
      assert.match(ds[0]!.message, /invalid UTF-8/);
    });

    it('a lone UTF-16 surrogate is an encoding error on it; a surrogate pair is not', () => {
      const text = '😀 ok \uD800 and \uDC00 [x]{.actor ref=ghost}';
      const ds = computeDiagnostics(workspace({ '/a.seed.md': text }), A);
      const lone = text.indexOf('\uD800');
      const ref = text.indexOf('ghost');
      assert.deepEqual(placed(ds), [
        ['encoding', 0, lone, 0, lone + 1],
        ['unknown-actor', 0, ref, 0, ref + 5],
      ]);
      assert.match(ds[0]!.message, /lone UTF-16 surrogate U\+D800/);
      assert.deepEqual(computeDiagnostics(workspace({ '/a.seed.md': '😀🇳🇱 fine' }), A), []);
      // A lone low surrogate at the very end.
      assert.deepEqual(placed(computeDiagnostics(workspace({ '/a.seed.md': 'end\uDC00' }), A)), [
        ['encoding', 0, 3, 0, 4],
      ]);
    });

    it('a BOM is not part of the text, from bytes or from an editor, and front matter after it is read', () => {
      const body = '---\nid: x\n---\n[b]{.actor ref=ghost}';
      for (const content of [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(body)]), '\uFEFF' + body]) {
        const index = workspace({ '/a.seed.md': content });
        assert.equal(index.getSource(A)!.id, 'x');
        const ds = computeDiagnostics(index, A);
        assert.deepEqual(placed(ds), [['unknown-actor', 3, 15, 3, 20]]);
      }
    });

    it('CRLF, CR-only and mixed line endings: lines and characters are the same as with LF', () => {
      const lines = ['---', 'id: x', '---', 'one', '[b]{.actor ref=ghost}', 'three', '[c]{.actor ref=ghost}', ''];
      for (const eol of ['\n', '\r\n', '\r', 'mixed']) {
        const text = eol === 'mixed' ? lines.map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('') : lines.join(eol);
        const index = workspace({ '/a.seed.md': text });
        assert.equal(index.getSource(A)!.id, 'x', `front matter with ${JSON.stringify(eol)}`);
        assert.deepEqual(
          placed(computeDiagnostics(index, A)),
          [
            ['unknown-actor', 4, 15, 4, 20],
            ['unknown-actor', 6, 15, 6, 20],
          ],
          JSON.stringify(eol),
        );
      }
    });

    it('NUL characters in text are an encoding error at the first one; NUL bytes past 8 KiB too', () => {
      const ds = computeDiagnostics(workspace({ '/a.seed.md': 'a\0b\0 [x]{.actor ref=ghost}' }), A);
      assert.deepEqual(placed(ds), [
        ['encoding', 0, 1, 0, 2],
        ['unknown-actor', 0, 20, 0, 25],
      ]);
      assert.match(ds[0]!.message, /NUL character/);
      const late = new Uint8Array(9001).fill(0x61);
      late[9000] = 0;
      assert.deepEqual(placed(computeDiagnostics(workspace({ '/a.seed.md': late }), A)), [
        ['encoding', 0, 9000, 0, 9001],
      ]);
    });

    it('right-to-left text and combining characters: names resolve and positions count UTF-16 code units', () => {
      const registry =
        'actors:\n  abbas: {name: "محمود عباس", kind: person}\n  jose: {name: "Jose\u0301", kind: person}\n';
      const text = 'قال [محمود عباس]{.actor} إن [Jose\u0301]{.actor} e\u0301 [x]{.actor ref=ghost}\n';
      const index = workspace({ '/entities.yaml': registry, '/a.seed.md': text });
      const ds = computeDiagnostics(index, A);
      const ref = text.indexOf('ghost');
      assert.deepEqual(placed(ds), [['unknown-actor', 0, ref, 0, ref + 5]]);
      assert.equal(index.mentionsOf('abbas').get(A)?.[0]?.start, text.indexOf('['));
      assert.equal(index.mentionsOf('jose').get(A)?.length, 1);
      // A hover on the Arabic name answers with its card.
      const h = hover(index, A, new LineIndex(text).positionAt(text.indexOf('عباس')));
      assert.ok(h && JSON.stringify(h.contents).includes('محمود عباس'));
    });

    it('a right-to-left override hidden in an id is named in the message', () => {
      const text = '[x]{.claim by=ab\u202Ecd}\n';
      const ds = computeDiagnostics(workspace({ '/a.seed.md': text }), A);
      const at = text.indexOf('ab');
      assert.deepEqual(placed(ds.filter((d) => d.code === 'malformed-attribute')), [
        ['malformed-attribute', 0, at, 0, at + 5],
      ]);
      assert.match(messageOf(ds, 'malformed-attribute'), /invisible U\+202E RIGHT-TO-LEFT OVERRIDE/);
    });

    it('zero-width joiners in actor ids are errors that name the invisible character; in names they are matched exactly', () => {
      const registry = 'actors:\n  "ru\u200Dtte": {name: Mark Rutte}\n  nato: {name: "NA\u200DTO"}\n';
      const text = '[M]{.actor ref=ru\u200Dtte} [NA\u200DTO]{.actor} [NATO]{.actor}\n';
      const index = workspace({ '/entities.yaml': registry, '/a.seed.md': text });
      const reg = computeDiagnostics(index, REG);
      assert.deepEqual(placed(reg), [['registry', 1, 2, 1, 10]]);
      assert.match(reg[0]!.message, /invisible U\+200D ZERO WIDTH JOINER/);
      const ds = computeDiagnostics(index, A);
      const ref = text.indexOf('ru');
      const plain = text.indexOf('[NATO]');
      assert.deepEqual(
        placed(ds.filter((d) => d.code === 'malformed-attribute' || d.range.start.character === plain)),
        [
          ['malformed-attribute', 0, ref, 0, ref + 6],
          ['unknown-actor', 0, plain, 0, plain + '[NATO]{.actor}'.length],
        ],
      );
      assert.match(messageOf(ds, 'malformed-attribute'), /invisible U\+200D ZERO WIDTH JOINER/);
      // The name with the joiner resolves to its actor, exactly as written.
      assert.equal(index.mentionsOf('nato').get(A)?.length, 1);
    });
  });

  describe('front matter', () => {
    it('never closed: reported on its first line, and the file is read as Markdown', () => {
      check(`
//- /a.seed.md
---
^^^ front-matter: never closed
id: x

Hello [b]{.claim by=outlet}
`);
    });

    it('tabs and duplicate keys are reported where they are', () => {
      check(`
//- /a.seed.md
---
id: x
\ttitle: y
^ front-matter: Tabs are not allowed
---
Hello
`);
      check(`
//- /a.seed.md
---
id: x
id: y
^ front-matter: Map keys must be unique
---
Hello
`);
    });

    it('a YAML error at an emoji covers the whole emoji, never half of a surrogate pair (found by the fuzz tests)', () => {
      for (const text of [
        '---\ntitle: 😀[[[: x\n---\nHello\n',
        '---\ntitle: 𐀀[[[: Navigating "x\n---\nHello\n',
        '---\n😀: [\n---\n',
      ]) {
        const model = buildSourceModel(A, text);
        assert.ok(
          model.problems.some((p) => p.code === 'front-matter'),
          JSON.stringify(text),
        );
        for (const p of model.problems) {
          for (const o of [p.start, p.end]) {
            const splits =
              o > 0 && o < text.length && /[\uD800-\uDBFF]/.test(text[o - 1]!) && /[\uDC00-\uDFFF]/.test(text[o]!);
            assert.ok(!splits, `${p.code} ${p.start}-${p.end} splits a pair in ${JSON.stringify(text)}: ${p.message}`);
          }
        }
      }
    });

    it('a billion-laughs alias bomb is refused at the alias that passes the limit, quickly', () => {
      const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array<string>(9).fill(`*${prev}`).join(', ')}]`);
      }
      const text = `---\n${levels.join('\n')}\n---\nHello\n`;
      const ds = within(1000, 'analysis', () => computeDiagnostics(workspace({ '/a.seed.md': text }), A));
      // *a counts 10 nodes (the list and its 9 items): the 9 of line b make 90; the first *b (91 nodes) passes 100.
      const line = 3;
      assert.deepEqual(placed(ds), [['front-matter', line, 7, line, 9]]);
      assert.match(
        ds[0]!.message,
        /aliases stand for more than 100 nodes \(limit: corroborate\.limits\.maxYamlAliases\)/,
      );
      // Raised far enough, the same block is read.
      const raised = computeDiagnostics(
        workspace(
          { '/a.seed.md': `---\n${levels.slice(0, 3).join('\n')}\n---\nHello\n` },
          { limits: { maxYamlAliases: 1000 } },
        ),
        A,
      );
      assert.deepEqual(raised, []);
    });

    it('10,000 nested [ in YAML are refused before the YAML parser runs, again and again (a stack overflow in it used to kill the process)', () => {
      const text = `---\nids: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\nHello\n`;
      const registry = `actors: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`;
      const block = `---\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n---\n`;
      for (let round = 0; round < 3; round++) {
        const ds = within(2000, 'front matter', () => computeDiagnostics(workspace({ '/a.seed.md': text }), A));
        // One level for the mapping, then one per '[': the 99th '[' is the 101st level.
        assert.deepEqual(placed(ds), [['front-matter', 1, 5 + 99, 1, 5 + 100]]);
        assert.match(ds[0]!.message, /nested deeper than 100 levels/);
        const reg = within(2000, 'registry', () => parseRegistry(REG, registry));
        assert.deepEqual(
          reg.problems.map((p) => [p.code, p.start]),
          [['registry', 'actors: '.length + 99 * '{a: '.length]],
        );
        const indented = only(buildSourceModel(A, block).problems);
        assert.equal(indented.code, 'front-matter');
        assert.equal(new LineIndex(block).positionAt(indented.start).line, 101, 'the 101st indentation level');
      }
    });

    it('custom tags such as !!js/function are never executed (while the same YAML library, given such a tag, would run it)', () => {
      const g = globalThis as { corroborateSideEffect?: number };
      delete g.corroborateSideEffect;
      const yaml = 'id: !!js/function "function () { globalThis.corroborateSideEffect = 1 }"\ntitle: !side x\n';
      // The control: a tag whose construction has a side effect does run when a schema defines it.
      const side = { tag: '!side', resolve: (s: string): string => ((g.corroborateSideEffect = 2), s) };
      parseDocument(yaml, { customTags: [side] }).toJS();
      assert.equal(g.corroborateSideEffect, 2, 'the control must see the side effect');
      delete g.corroborateSideEffect;
      const text = `---\n${yaml}---\nHello\n`;
      const index = workspace({
        '/a.seed.md': text,
        '/entities.yaml': `actors:\n  a: {name: !side A, kind: !!js/function "function () { globalThis.corroborateSideEffect = 3 }"}\n`,
      });
      const ds = computeDiagnostics(index, A);
      hover(index, A, { line: 1, character: 6 });
      documentSymbols(index, A);
      const tag = text.indexOf('!!js/function');
      const unresolved = ds.filter((d) => d.message.includes('Unresolved tag'));
      assert.deepEqual(placed(unresolved)[0], ['front-matter', 1, tag - 4, 1, tag - 4 + '!!js/function'.length]);
      assert.ok(unresolved.every((d) => d.severity === 'warning'));
      assert.ok(computeDiagnostics(index, REG).some((d) => d.message.includes('Unresolved tag: !side')));
      assert.equal(g.corroborateSideEffect, undefined, 'nothing in the workspace ran');
    });
  });

  describe('registry', () => {
    it('duplicate ids, wrong types and an alias shared by two actors are reported at the entry', () => {
      check(`
//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, aliases: [Rutte]}
  rutte: {name: Other}
  ^ registry: Map keys must be unique
//- /a.seed.md
Hello
`);
      check(`
//- /entities.yaml
actors:
  rutte: {name: [A], kind: 3, aliases: Rutte}
  ^^^^^ registry: actor 'rutte' has no 'name'
                ^^^ registry: 'name' must be a non-empty string, not a list
                           ^ registry: kind '3' is not one of
                                       ^^^^^ registry: 'aliases' must be a list of names, not a string
  nato: 5
  ^^^^ registry: actor 'nato' must be a mapping
claims: [a, b]
^^^^^^ registry: 'claims' must be a mapping
//- /a.seed.md
Hello
`);
      const ds = check(`
//- /entities.yaml
actors:
  a: {name: Alpha, aliases: [X]}
  b: {name: Beta, aliases: [X]}
  ^ registry: 'X' names both 'a' and 'b'
//- /a.seed.md
Hello
`);
      const related = only(ds.get(REG)!).related;
      assert.deepEqual(
        related?.map((r) => [r.range.start.line, r.range.start.character]),
        [[1, 2]],
      );
    });
  });

  describe('links', () => {
    it('a claim that supports itself is a broken link on the link', () => {
      check(`
//- /a.seed.md
[x]{.claim #c1 by=outlet supports=#c1}
                                  ^^^ broken-link: cannot support itself
`);
    });

    it('cycles of supports and disputes are fine: no diagnostic, and every feature terminates', () => {
      const fixture = `
//- /a.seed.md
[x]{.claim #c1 by=outlet supports=#c2} [y]{.claim #c2 by=outlet supports="#c1 b#c3" disputes=b#c3}
//- /b.seed.md
[z]{.claim #c3 by=outlet supports=a#c1 disputes="a#c2 b#c3"}
                                                      ^^^^ broken-link: cannot dispute itself
`;
      check(fixture);
      const index = workspace({
        '/a.seed.md':
          '[x]{.claim #c1 by=outlet supports=#c2} [y]{.claim #c2 by=outlet supports="#c1 b#c3" disputes=b#c3}\n',
        '/b.seed.md': '[z]{.claim #c3 by=outlet supports=a#c1 disputes="a#c2 b#c3"}\n',
      });
      within(2000, 'features on a cycle', () => {
        for (const uri of [A, `${ROOT}/b.seed.md`]) {
          const text = index.getSource(uri)!.text;
          const lines = new LineIndex(text);
          for (let o = 0; o <= text.length; o++) {
            hover(index, uri, lines.positionAt(o));
            references(index, uri, lines.positionAt(o), true);
          }
          codeLenses(index, uri);
          semanticTokens(index, uri);
        }
      });
      const refs = references(
        index,
        A,
        new LineIndex(index.getSource(A)!.text).positionAt(offsetOf(index.getSource(A)!.text, '#c1') + 1),
        true,
      );
      assert.ok(refs.length >= 2, 'the claim and the links to it');
    });
  });
});
