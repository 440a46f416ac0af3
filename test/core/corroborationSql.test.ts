import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { exportJsonl, WorkspaceIndex, type JsonlClaim } from '../../server/src/core';
import { generateCorpus } from '../../bench/generate';
import { parseFixture } from '../helpers/fixture';
import { buildIndex, seedTexts } from '../helpers/workspace';

/**
 * docs/sql/corroboration.sql, run by DuckDB over the JSONL export, gives every
 * claim the same corroborating and conflicting sources as the core, claim by
 * claim: on a fixture of the edge cases (whose expected answers are written
 * here from the rules), on the seeds, and on a generated corpus of thousands
 * of articles.
 */

const SQL_DIR = path.resolve(__dirname, '../../../docs/sql');
const loadSql = fs.readFileSync(path.join(SQL_DIR, 'claims.duckdb.sql'), 'utf8');
const query = fs.readFileSync(path.join(SQL_DIR, 'corroboration.sql'), 'utf8');

interface Answer {
  corroborating: string[];
  conflicting: string[];
  status?: string;
}

/** `index`'s JSONL export, written to a file. */
function writeJsonl(index: WorkspaceIndex, file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const f of exportJsonl({ index })) for (const chunk of f.chunks) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}

/** The query's answer per claim, keyed `uri#index`. */
async function sqlAnswers(db: DuckDBConnection, jsonl: string): Promise<Map<string, Answer>> {
  await db.run(loadSql.replace("'claims.jsonl'", `'${jsonl.replace(/'/g, "''")}'`));
  const rows = (await db.runAndReadAll(query)).getRowObjectsJson() as Array<Record<string, unknown>>;
  const out = new Map<string, Answer>();
  for (const r of rows) {
    const at = `${String(r.uri)}#${String(r.index)}`;
    assert.ok(!out.has(at), `one row per claim (${at})`);
    out.set(at, {
      corroborating: r.corroborating as string[],
      conflicting: r.conflicting as string[],
      status: r.status as string,
    });
  }
  return out;
}

/** The core's answer per claim that has a key and a value (every `sample`th), keyed `uri#index`, from the index. */
function coreAnswers(index: WorkspaceIndex, sample: number): Map<string, Answer> {
  const out = new Map<string, Answer>();
  const ids = (refs: Iterable<{ model: { id: string } }>): string[] =>
    [...new Set([...refs].map((r) => r.model.id))].sort();
  let n = 0;
  for (const uri of index.sourceUris()) {
    const model = index.getSource(uri)!;
    model.claims.forEach((claim, i) => {
      if (claim.key === undefined || claim.value === undefined || n++ % sample !== 0) return;
      const view = index.corroboration(index.claimRef(uri, claim)!);
      out.set(`${uri}#${i}`, { corroborating: ids(view.corroborating), conflicting: ids(view.conflicting) });
    });
  }
  return out;
}

/** The core's answers as the export wrote them (its `core` fields), for the claims with a key and a value. */
function exportedAnswers(file: string): Map<string, Answer> {
  const out = new Map<string, Answer>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as JsonlClaim;
    if (r.key === null || r.value === null) continue;
    out.set(`${r.uri}#${r.index}`, {
      corroborating: r.core.corroborating,
      conflicting: r.core.conflicting,
      status: r.core.status,
    });
  }
  return out;
}

/**
 * Runs the query on `index`'s export and checks it, claim by claim, against the core's answers in the export,
 * and those against the index's own answers (for every claim, or every `sample`th). Returns the answers.
 */
async function compare(
  db: DuckDBConnection,
  index: WorkspaceIndex,
  dir: string,
  sample = 1,
): Promise<Map<string, Answer>> {
  const file = path.join(dir, 'claims.jsonl');
  writeJsonl(index, file);
  const sql = await sqlAnswers(db, file);
  const exported = exportedAnswers(file);
  const core = coreAnswers(index, sample);
  assert.ok(core.size > 0);
  for (const [at, expected] of core) {
    const { corroborating, conflicting } = exported.get(at)!;
    assert.deepEqual({ corroborating, conflicting }, expected, `export: ${at}`);
  }
  assert.deepEqual([...sql.keys()].sort(), [...exported.keys()].sort(), 'the same claims take part');
  for (const [at, expected] of exported) assert.deepEqual(sql.get(at), expected, at);
  return exported;
}

const FIXTURE = `//- /entities.yaml
claims:
  k.pct: {type: percent}
  k.count: {type: number}
  k.money: {type: money}
  k.date: {type: date}
//- /a.seed.md
[x]{.claim #a1 key=k.pct value="5%" as-of=2025}
[x]{.claim #a2 key=k.count value="more than 30" as-of=2025-06}
[x]{.claim #a3 key=k.money value="€5 million"}
//- /b.seed.md
[x]{.claim #b1 key=k.pct value="5 percent" as-of=2025-03}
[x]{.claim #b2 key=k.count value="40" as-of=2025}
[x]{.claim #b3 key=k.money value="5 million"}
//- /c.seed.md
[x]{.claim #c1 key=k.pct value="2%" as-of=2025 disputes=a#a1}
[x]{.claim #c2 key=k.count value="20" as-of=2024}
[x]{.claim #c3 key=k.count value="25"}
//- /c-again.seed.md
---
id: c
---
[x]{.claim key=k.pct value="5%" as-of=2025}
//- /d.seed.md
[x]{.claim #d1 key=k.pct value="2%" as-of=2026}
[x]{.claim key=k.date value="October 2024"}
//- /e.seed.md
[x]{.claim key=k.date value="2024-10-03"}
[x]{.claim key=k.date value="2024-11-01"}
[x]{.claim key=k.pct value="5%" as-of=2025 disputes=b#b1}
[x]{.claim key=k.pct value="3%" as-of=2025-03 disputes=b#b1}
[x]{.claim key=k.pct}
//- /f.seed.md
[x]{.claim key=k.count value="between 25 and 25"}
`;

describe('corroboration.sql on DuckDB equals the core', function () {
  this.timeout(180_000);
  let instance: DuckDBInstance;
  let db: DuckDBConnection;
  let dir: string;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    db = await instance.connect();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-sql-'));
  });
  after(() => {
    db.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on the edge cases, with the answers the rules give', async () => {
    const answers = await compare(db, buildIndex(parseFixture(FIXTURE).files), dir);
    const at = (file: string, i: number): Answer => answers.get(`file:///ws/${file}.seed.md#${i}`)!;
    // No claim of the fixture has a by=: one that nothing corroborates or contradicts is unsourced.
    const is = (corroborating: string[], conflicting: string[]): Answer => ({
      corroborating,
      conflicting,
      status: conflicting.length > 0 ? 'conflicting' : corroborating.length > 0 ? 'corroborated' : 'unsourced',
    });
    // 2025 contains 2025-03; c's second file counts as c; c1's dispute of a1 is acknowledged, e's 3% is not; 2026 is another time.
    assert.deepEqual(at('a', 0), is(['b', 'c', 'e'], ['e']));
    // 40 can be "more than 30"; 25 (c's, and f's range of one number) cannot; 20 is of 2024.
    assert.deepEqual(at('a', 1), is([], ['c', 'f']));
    assert.deepEqual(at('b', 1), is([], ['c', 'f']));
    // "between 25 and 25" is another key than 25, but the same interval: neither corroborates nor conflicts.
    assert.deepEqual(at('c', 2), is([], ['a', 'b']));
    assert.deepEqual(at('f', 0), is([], ['a', 'b', 'c']));
    // A money value of unknown currency can be the euros.
    assert.deepEqual(at('a', 2), is([], []));
    // c1 disputes a1 (acknowledged) but still conflicts with b and e; e's 3% disputes b1: acknowledged both ways.
    assert.deepEqual(at('c', 0), is([], ['b', 'e']));
    assert.deepEqual(at('b', 0), is(['a', 'c', 'e'], ['c']));
    // A disputes= link between equal values takes nothing away from the corroboration.
    assert.deepEqual(at('e', 2), is(['a', 'b', 'c'], ['c']));
    // October 2024 contains 2024-10-03, not 2024-11-01.
    assert.deepEqual(at('d', 1), is([], ['e']));
    assert.deepEqual(at('e', 0), is([], []));
    assert.deepEqual(at('e', 1), is([], ['d']));
    assert.equal(answers.has('file:///ws/e.seed.md#4'), false, 'a claim without a value takes no part');
  });

  it('on the seeds', async () => {
    const answers = await compare(db, buildIndex(seedTexts()), dir);
    const all = [...answers.values()];
    assert.ok(all.some((a) => a.corroborating.length > 0) && all.some((a) => a.conflicting.length > 0));
  });

  it('on a generated corpus of 2,000 articles', async () => {
    const corpus = path.join(dir, 'corpus');
    const info = generateCorpus(corpus, 2000, 7);
    const index = new WorkspaceIndex({ folders: [URI.file(corpus).toString()] });
    index.setRegistry(
      URI.file(path.join(corpus, info.registryFile)).toString(),
      fs.readFileSync(path.join(corpus, info.registryFile), 'utf8'),
    );
    for (const f of info.files)
      index.loadSourceBytes(URI.file(path.join(corpus, f)).toString(), fs.readFileSync(path.join(corpus, f)));
    const answers = await compare(db, index, dir, 37);
    const all = [...answers.values()];
    assert.ok(answers.size >= 5000, `${answers.size} claims`);
    assert.ok(all.filter((a) => a.corroborating.length > 0).length > 1000);
    assert.ok(all.filter((a) => a.conflicting.length > 0).length > 1000);
  });
});
