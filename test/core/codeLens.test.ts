import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { codeLenses, OPEN_MATRIX_COMMAND, SHOW_REFERENCES_COMMAND } from '../../server/src/core/features/codeLens';
import { expect } from '../helpers/expect';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';
import { showLocation } from '../helpers/render';
import { seedsIndex, seedUri } from '../helpers/workspace';

function lensesOf(fixture: string, file: string): lsp.CodeLens[] {
  return codeLenses(indexOf(parseFixture(fixture)), ROOT + file);
}

/** Title, position and locations of a lens, checking the command's shape. */
function describeLens(lens: lsp.CodeLens, uri: string): { title: string; at: string; locations: string[] } {
  const command = lens.command;
  assert.ok(command);
  assert.equal(command.command, SHOW_REFERENCES_COMMAND);
  const [argUri, position, locations] = command.arguments as [string, lsp.Position, lsp.Location[]];
  assert.equal(argUri, uri);
  assert.deepEqual(position, lens.range.start);
  return { title: command.title, at: `${position.line}:${position.character}`, locations: locations.map(showLocation) };
}

/** The references lenses of `file`, each as `line:char title` with the locations it shows indented under it. */
function lenses(fixture: string, file: string): string {
  return lensesOf(fixture, file)
    .filter((l) => l.command?.command !== OPEN_MATRIX_COMMAND)
    .map((l) => describeLens(l, ROOT + file))
    .flatMap((l) => [`${l.at} ${l.title}`, ...l.locations.map((loc) => `  ${loc}`)])
    .join('\n');
}

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  stoltenberg: {name: Jens Stoltenberg, kind: person}
claims:
  nato.spending-target: {type: percent}
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
//- /b.seed.md crlf
---
id: beta
---
Intro 😀🇳🇱 line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2%} 😀 [Also]{.claim #also by=rutte} [in 2014]{.claim key=nato.spending-target value=2% as-of=2014}
`;

describe('code lenses', () => {
  it('one per claim with a key and value: who corroborates and who conflicts', () => {
    expect`
      4:0 1 source corroborates · 1 conflicts
        /b.seed.md:4:21-109
        /c.seed.md:3:0-78
    `.assertEq(lenses(WS, '/a.seed.md'));
    // Two conflicting claims in one source count as one source.
    expect`
      4:21 1 source corroborates · 1 conflicts
        /a.seed.md:4:0-99
        /c.seed.md:3:0-78
        /c.seed.md:3:112-174
    `.assertEq(lenses(WS, '/b.seed.md'));
    // The dated 2014 claim is comparable with the undated 5 percent only; a claim without a key gets no lens.
    expect`
      3:0 2 conflict
        /a.seed.md:4:0-99
        /b.seed.md:4:21-109
      3:112 1 conflicts
        /b.seed.md:4:21-109
    `.assertEq(lenses(WS, '/c.seed.md'));
  });

  it('several corroborating sources, none, and acknowledged disputes', () => {
    const text = `//- /p.seed.md
[It was 32]{.claim #n by=outlet key=members value=32 disputes=q#m} [Alone]{.claim by=outlet key=solo value=1}
//- /q.seed.md
[It was 31]{.claim #m by=outlet key=members value=31}
//- /r.seed.md
[Thirty-one]{.claim by=outlet key=members value=31}
//- /s.seed.md
[31 members]{.claim by=outlet key=members value="31"}
`;
    expect`
      0:0 2 conflict · 1 disputed
        /r.seed.md:0:0-51
        /s.seed.md:0:0-53
        /q.seed.md:0:0-53
      0:67 no other source
    `.assertEq(lenses(text, '/p.seed.md'));
    expect`
      0:0 2 sources corroborate · 1 disputed
        /r.seed.md:0:0-51
        /s.seed.md:0:0-53
        /p.seed.md:0:0-66
    `.assertEq(lenses(text, '/q.seed.md'));
  });

  it('one per registry actor: where it is mentioned', () => {
    expect`
      1:2 mentioned in 2 sources (3 times)
        /a.seed.md:3:0-30
        /b.seed.md:4:0-15
        /b.seed.md:4:111-136
      2:2 mentioned in 1 source (1 time)
        /a.seed.md:3:35-58
      3:2 not mentioned in any source
    `.assertEq(lenses(WS, '/entities.yaml'));
  });

  it('beside each claim lens, one that opens the claims matrix at its key', () => {
    const all = lensesOf(WS, '/c.seed.md');
    const matrix = all.filter((l) => l.command?.command === OPEN_MATRIX_COMMAND);
    assert.deepEqual(
      matrix.map((l) => [`${l.range.start.line}:${l.range.start.character}`, l.command!.title, l.command!.arguments]),
      [
        ['3:0', 'Claims matrix', ['nato.spending-target']],
        ['3:112', 'Claims matrix', ['nato.spending-target']],
      ],
    );
    // Each follows the references lens of the same claim, on the same range.
    for (const l of matrix) {
      const before = all[all.indexOf(l) - 1]!;
      assert.equal(before.command?.command, SHOW_REFERENCES_COMMAND);
      assert.deepEqual(before.range, l.range);
    }
    // A registry gets none.
    assert.ok(lensesOf(WS, '/entities.yaml').every((l) => l.command?.command === SHOW_REFERENCES_COMMAND));
  });

  it('nothing for an unknown file or a source without claims', () => {
    assert.deepEqual(lensesOf(WS, '/nope.seed.md'), []);
    assert.deepEqual(
      lensesOf(`//- /x.seed.md\n[Rutte]{.actor ref=rutte} and [a claim]{.claim by=outlet}\n`, '/x.seed.md'),
      [],
    );
  });

  it('on the seeds: the 2025 spending target in 001, and Mark Rutte in entities.yaml', () => {
    const uriOf = seedUri;
    const index = seedsIndex();

    const uri = uriOf('001-transatlantic-rift.seed.md');
    const model = index.getSource(uri)!;
    const start = model.lines.positionAt(model.claims.find((c) => c.id === 'hague-5pc')!.start);
    const lens = codeLenses(index, uri).find(
      (l) =>
        l.range.start.line === start.line &&
        l.range.start.character === start.character &&
        l.command?.command === SHOW_REFERENCES_COMMAND,
    );
    assert.ok(lens);
    const [, , locations] = lens.command!.arguments as [string, lsp.Position, lsp.Location[]];
    assert.equal(lens.command!.title, '1 source corroborates · 1 conflicts');
    assert.deepEqual(
      locations.map((l) => l.uri),
      [uriOf('003-rutte-strategy.seed.md'), uriOf('004-can-nato-survive.seed.md')],
    );

    const rutte = codeLenses(index, uriOf('entities.yaml')).find((l) => l.range.start.line === 7);
    assert.match(rutte?.command?.title ?? '', /^mentioned in 5 sources \(\d+ times\)$/);
  });
});
