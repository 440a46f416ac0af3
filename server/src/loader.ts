/**
 * Reads a workspace from disk without blocking the event loop: the walk
 * and the reads are asynchronous, reads run in bounded batches, and control
 * returns to the event loop between batches so that requests (a hover on an
 * open file, a cancellation) are served while a large folder is indexed.
 * Callback-style `fs.readFile` is used on purpose: it is markedly faster than
 * `fs.promises.readFile` for many small files (nodejs/node#37583).
 */

import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import { walkFolders } from './node/files';
import { SLICE_MS, yieldToEventLoop } from './timeSlice';

export interface LoadSink {
  /** A registry file was read (sources are loaded once the returned promise settles). */
  registry(uri: string, bytes: Uint8Array): void | Promise<void>;
  /** A source file was read (already filtered: not open in the editor). */
  source(uri: string, bytes: Uint8Array): void;
  /** Progress: `done` of `total` sources read. */
  progress(done: number, total: number): void;
  /** Whether a file is open in the editor (its editor text wins over the disk). */
  isOpen(uri: string): boolean;
  /** A file or folder that could not be read. */
  unreadable(fsPath: string, reason: string): void;
}

export interface CancelToken {
  readonly isCancellationRequested: boolean;
}

/** Files read concurrently. */
export const BATCH_SIZE = 64;

export type ReadResult = { data: Buffer } | { error: string };

function readFile(p: string): Promise<ReadResult> {
  return new Promise((resolve) =>
    fs.readFile(p, (err, data) => resolve(err ? { error: err.code ?? err.message } : { data })),
  );
}

/**
 * Loads the folders into the sink: registries first (sources are resolved
 * against them), then sources in batches. Returns false if cancelled.
 */
export async function loadFolders(folders: string[], sink: LoadSink, token: CancelToken): Promise<boolean> {
  const { sources, registries } = await walkFolders(folders, token, (p, r) => sink.unreadable(p, r));
  if (token.isCancellationRequested) return false;
  for (const r of registries) {
    const uri = URI.file(r).toString();
    if (sink.isOpen(uri)) continue;
    const read = await readFile(r);
    if ('data' in read) await sink.registry(uri, read.data);
    else sink.unreadable(r, read.error);
  }
  sink.progress(0, sources.length);
  for (let i = 0; i < sources.length; i += BATCH_SIZE) {
    if (token.isCancellationRequested) return false;
    const batch = sources.slice(i, i + BATCH_SIZE);
    const uris = batch.map((p) => URI.file(p).toString());
    const results = await Promise.all(
      batch.map((p, k) => (sink.isOpen(uris[k]!) ? Promise.resolve(undefined) : readFile(p))),
    );
    // Analyse the batch in slices of at most SLICE_MS: a request waits for one slice, not a batch.
    let sliceStart = performance.now();
    for (let k = 0; k < batch.length; k++) {
      const read = results[k];
      if (read === undefined) continue;
      const p = batch[k]!;
      // Opened while it was being read: the editor's text is already in the index.
      if ('data' in read) {
        if (!sink.isOpen(uris[k]!)) sink.source(uris[k]!, read.data);
      } else sink.unreadable(p, read.error);
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        if (token.isCancellationRequested) return false;
        sliceStart = performance.now();
      }
    }
    sink.progress(Math.min(i + BATCH_SIZE, sources.length), sources.length);
    await yieldToEventLoop();
  }
  return true;
}

/**
 * Reads one regular file, whatever the path names. A FIFO, a device (`/dev/zero`) or a
 * directory is refused without reading: reading a FIFO blocks a libuv thread forever and
 * `/dev/zero` never ends. The file is opened non-blocking, so a FIFO does not block the open.
 */
export function readRegularFile(p: string): Promise<ReadResult> {
  return new Promise((resolve) => {
    fs.open(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0), (err, fd) => {
      if (err) return resolve({ error: err.code ?? err.message });
      const finish = (result: ReadResult): void => fs.close(fd, () => resolve(result));
      fs.fstat(fd, (statErr, st) => {
        if (statErr) return finish({ error: statErr.code ?? statErr.message });
        if (!st.isFile()) return finish({ error: 'not a regular file' });
        fs.readFile(fd, (readErr, data) => finish(readErr ? { error: readErr.code ?? readErr.message } : { data }));
      });
    });
  });
}

/** Reads one regular file, or undefined if it is gone, unreadable or not a regular file. */
export async function readIfExists(
  fsPath: string,
  onError?: (reason: string) => void,
): Promise<Uint8Array | undefined> {
  const read = await readRegularFile(fsPath);
  if ('error' in read && read.error !== 'ENOENT' && read.error !== 'ENOTDIR') onError?.(read.error);
  return 'data' in read ? read.data : undefined;
}
