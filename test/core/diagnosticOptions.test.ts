import * as assert from 'node:assert/strict';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';
import {
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticOptions,
  type WorkspaceIndex,
} from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';

/**
 * The diagnostic policy as an input of computeDiagnostics: a code switched
 * off is not checked (its check never runs), and the result equals what the
 * server used to get by filtering and overriding after computing everything.
 */

const FIXTURE = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
claims:
  nato.members: {type: number}
//- /a.seed.md
---
id: a
title: A
---
[Mark Rutte]{.actor ref=rutte} said [32 members]{.claim #x by=rutte key=nato.members value=32}. Rutte again.
[Someone]{.actor ref=nobody} said [x]{.claim key=odd.key value=1 supports=zz#none}. An [unclosed bracket.
//- /b.seed.md
---
id: b
title: B
---
[31 members]{.claim #y by=anonymous key=nato.members value=31} and [32]{.claim #z by=outlet key=nato.members value=32}.
//- /c.seed.md
---
id: c
---
Mark Rutte spoke.
//- /d.seed.md
---
id: b
---
No claims here.
`;

const A = `${ROOT}/a.seed.md`;
const B = `${ROOT}/b.seed.md`;
const CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

function workspace(): { index: WorkspaceIndex; uris: string[] } {
  const fixture = parseFixture(FIXTURE);
  return { index: indexOf(fixture), uris: [...fixture.files.keys()] };
}

/** What the server did before the policy was an input: compute everything, then filter and override. */
function filteredAfter(all: Diagnostic[], options: DiagnosticOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of all) {
    if (d.code === 'unannotated-mention' && options.unannotatedMentions === false) continue;
    const severity = options.severity?.[d.code] ?? d.severity;
    if (severity === 'off') continue;
    out.push({ ...d, severity });
  }
  return out;
}

/** Counts the calls of `index[method]` while `body` runs. */
function countCalls(index: WorkspaceIndex, method: 'corroboration' | 'resolveLink', body: () => void): number {
  const original = (index as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
  let calls = 0;
  (index as unknown as Record<string, unknown>)[method] = (...args: unknown[]): unknown => {
    calls++;
    return original.apply(index, args);
  };
  try {
    body();
  } finally {
    delete (index as unknown as Record<string, unknown>)[method];
  }
  return calls;
}

describe('diagnostic options', () => {
  it('the fixture raises most codes (so the comparisons below mean something)', () => {
    const { index, uris } = workspace();
    const codes = new Set(uris.flatMap((u) => computeDiagnostics(index, u).map((d) => d.code)));
    for (const code of [
      'unknown-actor',
      'duplicate-id',
      'unsourced-claim',
      'anonymous-source',
      'unknown-claim-key',
      'broken-link',
      'conflicting-claim',
      'corroborated-claim',
      'unannotated-mention',
      'malformed-span',
    ] as const)
      assert.ok(codes.has(code), code);
  });

  it('no options, and empty options, give every diagnostic at its default severity', () => {
    const { index, uris } = workspace();
    for (const uri of uris) {
      const all = computeDiagnostics(index, uri);
      assert.deepEqual(computeDiagnostics(index, uri, {}), all);
      for (const d of all) assert.equal(d.severity, DIAGNOSTIC_CODES[d.code].severity);
    }
  });

  it('equals computing everything, then filtering and overriding, for each code off or overridden', () => {
    const { index, uris } = workspace();
    const cases: DiagnosticOptions[] = [{ unannotatedMentions: false }, { unannotatedMentions: true }];
    for (const code of CODES) {
      cases.push({ severity: { [code]: 'off' } });
      cases.push({ severity: { [code]: 'error' } }, { severity: { [code]: 'hint' } });
    }
    cases.push({ severity: Object.fromEntries(CODES.map((c) => [c, 'off'])) });
    for (const options of cases)
      for (const uri of uris)
        assert.deepEqual(
          computeDiagnostics(index, uri, options),
          filteredAfter(computeDiagnostics(index, uri), options),
          `${uri} ${JSON.stringify(options)}`,
        );
  });

  it('a severity of off yields nothing of that code, codes found while parsing included', () => {
    const { index } = workspace();
    for (const code of ['malformed-span', 'unknown-actor', 'conflicting-claim'] as const) {
      assert.ok(
        computeDiagnostics(index, A).some((d) => d.code === code),
        code,
      );
      const ds = computeDiagnostics(index, A, { severity: { [code]: 'off' } });
      assert.ok(!ds.some((d) => d.code === code), code);
    }
  });

  it('claims are not compared with other sources when conflicting-claim and corroborated-claim are off', () => {
    const { index } = workspace();
    assert.ok(countCalls(index, 'corroboration', () => computeDiagnostics(index, B)) > 0);
    // One of the two on: each claim's view is computed once and shared.
    const one = countCalls(index, 'corroboration', () =>
      computeDiagnostics(index, B, { severity: { 'corroborated-claim': 'off' } }),
    );
    assert.equal(
      one,
      countCalls(index, 'corroboration', () => computeDiagnostics(index, B)),
    );
    const off = { severity: { 'conflicting-claim': 'off', 'corroborated-claim': 'off' } } as const;
    assert.equal(
      countCalls(index, 'corroboration', () => computeDiagnostics(index, B, off)),
      0,
    );
  });

  it('links are not resolved when broken-link is off', () => {
    const { index } = workspace();
    assert.ok(countCalls(index, 'resolveLink', () => computeDiagnostics(index, A)) > 0);
    assert.equal(
      countCalls(index, 'resolveLink', () => computeDiagnostics(index, A, { severity: { 'broken-link': 'off' } })),
      0,
    );
  });

  it('prose is not searched for registry names when unannotated mentions are off', () => {
    for (const options of [{ unannotatedMentions: false }, { severity: { 'unannotated-mention': 'off' } }] as const) {
      // A fresh workspace: the name matcher of its registry is built on first use, by reading `names`.
      const { index } = workspace();
      const registry = index.getRegistry(`${ROOT}/entities.yaml`)!;
      const names = registry.names;
      let reads = 0;
      Object.defineProperty(registry, 'names', {
        configurable: true,
        get: () => {
          reads++;
          return names;
        },
      });
      // c.seed.md has no annotation: only the search for names in its prose reads them.
      const C = `${ROOT}/c.seed.md`;
      assert.deepEqual(computeDiagnostics(index, C, options), []);
      assert.equal(reads, 0, JSON.stringify(options));
      assert.deepEqual(
        computeDiagnostics(index, C).map((d) => d.code),
        ['unannotated-mention'],
      );
      assert.ok(reads > 0);
    }
  });
});
