import * as assert from 'node:assert/strict';
import { claimsMatrix, matrixCell, MatrixJsonWriter } from '../../server/src/core/features/matrix';
import { actorName, decodeMatrix, encodeMatrix, type ClaimsMatrix, type WireMatrix } from '../../common/matrix';
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

const run = (g: Generator<void, string>): string => {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
};
const decode = (json: string): ClaimsMatrix => decodeMatrix(JSON.parse(json) as WireMatrix);

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

  it('puts each claim in its source column with its status, its quotation and where it starts', () => {
    const row = matrix.rows[0]!;
    assert.equal(row.status, 'conflicting');
    const cell = (id: string) => row.cells.find((c) => matrix.sources[c.source]!.id === id)!;
    assert.equal(cell('early').status, 'conflicting');
    const late = cell('late').claims[0]!;
    assert.equal(late.value, '5%');
    assert.equal(late.status, 'conflicting');
    assert.equal(late.by, 'rutte');
    assert.equal(actorName(matrix, late.by), 'Mark Rutte');
    assert.equal(late.quote, 'NATO wants 5%');
    const text = parseFixture(WS).files.get(
      [...parseFixture(WS).files.keys()].find((u) => u.endsWith('/late.seed.md'))!,
    )!;
    assert.equal(text.slice(late.start, late.start + 3), '[[N');
    assert.equal(matrix.rows[1]!.status, 'unsourced');
    // The details are left to matrixCell: nothing but what the grid shows crosses the wire.
    assert.deepEqual(Object.keys(late).sort(), ['asOf', 'by', 'quote', 'start', 'status', 'value']);
  });

  it('gives a cell’s claims in detail: their ranges, and who corroborates or contradicts them', () => {
    const index = buildIndex(parseFixture(WS).files);
    const uri = (name: string) => index.sourceUris().find((u) => u.endsWith(`/${name}.seed.md`))!;
    const late = matrixCell(index, 'nato.spending-target', uri('late'));
    assert.equal(late.length, 1);
    // The claim is the whole of line 5.
    const line5 = index.getSource(uri('late'))!.text.split('\n')[5]!;
    assert.deepEqual(late[0]!.range, { start: { line: 5, character: 0 }, end: { line: 5, character: line5.length } });
    assert.deepEqual(late[0]!.corroboratedBy, ['undated']);
    assert.deepEqual(late[0]!.conflictsWith, ['early']);
    const early = matrixCell(index, 'nato.spending-target', uri('early'));
    assert.deepEqual(early[0]!.conflictsWith.sort(), ['late', 'undated']);
    // The same claim as the matrix's cell, plus the details.
    const inMatrix = matrix.rows[0]!.cells.find((c) => matrix.sources[c.source]!.id === 'late')!.claims[0]!;
    assert.deepEqual(
      { ...late[0]!, range: undefined, corroboratedBy: undefined, conflictsWith: undefined },
      {
        ...inMatrix,
        range: undefined,
        corroboratedBy: undefined,
        conflictsWith: undefined,
      },
    );
    assert.deepEqual(matrixCell(index, 'nato.spending-target', uri('none')), []);
    assert.deepEqual(matrixCell(index, 'no.such-key', uri('late')), []);
    assert.deepEqual(matrixCell(index, 'nato.spending-target', 'file:///nowhere.seed.md'), []);
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

  it('is written once per index revision: the same text until a source or registry changes', () => {
    const service = createLanguageService(buildIndex(parseFixture(WS).files));
    const first = run(service.claimsMatrixJsonSteps());
    assert.equal(run(service.claimsMatrixJsonSteps()), first);
    const late = [...parseFixture(WS).files.keys()].find((u) => u.endsWith('/late.seed.md'))!;
    service.workspace.setSource(
      late,
      '---\nid: late\n---\n[It is 3%]{.claim by=rutte key=nato.spending-target value="3%"}\n',
    );
    const second = decode(run(service.claimsMatrixJsonSteps()));
    const row = second.rows.find((r) => r.key === 'nato.spending-target')!;
    const lateCol = second.sources.findIndex((s) => s.id === 'late');
    assert.equal(row.cells.find((c) => c.source === lateCol)?.claims[0]?.value, '3%');
    assert.deepEqual(second, service.claimsMatrix());
    const registry = [...parseFixture(WS).files.keys()].find((u) => u.endsWith('/entities.yaml'))!;
    service.workspace.setRegistry(registry, 'actors: {}\n');
    const third = decode(run(service.claimsMatrixJsonSteps()));
    assert.equal(third.rows.find((r) => r.key === 'nato.spending-target')?.description, undefined);
    assert.deepEqual(third.actorNames, {});
    service.workspace.removeSource(late);
    assert.ok(!decode(run(service.claimsMatrixJsonSteps())).sources.some((s) => s.id === 'late'));
  });

  it('is built and written in steps, within a row too, which give the matrix built in one go', () => {
    // 1,500 sources claim one key: its row alone is several steps.
    const files = new Map<string, string>();
    for (let i = 0; i < 1500; i++)
      files.set(
        `file:///ws/s${i}.seed.md`,
        `---\nid: s${i}\n---\n[It is ${i % 3}%]{.claim by=anonymous key=k value="${i % 3}%"} and [x]{.claim key=k${i % 7} value=${i % 2}}\n`,
      );
    const index = buildIndex(files, 'file:///ws');
    const steps = new MatrixJsonWriter().steps(index);
    let n = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) n++;
    assert.ok(n >= 4, `${n} steps`);
    const wire = JSON.parse(step.value) as WireMatrix;
    assert.deepEqual(wire, JSON.parse(JSON.stringify(encodeMatrix(claimsMatrix(index)))));
    assert.deepEqual(decodeMatrix(wire), claimsMatrix(index));
    assert.equal(decodeMatrix(wire).rows.find((r) => r.key === 'k')!.cells.length, 1500);
    // A row's string table holds each of its values once: 3 values and one id, not 1,500 strings.
    assert.ok(wire.rows.find((r) => r.key === 'k')!.strings.length <= 4);
  });

  it('sends its JSON text in a wire format that gives the matrix back, for the seeds and an empty workspace', () => {
    const seeds = buildIndex(seedTexts());
    const text = run(new MatrixJsonWriter().steps(seeds));
    assert.deepEqual(decode(text), claimsMatrix(seeds));
    const plain = JSON.stringify(claimsMatrix(seeds));
    assert.ok(text.length < plain.length * 0.8, `${text.length} vs ${plain.length}`);
    const empty = buildIndex(new Map());
    assert.deepEqual(claimsMatrix(empty).rows, []);
    assert.deepEqual(decode(run(new MatrixJsonWriter().steps(empty))), claimsMatrix(empty));
  });

  it('refuses a malformed wire matrix with a clear error', () => {
    const wire = encodeMatrix(matrix);
    assert.throws(() => decodeMatrix({ ...wire, format: 2 as 1 }), /unknown claims matrix format 2/);
    const badString = {
      ...wire,
      rows: wire.rows.map((r) => ({ ...r, cells: r.cells.map((n, i) => (i === 3 ? 999 : n)) })),
    };
    assert.throws(() => decodeMatrix(badString), /no string 999/);
    const badStatus = { ...wire, rows: wire.rows.map((r) => ({ ...r, status: 42 })) };
    assert.throws(() => decodeMatrix(badStatus), /no status 42/);
  });

  it('is not kept when the index changes between its steps, and the next answer has the change', () => {
    const files = parseFixture(WS).files;
    const service = createLanguageService(buildIndex(files));
    const late = [...files.keys()].find((u) => u.endsWith('/late.seed.md'))!;
    const steps = service.claimsMatrixJsonSteps();
    steps.next();
    service.workspace.setSource(
      late,
      '---\nid: late\n---\n[It is 7%]{.claim by=rutte key=nato.spending-target value="7%"}\n',
    );
    for (let step = steps.next(); !step.done; step = steps.next());
    const after = run(service.claimsMatrixJsonSteps());
    const m = decode(after);
    const row = m.rows.find((r) => r.key === 'nato.spending-target')!;
    const col = m.sources.findIndex((s) => s.id === 'late');
    assert.equal(row.cells.find((c) => c.source === col)?.claims[0]?.value, '7%');
    assert.deepEqual(m, service.claimsMatrix());
  });
});
