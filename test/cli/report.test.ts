import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTemps, ROOT, runCli, tempDir as helperTempDir, type Run } from '../helpers/cliRun';

/**
 * End-to-end tests of `corroborate report`: the bundled CLI (bin/corroborate.js)
 * runs as a child process, on the seeds and on bad input.
 */

const SEEDS = path.join(ROOT, 'seeds');

const run = runCli;
const tempDir = (): string => helperTempDir('corroborate-report-');

function assertUsageError(r: Run, message: string): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `corroborate: ${message}\n`);
}

describe('corroborate report', function () {
  this.timeout(60_000);
  after(removeTemps);

  it('writes the seeds report to -o, the same page it prints without -o', async function () {
    const out = path.join(tempDir(), 'report.html');
    const [written, printed] = await Promise.all([
      run(['report', 'seeds', '-o', out], ROOT),
      run(['report', 'seeds'], ROOT),
    ]);
    const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.seed.md'));
    const claims = seeds.reduce(
      (n, f) => n + (fs.readFileSync(path.join(SEEDS, f), 'utf8').match(/\{\.claim\b/g) ?? []).length,
      0,
    );
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(written.stderr, `corroborate: wrote ${out} (${seeds.length} sources, ${claims} claims)\n`);
    const html = fs.readFileSync(out, 'utf8');
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, html);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes(`<dd data-count="sources">${seeds.length}</dd>`));
    assert.equal((html.match(/<details class="article"/g) ?? []).length, seeds.length);
    assert.match(html, /<tr data-status="conflicting" data-key="nato\.spending-target">/);
    // Files are shown relative to the working directory.
    for (const f of seeds) assert.ok(html.includes(`<code>seeds/${f}</code>`), f);
    // preview.css, inlined.
    assert.ok(html.includes('.corroborate-claim-conflicting {'));
  });

  it('takes --title, and paths of files as well as folders', async function () {
    const r = await run(['report', 'seeds/001-transatlantic-rift.seed.md', '--title', 'Rift & co'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('<title>Rift &amp; co</title>'));
    assert.equal((r.stdout.match(/<details class="article"/g) ?? []).length, 1);
    assert.ok(r.stdout.includes('<dd data-count="sources">1</dd>'));
  });

  it('reports broken sources instead of failing on them', async function () {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.seed.md'), '---\ntitle: [unclosed\n---\n[never closed]{.claim key=\n');
    fs.writeFileSync(path.join(dir, 'bytes.seed.md'), Buffer.from([0xff, 0xfe, 0x00, 0x5b, 0x41, 0x5d, 0x7b]));
    fs.writeFileSync(path.join(dir, 'entities.yaml'), 'actors: [this is not a map');
    const r = await run(['report', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((r.stdout.match(/<details class="article"/g) ?? []).length, 2);
    assert.ok(r.stdout.trimEnd().endsWith('</html>'));
  });

  it('refuses bad arguments and unwritable files (exit 2, one line on stderr, nothing written)', async function () {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'folder'));
    const cases: Array<[string[], string]> = [
      [['report', 'nowhere'], 'no such file or directory: nowhere'],
      [['report', SEEDS, '-o'], '-o needs a value'],
      [['report', SEEDS, '--format', 'json'], 'report writes HTML; --format is an option of check and suggest'],
      [['report', SEEDS, '--hints'], '--hints is an option of check'],
      [['check', SEEDS, '-o', 'x.html'], '-o is an option of export and report'],
      [['check', SEEDS, '--title', 'x'], '--title is an option of report'],
      [['report', SEEDS, '-o', 'missing/report.html'], 'cannot write missing/report.html: ENOENT'],
      [['report', SEEDS, '--output', 'folder'], 'cannot write folder: EISDIR'],
    ];
    const runs = await Promise.all(cases.map(([args]) => run(args, dir)));
    runs.forEach((r, i) => assertUsageError(r, cases[i]![1]));
    assert.deepEqual(fs.readdirSync(dir), ['folder']);
  });
});
