import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { Output } from '../../server/src/cli/output';

/**
 * `corroborate check` prints as it goes (issue 13): `--format jsonl`, json
 * and sarif written item by item (the same documents as one stringify), the
 * cap on related entries, and output through a slow pipe.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`corroborate ${args.join(' ')}: ${error.message}`));
        else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

interface JsonDiagnostic {
  file: string;
  code: string;
  message: string;
  related: Array<{ file: string; message: string }>;
  relatedOmitted?: number;
}

const temps: string[] = [];

const REGISTRY =
  'actors:\n  alice:\n    name: Alice Smith\n    kind: person\nclaims:\n  city.population:\n    type: number\n';

/** A source with one claim of city.population = value. */
function source(id: string, value: number): string {
  return `---\nid: ${id}\n---\n[Alice Smith]{.actor ref=alice} said [${value} people live here]{.claim #pop by=alice key=city.population value=${value}}.\n`;
}

/** A workspace of `n` sources, each claiming a different population: every claim conflicts with n − 1 sources. */
function conflicts(n: number): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-stream-')));
  temps.push(dir);
  fs.writeFileSync(path.join(dir, 'entities.yaml'), REGISTRY);
  for (let i = 0; i < n; i++) {
    const id = `s${String(i).padStart(3, '0')}`;
    fs.writeFileSync(path.join(dir, `${id}.seed.md`), source(id, 1000 + i));
  }
  return dir;
}

describe('corroborate check, streamed output', function () {
  this.timeout(60_000);

  after(function () {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--format jsonl prints one JSON object per line, the objects of --format json, in order (the seeds)', async function () {
    const [json, jsonl] = await Promise.all([
      run(['check', 'seeds', '--format', 'json'], ROOT),
      run(['check', 'seeds', '--format', 'jsonl'], ROOT),
    ]);
    assert.equal(jsonl.stderr, '');
    assert.equal(jsonl.status, json.status);
    assert.ok(jsonl.stdout.endsWith('\n'));
    const lines = jsonl.stdout.slice(0, -1).split('\n');
    const objects = lines.map((line) => JSON.parse(line) as JsonDiagnostic);
    const array = JSON.parse(json.stdout) as JsonDiagnostic[];
    assert.ok(array.length > 10, `${array.length} diagnostics on the seeds`);
    assert.deepEqual(objects, array);
  });

  it('json and sarif, printed item by item, are exactly the text of one JSON.stringify of the document', async function () {
    const [json, sarif] = await Promise.all([
      run(['check', 'seeds', '--format', 'json'], ROOT),
      run(['check', 'seeds', '--format', 'sarif'], ROOT),
    ]);
    assert.equal(json.stdout, JSON.stringify(JSON.parse(json.stdout), null, 2) + '\n');
    assert.equal(sarif.stdout, JSON.stringify(JSON.parse(sarif.stdout), null, 2) + '\n');
  });

  it('caps related entries at 5 per diagnostic (--max-related), counting the rest; sarif alike', async function () {
    const dir = conflicts(30);
    const [json, all, none, sarif] = await Promise.all([
      run(['check', '--format', 'json'], dir),
      run(['check', '--format', 'json', '--max-related', '20'], dir),
      run(['check', '--format', 'jsonl', '--max-related=0'], dir),
      run(['check', '--format', 'sarif'], dir),
    ]);
    const first = (JSON.parse(json.stdout) as JsonDiagnostic[])[0]!;
    assert.equal(first.file, 's000.seed.md');
    assert.equal(first.code, 'conflicting-claim');
    assert.match(first.message, /^city\.population = "1000" conflicts with 29 other sources: /);
    // The core attaches the first 20 conflicting claims, in file order; 5 are printed and 15 counted.
    assert.deepEqual(
      first.related.map((x) => x.file),
      ['s001.seed.md', 's002.seed.md', 's003.seed.md', 's004.seed.md', 's005.seed.md'],
    );
    assert.equal(first.relatedOmitted, 15);
    const full = (JSON.parse(all.stdout) as JsonDiagnostic[])[0]!;
    assert.equal(full.related.length, 20);
    assert.equal('relatedOmitted' in full, false);
    assert.deepEqual(full.related.slice(0, 5), first.related);
    const bare = JSON.parse(none.stdout.split('\n')[0]!) as JsonDiagnostic;
    assert.deepEqual([bare.related, bare.relatedOmitted], [[], 20]);
    const result = (
      JSON.parse(sarif.stdout) as {
        runs: Array<{ results: Array<{ relatedLocations?: unknown[]; properties?: { relatedOmitted: number } }> }>;
      }
    ).runs[0]!.results[0]!;
    assert.equal(result.relatedLocations?.length, 5);
    assert.deepEqual(result.properties, { relatedOmitted: 15 });
  });

  it('output through a pipe read slowly is complete and valid', async function () {
    // 120 sources, each conflicting with all others, 20 related entries each: about 0.8 MB of JSON, many times
    // what a pipe buffers.
    const dir = conflicts(120);
    const fast = await run(['check', '--format', 'json', '--max-related', '20'], dir);
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', '--max-related', '20'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // A slow reader: a pause after each chunk; async iteration reads the next one only then.
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const status = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve),
    );
    const text = Buffer.concat(chunks).toString('utf8');
    assert.equal(stderr, '');
    assert.equal(status, fast.status);
    assert.ok(text.length > 256 * 1024, `${text.length} characters`);
    assert.equal(text, fast.stdout);
    assert.equal((JSON.parse(text) as unknown[]).length, 120);
  });

  it('a reader that goes away early (`| head`) does not change the exit status', async function () {
    const dir = conflicts(120);
    // The last file has an error: it is reached only after the reader has gone.
    fs.writeFileSync(path.join(dir, 'zzz.seed.md'), '---\nid: zzz\n---\n[Zed]{.actor ref=zed} said nothing.\n');
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'json', '--max-related', '20'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, 1);
  });
});

describe('Output (the writer of check)', function () {
  it('waits for drain: a slow stream never holds more than about one chunk, and gets every byte in order', async function () {
    const received: string[] = [];
    let most = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      decodeStrings: false,
      write(chunk: string, _encoding, callback) {
        received.push(chunk);
        setImmediate(callback);
      },
    });
    const out = new Output(slow, 1024);
    const sent: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const line = `line ${i} ${'x'.repeat(i % 50)}\n`;
      sent.push(line);
      await out.write(line);
      most = Math.max(most, slow.writableLength);
    }
    await out.flush();
    await new Promise<void>((resolve) => slow.end(resolve));
    assert.equal(received.join(''), sent.join(''));
    // A chunk is at most 1024 + one line long, and none is written while the stream holds one.
    assert.ok(most <= 1024 + 64, `the stream held ${most} characters at once`);
  });

  it('stops writing once the stream fails (a reader that went away)', async function () {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const out = new Output(broken, 4);
    await out.write('first chunk\n');
    await out.flush();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(out.closed, true);
    await out.write('more text that is dropped\n');
    await out.flush();
  });
});
