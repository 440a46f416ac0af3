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
import type { PreparedSource } from './core';
import { walkFolders } from './node/files';
import type { PreparedFile } from './sourcePool';
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
  /**
   * Reads and analyses a batch of sources elsewhere (worker threads, sourcePool.ts): one entry per file, or
   * undefined if it cannot (the files are then read here and given to `source`). Optional.
   */
  prepare?(paths: string[], uris: string[]): Promise<PreparedFile[] | undefined>;
  /** A source analysed by `prepare`; false if the sink cannot take it (it is then read here and given to `source`). */
  prepared?(uri: string, prepared: PreparedSource): boolean;
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

/** Batches read (and, with `LoadSink.prepare`, analysed) ahead of the one being indexed. */
export const BATCHES_AHEAD = 4;

/** What became of one file of a batch: read, analysed elsewhere, not readable, or skipped (open in the editor). */
type BatchEntry = ReadResult | PreparedFile | undefined;

/**
 * Loads the folders into the sink: registries first (sources are resolved
 * against them), then sources in batches, read (and analysed, see
 * `LoadSink.prepare`) while earlier batches are indexed. Returns false if cancelled.
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
  const batches: string[][] = [];
  for (let i = 0; i < sources.length; i += BATCH_SIZE) batches.push(sources.slice(i, i + BATCH_SIZE));
  const reads: Array<Promise<{ uris: string[]; entries: BatchEntry[] }> | undefined> = [];
  let done = 0;
  for (let b = 0; b < batches.length; b++) {
    if (token.isCancellationRequested) return false;
    while (reads.length < Math.min(batches.length, b + 1 + BATCHES_AHEAD))
      reads.push(readBatch(batches[reads.length]!, sink, token));
    const { uris, entries } = await reads[b]!;
    reads[b] = undefined;
    if (!(await indexBatch(batches[b]!, uris, entries, sink, token))) return false;
    done += batches[b]!.length;
    sink.progress(done, sources.length);
    await yieldToEventLoop();
  }
  return !token.isCancellationRequested;
}

/** Reads the files of a batch that are not open (on a worker if the sink can, otherwise here). */
async function readBatch(
  batch: string[],
  sink: LoadSink,
  token: CancelToken,
): Promise<{ uris: string[]; entries: BatchEntry[] }> {
  const uris = batch.map((p) => URI.file(p).toString());
  const todo = batch.flatMap((_, k) => (sink.isOpen(uris[k]!) ? [] : [k]));
  const entries = new Array<BatchEntry>(batch.length).fill(undefined);
  const prepared = sink.prepare
    ? await sink.prepare(
        todo.map((k) => batch[k]!),
        todo.map((k) => uris[k]!),
      )
    : undefined;
  if (prepared) todo.forEach((k, i) => (entries[k] = prepared[i]));
  // A batch a worker could not do is read here, unless the pass was cancelled meanwhile.
  else if (!token.isCancellationRequested)
    (await Promise.all(todo.map((k) => readFile(batch[k]!)))).forEach((read, i) => (entries[todo[i]!] = read));
  return { uris, entries };
}

/** Hands a batch's files to the sink, in slices of at most SLICE_MS: a request waits for one slice, not a batch. */
async function indexBatch(
  batch: string[],
  uris: string[],
  entries: BatchEntry[],
  sink: LoadSink,
  token: CancelToken,
): Promise<boolean> {
  let sliceStart = performance.now();
  for (let k = 0; k < batch.length; k++) {
    let entry = entries[k];
    const p = batch[k]!;
    const uri = uris[k]!;
    // Skipped, or opened while it was being read: the editor's text is already in the index.
    if (entry === undefined || sink.isOpen(uri)) continue;
    // Analysed elsewhere under other limits than the sink's now (they changed during the pass), or left to this
    // thread (a large file): read here.
    if ('declined' in entry || ('prepared' in entry && !sink.prepared?.(uri, entry.prepared)))
      entry = await readFile(p);
    if ('error' in entry) sink.unreadable(p, entry.error);
    else if ('data' in entry && !sink.isOpen(uri)) sink.source(uri, entry.data);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      if (token.isCancellationRequested) return false;
      sliceStart = performance.now();
    }
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
