import * as fs from 'node:fs';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Each request carries an id; the worker answers with it. */
export interface Numbered {
  id: number;
}

/**
 * Worker threads running `script` that answer numbered requests, for work kept off the main thread (registries:
 * offThread.ts; sources during a pass: sourcePool.ts). Workers start on first use and are left idle (unref'd) while
 * nothing is asked of them, so they never keep the process alive.
 *
 * Never wrong, only slower: `request` answers `undefined` when no worker can answer (the script is missing, a worker
 * cannot start, or it failed with the request out), and the caller does the work itself. Failed workers are started
 * again for the next request, until they failed `maxFailures` times; then no request goes to a worker again.
 */
export class WorkerPool<Request extends Numbered, Response extends Numbered> {
  private slots: Array<{ worker: Worker; pending: Map<number, (r: Response | undefined) => void> }> | undefined;
  private failed = false;
  private failures = 0;
  private nextId = 0;

  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly options: { maxFailures: number; resourceLimits?: ResourceLimits },
  ) {}

  /** Whether requests go to workers (false once they cannot: the caller does the work itself). */
  get available(): boolean {
    return this.start() !== undefined;
  }

  /** Sends the request `make(id)` to the least busy worker; its answer, or `undefined` if no worker could answer. */
  request(make: (id: number) => Request, transfer: ArrayBuffer[] = []): Promise<Response | undefined> {
    const slots = this.start();
    if (!slots) return Promise.resolve(undefined);
    const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise((resolve) => {
      const request = make(this.nextId++);
      slot.pending.set(request.id, resolve);
      slot.worker.ref();
      slot.worker.postMessage(request, transfer);
    });
  }

  private start(): typeof this.slots {
    if (this.slots || this.failed) return this.slots;
    if (this.size === 0) return undefined;
    if (!fs.existsSync(this.script)) {
      this.failed = true;
      return undefined;
    }
    try {
      this.slots = Array.from({ length: this.size }, () => this.startWorker());
      return this.slots;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  private startWorker(): NonNullable<typeof this.slots>[number] {
    const worker = new Worker(
      this.script,
      this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {},
    );
    const slot = { worker, pending: new Map<number, (r: Response | undefined) => void>() };
    worker.on('message', (response: Response) => {
      const resolve = slot.pending.get(response.id);
      if (!resolve) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) worker.unref();
      resolve(response);
    });
    const fail = (): void => {
      if (++this.failures >= this.options.maxFailures) this.failed = true;
      this.release();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    return slot;
  }

  /**
   * Ends the workers (an idle worker keeps its heap, tens of MiB); the next request starts them again. Requests still
   * out are answered `undefined`.
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

  /** Ends the workers for good: requests still out, and every later one, are answered `undefined`. */
  dispose(): void {
    this.failed = true;
    this.release();
  }
}
