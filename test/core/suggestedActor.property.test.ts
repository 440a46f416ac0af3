import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Context } from '../../server/src/core/features/editing/context';
import { acceptSuggestions } from '../../server/src/core/features/suggest/accept';
import { workspaceSuggestions } from '../../server/src/core/features/suggest/inWorkspace';
import { suggestionHints } from '../../server/src/core/features/diagnostics/suggestedActor';
import { codeActions } from '../../server/src/core/features/codeActions';
import { applyOffsetEdits } from '../../server/src/core/base/edits';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { errorsByCoveredText } from '../helpers/errors';
import { noMarkupRegions } from '../helpers/suggestions';
import { buildIndex } from '../helpers/workspace';

/**
 * Accepting every suggested actor, on random articles full of names (plain,
 * annotated, in claims, in attribute values, code and front matter): the
 * prose is unchanged (`stripMarkup`), no error appears, and no markup is
 * inserted inside an attribute list, code, the front matter or an existing
 * actor span. The source action (built from the hints) keeps the same
 * promises.
 */

const SEED = 20261202;
const ROOT = 'file:///ws';
const A = `${ROOT}/a.seed.md`;
const REG = `${ROOT}/entities.yaml`;

const NAMES = [
  'Christine Lagarde',
  'Lagarde',
  'Mark Rutte',
  'Rutte',
  'European Central Bank',
  'Frankfurt',
  'United Nations',
  'Olaf Scholz',
  'Paris',
  "Rutte's",
];
const WORDS = [
  'the',
  'said',
  'on',
  'Monday',
  'that',
  'talks',
  'would',
  'resume',
  'in',
  'and',
  'met',
  'with',
  'officials',
];

type Piece =
  | { kind: 'word'; i: number }
  | { kind: 'name'; i: number }
  | { kind: 'actor'; i: number }
  | { kind: 'claim'; i: number; j: number }
  | { kind: 'attr'; i: number }
  | { kind: 'code'; i: number }
  | { kind: 'escaped'; i: number };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('word' as const), i: fc.nat(WORDS.length - 1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('name' as const), i: fc.nat(NAMES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('actor' as const), i: fc.nat(NAMES.length - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      i: fc.nat(NAMES.length - 1),
      j: fc.nat(WORDS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attr' as const), i: fc.nat(NAMES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('code' as const), i: fc.nat(NAMES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('escaped' as const), i: fc.nat(NAMES.length - 1) }) },
);

function renderPiece(p: Piece): string {
  switch (p.kind) {
    case 'word':
      return WORDS[p.i]!;
    case 'name':
      return NAMES[p.i]!;
    case 'actor':
      return `[${NAMES[p.i]!.replace("'s", '')}]{.actor ref=rutte}`;
    case 'claim':
      return `[${NAMES[p.i]} ${WORDS[p.j]}]{.claim by=outlet}`;
    case 'attr':
      return `[${WORDS[p.i % WORDS.length]}]{.claim by=outlet key=k value="${NAMES[p.i]}"}`;
    case 'code':
      return `\`${NAMES[p.i]}\``;
    case 'escaped':
      return `\\[${NAMES[p.i]}\\]`;
  }
}

const article = fc.record({
  paragraphs: fc.array(fc.array(piece, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
  frontMatterName: fc.nat(NAMES.length - 1),
  fence: fc.option(fc.nat(NAMES.length - 1)),
  registry: fc.constantFrom('none', 'block', 'flow'),
  crlf: fc.boolean(),
});

type Article = typeof article extends fc.Arbitrary<infer T> ? T : never;

function files(a: Article): Map<string, string> {
  const out = new Map<string, string>();
  const paragraphs = a.paragraphs.map((ps) => ps.map(renderPiece).join(' ') + '.');
  if (a.fence !== null) paragraphs.push('```\n' + NAMES[a.fence] + ' said so\n```');
  let text = `---\nid: a\ntitle: ${NAMES[a.frontMatterName]!.replace("'", '')} speaks\n---\n${paragraphs.join('\n\n')}\n`;
  if (a.crlf) text = text.replace(/\n/g, '\r\n');
  out.set(A, text);
  if (a.registry === 'block')
    out.set(REG, 'actors:\n  rutte:\n    name: Mark Rutte\n    kind: person\n    aliases: [Rutte]\n');
  if (a.registry === 'flow') out.set(REG, 'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n');
  return out;
}

function checkEdits(before: Map<string, string>, after: Map<string, string>, inserts: number[]): void {
  const text = before.get(A)!;
  const edited = after.get(A)!;
  assert.equal(stripMarkup(edited), stripMarkup(text), 'the prose changed');
  for (const at of inserts)
    for (const [from, to, what] of noMarkupRegions(text))
      assert.ok(
        what === 'actor span'
          ? !(from <= at && at <= to)
          : !(from < at && at < to) && !(what === 'front matter' && at < to),
        `markup inserted in ${what} at ${at}`,
      );
  const was = errorsByCoveredText(before, ROOT, 'code');
  for (const [key, n] of errorsByCoveredText(after, ROOT, 'code'))
    assert.ok(n <= (was.get(key) ?? 0), `new error ${key}\n${edited}\n${after.get(REG) ?? ''}`);
}

describe('accepting suggested actors (property)', () => {
  it('keeps the prose, adds no error, and writes no markup in attributes, code, front matter or actor spans', () => {
    let accepted = 0;
    fc.assert(
      fc.property(article, (a) => {
        const before = files(a);
        const index = buildIndex(before, ROOT);
        const model = index.getSource(A)!;
        const ctx = new Context(index, model);
        const suggestions = workspaceSuggestions(index, A);
        const done = acceptSuggestions(ctx, suggestions);
        if (!done) return;
        accepted++;
        const after = new Map(before);
        for (const uri of new Set(done.edits.map((e) => e.uri)))
          after.set(
            uri,
            applyOffsetEdits(
              before.get(uri) ?? '',
              done.edits.filter((e) => e.uri === uri),
            ),
          );
        checkEdits(
          before,
          after,
          done.edits.filter((e) => e.uri === A).map((e) => e.start),
        );
        assert.equal(new Set(done.added).size, done.added.length);
      }),
      { seed: SEED, numRuns: 150 },
    );
    assert.ok(accepted > 100, `only ${accepted} of 150 articles had suggestions to accept`);
  });

  it('the source action built from the hints keeps the same promises', () => {
    let offered = 0;
    fc.assert(
      fc.property(article, (a) => {
        const before = files(a);
        const index = buildIndex(before, ROOT);
        const hints = suggestionHints(index, A, { minConfidence: 0 });
        const pos = { line: 0, character: 0 };
        const [action] = codeActions(index, A, { start: pos, end: pos }, ['source'], { hints });
        if (!action) return;
        offered++;
        const after = applyWorkspaceEdit(before, action.edit!);
        const lines = model(before.get(A)!);
        const changes = action.edit!.changes?.[A] ?? [];
        const inDocs = (action.edit!.documentChanges ?? []).flatMap((c) =>
          'textDocument' in c && c.textDocument.uri === A ? c.edits : [],
        );
        checkEdits(
          before,
          after,
          [...changes, ...inDocs].map((e) => lines.offsetAt(e.range.start)),
        );
      }),
      { seed: SEED + 1, numRuns: 100 },
    );
    assert.ok(offered > 60, `the source action was offered on only ${offered} of 100 articles`);
  });
});

function model(text: string): { offsetAt(p: { line: number; character: number }): number } {
  return buildIndex(new Map([[A, text]]), ROOT).getSource(A)!.lines;
}
