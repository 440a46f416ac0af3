import * as assert from 'node:assert/strict';
import { claimsMatrix } from '../../server/src/core/features/matrix';
import { claimStatus, worseStatus } from '../../server/src/core/features/claimStatus';
import { CLAIM_STATUSES } from '../../common/rendering';
import { buildIndex, seedTexts } from '../helpers/workspace';
import { parseFixture } from '../helpers/fixture';
import { createLanguageService } from '../../server/src/core';

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent, description: NATO's defence spending target}
//- /late.seed.md
---
id: late
title: Late
published: 2025-06-01
---
[[NATO]{.actor ref=nato} wants 5%]{.claim by=rutte key=nato.spending-target value="5%" as-of=2025}
//- /early.seed.md
---
id: early
title: Early
outlet: Paper
published: 2024-01-01
---
[It is 2%]{.claim by=anonymous key=nato.spending-target value="2%" as-of=2025} and [x]{.claim key=other value=1}
//- /undated.seed.md
---
id: undated
---
[Five per cent]{.claim by=rutte key=nato.spending-target value="5 percent" as-of=2025}
//- /none.seed.md
No claims here.
`;

describe('claims matrix', () => {
  const matrix = claimsMatrix(buildIndex(parseFixture(WS).files));

  it('has a column per source with a claim, in publication order, undated last', () => {
    assert.deepEqual(
      matrix.sources.map((s) => s.id),
      ['early', 'late', 'undated'],
    );
    assert.equal(matrix.sources[0]!.outlet, 'Paper');
    assert.equal(matrix.sources[0]!.published, '2024-01-01');
  });

  it('has a row per key, grouped by prefix, with the registry description', () => {
    assert.deepEqual(
      matrix.rows.map((r) => [r.key, r.group]),
      [
        ['nato.spending-target', 'nato'],
        ['other', 'other'],
      ],
    );
    assert.equal(matrix.rows[0]!.description, "NATO's defence spending target");
  });

  it('puts each claim in its source column with its status and its links', () => {
    const row = matrix.rows[0]!;
    assert.equal(row.status, 'conflicting');
    const cell = (id: string) => row.cells.find((c) => matrix.sources[c.source]!.id === id)!;
    assert.equal(cell('early').status, 'conflicting');
    assert.deepEqual(cell('early').claims[0]!.conflictsWith.sort(), ['late', 'undated']);
    assert.equal(cell('late').claims[0]!.value, '5%');
    assert.deepEqual(cell('late').claims[0]!.corroboratedBy, ['undated']);
    assert.equal(cell('late').claims[0]!.byName, 'Mark Rutte');
    assert.equal(cell('late').claims[0]!.quote, 'NATO wants 5%');
    assert.deepEqual(cell('late').claims[0]!.range.start, { line: 5, character: 0 });
    assert.equal(matrix.rows[1]!.status, 'unsourced');
  });

  it('names the actors that assert or are mentioned in a row', () => {
    assert.deepEqual(matrix.rows[0]!.actors, ['nato', 'rutte']);
    assert.equal(matrix.actorNames['nato'], 'NATO');
  });

  it('orders statuses as CLAIM_STATUSES does', () => {
    for (const a of CLAIM_STATUSES)
      for (const b of CLAIM_STATUSES)
        assert.equal(worseStatus(a, b), CLAIM_STATUSES.indexOf(a) <= CLAIM_STATUSES.indexOf(b) ? a : b);
    const claim = { links: [], text: '', start: 0, end: 0, contentStart: 0, contentEnd: 0, attrEnd: 0 };
    assert.equal(claimStatus(claim, undefined), 'unsourced');
    assert.equal(claimStatus({ ...claim, by: 'anonymous' }, undefined), 'anonymous');
    assert.equal(claimStatus({ ...claim, by: 'x' }, undefined), 'single-source');
  });

  it('shows the seeds’ spending-target conflict: 5% against 2%', () => {
    const seeds = claimsMatrix(buildIndex(seedTexts()));
    const row = seeds.rows.find((r) => r.key === 'nato.spending-target')!;
    const values = new Map(row.cells.map((c) => [seeds.sources[c.source]!.id, c.claims.map((x) => x.value)]));
    for (const [id, vs] of values) assert.ok(vs.length > 0, id);
    const five = [...values].filter(([, vs]) => vs.some((v) => v.startsWith('5%'))).map(([id]) => id);
    const two = [...values].filter(([, vs]) => vs.some((v) => v.startsWith('2%'))).map(([id]) => id);
    assert.ok(five.length >= 2 && two.length >= 1, `5%: ${five.join()}, 2%: ${two.join()}`);
    assert.equal(row.status, 'conflicting');
    // Every claim of the seeds is in exactly one cell.
    const total = seeds.rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.claims.length, 0), 0);
    const index = buildIndex(seedTexts());
    const expected = index
      .sourceUris()
      .reduce(
        (n, u) => n + index.getSource(u)!.claims.filter((c) => c.key !== undefined && c.value !== undefined).length,
        0,
      );
    assert.equal(total, expected);
  });

  it('is computed once per index revision: the same answer until a source or registry changes', () => {
    const service = createLanguageService(buildIndex(parseFixture(WS).files));
    const first = service.claimsMatrix();
    assert.equal(service.claimsMatrix(), first);
    const late = [...parseFixture(WS).files.keys()].find((u) => u.endsWith('/late.seed.md'))!;
    service.workspace.setSource(
      late,
      '---\nid: late\n---\n[It is 3%]{.claim by=rutte key=nato.spending-target value="3%"}\n',
    );
    const second = service.claimsMatrix();
    assert.notEqual(second, first);
    const row = second.rows.find((r) => r.key === 'nato.spending-target')!;
    const lateCol = second.sources.findIndex((s) => s.id === 'late');
    assert.equal(row.cells.find((c) => c.source === lateCol)?.claims[0]?.value, '3%');
    assert.equal(service.claimsMatrix(), second);
    const registry = [...parseFixture(WS).files.keys()].find((u) => u.endsWith('/entities.yaml'))!;
    service.workspace.setRegistry(registry, 'actors: {}\n');
    const third = service.claimsMatrix();
    assert.notEqual(third, second);
    assert.equal(third.rows.find((r) => r.key === 'nato.spending-target')?.description, undefined);
    service.workspace.removeSource(late);
    assert.ok(!service.claimsMatrix().sources.some((s) => s.id === 'late'));
  });
});
