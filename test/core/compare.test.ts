import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { codeActions } from '../../server/src/core/features/codeActions';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { readValue } from '../../server/src/core/model/normalize';
import type { ClaimType } from '../../server/src/core/model/registry';
import { ROOT } from '../helpers/fixture';
import { buildIndex } from '../helpers/workspace';

/**
 * Comparisons that do not cry wolf (issue 14): two sources state one key each,
 * and the workspace says whether they corroborate, conflict or neither.
 */

const REGISTRY = `actors:
  frankfurt: {name: Frankfurt am Main, kind: place, aliases: [Frankfurt]}
  hague: {name: The Hague, kind: place, aliases: [Den Haag]}
  ecb: {name: European Central Bank, kind: organization, aliases: [ECB]}
claims:
  n: {type: number}
  p: {type: percent}
  m: {type: money}
  d: {type: date}
  place: {type: place}
  t: {type: text}
`;

type Relation = 'corroborate' | 'conflict' | 'neither';

interface Side {
  value: string;
  language?: string;
}

function files(type: string, a: Side, b: Side, registry = REGISTRY): Map<string, string> {
  const source = (id: string, s: Side): string =>
    `---\nid: ${id}\n${s.language ? `language: ${s.language}\n` : ''}---\n[It]{.claim by=outlet key=${type} value="${s.value}"}\n`;
  return new Map([
    [`${ROOT}/entities.yaml`, registry],
    [`${ROOT}/a.seed.md`, source('a', a)],
    [`${ROOT}/b.seed.md`, source('b', b)],
  ]);
}

function relation(type: string, a: Side | string, b: Side | string, registry?: string): Relation {
  const sa = typeof a === 'string' ? { value: a } : a;
  const sb = typeof b === 'string' ? { value: b } : b;
  const index = buildIndex(files(type, sa, sb, registry));
  const relations = [`${ROOT}/a.seed.md`, `${ROOT}/b.seed.md`].map((uri) => {
    const codes = computeDiagnostics(index, uri).map((d) => d.code);
    return codes.includes('conflicting-claim')
      ? 'conflict'
      : codes.includes('corroborated-claim')
        ? 'corroborate'
        : 'neither';
  });
  assert.equal(relations[0], relations[1], 'both sides see the same relation');
  return relations[0]!;
}

/** The message of a's conflicting-claim diagnostic. */
function conflictMessage(type: string, a: string, b: string): string {
  const index = buildIndex(files(type, { value: a }, { value: b }));
  return computeDiagnostics(index, `${ROOT}/a.seed.md`).find((d) => d.code === 'conflicting-claim')?.message ?? '';
}

/** [key, value a, value b, expected relation]: every case of the issue, and the real conflicts beside them. */
const CASES: Array<[string, Side | string, Side | string, Relation]> = [
  // Numbers as written.
  ['p', 'five percent', '5%', 'corroborate'],
  ['p', 'five percent', '6%', 'conflict'],
  ['n', 'twelve', '12', 'corroborate'],
  ['n', 'forty-two', '42', 'corroborate'],
  ['n', 'two hundred', '200', 'corroborate'],
  ['n', '2m', '2 million', 'corroborate'],
  ['n', '2 mln', '2,000,000', 'corroborate'],
  ['n', '1.5bn', '1.5 billion', 'corroborate'],
  ['n', '6.4tn', '6,400,000,000,000', 'corroborate'],
  ['n', 'a dozen', '12', 'corroborate'],
  ['n', 'half a million', '500,000', 'corroborate'],
  ['n', 'half a million', '5 million', 'conflict'],
  ['p', { value: '5,5 %', language: 'de' }, '5.5%', 'corroborate'],
  ['p', { value: '5,5 %', language: 'de' }, { value: '5,5 Prozent', language: 'de-AT' }, 'corroborate'],
  ['n', { value: '1.500', language: 'de' }, '1,500', 'corroborate'],
  ['p', { value: '5,5 %', language: 'de' }, '5%', 'conflict'],
  // Money.
  ['m', '$6.4 trillion', '6.4 trillion dollars', 'corroborate'],
  ['m', 'US$6.4tn', 'USD 6,400,000,000,000', 'corroborate'],
  ['m', '€1.5bn', '1.5 billion euros', 'corroborate'],
  ['m', '£20m', '20 million pounds', 'corroborate'],
  ['m', { value: '6,4 Billionen Dollar', language: 'de' }, '$6.4 trillion', 'corroborate'],
  ['m', '$6.4 trillion', '$5 trillion', 'conflict'],
  // Different currencies are different values: no conversion, so they conflict.
  ['m', '$5 billion', '€5 billion', 'conflict'],
  // An amount without a currency is compatible with any currency's same amount.
  ['m', '6.4 trillion', '$6.4 trillion', 'neither'],
  // Qualifiers and ranges are intervals.
  ['n', 'more than 30', '35', 'neither'],
  ['n', 'more than 30', '25', 'conflict'],
  ['n', 'more than 30 people', 'over 30', 'corroborate'],
  ['n', 'more than 30', 'at least 31', 'neither'],
  ['p', 'about 5%', '5%', 'neither'],
  ['p', 'about 5%', '5.4%', 'neither'],
  ['p', 'about 5%', '6%', 'conflict'],
  ['p', 'about 5%', 'around five percent', 'corroborate'],
  ['n', 'between 20 and 30', '25', 'neither'],
  ['n', 'between 20 and 30', '20-30', 'corroborate'],
  ['n', 'between 20 and 30', '35', 'conflict'],
  ['n', 'between 20 and 30', 'between 25 and 40', 'neither'],
  ['n', 'between 20 and 30', 'between 31 and 40', 'conflict'],
  ['n', 'up to 50', '40', 'neither'],
  ['n', 'up to 50', '60', 'conflict'],
  ['n', 'nearly 40', '38', 'neither'],
  ['n', 'nearly 40', '40', 'neither'],
  ['n', 'nearly 40', '45', 'conflict'],
  ['n', 'nearly 40', '20', 'conflict'],
  ['n', 'at least 100', '100', 'neither'],
  ['n', 'at least 100', '150', 'neither'],
  ['n', 'at least 100', '99', 'conflict'],
  ['n', 'less than 40', 'more than 40', 'conflict'],
  ['n', 'fewer than 40', 'more than 30', 'neither'],
  ['m', 'more than $30 billion', '$35bn', 'neither'],
  ['m', 'more than $30 billion', '€35bn', 'conflict'],
  ['n', 'no more than 10', '12', 'conflict'],
  ['n', 'no more than 10', 'up to 10', 'corroborate'],
  ['n', '30 or more', 'at least 30', 'corroborate'],
  ['n', 'dozens of people', '35', 'neither'],
  ['n', 'dozens of people', 'a dozen', 'conflict'],
  ['n', 'a quarter of a million', '250,000', 'corroborate'],
  // Places and actors through the registry.
  ['place', 'Frankfurt am Main', 'Frankfurt', 'corroborate'],
  ['place', 'The Hague', 'Den Haag', 'corroborate'],
  ['place', 'Hague', 'Den Haag', 'corroborate'],
  ['place', 'Frankfurt-am-Main', 'Frankfurt', 'corroborate'],
  ['place', 'the Hague', 'DEN HAAG', 'corroborate'],
  ['place', 'The Hague', 'Frankfurt', 'conflict'],
  ['place', 'Brussels', 'Frankfurt', 'conflict'],
  ['t', 'ECB', 'European Central Bank', 'corroborate'],
  // Dates as written; a month contains its days.
  ['d', 'Oct. 3, 2024', '3 October 2024', 'corroborate'],
  ['d', '3 October 2024', '2024-10-03', 'corroborate'],
  ['d', 'October 2024', '2024-10-03', 'neither'],
  ['d', 'October 2024', 'Oct. 3, 2024', 'neither'],
  ['d', '2024', 'October 2024', 'neither'],
  ['d', 'October 2024', '2024-11-03', 'conflict'],
  ['d', 'Oct. 3, 2024', 'Oct. 4, 2024', 'conflict'],
  ['d', 'Thursday, October 3, 2024', 'the 3rd of October 2024', 'corroborate'],
  ['d', 'in October 2024', '2024-10-03', 'neither'],
  ['d', 'early October 2024', 'Oct. 3, 2024', 'neither'],
  ['d', 'late October 2024', 'Oct. 3, 2024', 'conflict'],
  // Text is still compared as text.
  ['t', 'President', 'former President', 'conflict'],
];

describe('comparing values across sources (issue 14)', () => {
  for (const [key, a, b, want] of CASES) {
    const show = (s: Side | string): string =>
      typeof s === 'string' ? JSON.stringify(s) : `${JSON.stringify(s.value)} (${s.language})`;
    it(`${key}: ${show(a)} vs ${show(b)}: ${want}`, () => {
      assert.equal(relation(key, a, b), want);
    });
  }

  it('places follow the registry: without the alias, Den Haag is another place', () => {
    assert.equal(relation('place', 'The Hague', 'Den Haag', REGISTRY.replace(', aliases: [Den Haag]', '')), 'conflict');
  });

  it('a registry change re-reads the claims it governs', () => {
    const index = buildIndex(files('place', { value: 'The Hague' }, { value: 'Den Haag' }));
    const codes = (): string[] => computeDiagnostics(index, `${ROOT}/a.seed.md`).map((d) => d.code);
    assert.ok(codes().includes('corroborated-claim'));
    const affected = index.setRegistry(`${ROOT}/entities.yaml`, REGISTRY.replace(', aliases: [Den Haag]', ''));
    assert.ok(affected.has(`${ROOT}/a.seed.md`) && affected.has(`${ROOT}/b.seed.md`));
    assert.ok(codes().includes('conflicting-claim'));
    index.setRegistry(`${ROOT}/entities.yaml`, REGISTRY);
    assert.ok(codes().includes('corroborated-claim'));
  });

  it('a change of language re-reads the claims of the source', () => {
    const f = files('n', { value: '1.500', language: 'de' }, { value: '1,500' });
    const index = buildIndex(f);
    const codes = (uri: string): string[] => computeDiagnostics(index, uri).map((d) => d.code);
    assert.ok(codes(`${ROOT}/b.seed.md`).includes('corroborated-claim'));
    const affected = index.setSource(
      `${ROOT}/a.seed.md`,
      f.get(`${ROOT}/a.seed.md`)!.replace('language: de', 'language: en'),
    );
    assert.ok(affected.has(`${ROOT}/b.seed.md`));
    assert.ok(!codes(`${ROOT}/b.seed.md`).includes('corroborated-claim'));
  });

  it('conflict messages name the values as read', () => {
    assert.match(conflictMessage('n', 'more than 30', '25'), / — read as more than 30 vs 25$/);
    assert.match(
      conflictMessage('p', 'five percent', '6%'),
      /"five percent" conflicts .*"6%" in b — read as 5% vs 6%$/,
    );
    assert.match(conflictMessage('m', '$5 billion', '€5 billion'), /read as usd 5000000000 vs eur 5000000000$/);
    assert.match(conflictMessage('place', 'Den Haag', 'Frankfurt'), /read as The Hague vs Frankfurt am Main$/);
    // Text is its own reading: nothing is added.
    assert.doesNotMatch(conflictMessage('t', 'President', 'former President'), /read as/);
  });
});

/** The "Read as" line of the hover on a's claim. */
function readAsLine(type: string, a: Side, b = '1'): string {
  const index = buildIndex(files(type, a, { value: b }));
  const h = hover(index, `${ROOT}/a.seed.md`, { line: a.language ? 4 : 3, character: 1 });
  const text = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  return text
    .split('\n\n')
    .filter((p) => p.startsWith('Read as') || p.startsWith('⚠'))
    .join('\n');
}

describe('the hover shows how a value was read', () => {
  it('numbers, intervals, tolerance, actors, dates and ambiguity', () => {
    assert.equal(readAsLine('p', { value: 'five percent' }), 'Read as: `five percent` → **5%**');
    assert.equal(
      readAsLine('n', { value: 'more than 30' }),
      'Read as: `more than 30` → **more than 30** (allows (30, ∞))',
    );
    assert.equal(
      readAsLine('p', { value: 'about 5%' }),
      'Read as: `about 5%` → **about 5%** (allows \\[4.5%, 5.5%\\]; approximate: ±10%)',
    );
    assert.equal(
      readAsLine('place', { value: 'Den Haag' }),
      'Read as: `Den Haag` → **The Hague** (the registry actor `hague`)',
    );
    assert.equal(
      readAsLine('d', { value: 'October 2024' }),
      'Read as: `October 2024` → **2024-10** (allows 2024-10-01 – 2024-10-31)',
    );
    assert.equal(
      readAsLine('n', { value: '5,5' }),
      "Read as: `5,5` → **5\\.5**\n⚠ Ambiguous: '5,5' uses ',' as a decimal point, which English writes '.'",
    );
    // Exact values read as written, and text: no line.
    assert.equal(readAsLine('p', { value: '5%' }), '');
    assert.equal(readAsLine('t', { value: 'President' }), '');
  });
});

describe('ambiguous values', () => {
  /** The ambiguous-value diagnostic of a's claim, its quick fixes, and a's value after applying the first. */
  function ambiguity(type: string, a: Side): { message?: string; fixes: string[]; fixed?: string } {
    const f = files(type, a, { value: '1' });
    const index = buildIndex(f);
    const uri = `${ROOT}/a.seed.md`;
    const d = computeDiagnostics(index, uri).find((x) => x.code === 'ambiguous-value');
    if (!d) return { fixes: [] };
    const actions = codeActions(index, uri, d.range, ['quickfix']).filter((x) => x.title.startsWith('Write value='));
    const fixed = actions[0]?.edit ? applyWorkspaceEdit(f, actions[0].edit).get(uri) : undefined;
    return {
      message: d.message,
      fixes: actions.map((x) => x.title),
      fixed: fixed !== undefined ? /value=("[^"]*"|\S+?)\}/.exec(fixed)?.[1] : undefined,
    };
  }

  it('a separator the language does not use so: one fix, the reading written as the language writes it', () => {
    const en = ambiguity('p', { value: '5,5 %' });
    assert.match(en.message!, /can be read two ways: '5,5' uses ',' as a decimal point.*; read as 5\.5%$/);
    assert.deepEqual(en.fixes, ['Write value="5.5 %"']);
    assert.equal(en.fixed, '"5.5 %"');
    const de = ambiguity('n', { value: '1.5', language: 'de' });
    assert.deepEqual(de.fixes, ['Write value=1,5']);
    assert.equal(de.fixed, '1,5');
    // After the fix, the value is read the same way and no longer flagged.
    const after = buildIndex(files('n', { value: '1,5', language: 'de' }, { value: '1' }));
    assert.ok(!computeDiagnostics(after, `${ROOT}/a.seed.md`).some((x) => x.code === 'ambiguous-value'));
  });

  it('a date whose day and month can be swapped: both readings offered', () => {
    const r = ambiguity('d', { value: '10/3/2024' });
    assert.deepEqual(r.fixes, ['Write value=2024-10-03', 'Write value=2024-03-10']);
    assert.equal(r.fixed, '2024-10-03');
  });

  it('a decimal point before three digits: both readings offered, the language reading first', () => {
    const de = ambiguity('n', { value: '84,000', language: 'de' });
    assert.match(de.message!, /'84,000' is 84 here, but 84000 where ',' groups thousands; read as 84$/);
    assert.deepEqual(de.fixes, ['Write value=84', 'Write value=84000']);
    const en = ambiguity('n', { value: '1.500 troops' });
    assert.deepEqual(en.fixes, ['Write value="1.5 troops"', 'Write value="1500 troops"']);
  });

  it('unambiguous values are not flagged', () => {
    for (const [type, value, language] of [
      ['n', '84,000'],
      ['p', '5,5 %', 'de'],
      ['n', '1.5'],
      ['d', '13/3/2024'],
      ['t', '5,5'],
    ] as const)
      assert.equal(ambiguity(type, { value, language }).message, undefined, value);
  });
});

describe('comparison properties', () => {
  const TYPES: ClaimType[] = ['number', 'percent', 'money'];
  const number = fc.oneof(
    fc.integer({ min: -1000, max: 100000 }).map(String),
    fc.constantFrom('5', '5.5', '0.25', '84,000', 'five', 'forty-two', 'a dozen', 'half a million', '2m', '1.5bn'),
  );
  const written = fc
    .record({
      qualifier: fc.constantFrom(
        '',
        '',
        'more than ',
        'at least ',
        'up to ',
        'under ',
        'nearly ',
        'about ',
        'between ',
      ),
      number,
      upper: fc.integer({ min: 0, max: 200000 }).map(String),
      unit: fc.constantFrom('', '%', ' percent', ' dollars', ' euros', ' million'),
      currency: fc.constantFrom('', '', '$', '€', 'GBP '),
    })
    .map(
      (w) =>
        `${w.qualifier}${w.currency}${w.number}${w.qualifier === 'between ' ? ` and ${w.upper}` : ''}${w.currency ? '' : w.unit}`,
    );

  it('normalisation is idempotent: the canonical key reads back to the same reading', () => {
    fc.assert(
      fc.property(written, fc.constantFrom(...TYPES), fc.constantFrom(undefined, 'de'), (value, type, language) => {
        const r = readValue(value, type, { language });
        const again = readValue(r.key, type, { language });
        assert.equal(again.key, r.key);
        assert.deepEqual(again.interval, r.interval);
        assert.equal(again.unit, r.unit);
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it('equal readings never conflict: a value and its canonical key corroborate', () => {
    fc.assert(
      fc.property(written, fc.constantFrom('n', 'p', 'm'), (value, key) => {
        const type = ({ n: 'number', p: 'percent', m: 'money' } as const)[key];
        const canonical = readValue(value, type).key;
        assert.equal(relation(key, value, canonical), 'corroborate', `${value} vs ${canonical}`);
      }),
      { seed: 14, numRuns: 150 },
    );
  });
});
