import * as path from 'node:path';
import { fromPlainRegistry, parseRegistryBytes, type Registry, type RegistryOptions } from './core';
import type { ParseRequest, ParseResponse } from './registryWorker';
import { WorkerPool } from './workerPool';

/**
 * Registry parsing on a worker thread (registryWorker.ts, a WorkerPool of one), started on first
 * use and left idle (unref'd) between uses. If the worker cannot start or
 * dies, registries are parsed on the calling thread, as before: slower to
 * answer requests meanwhile, never wrong.
 */
export class RegistryParser {
  private readonly pool: WorkerPool<ParseRequest, ParseResponse>;
  /** How many registries the worker parsed (the rest were parsed on the calling thread). */
  parsedOffThread = 0;

  constructor(script = path.join(__dirname, 'registryWorker.js')) {
    this.pool = new WorkerPool(script, 1, { maxFailures: 1 });
  }

  async parse(uri: string, bytes: Uint8Array, options: RegistryOptions): Promise<Registry> {
    const response = await this.pool.request((id) => ({ id, uri, bytes, options }));
    if (response && 'registry' in response) {
      this.parsedOffThread++;
      return fromPlainRegistry(response.registry);
    }
    return parseRegistryBytes(uri, bytes, options);
  }

  dispose(): void {
    this.pool.dispose();
  }
}
