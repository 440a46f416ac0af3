import * as os from 'node:os';
import * as path from 'node:path';
import type { Limits } from './core';
import { WorkerPool } from './workerPool';
import type { PreparedFile, PrepareRequest, PrepareResponse } from './sourceWorker';

export type { PreparedFile } from './sourceWorker';

/**
 * Threads that read and analyse sources during a pass: `CORROBORATE_SOURCE_WORKERS` if set (0: none, every file on
 * the main thread), otherwise one per core beyond two, at most three: a core is left to the main thread, which
 * indexes what they send (and cannot keep up with more than three), and one to its garbage collector's helper
 * threads. On two cores, at 10k articles, one worker (at a lower priority, sourceWorker.ts) opened 10-25 % faster
 * than none but made the main thread's longest stall 40-79 ms instead of 31-38 (its GC helpers waited for a core),
 * so two cores get none (docs/benchmarks.md).
 */
export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const set = env.CORROBORATE_SOURCE_WORKERS;
  if (set !== undefined && /^\d+$/.test(set.trim())) return Math.min(16, Number(set));
  return Math.max(0, Math.min(3, cores - 2));
}

/**
 * A worker keeps nothing between batches, so its heap is kept small: with V8's defaults each worker added ~60 MiB
 * to the server's peak RSS at 10,000 articles, with these ~25 MiB (docs/benchmarks.md). Files over
 * MAX_WORKER_BYTES are left to the main thread; should a batch still need more, its worker ends, and the batch is
 * read on the main thread (WorkerPool answers `undefined`).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** Worker failures after which the pool gives up (a script that cannot run would otherwise be started forever). */
export const MAX_FAILURES = 3;

/**
 * Reading and analysing source files on worker threads (sourceWorker.ts) during an indexing pass, so that the
 * main thread only indexes what they found (a WorkerPool: started on first use, idle ones unref'd).
 *
 * Never wrong, only slower: if a worker cannot start, or fails, the batches it had are answered `undefined` and
 * the caller reads and analyses those files itself (loader.ts). A failed worker is replaced, up to
 * {@link MAX_FAILURES} times; then no batch goes to a worker again.
 */
export class SourcePool {
  private readonly pool: WorkerPool<PrepareRequest, PrepareResponse>;
  /** Files analysed on a worker, since the pool was made. */
  preparedOffThread = 0;

  constructor(size = defaultPoolSize(), script = path.join(__dirname, 'sourceWorker.js')) {
    this.pool = new WorkerPool(script, size, { maxFailures: MAX_FAILURES, resourceLimits: WORKER_LIMITS });
  }

  /** Whether batches go to workers (false once they cannot: the caller reads the files itself). */
  get available(): boolean {
    return this.pool.available;
  }

  /**
   * Reads and analyses the files at `paths` (named `uris` in the index) under `limits`, on the least busy worker:
   * one entry per file, in order; `undefined` if no worker could (the caller then reads them itself).
   */
  async prepare(paths: string[], uris: string[], limits: Limits): Promise<PreparedFile[] | undefined> {
    const response = await this.pool.request((id) => ({ id, paths, uris, limits }));
    if (!response || !('files' in response)) return undefined;
    this.preparedOffThread += response.files.length;
    return response.files;
  }

  /**
   * Ends the workers (after a pass: an idle worker keeps its heap, tens of MiB); the next batch starts them again.
   * Batches still out are answered `undefined`.
   */
  release(): void {
    this.pool.release();
  }

  dispose(): void {
    this.pool.dispose();
  }
}
