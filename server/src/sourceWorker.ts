/**
 * Reads and analyses source files off the server's main thread, for the indexing pass (sourcePool.ts): each
 * message names a batch of files; the answer carries, per file, its model packed for the main thread to index
 * (core `prepareSourceBytes`), or why it could not be read. The packed models' buffers are transferred, not copied.
 */

import { parentPort } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareSourceBytes, type Limits, type PreparedSource } from './core';

export interface PrepareRequest {
  id: number;
  paths: string[];
  uris: string[];
  limits: Limits;
}

/** A file analysed, not readable, or left to the main thread (larger than {@link MAX_WORKER_BYTES}). */
export type PreparedFile = { prepared: PreparedSource } | { error: string } | { declined: 'large' };

/**
 * Larger files are left to the main thread: a worker's heap is kept small (sourcePool.ts), and the analysis of a
 * heavily annotated file of several MB needs more. Articles are tens of KB.
 */
export const MAX_WORKER_BYTES = 1024 * 1024;

export type PrepareResponse = { id: number; files: PreparedFile[] } | { id: number; error: string };

/**
 * Reads one regular file, synchronously (this thread has nothing else to do). Opened non-blocking and checked with
 * `fstat` first, as loader.ts's readRegularFile: a FIFO or a device is refused without reading, a large file is left
 * to the main thread.
 */
export function readRegularFileSync(p: string): Buffer | { error: string } | { declined: 'large' } {
  let fd: number;
  try {
    fd = fs.openSync(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: 'not a regular file' };
    if (st.size > MAX_WORKER_BYTES) return { declined: 'large' };
    return fs.readFileSync(fd);
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  } finally {
    fs.closeSync(fd);
  }
}

function prepareBatch(request: PrepareRequest): { files: PreparedFile[]; transfer: ArrayBuffer[] } {
  const files: PreparedFile[] = [];
  const transfer: ArrayBuffer[] = [];
  for (let i = 0; i < request.paths.length; i++) {
    const read = readRegularFileSync(request.paths[i]!);
    if (!(read instanceof Uint8Array)) {
      files.push(read);
      continue;
    }
    const done = prepareSourceBytes(request.uris[i]!, read, request.limits);
    files.push({ prepared: done.prepared });
    transfer.push(...done.transfer);
  }
  return { files, transfer };
}

/**
 * Lowers this thread's priority where Linux allows it (a thread is a task with an id of its own): where cores are
 * scarce, the main thread, which answers requests, and its garbage collector's helpers go first.
 */
function lowerPriority(): void {
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the worker runs at the process's priority.
  }
}

if (parentPort) lowerPriority();

parentPort?.on('message', (request: PrepareRequest) => {
  try {
    const { files, transfer } = prepareBatch(request);
    const response: PrepareResponse = { id: request.id, files };
    parentPort!.postMessage(response, transfer);
  } catch (e) {
    const response: PrepareResponse = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(response);
  }
});
