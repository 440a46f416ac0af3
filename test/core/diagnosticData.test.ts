import * as assert from 'node:assert/strict';
import { indexOf, parseFixture } from '../helpers/fixture';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { readDiagnosticData } from '../../server/src/core/base/types';
import { Context } from '../../server/src/core/features/editing/context';
import { quickFixes } from '../../server/src/core/features/codeActions/quickFixes';

/**
 * The typed payloads of diagnostics (base/diagnosticData.ts): every payload
 * the core produces is plain JSON of its code's shape, and a payload read
 * back (the client echoes it) is accepted only if it has that shape.
 */

const FIXTURE = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
claims:
  nato.members: {type: number}
//- /a.seed.md
---
id: a
---
[Mark Rutte]{.actor ref=rute} and [Nobody Known]{.actor} said [32]{.claim #x key=nato.member value=32}. Rutte too.
[Mark Rutte]{.actr} said [it]{.claim key=odd value=1 by=rutte}.

This passage of twenty or more words is written here once and then once again so that it repeats in the file.
This passage of twenty or more words is written here once and then once again so that it repeats in the file.
//- /b.seed.md
---
id: b
---
[31]{.claim #y by=outlet key=nato.members value=31}, [32]{.claim by=outlet key=nato.member value=32}.
//- /c.seed.md
---
id: c
---
[30]{.claim by=outlet key=nato.members value=30}.
`;

describe('diagnostic payloads', () => {
  it('every payload produced is plain JSON that reads back as its code shape', () => {
    const fixture = parseFixture(FIXTURE);
    const index = indexOf(fixture);
    const seen = new Set<string>();
    for (const uri of fixture.files.keys()) {
      for (const d of computeDiagnostics(index, uri)) {
        if (d.data === undefined) continue;
        seen.add(d.code);
        const wire: unknown = JSON.parse(JSON.stringify(d.data));
        assert.deepEqual(wire, d.data, d.code);
        assert.deepEqual(readDiagnosticData(d.code, wire), d.data, d.code);
      }
    }
    assert.deepEqual([...seen].sort(), [
      'conflicting-claim',
      'duplicate-passage',
      'malformed-attribute',
      'unannotated-mention',
      'unknown-actor',
      'unknown-claim-key',
      'unsourced-claim',
    ]);
  });

  it('accepts each shape', () => {
    assert.deepEqual(readDiagnosticData('unknown-actor', { actor: 'x' }), { actor: 'x' });
    assert.deepEqual(readDiagnosticData('unknown-actor', { actor: 'x', suggestion: 'y' }), {
      actor: 'x',
      suggestion: 'y',
    });
    assert.deepEqual(readDiagnosticData('unknown-actor', { name: 'X Y' }), { name: 'X Y' });
    assert.deepEqual(readDiagnosticData('unknown-claim-key', { key: 'k' }), { key: 'k' });
    assert.deepEqual(readDiagnosticData('malformed-attribute', { replacement: 'actor' }), { replacement: 'actor' });
    assert.deepEqual(readDiagnosticData('unsourced-claim', { claim: 12 }), { claim: 12 });
    assert.deepEqual(readDiagnosticData('duplicate-passage', { words: 20, firstStart: 0, firstEnd: 90 }), {
      words: 20,
      firstStart: 0,
      firstEnd: 90,
    });
    assert.deepEqual(readDiagnosticData('conflicting-claim', { key: 'k', values: ['1', '2'] }), {
      key: 'k',
      values: ['1', '2'],
    });
    assert.deepEqual(readDiagnosticData('unannotated-mention', { actor: 'rutte' }), { actor: 'rutte' });
  });

  it('refuses payloads of the wrong shape, and codes without a payload', () => {
    const refused: Array<[string, unknown]> = [
      ['unknown-actor', undefined],
      ['unknown-actor', null],
      ['unknown-actor', 'rutte'],
      ['unknown-actor', ['rutte']],
      ['unknown-actor', {}],
      ['unknown-actor', { actor: 3 }],
      ['unknown-actor', { actor: 'x', suggestion: 3 }],
      ['unknown-actor', { actor: 3, name: 'x' }],
      ['unknown-claim-key', { suggestion: 'k' }],
      ['malformed-attribute', { replacement: null }],
      ['unsourced-claim', { claim: '12' }],
      ['unsourced-claim', { claim: 1.5 }],
      ['duplicate-passage', { words: 20, firstStart: 0 }],
      ['conflicting-claim', { key: 'k', values: 'v' }],
      ['conflicting-claim', { key: 'k', values: [1] }],
      ['unannotated-mention', { name: 'Rutte' }],
      ['broken-link', { actor: 'x' }],
      ['no-such-code', { actor: 'x' }],
      ['__proto__', {}],
      ['toString', {}],
    ];
    for (const [code, data] of refused)
      assert.equal(readDiagnosticData(code, data), undefined, `${code} ${JSON.stringify(data)}`);
  });

  it('codes without a payload produce none', () => {
    const fixture = parseFixture(FIXTURE);
    const index = indexOf(fixture);
    const withData = new Set<DiagnosticCode>([
      'conflicting-claim',
      'duplicate-passage',
      'malformed-attribute',
      'unannotated-mention',
      'unknown-actor',
      'unknown-claim-key',
      'unsourced-claim',
    ]);
    for (const uri of fixture.files.keys())
      for (const d of computeDiagnostics(index, uri))
        if (!withData.has(d.code)) assert.equal(d.data, undefined, d.code);
    assert.ok(Object.keys(DIAGNOSTIC_CODES).length > withData.size);
  });

  it('a quick fix reads the payload only once it is validated', () => {
    const fixture = parseFixture(FIXTURE);
    const index = indexOf(fixture);
    const uri = [...fixture.files.keys()].find((u) => u.endsWith('/a.seed.md'))!;
    const all = computeDiagnostics(index, uri);
    const d = all.find((x) => x.code === 'unknown-actor' && x.data !== undefined && 'suggestion' in x.data)!;
    const ctx = new Context(index, index.getSource(uri)!);
    const titles = (x: Diagnostic): string[] => quickFixes(ctx, x, all).map((p) => p.title);
    assert.deepEqual(titles(d), ["Change to 'rutte'"]);
    // As a client could echo it back: the same diagnostic with a payload of another shape gets no fix.
    for (const data of [{ actor: 'rute', suggestion: 7 }, { actor: 3 }, ['rute'], 'rute'])
      assert.deepEqual(titles({ ...d, data } as unknown as Diagnostic), [], JSON.stringify(data));
  });
});
