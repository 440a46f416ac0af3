import * as assert from 'node:assert/strict';
import { exportJsonl, type JsonlClaim } from '../../server/src/core';
import { asOfBounds } from '../../server/src/core/features/export/jsonl';
import { parseFixture } from '../helpers/fixture';
import { buildIndex } from '../helpers/workspace';

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
claims:
  k.count: {type: number}
  k.money: {type: money}
  k.date: {type: date}
//- /a.seed.md
---
id: alpha
---
Intro.

[More than thirty]{.claim #many by=rutte key=k.count value="more than 30" as-of=2025-06 disputes=b#few}
[Some]{.claim key=k.money value="5 million"} and [day]{.claim key=k.date value="October 2024" supports=#many}
[nothing]{.claim}
//- /b.seed.md
[Twenty]{.claim #few by=anonymous key=k.count value="20" as-of=2025}
`;

function lines(uris?: string[]): JsonlClaim[] {
  const files = [...exportJsonl({ index: buildIndex(parseFixture(WS).files), ...(uris ? { uris } : {}) })];
  assert.equal(files.length, 1);
  assert.equal(files[0]!.path, '');
  const text = [...files[0]!.chunks].join('');
  assert.ok(text.endsWith('\n'));
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as JsonlClaim);
}

describe('JSONL export', () => {
  const all = lines();

  it('writes one line per claim, in URI then text order, with its place and attributes as written', () => {
    assert.deepEqual(
      all.map((r) => [r.source, r.uri, r.line, r.index, r.claim, r.key, r.value, r.by, r.asOf]),
      [
        ['alpha', 'file:///ws/a.seed.md', 6, 0, 'many', 'k.count', 'more than 30', 'rutte', '2025-06'],
        ['alpha', 'file:///ws/a.seed.md', 7, 1, null, 'k.money', '5 million', null, null],
        ['alpha', 'file:///ws/a.seed.md', 7, 2, null, 'k.date', 'October 2024', null, null],
        ['alpha', 'file:///ws/a.seed.md', 8, 3, null, null, null, null, null],
        ['b', 'file:///ws/b.seed.md', 1, 0, 'few', 'k.count', '20', 'anonymous', '2025'],
      ],
    );
  });

  it('gives the reading: canonical key, unit and interval, a null bound for an unbounded side', () => {
    const reading = (r: JsonlClaim): unknown[] => [r.norm, r.unit, r.lo, r.hi, r.loOpen, r.hiOpen];
    assert.deepEqual(reading(all[0]!), ['more than 30', 'number', 30, null, true, false]);
    assert.deepEqual(reading(all[1]!), ['5000000', 'money:', 5_000_000, 5_000_000, false, false]);
    // October 2024 in days since 1970-01-01.
    const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    assert.deepEqual(reading(all[2]!), ['2024-10', 'date', day('2024-10-01'), day('2024-10-31'), false, false]);
    assert.deepEqual(reading(all[3]!), [null, null, null, null, null, null]);
    assert.deepEqual(reading(all[4]!), ['20', 'number', 20, 20, false, false]);
  });

  it('gives the as-of period as text bounds, and links resolved to source ids', () => {
    assert.deepEqual([all[0]!.asOfFrom, all[0]!.asOfTo], ['2025-06-01', '2025-06-31']);
    assert.deepEqual([all[4]!.asOfFrom, all[4]!.asOfTo], ['2025-01-01', '2025-12-31']);
    assert.deepEqual([all[1]!.asOfFrom, all[1]!.asOfTo], [null, null]);
    assert.deepEqual(asOfBounds('2024-02-29'), ['2024-02-29', '2024-02-29']);
    assert.deepEqual(all[0]!.links, [{ kind: 'disputes', source: 'b', claim: 'few' }]);
    assert.deepEqual(all[2]!.links, [{ kind: 'supports', source: 'alpha', claim: 'many' }]);
  });

  it("carries the core's answer: 20 conflicts with more than 30, acknowledged by the disputes= link", () => {
    assert.deepEqual(all[0]!.core, {
      status: 'single-source',
      corroborating: [],
      conflicting: [],
      acknowledged: ['b'],
    });
    assert.deepEqual(all[4]!.core, {
      status: 'anonymous',
      corroborating: [],
      conflicting: [],
      acknowledged: ['alpha'],
    });
    assert.equal(all[3]!.core.status, 'unsourced');
  });

  it('exports only the sources asked for', () => {
    assert.deepEqual(
      lines(['file:///ws/b.seed.md']).map((r) => r.claim),
      ['few'],
    );
  });
});
