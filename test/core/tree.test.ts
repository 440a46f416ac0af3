import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceIndex, type TreeNode, type TreeView } from '../../server/src/core';
import { slugify } from '../../common/actors';
import { treeChildren } from '../../server/src/core/features/tree';
import { MAX_CHILDREN } from '../../server/src/core/features/tree';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';

const FIXTURE = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: NATO chief}
  nato: {name: NATO, kind: organization}
  merz: {name: Friedrich Merz, kind: person}
claims:
  k: {type: percent}
//- /a.seed.md
---
id: a
title: Alpha
outlet: Daily A
published: 2025-06-25
---
[Mark Rutte]{.actor ref=rutte} said [five]{.claim #five by=rutte key=k value=5%}.
[Rutte]{.actor ref=rutte} again, and [NATO]{.actor ref=nato} [agreed]{.claim by=anonymous}.
//- /b.seed.md
---
id: b
title: Beta
---
[Rutte]{.actor ref=rutte}: [two]{.claim #two by=outlet key=k value=2%} [also five]{.claim by=outlet key=k value="5 percent"}
[Ghost]{.actor ref=ghost} [nothing]{.claim}
//- /c.seed.md
---
id: c
---
[five again]{.claim by=outlet key=k value=5%}
`;

function labels(nodes: TreeNode[]): string[] {
  return nodes.map((n) => n.label);
}

function child(nodes: TreeNode[], label: string): TreeNode {
  const n = nodes.find((x) => x.label === label);
  assert.ok(n, `no node '${label}' among ${JSON.stringify(labels(nodes))}`);
  return n;
}

describe('sidebar tree data', () => {
  const index = indexOf(parseFixture(FIXTURE));
  const kids = (view: TreeView, parent?: TreeNode): TreeNode[] => treeChildren(index, view, parent?.id);

  it('actors: kind → actor (counts) → source → mention, with a location to reveal', () => {
    const kinds = kids('actors');
    assert.deepEqual(labels(kinds), ['People', 'Organisations', 'Not in the registry']);
    assert.equal(child(kinds, 'People').description, '2');
    const people = kids('actors', child(kinds, 'People'));
    assert.deepEqual(labels(people), ['Mark Rutte', 'Friedrich Merz']);
    assert.equal(people[0]!.description, '3 mentions · 2 sources');
    assert.equal(people[1]!.description, 'not mentioned');
    assert.equal(people[1]!.collapsible, false);
    const sources = kids('actors', people[0]);
    assert.deepEqual(labels(sources), ['Alpha', 'Beta']);
    assert.equal(sources[0]!.description, 'Daily A · 2 mentions');
    const mentions = kids('actors', sources[0]);
    assert.deepEqual(labels(mentions), ['Mark Rutte', 'Rutte']);
    assert.deepEqual(mentions[1]!.location, {
      uri: `${ROOT}/a.seed.md`,
      range: { start: { line: 7, character: 0 }, end: { line: 7, character: 25 } },
    });
    assert.match(mentions[1]!.description!, /^line 8: Rutte again/);
    assert.deepEqual(labels(kids('actors', child(kinds, 'Not in the registry'))), ['ghost']);
  });

  it('claims: key → value group with its icon → claims in their sources', () => {
    const keys = kids('claims');
    assert.deepEqual(labels(keys), ['k', 'Claims without a key']);
    assert.equal(keys[0]!.description, '2 values · 4 claims');
    const values = kids('claims', keys[0]);
    assert.deepEqual(labels(values), ['5%', '2%']);
    assert.equal(values[0]!.icon, 'conflicting');
    assert.equal(values[0]!.description, '3 sources · conflicts');
    const claims = kids('claims', values[0]);
    assert.deepEqual(
      claims.map((c) => c.location!.uri),
      [`${ROOT}/a.seed.md`, `${ROOT}/b.seed.md`, `${ROOT}/c.seed.md`],
    );
    assert.equal(claims[0]!.label, '“five”');
    assert.match(claims[0]!.description!, /Alpha · by rutte/);
    const keyless = kids('claims', keys[1]);
    assert.deepEqual(labels(keyless), ['“agreed”', '“nothing”']);
    assert.deepEqual(
      keyless.map((c) => c.icon),
      ['anonymous', 'unsourced'],
    );
  });

  it('sources: title, outlet, date and problem count → claims', () => {
    const sources = kids('sources');
    assert.deepEqual(labels(sources), ['Alpha', 'Beta', 'c']);
    assert.equal(sources[0]!.description, 'Daily A · 2025-06-25 · 1 problem');
    assert.equal(sources[1]!.description, '3 problems');
    const claims = kids('sources', sources[1]);
    assert.deepEqual(labels(claims), ['“two”', '“also five”', '“nothing”']);
    assert.equal(claims[0]!.description, 'k = 2% · by the outlet');
  });

  it('ids are stable across rebuilds and unknown or foreign ids give no children', () => {
    const again = indexOf(parseFixture(FIXTURE));
    assert.deepEqual(
      treeChildren(again, 'actors').map((n) => n.id),
      kids('actors').map((n) => n.id),
    );
    assert.deepEqual(treeChildren(index, 'actors', 'not json'), []);
    assert.deepEqual(treeChildren(index, 'claims', kids('actors')[0]!.id), []);
  });

  it('caps long lists with a summary node', () => {
    const big = new WorkspaceIndex({ folders: [ROOT] });
    for (let i = 0; i < MAX_CHILDREN + 7; i++)
      big.setSource(`${ROOT}/s${i}.seed.md`, `[x]{.claim by=outlet key=k${i} value=1}\n`);
    const keys = treeChildren(big, 'claims');
    assert.equal(keys.length, MAX_CHILDREN + 1);
    assert.equal(keys[MAX_CHILDREN]!.label, 'and 7 more');
  });

  it('works on the seeds', () => {
    const seeds = path.resolve(__dirname, '../../../seeds');
    const ix = new WorkspaceIndex({ folders: [URI.file(seeds).toString()] });
    ix.setRegistryBytes(
      URI.file(path.join(seeds, 'entities.yaml')).toString(),
      fs.readFileSync(path.join(seeds, 'entities.yaml')),
    );
    for (const f of fs.readdirSync(seeds).filter((x) => x.endsWith('.seed.md')))
      ix.setSourceBytes(URI.file(path.join(seeds, f)).toString(), fs.readFileSync(path.join(seeds, f)));
    const people = treeChildren(ix, 'actors', treeChildren(ix, 'actors').find((n) => n.label === 'People')!.id);
    assert.equal(people[0]!.label, 'Mark Rutte');
    const sources = treeChildren(ix, 'actors', people[0]!.id);
    assert.equal(sources.length, 5);
    // Mention rows quote the prose around the mention, never markup fragments such as "Trump]{." or "ref=nato}".
    for (const source of sources) {
      for (const m of treeChildren(ix, 'actors', source.id))
        assert.doesNotMatch(m.description!, /[{}]|\]\{|ref=/, m.description);
    }
    const spending = treeChildren(ix, 'claims').find((n) => n.label === 'nato.spending-target')!;
    assert.ok(treeChildren(ix, 'claims', spending.id).some((v) => v.icon === 'conflicting'));
  });

  it('slugify makes registry ids from names', () => {
    assert.equal(slugify('Jean-Noël Barrot'), 'jean-noel-barrot');
    assert.equal(slugify('  U.S. Department of State '), 'u-s-department-of-state');
    assert.equal(slugify('“”'), 'actor');
  });
});
