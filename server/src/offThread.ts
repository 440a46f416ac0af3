import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fromPlainRegistry, parseRegistryBytes, type Registry, type RegistryOptions } from './core';
import type { ParseRequest, ParseResponse } from './registryWorker';

/**
 * Registry parsing on a worker thread (registryWorker.ts), started on first
 * use and left idle (unref'd) between uses. If the worker cannot start or
 * dies, registries are parsed on the calling thread, as before: slower to
 * answer requests meanwhile, never wrong.
 */
export class RegistryParser {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  /** How many registries the worker parsed (the rest were parsed on the calling thread). */
  parsedOffThread = 0;
  private readonly waiting = new Map<number, { resolve: (r: Registry) => void; fallback: () => void }>();

  constructor(private readonly script = path.join(__dirname, 'registryWorker.js')) {}

  parse(uri: string, bytes: Uint8Array, options: RegistryOptions): Promise<Registry> {
    const worker = this.start();
    if (!worker) return Promise.resolve(parseRegistryBytes(uri, bytes, options));
    return new Promise((resolve) => {
      const id = this.nextId++;
      const fallback = (): void => resolve(parseRegistryBytes(uri, bytes, options));
      this.waiting.set(id, { resolve, fallback });
      worker.ref();
      const request: ParseRequest = { id, uri, bytes, options };
      worker.postMessage(request);
    });
  }

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    if (!fs.existsSync(this.script)) {
      this.failed = true;
      return undefined;
    }
    try {
      const worker = new Worker(this.script);
      worker.on('message', (response: ParseResponse) => {
        const waiter = this.waiting.get(response.id);
        if (!waiter) return;
        this.waiting.delete(response.id);
        if (this.waiting.size === 0) worker.unref();
        if ('registry' in response) {
          this.parsedOffThread++;
          waiter.resolve(fromPlainRegistry(response.registry));
        } else waiter.fallback();
      });
      const fail = (): void => {
        this.failed = true;
        this.worker = undefined;
        const pending = [...this.waiting.values()];
        this.waiting.clear();
        for (const w of pending) w.fallback();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (worker) void worker.terminate();
  }
}
