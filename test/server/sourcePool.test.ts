import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_LIMITS, prepareSourceBytes, WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { loadFolders, type LoadSink } from '../../server/src/loader';
import { defaultPoolSize, MAX_FAILURES, SourcePool } from '../../server/src/sourcePool';
import { MAX_WORKER_BYTES } from '../../server/src/sourceWorker';
import { generateCorpus } from '../../bench/generate';
import { TestClient } from '../helpers/lspClient';

const REPO = path.resolve(__dirname, '../../..');

/** Sources read and analysed on worker threads during a pass (server/src/sourcePool.ts, sourceWorker.ts, loader.ts). */
describe('sources analysed on worker threads', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-pool-'));
    generateCorpus(dir, 150, 7);
    fs.writeFileSync(path.join(dir, 'bom.seed.md'), Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('[A]{.actor}\r\n')]));
    fs.writeFileSync(path.join(dir, 'latin1.seed.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(dir, 'binary.seed.md'), Buffer.from([0x00, 0x01, 0x02]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `test` with `pool`, disposed of afterwards. */
  async function withPool(pool: SourcePool, test: (pool: SourcePool) => Promise<void>): Promise<void> {
    try {
      await test(pool);
    } finally {
      pool.dispose();
    }
  }

  /** A sink that indexes into `index` and records what went where. */
  function indexingSink(index: WorkspaceIndex, pool: SourcePool | undefined, open = new Set<string>()) {
    const seen = { prepared: 0, source: 0, unreadable: [] as string[] };
    const sink: LoadSink = {
      registry: (uri, bytes) => void index.setRegistryBytes(uri, bytes),
      source: (uri, bytes) => {
        seen.source++;
        index.loadSourceBytes(uri, bytes);
      },
      ...(pool
        ? {
            prepare: (paths: string[], uris: string[]) => pool.prepare(paths, uris, index.getLimits()),
            prepared: (_uri: string, p: Parameters<WorkspaceIndex['loadPrepared']>[0]) => {
              seen.prepared++;
              return index.loadPrepared(p);
            },
          }
        : {}),
      progress: () => undefined,
      isOpen: (uri) => open.has(uri),
      unreadable: (p) => void seen.unreadable.push(path.basename(p)),
    };
    return { sink, seen };
  }

  /** Every source's diagnostics, by file name. */
  function diagnostics(index: WorkspaceIndex): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const uri of index.sourceUris().sort()) out.set(path.basename(uri), computeDiagnostics(index, uri));
    return out;
  }

  it('index exactly what reading on the main thread indexes, every file analysed by a worker', async () => {
    await withPool(new SourcePool(2), async (pool) => {
      const onMain = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      const offMain = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      const a = indexingSink(onMain, undefined);
      const b = indexingSink(offMain, pool);
      assert.ok(await loadFolders([dir], a.sink, { isCancellationRequested: false }));
      assert.ok(await loadFolders([dir], b.sink, { isCancellationRequested: false }));
      assert.equal(a.seen.source, 153);
      assert.deepEqual([b.seen.prepared, b.seen.source], [153, 0], 'every source went through a worker');
      assert.equal(pool.preparedOffThread, 153);
      assert.deepEqual(diagnostics(offMain), diagnostics(onMain));
    });
  });

  it('skips the open files, as on the main thread', async () => {
    await withPool(new SourcePool(1), async (pool) => {
      const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      const openUri = URI.file(path.join(dir, 'bom.seed.md')).toString();
      const { sink, seen } = indexingSink(index, pool, new Set([openUri]));
      assert.ok(await loadFolders([dir], sink, { isCancellationRequested: false }));
      assert.equal(index.getSource(openUri), undefined, 'the open file is the editor’s');
      assert.equal(seen.prepared, 152);
    });
  });

  it('reads on the main thread what a worker analysed under other limits (they changed during the pass)', async () => {
    await withPool(new SourcePool(1), async (pool) => {
      const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      const { sink, seen } = indexingSink(index, pool);
      // The worker is asked with the defaults; the index has other limits by the time the answers arrive.
      sink.prepare = (paths, uris) => pool.prepare(paths, uris, DEFAULT_LIMITS);
      index.setLimits({ maxNesting: 3 });
      assert.ok(await loadFolders([dir], sink, { isCancellationRequested: false }));
      assert.equal(seen.prepared, 153, 'offered');
      assert.equal(seen.source, 153, 'refused, then read here');
      assert.equal(index.sourceUris().length, 153);
    });
  });

  it('falls back to the main thread when the worker script is missing or a worker dies', async () => {
    const missing = new SourcePool(1, path.join(dir, 'no-such-worker.js'));
    assert.equal(missing.available, false);
    assert.equal(await missing.prepare([path.join(dir, 'bom.seed.md')], ['file:///x'], DEFAULT_LIMITS), undefined);
    const dies = path.join(dir, 'dies.js');
    fs.writeFileSync(dies, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    await withPool(new SourcePool(2, dies), async (pool) => {
      const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      const { sink, seen } = indexingSink(index, pool);
      assert.ok(await loadFolders([dir], sink, { isCancellationRequested: false }));
      assert.deepEqual([seen.prepared, seen.source], [0, 153], 'every source read on the main thread');
      // Workers that die are started again for the next batch, up to MAX_FAILURES times in all.
      for (let i = 1; i < MAX_FAILURES; i++) {
        assert.equal(pool.available, true, `started again after ${i} failures`);
        assert.equal(await pool.prepare([path.join(dir, 'bom.seed.md')], ['file:///x'], DEFAULT_LIMITS), undefined);
      }
      assert.equal(pool.available, false, 'no batch goes to a worker again');
    });
  });

  it('leaves a large file to the main thread, which indexes it in its place', async () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-pool-big-'));
    const pool = new SourcePool(1);
    try {
      const line = '[Mark Rutte]{.actor ref=rutte} said [it grew]{.claim by=rutte key=gdp value=3}.\n';
      fs.writeFileSync(path.join(big, 'a.seed.md'), 'small\n');
      fs.writeFileSync(path.join(big, 'b.seed.md'), line.repeat(Math.ceil(MAX_WORKER_BYTES / line.length) + 1));
      fs.writeFileSync(path.join(big, 'c.seed.md'), 'small\n');
      const index = new WorkspaceIndex({ folders: [URI.file(big).toString()] });
      const { sink, seen } = indexingSink(index, pool);
      const order: string[] = [];
      const source = sink.source.bind(sink);
      sink.source = (uri, bytes) => (order.push(path.basename(uri)), source(uri, bytes));
      const prepared = sink.prepared!.bind(sink);
      sink.prepared = (uri, p) => (order.push(path.basename(uri)), prepared(uri, p));
      assert.ok(await loadFolders([big], sink, { isCancellationRequested: false }));
      assert.deepEqual([seen.prepared, seen.source], [2, 1]);
      assert.deepEqual(order, ['a.seed.md', 'b.seed.md', 'c.seed.md'], 'in its place');
      assert.ok(index.getSource(URI.file(path.join(big, 'b.seed.md')).toString())!.mentions.length > 10_000);
      assert.equal(pool.available, true, 'the workers are fine');
    } finally {
      pool.dispose();
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  it('a worker gives what prepareSourceBytes gives on the calling thread, and refuses what is not a regular file', async () => {
    const pool = new SourcePool(1);
    const fifo = path.join(dir, 'fifo.seed.md');
    const hasFifo = spawnSync('mkfifo', [fifo]).status === 0;
    try {
      const files = ['bom.seed.md', 'latin1.seed.md', 'binary.seed.md'].map((f) => path.join(dir, f));
      const uris = files.map((f) => URI.file(f).toString());
      const got = await pool.prepare(
        [...files, path.join(dir, 'gone.seed.md'), dir],
        [...uris, 'x:', 'y:'],
        DEFAULT_LIMITS,
      );
      assert.deepEqual(got, [
        ...files.map((f, i) => ({
          prepared: prepareSourceBytes(uris[i]!, fs.readFileSync(f), DEFAULT_LIMITS).prepared,
        })),
        { error: 'ENOENT' },
        { error: 'not a regular file' },
      ]);
      // A FIFO blocks a read forever: it is refused after a non-blocking open, within the test's time.
      if (hasFifo)
        assert.deepEqual(await pool.prepare([fifo], ['z:'], DEFAULT_LIMITS), [{ error: 'not a regular file' }]);
    } finally {
      fs.rmSync(fifo, { force: true });
      pool.dispose();
    }
  });

  it('after release (the end of a pass), the next batch starts the workers again', async () => {
    await withPool(new SourcePool(1), async (pool) => {
      const file = path.join(dir, 'bom.seed.md');
      const uri = URI.file(file).toString();
      assert.equal((await pool.prepare([file], [uri], DEFAULT_LIMITS))?.length, 1);
      const pending = pool.prepare([file], [uri], DEFAULT_LIMITS);
      pool.release();
      assert.equal(await pending, undefined, 'a batch out at the release is answered undefined');
      assert.equal(pool.available, true);
      assert.equal((await pool.prepare([file], [uri], DEFAULT_LIMITS))?.length, 1);
      assert.equal(pool.preparedOffThread, 2);
    });
  });

  it('the language server analyses every source of a pass on its workers, and answers as before', async () => {
    // Set: this machine may have too few cores for the default to start any.
    const client = new TestClient(dir, { pull: true, env: { CORROBORATE_SOURCE_WORKERS: '2' } });
    try {
      await client.initialize();
      await client.waitForIndex(153);
      const log = await client.waitFor('the indexing log', () =>
        client.logs.find((l) => l.startsWith('corroborate: indexed ')),
      );
      assert.match(log, /indexed 153 sources and 1 registries in \d+ ms; 153 analysed on worker threads/);
      // The pass read them off the main thread: a file's diagnostics are those of the index built in process.
      const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
      assert.ok(await loadFolders([dir], indexingSink(index, undefined).sink, { isCancellationRequested: false }));
      for (const name of ['bom.seed.md', 'latin1.seed.md', 'binary.seed.md']) {
        const uri = URI.file(path.join(dir, name)).toString();
        const report = await client.connection.sendRequest<{ items: Array<{ message: string }> }>(
          'textDocument/diagnostic',
          { textDocument: { uri } },
        );
        assert.deepEqual(
          report.items.map((d) => d.message),
          computeDiagnostics(index, uri).map((d) => d.message),
          name,
        );
      }
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  });

  it('has one worker per core beyond two (at most three), or CORROBORATE_SOURCE_WORKERS', async () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 64].map((cores) => defaultPoolSize({}, cores)),
      [0, 0, 1, 2, 3, 3],
    );
    assert.equal(defaultPoolSize({ CORROBORATE_SOURCE_WORKERS: '2' }, 8), 2);
    assert.equal(defaultPoolSize({ CORROBORATE_SOURCE_WORKERS: 'lots' }, 8), 3, 'not a number: the default');
    const none = new SourcePool(defaultPoolSize({ CORROBORATE_SOURCE_WORKERS: '0' }));
    assert.equal(none.available, false, '0: every file on the main thread');
    assert.equal(await none.prepare([], [], DEFAULT_LIMITS), undefined);
  });

  it('runs its workers at a lower priority than the main thread (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    const niceOf = (tid: string): number => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    await withPool(new SourcePool(2), async (pool) => {
      const file = path.join(dir, 'bom.seed.md');
      // Two batches at once: one to each worker.
      await Promise.all([1, 2].map(() => pool.prepare([file], [URI.file(file).toString()], DEFAULT_LIMITS)));
      // Threads of other tests' pools may be ending meanwhile: at least this pool's two are at nice 10.
      const niced = fs.readdirSync('/proc/self/task').filter((tid) => {
        try {
          return niceOf(tid) === 10;
        } catch {
          return false; // ended while listed
        }
      });
      assert.ok(niced.length >= 2, `threads at nice 10: ${niced.length}`);
      assert.equal(niceOf(String(process.pid)), 0, 'the main thread keeps its priority');
    });
  });

  it('an idle pool does not keep the process alive', () => {
    const script = `
      const { SourcePool } = require(${JSON.stringify(path.join(REPO, 'out/server/src/sourcePool.js'))});
      const { DEFAULT_LIMITS } = require(${JSON.stringify(path.join(REPO, 'out/server/src/core/index.js'))});
      const p = new SourcePool(2);
      p.prepare([${JSON.stringify(path.join(REPO, 'seeds/entities.yaml'))}], ['file:///x.seed.md'], DEFAULT_LIMITS)
        .then((r) => console.log('prepared', r.length));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'prepared 1');
  });
});
