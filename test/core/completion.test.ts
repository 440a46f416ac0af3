import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core';
import { completion } from '../../server/src/core/features/completion';
import { indexOf, parseFixture } from '../helpers/fixture';

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: Secretary General of NATO.}
  nato: {name: NATO, kind: organization}
  trump: {name: Donald Trump, kind: person}
claims:
  nato.spending-target: {type: percent, unit: "% of GDP", description: The share of GDP members spend on defence.}
  nato.members: {type: number}
`;

function complete(fixture: string): lsp.CompletionItem[] {
  const f = parseFixture(fixture);
  assert.ok(f.cursor, 'the fixture has no $0 cursor');
  const position = new LineIndex(f.files.get(f.cursor.uri)!).positionAt(f.cursor.offset);
  return completion(indexOf(f), f.cursor.uri, position);
}

const labels = (items: lsp.CompletionItem[]): string[] => items.map((i) => i.label);
const sorted = (items: lsp.CompletionItem[]): string[] =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

/** The single range all items replace, as `line:char-line:char`. */
function editRange(items: lsp.CompletionItem[]): string {
  const ranges = new Set(
    items.map((i) => {
      const e = i.textEdit as lsp.TextEdit;
      assert.ok(e && 'range' in e, `${i.label} has no textEdit`);
      assert.equal(e.newText, i.label);
      return `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}`;
    }),
  );
  assert.equal(ranges.size, 1, `items replace different ranges: ${[...ranges].join(', ')}`);
  return [...ranges][0]!;
}

describe('completion', () => {
  it('offers actor ids after ref=, those starting with what was typed first', () => {
    const items = complete(`${REGISTRY}//- /a.seed.md\nSee [Mark Rutte]{.actor ref=ru$0}\n`);
    assert.deepEqual(labels(items), ['rutte', 'nato', 'trump']);
    assert.deepEqual(sorted(items), ['rutte', 'nato', 'trump']);
    assert.equal(editRange(items), '0:28-0:30');
    const rutte = items[0]!;
    assert.equal(rutte.detail, 'Mark Rutte · person');
    assert.deepEqual(rutte.documentation, { kind: 'markdown', value: 'Secretary General of NATO.\n\nAlso: Rutte' });
  });

  it('offers actor ids, anonymous and outlet after by=, replacing the whole word inside quotes', () => {
    const items = complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim by="o$0utl" key=nato.members value=32}\n`);
    assert.deepEqual(labels(items), ['rutte', 'nato', 'trump', 'anonymous', 'outlet']);
    assert.equal(sorted(items)[0], 'outlet');
    assert.equal(editRange(items), '0:15-0:19');
    assert.match(String((items[4]!.documentation as lsp.MarkupContent).value), /own assertion/);
  });

  it('offers registry claim keys and the keys used in the workspace after key=', () => {
    const items = complete(
      `${REGISTRY}//- /a.seed.md\n[x]{.claim by=outlet key=nato.$0}\n//- /b.seed.md\n[y]{.claim by=outlet key=nato.troops value=1} [z]{.claim by=outlet key=nato.members value=32}\n`,
    );
    assert.deepEqual(labels(items), ['nato.spending-target', 'nato.members', 'nato.troops']);
    assert.equal(editRange(items), '0:25-0:30');
    assert.equal(items[0]!.detail, 'percent · % of GDP');
    assert.deepEqual(items[1]!.documentation, { kind: 'markdown', value: 'Stated in 1 claim.' });
    assert.equal(items[2]!.detail, 'not in entities.yaml · 1 claim');
  });

  it('offers the classes after a dot', () => {
    let items = complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{.$0}\n`);
    assert.deepEqual(labels(items), ['actor', 'claim']);
    assert.equal(editRange(items), '0:9-0:9');
    items = complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{.ac$0tor ref=rutte}\n`);
    assert.equal(editRange(items), '0:9-0:14');
  });

  it('offers the attribute names of the span kind, except those already given', () => {
    let items = complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim by=outlet $0}\n`);
    assert.deepEqual(labels(items), ['key=', 'value=', 'as-of=', 'supports=', 'disputes=', '#']);
    assert.equal(editRange(items), '0:21-0:21');
    assert.deepEqual(items[0]!.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    assert.equal(items[1]!.command, undefined);
    items = complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim #id va$0 by=outlet}\n`);
    assert.deepEqual(labels(items), ['key=', 'value=', 'as-of=', 'supports=', 'disputes=']);
    assert.equal(editRange(items), '0:15-0:17');
    items = complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{.actor $0}\n`);
    assert.deepEqual(labels(items), ['ref=']);
    items = complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{$0}\n`);
    assert.deepEqual(labels(items), ['.actor', '.claim', '#']);
  });

  it('offers claims of this file and of other files after supports= and disputes=', () => {
    const items = complete(`${REGISTRY}//- /a.seed.md
---
id: a
---
[first claim]{.claim #one by=outlet} [second]{.claim #two by=outlet supports="#one, $0"}
//- /b.seed.md
---
id: b
title: The B Times
---
[a claim in b that is long enough to be cut short in the list of completions]{.claim #bee by=outlet key=nato.members value=32} [no id]{.claim by=outlet}
`);
    assert.deepEqual(labels(items), ['#one', 'b#bee']);
    assert.equal(editRange(items), '3:84-3:84');
    assert.equal(items[0]!.detail, 'first claim');
    assert.equal(items[1]!.detail, 'a claim in b that is long enough to be cut short in the lis… — The B Times');
    assert.deepEqual(items[1]!.labelDetails, { description: 'The B Times' });
    const partial = complete(
      `${REGISTRY}//- /a.seed.md\n[x]{.claim #x by=outlet disputes=b#b$0}\n//- /b.seed.md\n[y]{.claim #y by=outlet}\n`,
    );
    assert.deepEqual(labels(partial), ['b#y']);
    assert.equal(editRange(partial), '0:33-0:36');
  });

  it('works in an attribute list still being typed', () => {
    let items = complete(`${REGISTRY}//- /a.seed.md\nAs [Rutte]{.actor ref=$0\n\nMore text [NATO]{.actor ref=nato}.\n`);
    assert.deepEqual(labels(items), ['rutte', 'nato', 'trump']);
    assert.equal(editRange(items), '0:22-0:22');
    items = complete(`${REGISTRY}//- /a.seed.md\n[the claim]{.claim $0\n`);
    assert.deepEqual(labels(items), ['by=', 'key=', 'value=', 'as-of=', 'supports=', 'disputes=', '#']);
    // A list that swallowed a later span while being typed is still completed at the cursor.
    items = complete(`${REGISTRY}//- /a.seed.md\nAs [Rutte]{.actor ref=tr$0 and [NATO]{.actor ref=nato}.\n`);
    assert.deepEqual(labels(items), ['rutte', 'nato', 'trump']);
    assert.equal(editRange(items), '0:22-0:24');
  });

  it('offers nothing outside attribute lists, after a closed quote, or in code', () => {
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\nPlain $0prose [Rutte]{.actor}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{.actor} after$0\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim by="outlet"$0}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim value=3$0}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{$0.claim}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\nCode: \`[x]{.actor ref=$0 \`\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n---\nid: x$0\n---\n`), []);
  });

  it('offers kinds and claim types in entities.yaml', () => {
    let items = complete(
      `//- /entities.yaml\nactors:\n  rutte:\n    name: Mark Rutte\n    kind: pe$0\nclaims:\n  k: {type: percent}\n`,
    );
    assert.deepEqual(labels(items), ['person', 'organization', 'country', 'place', 'group', 'other']);
    assert.equal(editRange(items), '3:10-3:12');
    items = complete(`//- /entities.yaml\nactors:\n  rutte: {name: Mark Rutte}\nclaims:\n  k: {type: $0}\n`);
    assert.deepEqual(labels(items), ['number', 'percent', 'money', 'date', 'place', 'text']);
    assert.equal(editRange(items), '3:12-3:12');
    assert.match(String((items[1]!.documentation as lsp.MarkupContent).value), /5 per cent/);
    assert.deepEqual(complete(`//- /entities.yaml\nactors:\n  rutte:\n    type: $0\n`), []);
    assert.deepEqual(complete(`//- /entities.yaml\nclaims:\n  k:\n    kind: $0\n`), []);
    assert.deepEqual(complete(`//- /entities.yaml\nactors:\n  rutte:\n    kind:$0\n`), []);
  });

  it('gives UTF-16 ranges on a CRLF file with emoji', () => {
    const items = complete(`${REGISTRY}//- /a.seed.md crlf
😀 first line
🇳🇱 [😀 Rutte]{.actor ref=ru$0
`);
    assert.deepEqual(labels(items), ['rutte', 'nato', 'trump']);
    assert.equal(editRange(items), '1:27-1:29');
    const attr = complete(`${REGISTRY}//- /a.seed.md crlf\n😀\n[🇳🇱 x]{.claim by=outlet k$0}\n`);
    assert.equal(editRange(attr), '1:26-1:27');
  });
});
