import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `corroborate diff` end to end: the bundled CLI in a child process, on two
 * git revisions of the seeds (committed to a temporary repository, then
 * edited: values changed to make and resolve conflicts, a claim removed and
 * one added, actors renamed and added) and on two directories. The expected
 * lists are derived from the edits the test makes.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');
const SEEDS = path.join(ROOT, 'seeds');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, tmp: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, 'diff', ...args],
      { cwd, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`diff did not finish: ${stderr}`));
        else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** The seed files' names and their source ids (front matter `id`). */
const seedIds = new Map(
  fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.seed.md'))
    .sort()
    .map((f) => [f, /^id: "?([^"\n]+)"?$/m.exec(fs.readFileSync(path.join(SEEDS, f), 'utf8'))![1]!]),
);
const [f0, f1, f2] = [...seedIds.keys()] as [string, string, string];
const [id0, id1, id2] = [seedIds.get(f0)!, seedIds.get(f1)!, seedIds.get(f2)!];

function edit(file: string, change: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${file} changes it`);
  fs.writeFileSync(file, after);
}

interface JsonClaim {
  source: string;
  claim?: string;
  key?: string;
  value?: string;
  file: string;
  line: number;
}
interface JsonDiff {
  claims: {
    added: JsonClaim[];
    removed: JsonClaim[];
    changed: Array<{ before: JsonClaim; after: JsonClaim; fields: string[] }>;
  };
  conflicts: Record<'appeared' | 'resolved', Array<{ key: string; sources: string[]; values: string[] }>>;
  actors: {
    added: Array<{ id: string }>;
    removed: Array<{ id: string }>;
    renamed: Array<{ before: { id: string; name: string }; after: { id: string; name: string } }>;
  };
}

describe('corroborate diff', function () {
  this.timeout(120_000);
  let base: string;
  let repo: string;
  let ws: string;
  let tmp: string;
  const removed = 'trump-whispering';

  before(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-diff-test-')));
    tmp = path.join(base, 'tmp');
    repo = path.join(base, 'repo');
    ws = path.join(repo, 'ws');
    fs.mkdirSync(tmp);
    fs.mkdirSync(ws, { recursive: true });
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(ws, f));
    // Revision 1: the seeds, with two sources agreeing on test.figure and disagreeing on test.other.
    fs.appendFileSync(
      path.join(ws, f0),
      '\n[Ten]{.claim #fig key=test.figure value=10}\n[One]{.claim key=test.other value=1}\n',
    );
    fs.appendFileSync(
      path.join(ws, f1),
      '\n[Ten]{.claim #fig key=test.figure value=10}\n[Two]{.claim key=test.other value=2}\n',
    );
    fs.writeFileSync(path.join(repo, 'notes.md'), 'not a source\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    // Revision 2: f1 now says 20 (a conflict appears) and 1 (a conflict is resolved), loses a claim; f2 gains one;
    // Costa is renamed (same id), merz gets another id (same name), an actor is added.
    edit(path.join(ws, f1), (t) =>
      t
        .replace('key=test.figure value=10', 'key=test.figure value=20')
        .replace('key=test.other value=2', 'key=test.other value=1')
        .replace(/\{\.claim #trump-whispering [^}]*\}/, ''),
    );
    edit(path.join(ws, f2), (t) => t + '\n[Added]{.claim key=test.added value=yes}\n');
    edit(path.join(ws, 'entities.yaml'), (t) =>
      t
        .replace('name: António Costa', 'name: António Luís Costa')
        .replace(/^ {2}merz:$/m, '  friedrich-merz:')
        .replace(/^actors:\n/m, 'actors:\n  test-new: {name: Test Newcomer, kind: group}\n'),
    );
    git(repo, 'commit', '-q', '-a', '-m', 'two');
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('lists what changed between two git revisions, as JSON', async () => {
    const r = await run(['HEAD~1', 'HEAD', 'ws', '--format', 'json'], repo, tmp);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const d = JSON.parse(r.stdout) as JsonDiff;
    assert.deepEqual(
      d.claims.added.map((c) => [c.source, c.key, c.value, c.file]),
      [[id2, 'test.added', 'yes', `ws/${f2}`]],
    );
    assert.deepEqual(
      d.claims.removed.map((c) => [c.source, c.claim]),
      [[id1, removed]],
    );
    assert.deepEqual(
      d.claims.changed.map((c) => [c.after.source, c.after.key, c.before.value, c.after.value, c.fields]),
      [
        [id1, 'test.figure', '10', '20', ['value']],
        [id1, 'test.other', '2', '1', ['value']],
      ],
    );
    const pair = (key: string, values: string[]): unknown => ({ key, sources: [id0, id1].sort(), values });
    assert.deepEqual(d.conflicts.appeared, [pair('test.figure', id0 < id1 ? ['10', '20'] : ['20', '10'])]);
    assert.deepEqual(d.conflicts.resolved, [pair('test.other', id0 < id1 ? ['1', '2'] : ['2', '1'])]);
    assert.deepEqual(
      d.actors.added.map((a) => a.id),
      ['test-new'],
    );
    assert.deepEqual(d.actors.removed, []);
    assert.deepEqual(
      d.actors.renamed.map((x) => [x.before.id, x.before.name, x.after.id, x.after.name]),
      [
        ['costa', 'António Costa', 'costa', 'António Luís Costa'],
        ['merz', 'Friedrich Merz', 'friedrich-merz', 'Friedrich Merz'],
      ],
    );
    assert.deepEqual(fs.readdirSync(tmp), [], 'the revisions copied out of git are removed');
  });

  it('writes the same as Markdown by default, and compares two directories', async () => {
    const before = path.join(base, 'before');
    git(repo, 'worktree', 'add', '-q', '--detach', before, 'HEAD~1');
    const [revs, dirs] = await Promise.all([
      run(['HEAD~1', 'HEAD', 'ws'], repo, tmp),
      run([path.join(before, 'ws'), ws], base, tmp),
    ]);
    assert.equal(revs.status, 0, revs.stderr);
    assert.equal(dirs.status, 0, dirs.stderr);
    assert.match(
      revs.stdout,
      /^## Claims: what changed\n\n1 claim added, 1 removed, 2 changed · 1 conflict appeared, 1 resolved · 1 actor added, 0 removed, 2 renamed\n/,
    );
    assert.ok(revs.stdout.includes(`### Conflicts that appeared\n\n- \`test.figure\`: `), revs.stdout);
    assert.ok(revs.stdout.includes(`(\`ws/${f2}:`), 'file names are relative to the repository');
    // Two directories give the same lists; file names are relative to each directory.
    assert.equal(dirs.stdout, revs.stdout.replaceAll('`ws/', '`'));
    // Inside the workspace folder, the path defaults to it.
    const inside = await run(['HEAD~1', 'HEAD'], ws, tmp);
    assert.equal(inside.stdout, revs.stdout);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('exits 2 with a one-line error for a bad revision or bad arguments', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['HEAD~1', 'no-such-rev'], repo, /^corroborate: diff: 'no-such-rev' is neither a directory nor a revision/],
      [['HEAD~1'], repo, /^corroborate: diff takes two directories or two git revisions/],
      [
        ['HEAD~1', 'HEAD', '--format', 'sarif'],
        repo,
        /^corroborate: diff: --format takes markdown or json, not 'sarif'/,
      ],
      [
        ['HEAD~1', 'HEAD'],
        tmp,
        /^corroborate: diff: 'HEAD~1' and 'HEAD' are not two directories, and .* is not in a git repository/,
      ],
    ];
    for (const [args, cwd, message] of cases) {
      const r = await run(args, cwd, tmp);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(fs.readdirSync(tmp), []);
  });
});
