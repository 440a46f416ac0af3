import * as assert from 'node:assert/strict';
import {
  DEFAULT_FILTERS,
  cellAt,
  cellText,
  csvField,
  matrixCsv,
  matrixView,
  readState,
  scrollToShow,
  visibleSpan,
  type MatrixFilters,
  type MatrixView,
} from '../../client/src/matrixModel';
import type { ClaimsMatrix } from '../../common/matrix';
import { claimsMatrix } from '../../server/src/core/features/matrix';
import { parseFixture } from '../helpers/fixture';
import { buildIndex } from '../helpers/workspace';

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
  nato: {name: NATO, kind: organization}
  trump: {name: Donald Trump, kind: person}
claims:
  nato.spending-target: {type: percent, description: Defence spending target}
//- /a.seed.md
---
id: a
title: Alpha, "the first"
outlet: Paper
published: 2024-01-01
---
[[NATO]{.actor ref=nato} wants 5%]{.claim by=rutte key=nato.spending-target value="5%" as-of=2025}
[Members: 32]{.claim by=rutte key=nato.members value=32}
//- /b.seed.md
---
id: b
title: Beta
published: 2024-02-01
---
[It is 2%]{.claim by=anonymous key=nato.spending-target value="2%" as-of=2025}
[Tariffs of 10%]{.claim by=trump key=us.tariff value="10%"}
//- /c.seed.md
---
id: c
title: Gamma
published: 2024-03-01
---
[Five per cent]{.claim by=rutte key=nato.spending-target value="5 percent" as-of=2025}
[Members: 32]{.claim by=outlet key=nato.members value=32}
[Rumour]{.claim key=us.rumour value=yes}
`;

const matrix: ClaimsMatrix = claimsMatrix(buildIndex(parseFixture(WS).files));
const withFilters = (f: Partial<MatrixFilters>): MatrixView => matrixView(matrix, { ...DEFAULT_FILTERS, ...f });
/** The view's lines: `# group (n)` for a heading, the key for a row. */
const lines = (v: MatrixView): string[] =>
  v.rows.map((l) => (l.kind === 'group' ? `# ${l.group} (${l.keys})` : l.row.key));
const columnIds = (v: MatrixView): string[] => v.columns.map((i) => matrix.sources[i]!.id);

describe('the claims matrix view (pure logic)', () => {
  it('groups rows under their prefix, sorted by key, with every source as a column', () => {
    const v = withFilters({});
    assert.deepEqual(lines(v), [
      '# nato (2)',
      'nato.members',
      'nato.spending-target',
      '# us (2)',
      'us.rumour',
      'us.tariff',
    ]);
    assert.deepEqual(columnIds(v), ['a', 'b', 'c']);
    assert.equal(v.keys, 4);
  });

  it('sorts by number of sources (most first) and by status (conflicts first), groups following their first row', () => {
    assert.deepEqual(lines(withFilters({ sort: 'sources' })), [
      '# nato (2)',
      'nato.spending-target',
      'nato.members',
      '# us (2)',
      'us.rumour',
      'us.tariff',
    ]);
    // conflicting < corroborated < unsourced < … < single-source.
    assert.deepEqual(lines(withFilters({ sort: 'status' })), [
      '# nato (2)',
      'nato.spending-target',
      'nato.members',
      '# us (2)',
      'us.rumour',
      'us.tariff',
    ]);
  });

  it('filters by actor (by or about), keeping only the sources of the kept rows as columns', () => {
    const trump = withFilters({ actor: 'trump' });
    assert.deepEqual(lines(trump), ['# us (1)', 'us.tariff']);
    assert.deepEqual(columnIds(trump), ['b']);
    // NATO is mentioned inside the 5% claim: the row is about it.
    assert.deepEqual(lines(withFilters({ actor: 'nato' })), ['# nato (1)', 'nato.spending-target']);
  });

  it('filters by key text, status, free text and conflicts only', () => {
    assert.deepEqual(lines(withFilters({ key: 'MEMBERS ' })), ['# nato (1)', 'nato.members']);
    assert.deepEqual(lines(withFilters({ status: 'unsourced' })), ['# us (1)', 'us.rumour']);
    assert.deepEqual(lines(withFilters({ status: 'corroborated' })), ['# nato (1)', 'nato.members']);
    // Text in a quotation, a value, an asserting actor's name.
    assert.deepEqual(lines(withFilters({ text: 'five per' })), ['# nato (1)', 'nato.spending-target']);
    assert.deepEqual(lines(withFilters({ text: '10%' })), ['# us (1)', 'us.tariff']);
    assert.deepEqual(lines(withFilters({ text: 'donald' })), ['# us (1)', 'us.tariff']);
    const conflicts = withFilters({ conflictsOnly: true });
    assert.deepEqual(lines(conflicts), ['# nato (1)', 'nato.spending-target']);
    assert.deepEqual(columnIds(conflicts), ['a', 'b', 'c']);
    const none = withFilters({ key: 'nothing-like-this' });
    assert.deepEqual([none.rows, none.columns, none.keys], [[], [], 0]);
  });

  it('finds a row’s cell by source, and writes it as value (as-of)', () => {
    const row = matrix.rows.find((r) => r.key === 'nato.spending-target')!;
    const b = matrix.sources.findIndex((s) => s.id === 'b');
    assert.equal(cellText(cellAt(row, b)!), '2% (2025)');
    const tariff = matrix.rows.find((r) => r.key === 'us.tariff')!;
    assert.equal(cellAt(tariff, 0), undefined);
    assert.equal(cellText(cellAt(tariff, b)!), '10%');
  });

  it('computes the window of a virtualised list', () => {
    // 1,000 rows of 30 px, a viewport of 300 px scrolled to 3,000 px: rows 100–109, plus 2 each side.
    assert.deepEqual(visibleSpan(3000, 300, 30, 1000), { start: 98, end: 112 });
    assert.deepEqual(visibleSpan(0, 300, 30, 1000, 0), { start: 0, end: 10 });
    // Part of a row shows: it is in the window.
    assert.deepEqual(visibleSpan(15, 300, 30, 1000, 0), { start: 0, end: 11 });
    // Clamped at the end, and for negative (rubber-band) offsets and empty lists.
    assert.deepEqual(visibleSpan(29_990, 300, 30, 1000), { start: 997, end: 1000 });
    assert.deepEqual(visibleSpan(-50, 60, 30, 5, 0), { start: 0, end: 2 });
    assert.deepEqual(visibleSpan(0, 300, 30, 0), { start: 0, end: 0 });
    assert.deepEqual(visibleSpan(10_000_000, 300, 30, 10), { start: 10, end: 10 });
  });

  it('scrolls just enough to show an item', () => {
    assert.equal(scrollToShow(5, 30, 0, 300), 0); // already in view
    assert.equal(scrollToShow(20, 30, 0, 300), 330); // below: its bottom at the viewport's bottom
    assert.equal(scrollToShow(2, 30, 300, 300), 60); // above: its top at the viewport's top
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "5%"'), '"say ""5%"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\r'), '"cr\r"');
    assert.equal(csvField(''), '');
  });

  it('exports what the view shows as CSV: a heading, then a line per key, CRLF', () => {
    const csv = matrixCsv(matrix, withFilters({ key: 'nato.' }));
    const records = csv.split('\r\n');
    assert.equal(records.at(-1), '', 'ends with CRLF');
    assert.deepEqual(records.slice(0, -1), [
      'group,key,description,"Alpha, ""the first"" (Paper, 2024-01-01)",Beta (2024-02-01),Gamma (2024-03-01)',
      'nato,nato.members,,32,,32',
      'nato,nato.spending-target,Defence spending target,5% (2025),2% (2025),5 percent (2025)',
    ]);
    // Only the columns in view.
    const us = matrixCsv(matrix, withFilters({ actor: 'trump' }));
    assert.equal(us, 'group,key,description,Beta (2024-02-01)\r\nus,us.tariff,,10%\r\n');
  });

  it('reads a saved state, dropping what is malformed', () => {
    assert.deepEqual(readState(undefined), { filters: DEFAULT_FILTERS, scrollTop: 0, scrollLeft: 0 });
    const saved = {
      filters: { actor: 'rutte', key: 'nato', status: 'conflicting', text: 'x', sort: 'status', conflictsOnly: true },
      scrollTop: 120,
      scrollLeft: 40,
      focus: { key: 'nato.members', source: 'a' },
    };
    assert.deepEqual(readState(saved), saved);
    const bad = readState({ filters: { status: 'nonsense', sort: 'sideways', key: 3 }, scrollTop: NaN, focus: 1 });
    assert.deepEqual(bad, { filters: DEFAULT_FILTERS, scrollTop: 0, scrollLeft: 0 });
  });
});
