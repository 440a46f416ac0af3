import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { applyWorkspaceEdit } from '../../server/src/core/base/edits';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { openFixture, parseFixture, ROOT, targetsOf } from '../helpers/fixture';
import { showLocation } from '../helpers/render';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
  nato.members: {type: number}
`;

/** Edits as `path:line:char-line:char=newText`, in the order given. */
function show(edit: lsp.WorkspaceEdit | { error: string }): string[] {
  if ('error' in edit) assert.fail(`rename failed: ${edit.error}`);
  const out: string[] = [];
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    for (const e of edits)
      out.push(
        `${uri.slice(ROOT.length)}:${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`,
      );
  }
  return out;
}

function renameAt(
  fixture: string,
  newName: string,
): { edits: string[]; after: Map<string, string>; before: Map<string, string> } {
  const s = openFixture(fixture);
  const result = rename(s.index, s.uri, s.position, newName);
  const edits = show(result);
  return { edits, before: s.fixture.files, after: applyWorkspaceEdit(s.fixture.files, result as lsp.WorkspaceEdit) };
}

/**
 * Renames at `$0` to `newName`, and asserts the edits are exactly the fixture's
 * marked targets (sorted by file, then position), each replaced by `newText`.
 */
function checkRename(
  fixture: string,
  newName: string,
  newText = newName,
): { after: Map<string, string>; before: Map<string, string> } {
  const s = openFixture(fixture);
  const result = rename(s.index, s.uri, s.position, newName);
  if ('error' in result) assert.fail(`rename failed: ${result.error}`);
  const edits = Object.entries(result.changes ?? {}).flatMap(([uri, es]) => es.map((e) => ({ uri, ...e })));
  assert.deepEqual(edits.map(showLocation), targetsOf(parseFixture(fixture)));
  for (const e of edits) assert.equal(e.newText, newText);
  return { before: s.fixture.files, after: applyWorkspaceEdit(s.fixture.files, result) };
}

function errorOf(result: unknown): string {
  assert.ok(
    result && typeof result === 'object' && 'error' in result,
    `expected an error, got ${JSON.stringify(result)}`,
  );
  return (result as { error: string }).error;
}

describe('rename', () => {
  describe('prepareRename', () => {
    const cases: Array<[string, string, string]> = [
      ['ref=', '[Mark Rutte]{.actor ref=ru$0tte}', '0:24-0:29 rutte'],
      ['quoted ref=', '[Mark Rutte]{.actor ref="rutte$0"}', '0:25-0:30 rutte'],
      ['by=', '[x]{.claim by=$0nato key=nato.members value=32}', '0:14-0:18 nato'],
      ['key=', '[x]{.claim by=nato key=nato.mem$0bers value=32}', '0:23-0:35 nato.members'],
      ['#id', '[x]{.claim #mem$0bers by=nato}', '0:12-0:19 members'],
      ['# of #id', '[x]{.claim $0#members by=nato}', '0:12-0:19 members'],
    ];
    for (const [what, line, expected] of cases) {
      it(`offers ${what}`, () => {
        const s = openFixture(`${REGISTRY}//- /a.seed.md\n${line}\n`);
        const r = prepareRename(s.index, s.uri, s.position);
        assert.ok(r && 'range' in r, JSON.stringify(r));
        assert.equal(
          `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character} ${r.placeholder}`,
          expected,
        );
      });
    }

    it('offers the front matter id (inside its quotes) and the registry keys', () => {
      let s = openFixture(`${REGISTRY}//- /a.seed.md\n---\nid: "my-$0source"\n---\ntext\n`);
      assert.deepEqual(prepareRename(s.index, s.uri, s.position), {
        range: { start: { line: 1, character: 5 }, end: { line: 1, character: 14 } },
        placeholder: 'my-source',
      });
      s = openFixture(`//- /entities.yaml\nactors:\n  ru$0tte: {name: Mark Rutte}\n`);
      assert.deepEqual(prepareRename(s.index, s.uri, s.position), {
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } },
        placeholder: 'rutte',
      });
      s = openFixture(`//- /entities.yaml\nclaims:\n  nato.$0members: {type: number}\n`);
      assert.deepEqual(prepareRename(s.index, s.uri, s.position), {
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } },
        placeholder: 'nato.members',
      });
    });

    it('offers both parts of a link: the source id and the claim id', () => {
      const fixture = (line: string): string =>
        `${REGISTRY}//- /a.seed.md\n---\nid: a\n---\n[x]{.claim #x by=nato}\n//- /b.seed.md\n${line}\n`;
      let s = openFixture(fixture('[y]{.claim by=nato supports=a$0#x}'));
      assert.deepEqual(prepareRename(s.index, s.uri, s.position), {
        range: { start: { line: 0, character: 28 }, end: { line: 0, character: 29 } },
        placeholder: 'a',
      });
      s = openFixture(fixture('[y]{.claim by=nato supports=a#$0x}'));
      assert.deepEqual(prepareRename(s.index, s.uri, s.position), {
        range: { start: { line: 0, character: 30 }, end: { line: 0, character: 31 } },
        placeholder: 'x',
      });
    });

    it('refuses prose, reserved words, values, names resolved without ref=, and ids from file names', () => {
      const refuse = (body: string, part: string): void => {
        const s = openFixture(`${REGISTRY}//- /a.seed.md\n${body}\n//- /b.seed.md\n[z]{.claim #z by=outlet}\n`);
        assert.match(errorOf(prepareRename(s.index, s.uri, s.position)), new RegExp(part));
        assert.match(errorOf(rename(s.index, s.uri, s.position, 'whatever')), new RegExp(part));
      };
      refuse('[Mark R$0utte]{.actor ref=rutte}', "article's text");
      refuse('[x]{.claim by=anon$0ymous}', 'reserved');
      refuse('[x]{.claim by=outlet$0}', 'reserved');
      refuse('[x]{.claim by=outlet key=nato.members value=3$02}', 'Values are not renamed');
      refuse('[Rut$0te]{.actor}', 'add ref=rutte');
      refuse('[y]{.claim by=outlet supports=b$0#z}', 'file name');
    });

    it('has nothing to say about plain prose', () => {
      const s = openFixture(`${REGISTRY}//- /a.seed.md\nPlain $0prose.\n`);
      assert.equal(prepareRename(s.index, s.uri, s.position), undefined);
    });
  });

  it('renames an actor id in ref=, by= and the registry, across files, keeping quotes and prose', () => {
    const { before, after } = checkRename(
      `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  ^^^^^
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
  nato.members: {type: number}
//- /a.seed.md
[Mark Rutte]{.actor ref=ru$0tte} met [Rutte]{.actor} and "rutte".
                        ^^^^^^^
[[Rutte]{.actor ref="rutte"} said so]{.claim by=rutte key=nato.members value=32}
                     ^^^^^                      ^^^^^
//- /b.seed.md
[x]{.claim by=rutte}[NATO]{.actor ref=nato}
              ^^^^^
`,
      'mark-rutte',
    );
    assert.equal(
      after.get(`${ROOT}/a.seed.md`),
      '[Mark Rutte]{.actor ref=mark-rutte} met [Rutte]{.actor} and "rutte".\n[[Rutte]{.actor ref="mark-rutte"} said so]{.claim by=mark-rutte key=nato.members value=32}\n',
    );
    for (const uri of [`${ROOT}/a.seed.md`, `${ROOT}/b.seed.md`])
      assert.equal(stripMarkup(after.get(uri)!), stripMarkup(before.get(uri)!));
  });

  it('renames from the registry key', () => {
    checkRename(
      `//- /entities.yaml
actors:
  na$0to: {name: NATO, kind: organization}
  ^^^^^^
//- /a.seed.md
[NATO]{.actor ref=nato} [x]{.claim by=nato}
                  ^^^^                ^^^^
`,
      'alliance',
    );
  });

  it('with several registries, renames an actor only where its registry governs', () => {
    checkRename(
      `//- /a/entities.yaml
actors:
  rutte: {name: Mark Rutte}
  ^^^^^
//- /b/entities.yaml
actors:
  rutte: {name: Someone Else}
//- /a/x.seed.md
[Mark Rutte]{.actor ref=$0rutte}
                          ^^^^^
//- /a/sub/y.seed.md
[x]{.claim by=rutte}
              ^^^^^
//- /b/z.seed.md
[Someone]{.actor ref=rutte}
`,
      'mark-rutte',
    );
  });

  it('renames a claim key in key= everywhere and in the registry', () => {
    checkRename(
      `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
  nato.members: {type: number}
  ^^^^^^^^^^^^
//- /a.seed.md
[x]{.claim by=nato key=nato.members$0 value=32} [y]{.claim by=nato key="nato.members" value=31}
                       ^^^^^^^^^^^^                                     ^^^^^^^^^^^^
//- /b.seed.md
[z]{.claim by=outlet key=nato.members value=30}
                         ^^^^^^^^^^^^
`,
      'nato.member-count',
    );
  });

  it('renames a claim id with the links that resolve to it, and nothing else', () => {
    const { after } = checkRename(
      `${REGISTRY}//- /a.seed.md
---
id: a
---
[x]{.claim #x$0 by=outlet} [y]{.claim #y by=outlet supports="#x, b#x" disputes=a#x}
            ^                                                 ^                  ^
//- /b.seed.md
---
id: b
---
[x]{.claim #x by=outlet supports=a#x}
                                   ^
`,
      'first',
    );
    assert.equal(after.get(`${ROOT}/b.seed.md`), '---\nid: b\n---\n[x]{.claim #x by=outlet supports=a#first}\n');
  });

  it('renames a claim id from a link in another file', () => {
    checkRename(
      `${REGISTRY}//- /a.seed.md
---
id: a
---
[x]{.claim #x by=outlet}
            ^
//- /b.seed.md
[y]{.claim by=outlet supports=a#$0x}
                                  ^
`,
      '#renamed',
      'renamed',
    );
  });

  it('renames a source id in its front matter and in the links that name it', () => {
    const fixture = (cursorInA: boolean): string => `${REGISTRY}//- /a.seed.md
---
id: ${cursorInA ? '$0' : ''}alpha  # the source id
---
[x]{.claim #x by=outlet supports=alpha#y} [y]{.claim #y by=outlet supports=#x}
//- /b.seed.md
[y]{.claim by=outlet supports="alpha#x alpha#nothing" disputes=${cursorInA ? '' : '$0'}alpha#y}
`;
    const expected = [
      '/a.seed.md:1:4-1:9=beta',
      '/a.seed.md:3:33-3:38=beta',
      '/b.seed.md:0:31-0:36=beta',
      '/b.seed.md:0:39-0:44=beta',
      '/b.seed.md:0:63-0:68=beta',
    ];
    assert.deepEqual(renameAt(fixture(true), 'beta').edits, expected);
    assert.deepEqual(renameAt(fixture(false), 'beta').edits, expected);
  });

  it('quotes a YAML scalar that would not read as a string', () => {
    const { after } = renameAt(
      `//- /entities.yaml\nactors:\n  $0rutte: {name: Mark Rutte}\n  'nato': {name: NATO}\n//- /a.seed.md\n---\nid: a\n---\n`,
      'true',
    );
    assert.equal(
      after.get(`${ROOT}/entities.yaml`),
      'actors:\n  "true": {name: Mark Rutte}\n  \'nato\': {name: NATO}\n',
    );
    const quoted = renameAt(
      `//- /entities.yaml\nactors:\n  rutte: {name: Mark Rutte}\n  'na$0to': {name: NATO}\n`,
      '2025',
    );
    assert.deepEqual(quoted.edits, ['/entities.yaml:2:3-2:7=2025']);
    const id = renameAt(`//- /a.seed.md\n---\nid: a$0\n---\n`, '1e3');
    assert.deepEqual(id.edits, ['/a.seed.md:1:4-1:5="1e3"']);
  });

  it('validates the new name', () => {
    const s = openFixture(`${REGISTRY}//- /a.seed.md
---
id: a
---
[Mark Rutte]{.actor ref=rut$0te} [x]{.claim #x by=ghost key=nato.members value=1} [y]{.claim #y by=outlet key=used.key value=1}
//- /b.seed.md
---
id: b
---
`);
    const refused: Array<[string, string]> = [
      ['has space', 'not a valid actor id'],
      ['-dash', 'not a valid actor id'],
      ['', 'not a valid actor id'],
      ['anonymous', 'reserved'],
      ['outlet', 'reserved'],
      ['nato', 'already the id of another actor'],
      ['ghost', 'already used as an actor id'],
    ];
    for (const [name, part] of refused)
      assert.match(errorOf(rename(s.index, s.uri, s.position, name)), new RegExp(part), name);
    assert.deepEqual(rename(s.index, s.uri, s.position, 'rutte'), { changes: {} });

    const at = (needle: string, delta = 1): lsp.Position => {
      const text = s.fixture.files.get(s.uri)!;
      return new LineIndex(text).positionAt(text.indexOf(needle) + delta);
    };
    assert.match(errorOf(rename(s.index, s.uri, at('nato.members'), 'used.key')), /already a claim key/);
    assert.match(errorOf(rename(s.index, s.uri, at('nato.members'), 'nato.spending-target')), /already a claim key/);
    assert.match(errorOf(rename(s.index, s.uri, at('nato.members'), 'bad key')), /not a valid claim key/);
    assert.match(errorOf(rename(s.index, s.uri, at('#x'), 'y')), /already the id of another span/);
    assert.match(errorOf(rename(s.index, s.uri, at('#x'), 'a#b')), /not a valid claim id/);
    assert.match(errorOf(rename(s.index, s.uri, at('id: a', 4), 'b')), /already the id of/);
    assert.match(errorOf(rename(s.index, s.uri, at('id: a', 4), 'ü')), /not a valid source id/);
  });

  it('works in UTF-16 on a CRLF file with emoji', () => {
    const { edits, after } = renameAt(
      `${REGISTRY}//- /a.seed.md crlf
---
id: a
---
😀 🇳🇱 [Mark Rutte]{.actor ref=rutte} 😀
[😀 [Rutte]{.actor ref=ru$0tte}]{.claim #c by=rutte supports=#c2} [🇳🇱]{.claim #c2 by=outlet}
`,
      'mr',
    );
    assert.deepEqual(edits, [
      '/a.seed.md:3:32-3:37=mr',
      '/a.seed.md:4:23-4:28=mr',
      '/a.seed.md:4:44-4:49=mr',
      '/entities.yaml:1:2-1:7=mr',
    ]);
    assert.equal(
      after.get(`${ROOT}/a.seed.md`),
      '---\r\nid: a\r\n---\r\n😀 🇳🇱 [Mark Rutte]{.actor ref=mr} 😀\r\n[😀 [Rutte]{.actor ref=mr}]{.claim #c by=mr supports=#c2} [🇳🇱]{.claim #c2 by=outlet}\r\n',
    );
    const claim = renameAt(
      `${REGISTRY}//- /a.seed.md crlf
😀
[😀 x]{.claim #c by=outlet supports=#c2} [🇳🇱]{.claim #c$02 by=outlet}
`,
      'flag',
    );
    assert.deepEqual(claim.edits, ['/a.seed.md:1:37-1:39=flag', '/a.seed.md:1:56-1:58=flag']);
  });

  describe('on the seeds', () => {
    const files = seedTexts();
    const build = (texts: Map<string, string>): WorkspaceIndex => buildIndex(texts, seedsRoot());
    const index = build(files);
    const codes = (ix: WorkspaceIndex): string[] =>
      [...files.keys()].flatMap((u) =>
        computeDiagnostics(ix, u).map((d) => `${path.basename(u)} ${d.code} ${d.range.start.line}`),
      );
    const before = codes(index);
    const uriOf = (name: string): string => [...files.keys()].find((u) => u.endsWith(`/${name}`))!;
    const positionOf = (name: string, needle: string, delta: number): lsp.Position => {
      const text = files.get(uriOf(name))!;
      assert.ok(text.includes(needle), needle);
      return new LineIndex(text).positionAt(text.indexOf(needle) + delta);
    };
    const cases: Array<[string, string, string, number, string, number]> = [
      ['an actor', '002-new-nato.seed.md', 'ref=rutte', 5, 'mark-rutte', 54],
      [
        'a claim key',
        '001-transatlantic-rift.seed.md',
        'key=nato.spending-target',
        5,
        'nato.defence-spending-target',
        5,
      ],
      ['a linked claim id', '004-can-nato-survive.seed.md', 'disputes=#ambassador-concern', 11, 'concern', 2],
      ['a source id', '001-transatlantic-rift.seed.md', 'id: "transatlantic-rift"', 6, 'rift', 1],
    ];
    for (const [what, file, needle, delta, newName, count] of cases) {
      it(`renames ${what} without changing the prose or the diagnostics`, () => {
        const edit = rename(index, uriOf(file), positionOf(file, needle, delta), newName);
        const edits = show(edit);
        assert.equal(edits.length, count);
        const after = applyWorkspaceEdit(files, edit as lsp.WorkspaceEdit);
        for (const [uri, text] of files)
          if (uri.endsWith('.seed.md')) assert.equal(stripMarkup(after.get(uri)!), stripMarkup(text));
        assert.deepEqual(codes(build(after)), before);
      });
    }
  });
});
