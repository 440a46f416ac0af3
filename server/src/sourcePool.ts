import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Limits } from './core';
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
 * read on the main thread (`fail`).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** Worker failures after which the pool gives up (a script that cannot run would otherwise be started forever). */
export const MAX_FAILURES = 3;

type Pending = (files: PreparedFile[] | undefined) => void;

interface Slot {
  worker: Worker;
  /** Requests sent to this worker and not yet answered, oldest first. */
  pending: Map<number, Pending>;
}

/**
 * Reading and analysing source files on worker threads (sourceWorker.ts) during an indexing pass, so that the
 * main thread only indexes what they found. Workers start on first use and are left idle (unref'd) between uses.
 *
 * Never wrong, only slower: if a worker cannot start, or fails, the batches it had are answered `undefined` and
 * the caller reads and analyses those files itself (loader.ts). A failed worker is replaced, up to
 * {@link MAX_FAILURES} times; then no batch goes to a worker again.
 */
export class SourcePool {
  private slots: Slot[] | undefined;
  private failed = false;
  private failures = 0;
  private nextId = 0;
  /** Files analysed on a worker, since the pool was made. */
  preparedOffThread = 0;

  constructor(
    private readonly size = defaultPoolSize(),
    private readonly script = path.join(__dirname, 'sourceWorker.js'),
  ) {}

  /** Whether batches go to workers (false once they cannot: the caller reads the files itself). */
  get available(): boolean {
    return this.start() !== undefined;
  }

  /**
   * Reads and analyses the files at `paths` (named `uris` in the index) under `limits`, on the least busy worker:
   * one entry per file, in order; `undefined` if no worker could (the caller then reads them itself).
   */
  prepare(paths: string[], uris: string[], limits: Limits): Promise<PreparedFile[] | undefined> {
    const slots = this.start();
    if (!slots) return Promise.resolve(undefined);
    const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise((resolve) => {
      const request: PrepareRequest = { id: this.nextId++, paths, uris, limits };
      slot.pending.set(request.id, resolve);
      slot.worker.ref();
      slot.worker.postMessage(request);
    });
  }

  private start(): Slot[] | undefined {
    if (this.slots || this.failed) return this.slots;
    if (this.size === 0) return undefined;
    if (!fs.existsSync(this.script)) {
      this.failed = true;
      return undefined;
    }
    try {
      const slots: Slot[] = [];
      for (let i = 0; i < this.size; i++) slots.push(this.startWorker());
      this.slots = slots;
      return slots;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  private startWorker(): Slot {
    const worker = new Worker(this.script, { resourceLimits: WORKER_LIMITS });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (response: PrepareResponse) => {
      const resolve = slot.pending.get(response.id);
      if (!resolve) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) worker.unref();
      if ('files' in response) {
        this.preparedOffThread += response.files.length;
        resolve(response.files);
      } else resolve(undefined);
    });
    const fail = (): void => this.fail();
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    return slot;
  }

  /**
   * A worker failed: every batch still out is answered `undefined`, and the workers are started again for the next
   * batch, unless they failed {@link MAX_FAILURES} times already.
   */
  private fail(): void {
    if (++this.failures >= MAX_FAILURES) this.failed = true;
    this.release();
  }

  /**
   * Ends the workers (after a pass: an idle worker keeps its heap, tens of MiB); the next batch starts them again.
   * Batches still out are answered `undefined`.
   */
  release(): void {
    const slots = this.slots ?? [];
    this.slots = undefined;
    for (const slot of slots) {
      const pending = [...slot.pending.values()];
      slot.pending.clear();
      slot.worker.removeAllListeners('exit');
      slot.worker.removeAllListeners('error');
      slot.worker.on('error', () => undefined);
      void slot.worker.terminate();
      for (const resolve of pending) resolve(undefined);
    }
  }

  dispose(): void {
    const slots = this.slots ?? [];
    this.slots = undefined;
    this.failed = true;
    for (const slot of slots) {
      void slot.worker.terminate();
      for (const resolve of slot.pending.values()) resolve(undefined);
      slot.pending.clear();
    }
  }
}
