import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import { codeLenses, SHOW_REFERENCES_COMMAND } from '../../server/src/core/features/codeLens';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';

function lensesOf(fixture: string, file: string): lsp.CodeLens[] {
  return codeLenses(indexOf(parseFixture(fixture)), ROOT + file);
}

/** `path:line:start-end` for a one-line location. */
function show(l: lsp.Location): string {
  return `${l.uri.slice(ROOT.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;
}

/** Title, position and locations of a lens, checking the command's shape. */
function describeLens(lens: lsp.CodeLens, uri: string): { title: string; at: string; locations: string[] } {
  const command = lens.command;
  assert.ok(command);
  assert.equal(command.command, SHOW_REFERENCES_COMMAND);
  const [argUri, position, locations] = command.arguments as [string, lsp.Position, lsp.Location[]];
  assert.equal(argUri, uri);
  assert.deepEqual(position, lens.range.start);
  return { title: command.title, at: `${position.line}:${position.character}`, locations: locations.map(show) };
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
    assert.deepEqual(
      lensesOf(WS, '/a.seed.md').map((l) => describeLens(l, `${ROOT}/a.seed.md`)),
      [
        {
          title: '1 source corroborates · 1 conflicts',
          at: '4:0',
          locations: ['/b.seed.md:4:21-109', '/c.seed.md:3:0-78'],
        },
      ],
    );
    assert.deepEqual(
      lensesOf(WS, '/b.seed.md').map((l) => describeLens(l, `${ROOT}/b.seed.md`)),
      // Two conflicting claims in one source count as one source.
      [
        {
          title: '1 source corroborates · 1 conflicts',
          at: '4:21',
          locations: ['/a.seed.md:4:0-99', '/c.seed.md:3:0-78', '/c.seed.md:3:112-174'],
        },
      ],
    );
    // The dated 2014 claim is comparable with the undated 5 percent only; a claim without a key gets no lens.
    assert.deepEqual(
      lensesOf(WS, '/c.seed.md').map((l) => describeLens(l, `${ROOT}/c.seed.md`)),
      [
        { title: '2 conflict', at: '3:0', locations: ['/a.seed.md:4:0-99', '/b.seed.md:4:21-109'] },
        { title: '1 conflicts', at: '3:112', locations: ['/b.seed.md:4:21-109'] },
      ],
    );
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
    assert.deepEqual(
      lensesOf(text, '/p.seed.md').map((l) => describeLens(l, `${ROOT}/p.seed.md`).title),
      ['2 conflict · 1 disputed', 'no other source'],
    );
    assert.deepEqual(
      lensesOf(text, '/q.seed.md').map((l) => describeLens(l, `${ROOT}/q.seed.md`)),
      [
        {
          title: '2 sources corroborate · 1 disputed',
          at: '0:0',
          locations: ['/r.seed.md:0:0-51', '/s.seed.md:0:0-53', '/p.seed.md:0:0-66'],
        },
      ],
    );
  });

  it('one per registry actor: where it is mentioned', () => {
    assert.deepEqual(
      lensesOf(WS, '/entities.yaml').map((l) => describeLens(l, `${ROOT}/entities.yaml`)),
      [
        {
          title: 'mentioned in 2 sources (3 times)',
          at: '1:2',
          locations: ['/a.seed.md:3:0-30', '/b.seed.md:4:0-15', '/b.seed.md:4:111-136'],
        },
        { title: 'mentioned in 1 source (1 time)', at: '2:2', locations: ['/a.seed.md:3:35-58'] },
        { title: 'not mentioned in any source', at: '3:2', locations: [] },
      ],
    );
  });

  it('nothing for an unknown file or a source without claims', () => {
    assert.deepEqual(lensesOf(WS, '/nope.seed.md'), []);
    assert.deepEqual(
      lensesOf(`//- /x.seed.md\n[Rutte]{.actor ref=rutte} and [a claim]{.claim by=outlet}\n`, '/x.seed.md'),
      [],
    );
  });

  it('on the seeds: the 2025 spending target in 001, and Mark Rutte in entities.yaml', () => {
    const SEEDS = path.resolve(__dirname, '../../../seeds');
    const uriOf = (f: string): string => URI.file(path.join(SEEDS, f)).toString();
    const index = new WorkspaceIndex({ folders: [URI.file(SEEDS).toString()] });
    index.setRegistryBytes(uriOf('entities.yaml'), fs.readFileSync(path.join(SEEDS, 'entities.yaml')));
    for (const f of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.seed.md')))
      index.setSourceBytes(uriOf(f), fs.readFileSync(path.join(SEEDS, f)));

    const uri = uriOf('001-transatlantic-rift.seed.md');
    const model = index.getSource(uri)!;
    const start = model.lines.positionAt(model.claims.find((c) => c.id === 'hague-5pc')!.start);
    const lens = codeLenses(index, uri).find(
      (l) => l.range.start.line === start.line && l.range.start.character === start.character,
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
