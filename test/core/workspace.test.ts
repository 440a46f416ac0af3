import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';

const ROOT = 'file:///ws';
const REGISTRY = `actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  hague: {name: The Hague, kind: place, aliases: [Den Haag]}
claims:
  k1: {type: percent}
  k2: {type: number}
  k3: {type: place}
`;

/** Fragments from which random source texts are assembled. */
const fragment = fc.oneof(
  fc.constantFrom('Plain prose. ', 'Mark Rutte spoke. ', 'NATO met. ', '\n\n', '\r\n', '[', ']', '{', '}'),
  fc
    .record({
      id: fc.constantFrom('a', 'b', 'c'),
      key: fc.constantFrom('k1', 'k2', 'k3'),
      // Readings that depend on the language (2,5), the registry (Den Haag) or are intervals.
      value: fc.constantFrom(
        '1',
        '2',
        '5%',
        '5 percent',
        '2,000',
        '2,5',
        'about 5%',
        'more than 1',
        'Den Haag',
        'hague',
      ),
      asOf: fc.constantFrom('', ' as-of=2024', ' as-of=2025'),
      by: fc.constantFrom('', ' by=rutte', ' by=outlet', ' by=anonymous', ' by=ghost'),
    })
    .map((c) => `[claim text]{.claim #${c.id} key=${c.key} value="${c.value}"${c.asOf}${c.by}} `),
  fc
    .record({ ref: fc.constantFrom('rutte', 'nato', 'nobody'), text: fc.constantFrom('Rutte', 'NATO', 'him') })
    .map((m) => `[${m.text}]{.actor ref=${m.ref}} `),
  fc
    .record({ target: fc.constantFrom('s0#a', 's1#b', '#c', 's9#a'), kind: fc.constantFrom('supports', 'disputes') })
    .map((l) => `[linked]{.claim #l ${l.kind}=${l.target} by=outlet} `),
);
const sourceText = fc
  .record({
    id: fc.constantFrom('s0', 's1', 's2', 's1'),
    language: fc.constantFrom('', '', 'language: de\n'),
    body: fc.array(fragment, { maxLength: 12 }),
  })
  .map((s) => `---\nid: ${s.id}\n${s.language}---\n${s.body.join('')}\n`);

type Op =
  | { kind: 'set'; file: number; text: string }
  | { kind: 'remove'; file: number }
  | { kind: 'registry'; text: string | null };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('set' as const), file: fc.integer({ min: 0, max: 4 }), text: sourceText }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), file: fc.integer({ min: 0, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('registry' as const),
      text: fc.constantFrom(
        REGISTRY,
        null,
        'actors: [broken',
        REGISTRY.replace('k2: {type: number}', 'k2: {type: text}'),
        REGISTRY.replace(', aliases: [Den Haag]', ''),
      ),
    }),
  },
);

const fileUri = (i: number): string => `${ROOT}/${i % 2 === 0 ? 'dir/' : ''}f${i}.seed.md`;
const registryUri = `${ROOT}/entities.yaml`;

function allDiagnostics(index: WorkspaceIndex): unknown {
  const out: Record<string, unknown> = {};
  for (const uri of [...index.sourceUris(), ...index.registryUris()].sort()) out[uri] = computeDiagnostics(index, uri);
  return out;
}

describe('workspace index', () => {
  it('after random edits, the incrementally updated index equals one rebuilt from scratch', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const incremental = new WorkspaceIndex({ folders: [ROOT] });
        const texts = new Map<string, string>();
        let registry: string | null = null;
        for (const o of ops) {
          if (o.kind === 'set') {
            incremental.setSource(fileUri(o.file), o.text);
            texts.set(fileUri(o.file), o.text);
          } else if (o.kind === 'remove') {
            incremental.removeSource(fileUri(o.file));
            texts.delete(fileUri(o.file));
          } else {
            registry = o.text;
            if (o.text === null) incremental.removeRegistry(registryUri);
            else incremental.setRegistry(registryUri, o.text);
          }
        }
        const fresh = new WorkspaceIndex({ folders: [ROOT] });
        if (registry !== null) fresh.setRegistry(registryUri, registry);
        // A different insertion order must not matter either.
        for (const [uri, text] of [...texts].reverse()) fresh.setSource(uri, text);
        assert.deepEqual(incremental.snapshot(), fresh.snapshot());
        assert.deepEqual(allDiagnostics(incremental), allDiagnostics(fresh));
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('an edit reports every file whose diagnostics it may change', () => {
    fc.assert(
      fc.property(
        fc.array(sourceText, { minLength: 2, maxLength: 5 }),
        sourceText,
        fc.nat(),
        (initial, replacement, which) => {
          const index = new WorkspaceIndex({ folders: [ROOT] });
          index.setRegistry(registryUri, REGISTRY);
          initial.forEach((t, i) => index.setSource(fileUri(i), t));
          const before = allDiagnostics(index) as Record<string, unknown>;
          const target = fileUri(which % initial.length);
          const affected = index.setSource(target, replacement);
          const after = allDiagnostics(index) as Record<string, unknown>;
          for (const uri of Object.keys(after)) {
            if (!affected.has(uri))
              assert.deepEqual(after[uri], before[uri], `${uri} changed but was not reported as affected`);
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('removing a file reports the files that linked to it or shared its keys', () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    index.setRegistry(registryUri, REGISTRY);
    index.setSource(`${ROOT}/a.seed.md`, '---\nid: a\n---\n[x]{.claim #x by=outlet key=k1 value=5%}\n');
    index.setSource(`${ROOT}/b.seed.md`, '---\nid: b\n---\n[y]{.claim by=outlet supports=a#x}\n');
    index.setSource(`${ROOT}/c.seed.md`, '---\nid: c\n---\n[z]{.claim by=outlet key=k1 value=2%}\n');
    index.setSource(`${ROOT}/d.seed.md`, '---\nid: d\n---\nunrelated\n');
    const affected = index.removeSource(`${ROOT}/a.seed.md`);
    assert.deepEqual([...affected].sort(), [`${ROOT}/b.seed.md`, `${ROOT}/c.seed.md`]);
    assert.ok(computeDiagnostics(index, `${ROOT}/b.seed.md`).some((d) => d.code === 'broken-link'));
  });

  it('shows every group of mentions as a list, whether the file mentions the actor once or more, by every way of reading a map', () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    index.setRegistry(registryUri, REGISTRY);
    const a = `${ROOT}/a.seed.md`;
    const b = `${ROOT}/b.seed.md`;
    index.setSource(a, '[Rutte]{.actor} met [NATO]{.actor ref=nato}; [Mark Rutte]{.actor ref=rutte} left.\n');
    index.setSource(b, 'Later [Mark Rutte]{.actor ref=rutte} spoke.\n');
    const starts = (uri: string): number[] =>
      index
        .getSource(uri)!
        .mentions.filter((m) => m.text.includes('Rutte'))
        .map((m) => m.start);
    const expected: Array<[string, number[]]> = [
      [a, starts(a)],
      [b, starts(b)],
    ];
    assert.equal(expected[0]![1].length, 2);
    assert.equal(expected[1]![1].length, 1);
    const groups = index.mentionsOf('rutte');
    const read = (entries: Iterable<[string, readonly { start: number }[]]>): Array<[string, number[]]> =>
      [...entries].map(([uri, list]) => [uri, list.map((m) => m.start)]);
    assert.deepEqual(read(groups), expected);
    assert.deepEqual(read(groups.entries()), expected);
    assert.deepEqual(read([...groups.keys()].map((uri) => [uri, groups.get(uri)!])), expected);
    assert.deepEqual(
      [...groups.values()].map((list) => list.map((m) => m.start)),
      expected.map(([, s]) => s),
    );
    const seen: Array<[string, number[]]> = [];
    groups.forEach((list, uri, map) => {
      assert.equal(map, groups);
      seen.push([uri, list.map((m) => m.start)]);
    });
    assert.deepEqual(seen, expected);
    assert.equal(groups.size, 2);
    assert.ok(groups.has(b) && !groups.has(`${ROOT}/c.seed.md`));
    assert.equal(groups.get(`${ROOT}/c.seed.md`), undefined);

    // A file that mentions the actor twice, then once, then twice again.
    index.setSource(a, '[NATO]{.actor ref=nato} only; then [Rutte]{.actor}.\n');
    assert.deepEqual(index.mentionsOf('rutte').get(a)?.length, 1);
    index.setSource(a, '[Rutte]{.actor} and [Mark Rutte]{.actor ref=rutte}.\n');
    assert.deepEqual(
      index
        .mentionsOf('rutte')
        .get(a)
        ?.map((m) => m.start),
      starts(a),
    );
    index.removeSource(b);
    assert.deepEqual([...index.mentionsOf('rutte').keys()], [a]);
  });

  it("finds each claim's indexed form, nested claims too, and none for a claim of a model since replaced", () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    index.setRegistry(registryUri, REGISTRY);
    const a = `${ROOT}/a.seed.md`;
    const text = '[outer [inner]{.claim key=k1 value=1%} and [x]{.claim #x}]{.claim key=k2 value=2} [y]{.claim}\n';
    index.setSource(a, text);
    const old = index.getSource(a)!;
    assert.deepEqual(
      old.claims.map((c) => c.text),
      ['outer inner and x', 'inner', 'x', 'y'],
    );
    for (const claim of old.claims) {
      const ref = index.claimRef(a, claim);
      assert.equal(ref?.claim, claim);
      assert.equal(ref?.model, old);
    }
    assert.equal(index.claimRef(`${ROOT}/b.seed.md`, old.claims[0]!), undefined, 'another file');
    index.setSource(a, text.replace('value=2', 'value=3'));
    assert.equal(index.claimRef(a, old.claims[0]!), undefined, 'a claim of the replaced model');
    const now = index.getSource(a)!;
    assert.equal(index.claimRef(a, now.claims[0]!)?.norm, index.claimRef(a, now.claims[0]!)?.reading.key);
    assert.equal(index.claimRef(a, now.claims[3]!)?.claim, now.claims[3]);
  });

  it('answers cross-source queries: mentions by actor, claims by key and value', () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    index.setRegistry(registryUri, REGISTRY);
    index.setSource(
      `${ROOT}/a.seed.md`,
      '[Rutte]{.actor} and [Mark Rutte]{.actor ref=rutte}, [x]{.claim by=rutte key=k1 value="5 per cent"}\n',
    );
    index.setSource(`${ROOT}/b.seed.md`, '[NATO]{.actor ref=nato} [y]{.claim by=outlet key=k1 value=5%}\n');
    assert.equal(index.mentionsOf('rutte').get(`${ROOT}/a.seed.md`)?.length, 2);
    assert.equal(index.mentionsOf('nato').size, 1);
    const values = index.claimsOfKey('k1');
    assert.deepEqual([...values.keys()], ['5%']);
    assert.equal(values.get('5%')!.length, 2);
    const ref = index.claimRef(`${ROOT}/a.seed.md`, index.getSource(`${ROOT}/a.seed.md`)!.claims[0]!)!;
    const view = index.corroboration(ref);
    assert.deepEqual(
      view.corroborating.take().map((r) => r.model.uri),
      [`${ROOT}/b.seed.md`],
    );
    assert.equal(view.conflicting.size, 0);
    assert.deepEqual(index.stats(), { sources: 2, registries: 1, actors: 2, mentions: 3, claims: 2, keys: 1 });
  });

  it('reports an undecodable registry or source as an encoding problem, and keeps going', () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    index.setRegistryBytes(registryUri, Uint8Array.from([0x61, 0x00, 0x62]));
    assert.deepEqual(
      computeDiagnostics(index, registryUri).map((d) => [d.code, d.severity]),
      [['encoding', 'error']],
    );
    index.setSourceBytes(`${ROOT}/a.seed.md`, Uint8Array.from([0x5b, 0x78, 0x5d, 0xff, 0x0a]));
    const ds = computeDiagnostics(index, `${ROOT}/a.seed.md`);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.character]),
      [['encoding', 3]],
    );
    assert.equal(index.getSource(`${ROOT}/a.seed.md`)!.text, '[x]\uFFFD\n');
  });
});
