import * as assert from 'node:assert/strict';
import * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import {
  documentSymbols,
  matchScore,
  workspaceSymbols,
  MAX_WORKSPACE_SYMBOLS,
} from '../../server/src/core/features/symbols';
import { expect } from '../helpers/expect';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';

const KIND = Object.fromEntries(Object.entries(lsp.SymbolKind).map(([k, v]) => [v, k])) as Record<number, string>;
const r = (range: lsp.Range): string =>
  `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** One line per symbol: indentation, name, kind, range, selection range and detail. */
function outline(symbols: lsp.DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${KIND[s.kind]}] ${r(s.range)} @${r(s.selectionRange)}${s.detail !== undefined ? ` (${s.detail})` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

/** LSP requires a symbol's selection range and its children inside its range. */
function checkNesting(symbols: lsp.DocumentSymbol[], parent?: lsp.Range): void {
  const inside = (a: lsp.Range, b: lsp.Range): boolean =>
    (a.start.line > b.start.line || (a.start.line === b.start.line && a.start.character >= b.start.character)) &&
    (a.end.line < b.end.line || (a.end.line === b.end.line && a.end.character <= b.end.character));
  for (const s of symbols) {
    assert.ok(s.name.length > 0, 'a symbol has an empty name');
    assert.ok(inside(s.selectionRange, s.range), `${s.name}: selection range outside its range`);
    if (parent) assert.ok(inside(s.range, parent), `${s.name}: outside its parent`);
    checkNesting(s.children ?? [], s.range);
  }
}

/** The outline of `path`, one symbol a line (`outline`), its nesting checked. */
function symbolsOf(fixture: string, path: string): string {
  const index = indexOf(parseFixture(fixture));
  const symbols = documentSymbols(index, ROOT + path);
  checkNesting(symbols);
  return outline(symbols).join('\n');
}

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato:
    name: NATO
    kind: organization
claims:
  nato.spending-target: {type: percent, description: Defence spending target.}
  nato.members:
    type: number

  summit.place: {}
`;

describe('symbols', () => {
  it('outlines a source: front matter, actors with their mentions, claims', () => {
    expect`
      The A Times [File] 0:0-3:3 @1:4-1:5 (source a)
      Actors [Namespace] 4:0-6:21 @4:0-4:30 (4 actors, 5 mentions)
        rutte [Class] 4:0-4:69 @4:1-4:11 (Mark Rutte · person)
          Mark Rutte [String] 4:0-4:30 @4:1-4:11 (ref=rutte)
          Rutte [String] 4:54-4:69 @4:55-4:60 (by name)
        nato [Class] 4:35-4:49 @4:36-4:40 (NATO · organization)
          NATO [String] 4:35-4:49 @4:36-4:40 (by name)
        Nobody [Class] 5:1-5:17 @5:2-5:8 (unresolved name)
          Nobody [String] 5:1-5:17 @5:2-5:8 (by name)
        ghost [Class] 6:0-6:21 @6:1-6:2 (not in entities.yaml)
          x [String] 6:0-6:21 @6:1-6:2 (ref=ghost)
      Claims [Namespace] 5:0-5:123 @5:0-5:93 (2 claims)
        nato.members = 32 [Property] 5:0-5:93 @5:49-5:53 (#all · by anonymous)
        unsourced text here [Event] 5:94-5:123 @5:94-5:123 (unsourced)
    `.assertEq(
      symbolsOf(
        `${REGISTRY}//- /a.seed.md
---
id: a
title: The A Times
---
[Mark Rutte]{.actor ref=rutte} and [NATO]{.actor} met [Rutte]{.actor}.
[[Nobody]{.actor} says all members agree]{.claim #all by=anonymous key=nato.members value=32} [unsourced text here]{.claim}
[x]{.actor ref=ghost}
`,
        '/a.seed.md',
      ),
    );
  });

  it('leaves out empty groups and has no front matter node without front matter', () => {
    assert.equal(symbolsOf(`${REGISTRY}//- /a.seed.md\nJust prose.\n`, '/a.seed.md'), '');
    expect`
      Claims [Namespace] 0:0-0:20 @0:0-0:20 (1 claim)
        (empty claim) [Event] 0:0-0:20 @0:0-0:20 (by outlet)
    `.assertEq(symbolsOf(`${REGISTRY}//- /a.seed.md\n[]{.claim by=outlet}\n`, '/a.seed.md'));
  });

  it('outlines entities.yaml: actors and claim keys', () => {
    expect`
      actors [Namespace] 0:0-4:22 @0:0-0:6 (2 actors)
        rutte [Class] 1:2-1:59 @1:2-1:7 (Mark Rutte · person)
        nato [Class] 2:2-4:22 @2:2-2:6 (NATO · organization)
      claims [Namespace] 5:0-10:18 @5:0-5:6 (3 claim keys)
        nato.spending-target [Key] 6:2-6:78 @6:2-6:22 (percent · Defence spending target.)
        nato.members [Key] 7:2-8:16 @7:2-7:14 (number)
        summit.place [Key] 10:2-10:18 @10:2-10:14
    `.assertEq(symbolsOf(REGISTRY, '/entities.yaml'));
  });

  it('counts UTF-16 code units on a CRLF file with emoji', () => {
    expect`
      Actors [Namespace] 1:8-1:23 @1:8-1:23 (1 actor, 1 mention)
        rutte [Class] 1:8-1:23 @1:9-1:14 (Mark Rutte · person)
          Rutte [String] 1:8-1:23 @1:9-1:14 (by name)
      Claims [Namespace] 1:24-1:53 @1:24-1:53 (1 claim)
        x 😀 [Event] 1:24-1:53 @1:38-1:42 (#idé · by outlet)
    `.assertEq(
      symbolsOf(
        `${REGISTRY}//- /a.seed.md crlf\n😀 line\n🇳🇱 😀 [Rutte]{.actor} [x 😀]{.claim #idé by=outlet}\n`,
        '/a.seed.md',
      ),
    );
  });

  describe('workspace symbols', () => {
    const fixture = `${REGISTRY}//- /a.seed.md
---
id: a
title: The A Times
---
[x]{.claim by=outlet key=local.key value=1}
//- /b.seed.md
[x]{.claim by=outlet key=local.key value=2}
//- /sub/c.seed.md
Prose.
`;
    const index = indexOf(parseFixture(fixture));
    const show = (q: string): string[] =>
      workspaceSymbols(index, q).map(
        (s) =>
          `${s.name} [${KIND[s.kind]}] ${s.location.uri.slice(ROOT.length)}${'range' in s.location ? ` ${r(s.location.range)}` : ''}`,
      );

    it('finds actors, claim keys and sources, best matches first', () => {
      assert.deepEqual(show('rutte'), ['Mark Rutte (rutte) [Class] /entities.yaml 1:2-1:7']);
      assert.deepEqual(show('nato'), [
        'NATO (nato) [Class] /entities.yaml 2:2-2:6',
        'nato.members [Key] /entities.yaml 7:2-7:14',
        'nato.spending-target [Key] /entities.yaml 6:2-6:22',
      ]);
      assert.deepEqual(show('NST'), ['nato.spending-target [Key] /entities.yaml 6:2-6:22']);
      assert.deepEqual(show('local'), ['local.key [Key] /a.seed.md 4:25-4:34']);
      assert.deepEqual(show('a times'), ['The A Times [File] /a.seed.md 0:0-0:0']);
      assert.deepEqual(show('c'), [
        'c [File] /sub/c.seed.md 0:0-0:0',
        'local.key [Key] /a.seed.md 4:25-4:34',
        'summit.place [Key] /entities.yaml 10:2-10:14',
      ]);
      assert.deepEqual(show('atim'), ['The A Times [File] /a.seed.md 0:0-0:0']);
      assert.deepEqual(show('zzz'), []);
      assert.equal(show('').length, 9);
    });

    it('caps the results', () => {
      const big = new WorkspaceIndex({ folders: [ROOT] });
      big.setRegistry(
        `${ROOT}/entities.yaml`,
        `actors:\n${Array.from({ length: 300 }, (_, i) => `  a${i}: {name: Actor ${i}}`).join('\n')}\n`,
      );
      assert.equal(workspaceSymbols(big, 'a').length, MAX_WORKSPACE_SYMBOLS);
      assert.equal(workspaceSymbols(big, 'a299')[0]!.name, 'Actor 299 (a299)');
    });

    it('scores exact, prefix, substring and subsequence matches', () => {
      assert.equal(matchScore('Nato', ['nato']), 0);
      assert.equal(matchScore('na', ['nato']), 1);
      assert.equal(matchScore('at', ['nato']), 2);
      assert.equal(matchScore('no', ['nato']), 3);
      assert.equal(matchScore('on', ['nato']), undefined);
      assert.equal(matchScore('on', ['nato', 'one']), 1);
    });
  });
});
