import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTree, removeTemps, ROOT, runCli, tempDir, writeTree } from '../helpers/cliRun';
import { SEEDS } from '../helpers/workspace';

/**
 * `corroborate import --from brat|w3c`: the seeds survive a round trip
 * through each format, and what cannot be imported is listed, one line each.
 */

/** The errors `check` finds in a folder. */
async function errors(dir: string): Promise<string[]> {
  const r = await runCli(['check', '.', '--format', 'json'], dir);
  const ds = JSON.parse(r.stdout) as Array<{ file: string; severity: string; code: string; message: string }>;
  return ds.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code}: ${d.message}`);
}

describe('corroborate import --from brat and --from w3c', function () {
  this.timeout(120_000);
  after(removeTemps);

  it('brat: exporting the seeds, importing them and exporting again gives the same files, and seeds that check clean', async () => {
    const base = tempDir();
    const [a, seeds, b] = ['a', 'seeds', 'b'].map((d) => path.join(base, d));
    assert.equal((await runCli(['export', 'seeds', '--format', 'brat', '-o', a!], ROOT)).status, 0);
    const imported = await runCli(['import', '--from', 'brat', a!, '--out', seeds!], ROOT);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stderr, '');
    const written = fs.readdirSync(seeds!).sort();
    assert.deepEqual(written, [
      'can-nato-survive.seed.md',
      'entities.yaml',
      'new-nato.seed.md',
      'rutte-strategy.seed.md',
      'transatlantic-rift.seed.md',
      'turkey-summit.seed.md',
    ]);
    assert.equal((await runCli(['export', '.', '--format', 'brat', '-o', b!], seeds!)).status, 0);
    assert.deepEqual(readTree(b!), readTree(a!));
    assert.deepEqual(await errors(seeds!), []);
    // The registry has the kinds and Wikidata ids the brat files carried.
    const registry = fs.readFileSync(path.join(seeds!, 'entities.yaml'), 'utf8');
    assert.match(registry, /"rutte":\n {4}name: "Mark Rutte"\n {4}kind: person\n {4}wikidata: Q57792\n/);
  });

  it('brat: imports a hand-written document, reporting spans that cross and lines it does not know', async () => {
    const dir = writeTree({
      'in/doc one.txt': 'Costa said the 😀 plan works.\n',
      'in/doc one.ann': [
        'T1\tperson 0 5\tCosta',
        'T2\tClaim 11 27\tthe 😀 plan works',
        'T3\tClaim 22 28\tworks.',
        'T4\tplace 17 19\tpl',
        'A1\tKey T2 plan.works',
        '#1\tAnnotatorNotes T2\tyes, it "works"',
        'R1\tBy Arg1:T2 Arg2:T1',
        'N1\tReference T1 Wikidata:Q610788\tAntónio Costa',
        'E1\tEvent:T1',
        '',
      ].join('\n'),
    });
    const r = await runCli(['import', '--from', 'brat', 'in', '--out', 'out'], dir);
    assert.equal(r.status, 1, 'something was not imported');
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'corroborate: doc one.ann: line 9: not imported: E1\tEvent:T1',
      'corroborate: doc one.ann: T3: crosses T2 (spans must nest)',
    ]);
    const seed = fs.readFileSync(path.join(dir, 'out', 'doc-one.seed.md'), 'utf8');
    assert.equal(
      seed,
      '---\nid: "doc-one"\n---\n[Costa]{.actor ref=costa} said [the 😀 [pl]{.actor ref=pl}an works]{.claim by=costa key=plan.works value="yes, it \\"works\\""}.\n',
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'out', 'entities.yaml'), 'utf8'),
      '# Written by corroborate import --from brat (docs/interop.md).\nactors:\n  "costa":\n    name: "António Costa"\n    kind: person\n    wikidata: Q610788\n  "pl":\n    name: "pl"\n    kind: place\n',
    );
  });

  it('w3c: the seeds’ annotations, imported on their own texts, give the seeds back byte for byte', async () => {
    const base = tempDir();
    const file = path.join(base, 'seeds.jsonld');
    assert.equal((await runCli(['export', 'seeds', '--format', 'w3c', '-o', file], ROOT)).status, 0);
    const r = await runCli(['import', '--from', 'w3c', file, '--text', 'seeds', '--out', path.join(base, 'out')], ROOT);
    assert.equal(r.status, 0, r.stderr);
    for (const name of fs.readdirSync(SEEDS).filter((f) => f.endsWith('.seed.md')))
      assert.equal(
        fs.readFileSync(path.join(base, 'out', name), 'utf8'),
        fs.readFileSync(path.join(SEEDS, name), 'utf8'),
        name,
      );
  });

  it('w3c: reports each selector that cannot be resolved, and what it is not', async () => {
    const dir = writeTree({
      'texts/a.seed.md': '---\nurl: "https://example.org/a"\n---\nThe plan works. The plan works. Costa agrees.\n',
    });
    const target = (exact: string, extra: Record<string, unknown> = {}): unknown => ({
      source: 'https://example.org/a',
      selector: [{ type: 'TextQuoteSelector', exact, ...extra }],
    });
    const actor = {
      id: 'http://www.wikidata.org/entity/Q610788',
      type: 'Person',
      name: 'António Costa',
      'corr:actor': 'costa',
      'corr:kind': 'person',
    };
    const annotations = [
      { id: 'urn:x:1', type: 'Annotation', body: actor, target: target('Costa') },
      { id: 'urn:x:2', type: 'Annotation', body: actor, target: target('Merz') },
      {
        id: 'urn:x:3',
        type: 'Annotation',
        body: { 'corr:key': 'k', 'corr:value': 'v' },
        target: target('The plan works'),
      },
      {
        id: 'urn:x:4',
        type: 'Annotation',
        body: { 'corr:key': 'k', 'corr:value': 'v' },
        target: target('plan works', { prefix: '. The ' }),
      },
      { id: 'urn:x:5', type: 'Annotation', body: { type: 'TextualBody', value: 'nice' }, target: target('agrees') },
      { id: 'urn:x:6', type: 'Annotation', body: actor, target: { source: 'https://example.org/b', selector: [] } },
      {
        id: 'urn:x:7',
        type: 'Annotation',
        body: actor,
        target: { source: 'https://example.org/a', selector: [{ type: 'TextPositionSelector', start: 0, end: 3 }] },
      },
    ];
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(annotations));
    const r = await runCli(['import', '--from', 'w3c', 'a.json', '--text', 'texts', '--out', 'out'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      "corroborate: urn:x:2: the selector cannot be resolved in a.seed.md: 'Merz' is not in the text with its prefix and suffix",
      "corroborate: urn:x:3: the selector cannot be resolved in a.seed.md: 'The plan works' is in the text 2 times with its prefix and suffix",
      'corroborate: urn:x:5: its body is neither an actor nor a claim; left out',
      'corroborate: urn:x:6: no source of --text is https://example.org/b',
    ]);
    assert.equal(
      fs.readFileSync(path.join(dir, 'out', 'a.seed.md'), 'utf8'),
      '---\nurl: "https://example.org/a"\n---\n[The]{.actor ref=costa} plan works. The [plan works]{.claim key=k value=v}. [Costa]{.actor ref=costa} agrees.\n',
    );
  });

  it('refuses bad arguments and existing files with one line and exit status 2, writing nothing', async () => {
    const dir = writeTree({ 'in/x.txt': 'x', 'in/x.ann': 'T1\tperson 0 1\tx\n', 'out/x.seed.md': 'mine' });
    const cases: Array<[string[], string]> = [
      [['import', '--from', 'xml', 'in'], "corroborate: --from takes brat or w3c, not 'xml'\n"],
      [
        ['import', '--from', 'w3c', 'a.json'],
        'corroborate: import --from w3c needs --text DIR, the folder of the sources the annotations are on\n',
      ],
      [['import', '--from', 'brat', 'in', '--text', 'in'], 'corroborate: --text is an option of import --from w3c\n'],
      [['check', '--from', 'brat'], 'corroborate: --from is an option of import\n'],
      [['import', '--from', 'brat', 'nowhere'], 'corroborate: import nowhere: no such directory: nowhere\n'],
      [
        ['import', '--from', 'brat', 'in', '--out', 'out'],
        `corroborate: import in: x.seed.md already exists in ${path.join(dir, 'out')}; nothing written\n`,
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = await runCli(args, dir);
      assert.deepEqual([r.status, r.stdout, r.stderr], [2, '', stderr], args.join(' '));
    }
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'x.seed.md'), 'utf8'), 'mine');
    assert.ok(!fs.existsSync(path.join(dir, 'out', 'entities.yaml')));
  });
});
