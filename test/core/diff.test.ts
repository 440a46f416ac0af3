import * as assert from 'node:assert/strict';
import { diffMarkdown, diffWorkspaces, type WorkspaceDiff } from '../../server/src/core';
import { parseFixture } from '../helpers/fixture';
import { buildIndex } from '../helpers/workspace';

const BEFORE = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, wikidata: Q57792}
  nato: {name: NATO, kind: organization}
  eu: {name: European Union, kind: organization}
  gone: {name: Gone Person, kind: person}
  oldid: {name: Same Name, kind: person}
claims:
  k.pct: {type: percent}
//- /a.seed.md
[x]{.claim #a1 by=rutte key=k.pct value="5%" as-of=2025}
[y]{.claim by=nato key=k.other value="yes"}
[z]{.claim by=nato key=k.other value="no"}
//- /b.seed.md
[x]{.claim #b1 key=k.pct value="2%" as-of=2025}
[w]{.claim key=k.gone value="1"}
//- /c.seed.md
[x]{.claim key=k.pct value="5%" as-of=2025}
`;

// a.seed.md moved (same source id); rutte's id changed (same Wikidata id), NATO's name changed (same id), oldid's
// id changed (same name), gone removed, new added; claims edited as the comments in the test say.
const AFTER = `//- /entities.yaml
actors:
  mark-rutte: {name: Mark Rutte, kind: person, wikidata: Q57792}
  nato: {name: North Atlantic Treaty Organization, kind: organization}
  eu: {name: European Union, kind: organization}
  newid: {name: Same Name, kind: person}
  new: {name: New Actor, kind: group}
claims:
  k.pct: {type: percent}
//- /moved/a.seed.md
[x]{.claim #a1 by=mark-rutte key=k.pct value="5%" as-of=2025}
[y]{.claim by=nato key=k.other value="yes"}
[z]{.claim by=eu key=k.other value="no"}
//- /b.seed.md
[x]{.claim #b1 key=k.pct value="5 percent" as-of=2025-06}
[n]{.claim key=k.new value="1"}
//- /c.seed.md
[x]{.claim key=k.pct value="3%" as-of=2025}
`;

const index = (text: string): ReturnType<typeof buildIndex> => buildIndex(parseFixture(text).files);

describe('workspace diff', () => {
  const d = diffWorkspaces(index(BEFORE), index(AFTER));

  it('matches claims by source id and claim id, then by key in order, wherever the file is', () => {
    const brief = (c: { source: string; key?: string; value?: string; line: number }): string =>
      `${c.source}:${c.line} ${c.key}=${c.value}`;
    assert.deepEqual(d.claims.added.map(brief), ['b:2 k.new=1']);
    assert.deepEqual(d.claims.removed.map(brief), ['b:2 k.gone=1']);
    assert.deepEqual(
      d.claims.changed.map((c) => [c.after.source, c.after.line, c.fields]),
      [
        ['a', 1, ['by']], // #a1: by=rutte → mark-rutte
        ['a', 3, ['by']], // the second k.other: by=nato → eu
        ['b', 1, ['value', 'asOf']], // #b1: 2% → 5 percent, 2025 → 2025-06
        ['c', 1, ['value']], // 5% → 3%
      ],
    );
    const b1 = d.claims.changed[2]!;
    assert.deepEqual(
      [b1.before.value, b1.after.value, b1.before.asOf, b1.after.asOf],
      ['2%', '5 percent', '2025', '2025-06'],
    );
    assert.equal(d.claims.changed[0]!.after.uri, 'file:///ws/moved/a.seed.md');
  });

  it('lists the conflicts that appeared and were resolved, as pairs of sources on a key', () => {
    // Before: a (5%) and c (5%) against b (2%). After: b (5 percent in 2025-06) with a, against c (3%); a against c.
    assert.deepEqual(d.conflicts.appeared, [{ key: 'k.pct', sources: ['a', 'c'], values: ['5%', '3%'] }]);
    assert.deepEqual(d.conflicts.resolved, [{ key: 'k.pct', sources: ['a', 'b'], values: ['5%', '2%'] }]);
  });

  it('lists actors added, removed and renamed (same id, same Wikidata id, or same name)', () => {
    assert.deepEqual(
      d.actors.added.map((a) => a.id),
      ['new'],
    );
    assert.deepEqual(
      d.actors.removed.map((a) => a.id),
      ['gone'],
    );
    assert.deepEqual(
      d.actors.renamed.map((r) => [r.before.id, r.before.name, r.after.id, r.after.name]),
      [
        ['nato', 'NATO', 'nato', 'North Atlantic Treaty Organization'],
        ['oldid', 'Same Name', 'newid', 'Same Name'],
        ['rutte', 'Mark Rutte', 'mark-rutte', 'Mark Rutte'],
      ],
    );
  });

  it('finds nothing between a workspace and itself', () => {
    const same = diffWorkspaces(index(BEFORE), index(BEFORE));
    const empty: WorkspaceDiff = {
      claims: { added: [], removed: [], changed: [] },
      conflicts: { appeared: [], resolved: [] },
      actors: { added: [], removed: [], renamed: [] },
    };
    assert.deepEqual(same, empty);
    assert.match(diffMarkdown(same), /^## Claims: what changed\n\n0 claims added, 0 removed, 0 changed/);
  });

  it('writes Markdown for a pull-request comment: a summary, then one section per kind of change', () => {
    const md = diffMarkdown(d, (uri) => uri.replace('file:///ws/', ''));
    const lines = md.split('\n');
    assert.equal(
      lines[2],
      '1 claim added, 1 removed, 4 changed · 1 conflict appeared, 1 resolved · 1 actor added, 1 removed, 3 renamed',
    );
    const section = (title: string): string[] => {
      const at = lines.indexOf(`### ${title}`);
      assert.ok(at > 0, title);
      const end = lines.findIndex((l, i) => i > at && l.startsWith('### '));
      return lines.slice(at + 2, end < 0 ? undefined : end).filter((l) => l !== '');
    };
    assert.deepEqual(section('Claims added'), ['- `b`: `k.new` = `1` (`b.seed.md:2`)']);
    assert.ok(
      section('Claims changed').includes(
        '- `b` `#b1` `k.pct`: value `2%` → `5 percent`; as-of `2025` → `2025-06` (`b.seed.md:1`)',
      ),
    );
    assert.deepEqual(section('Conflicts resolved'), ['- `k.pct`: `a` says `5%`, `b` says `2%`']);
    assert.deepEqual(
      section('Actors renamed')[2],
      '- `rutte` Mark Rutte (person, Q57792) → `mark-rutte` Mark Rutte (person, Q57792)',
    );
  });

  it('counts a conflict that a new disputes= link acknowledges as resolved, and a key changed under one id', () => {
    const ws = (link: string, key: string): string =>
      `//- /a.seed.md\n[x]{.claim #a key=k value=1${link}}\n//- /b.seed.md\n[x]{.claim #b key=k value=2}\n[y]{.claim #c key=${key} value=3}\n`;
    const d = diffWorkspaces(index(ws('', 'old')), index(ws(' disputes=b#b', 'new')));
    assert.deepEqual(d.conflicts.resolved, [{ key: 'k', sources: ['a', 'b'], values: ['1', '2'] }]);
    assert.deepEqual(d.conflicts.appeared, []);
    assert.deepEqual(
      d.claims.changed.map((c) => [c.after.claim, c.before.key, c.after.key, c.fields]),
      [['c', 'old', 'new', ['key']]],
    );
    assert.deepEqual([d.claims.added, d.claims.removed], [[], []]);
  });

  it('keeps a value with backticks or Markdown in one piece of inline code', () => {
    const md = diffMarkdown(
      diffWorkspaces(index('//- /a.seed.md\n'), index('//- /a.seed.md\n[x]{.claim key=k value="a ``b`` *c*"}\n')),
    );
    assert.ok(md.includes('- `a`: `k` = ```a ``b`` *c*``` (`file:///ws/a.seed.md:1`)'), md);
  });
});
