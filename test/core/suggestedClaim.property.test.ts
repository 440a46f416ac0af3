import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as lsp from 'vscode-languageserver-types';
import { claimHints, ANNOTATE_CLAIMS_KIND } from '../../server/src/core/features/diagnostics/suggestedClaim';
import { codeActions } from '../../server/src/core/features/codeActions';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { errorsByCoveredText } from '../helpers/errors';
import { noMarkupRegions } from '../helpers/suggestions';
import { buildIndex } from '../helpers/workspace';

/**
 * Accepting every suggested claim ("Annotate all N attributed statements",
 * and each hint's quick fix), on random articles full of attributions
 * (quotations, reported clauses, nested ones, unnamed and new speakers) with
 * names and markup around them (actor and claim spans, attribute values,
 * code, escapes, front matter): the prose is unchanged (`stripMarkup`), no
 * error appears (a new `by` gets its registry entry), and no markup is
 * inserted inside an attribute list, code, the front matter or an existing
 * actor span.
 */

const SEED = 20261203;
const ROOT = 'file:///ws';
const A = `${ROOT}/a.seed.md`;
const REG = `${ROOT}/entities.yaml`;

const PIECES = [
  '“We will spend more,” said Mark Rutte.',
  'Rutte said that the alliance will survive the crisis.',
  'According to sources, the summit was short.',
  '“It is over,” a NATO official told reporters, “and soon.”',
  'Officials said Anna Berg warned that the talks had failed.',
  'Tom Haas met Rutte. He said that “the summit was a success, and that is all.”',
  'His father Mohamed El-Hassan said that the family had left the city.',
  'Diplomats familiar with the talks said the deal was close.',
  'Jane Holloway argued that the plan would fail, Rutte said.',
  '"The alliance won’t die," said Christine Lagarde.',
  'the talks resumed on Monday',
  'Mark Rutte',
  'said',
  'that',
  ', ',
  '😀',
];

type Piece = { i: number; wrap: number };

const piece: fc.Arbitrary<Piece> = fc.record({ i: fc.nat(PIECES.length - 1), wrap: fc.nat(11) });

function renderPiece(p: Piece): string {
  const w = PIECES[p.i]!;
  switch (p.wrap) {
    case 0:
      return `[${w}]{.claim by=outlet}`;
    case 1:
      return w.replace('Rutte', '[Rutte]{.actor ref=rutte}');
    case 2:
      return `[x]{.claim by=outlet key=k value="${w.replace(/["\\]/g, '')}"}`;
    case 3:
      return `\`${w}\``;
    case 4:
      return `\\[${w}`;
    case 5:
      return w.replace(/(\p{Lu}\p{Ll}+ \p{Lu}[\p{Ll}-]+)/u, '[$1]{.actor}');
    default:
      return w;
  }
}

const article = fc.record({
  paragraphs: fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
  fence: fc.boolean(),
  registry: fc.constantFrom('none', 'block', 'flow'),
  crlf: fc.boolean(),
});

type Article = typeof article extends fc.Arbitrary<infer T> ? T : never;

function files(a: Article): Map<string, string> {
  const out = new Map<string, string>();
  const paragraphs = a.paragraphs.map((ps) => ps.map(renderPiece).join(' '));
  if (a.fence) paragraphs.push('```\nRutte said that “the fence is code.”\n```');
  let text = `---\nid: a\ntitle: "Rutte said that “all is well”"\n---\n${paragraphs.join('\n\n')}\n`;
  if (a.crlf) text = text.replace(/\n/g, '\r\n');
  out.set(A, text);
  if (a.registry === 'block')
    out.set(REG, 'actors:\n  rutte:\n    name: Mark Rutte\n    kind: person\n    aliases: [Rutte]\n');
  if (a.registry === 'flow') out.set(REG, 'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n');
  return out;
}

/** Applies an action's edit and checks the promises; returns how many claim spans it added. */
function check(before: Map<string, string>, action: lsp.CodeAction): number {
  const edit = action.edit!;
  const after = applyWorkspaceEdit(before, edit);
  const text = before.get(A)!;
  const edited = after.get(A)!;
  assert.equal(stripMarkup(edited), stripMarkup(text), `the prose changed\n${edited}`);
  const lines = buildIndex(new Map([[A, text]]), ROOT).getSource(A)!.lines;
  const inDocs = (edit.documentChanges ?? []).flatMap((c) =>
    'textDocument' in c && c.textDocument.uri === A ? c.edits : [],
  );
  for (const e of [...(edit.changes?.[A] ?? []), ...inDocs]) {
    const at = lines.offsetAt(e.range.start);
    assert.equal(lines.offsetAt(e.range.end), at, 'only inserts');
    for (const [from, to, what] of noMarkupRegions(text))
      assert.ok(
        what === 'actor span'
          ? !(from <= at && at <= to)
          : !(from < at && at < to) && !(what === 'front matter' && at < to),
        `markup inserted in ${what} at ${at}\n${edited}`,
      );
  }
  const was = errorsByCoveredText(before, ROOT, 'code');
  for (const [key, n] of errorsByCoveredText(after, ROOT, 'code'))
    assert.ok(n <= (was.get(key) ?? 0), `new error ${key}\n${edited}\n${after.get(REG) ?? ''}`);
  const claims = (t: string): number =>
    parseText(t).spans.filter((s) => s.classes.some((c) => c.value === 'claim')).length;
  return claims(edited) - claims(text);
}

describe('accepting suggested claims (property)', function () {
  this.timeout(120000);

  it('the source action keeps the prose, adds no error, and writes no markup in attributes, code, front matter or actors', () => {
    let offered = 0;
    let nested = 0;
    fc.assert(
      fc.property(article, (a) => {
        const before = files(a);
        const index = buildIndex(before, ROOT);
        const hints = claimHints(index, A, { minConfidence: 0 });
        const pos = { line: 0, character: 0 };
        const [action] = codeActions(index, A, { start: pos, end: pos }, [ANNOTATE_CLAIMS_KIND], { hints });
        if (!action) return;
        offered++;
        const n = Number(/^Annotate all (\d+) /.exec(action.title)![1]);
        assert.equal(check(before, action), n, action.title);
        const at = lines(before);
        const ranges = hints.map((h) => ({ s: at.offsetAt(h.range.start), e: at.offsetAt(h.range.end) }));
        if (ranges.some((x) => ranges.some((y) => x.s <= y.s && y.e <= x.e && (x.s !== y.s || x.e !== y.e)))) nested++;
      }),
      { seed: SEED, numRuns: 120 },
    );
    assert.ok(offered > 80, `the source action was offered on only ${offered} of 120 articles`);
    assert.ok(nested > 5, `nested suggestions in only ${nested} articles`);
  });

  it('each quick fix keeps the same promises', () => {
    let fixes = 0;
    fc.assert(
      fc.property(article, (a) => {
        const before = files(a);
        const index = buildIndex(before, ROOT);
        const hints = claimHints(index, A, { minConfidence: 0 });
        for (const h of hints) {
          const actions = codeActions(index, A, h.range, ['quickfix'], { hints }).filter((x) =>
            x.diagnostics?.some(
              (d) => d.code === 'suggested-claim' && JSON.stringify(d.range) === JSON.stringify(h.range),
            ),
          );
          for (const action of actions) {
            fixes++;
            assert.equal(check(before, action), 1, action.title);
          }
        }
      }),
      { seed: SEED + 1, numRuns: 60 },
    );
    assert.ok(fixes > 60, `only ${fixes} quick fixes in 60 articles`);
  });
});

function lines(files: Map<string, string>): { offsetAt(p: { line: number; character: number }): number } {
  return buildIndex(new Map([[A, files.get(A)!]]), ROOT).getSource(A)!.lines;
}
