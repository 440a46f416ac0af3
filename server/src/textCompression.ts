/**
 * Keeping the texts of closed sources compressed (issue 13, memory). A compacted model keeps its text as UTF-8 bytes,
 * the corpus's size again outside the heap; after a pass, and after a closed file is read again, those bytes are
 * deflated (node:zlib, level 1: about 2.4× smaller on news prose) on libuv's thread pool, never on the main thread,
 * and kept instead. The text is inflated again when a feature reads it (about 40 µs for a 5 KB article; the last few
 * texts read are kept decoded, see core/model/source.ts). Work waits for the background's turns (timeSlice.ts), for
 * the end of a pass and for a pause in the typing and requests; a model replaced meanwhile keeps its own bytes.
 */
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { keepCompressed, uncompressedText, type SourceModel, type TextCodec, type WorkspaceIndex } from './core';
import { backgroundTurn } from './timeSlice';

const deflate = promisify(deflateRaw);

/** How the core gets a text's bytes back. */
export const ZLIB_TEXT: TextCodec = { decompress: (compressed) => inflateRawSync(compressed) };

/** Texts compressed at once: as many deflations in flight on the thread pool (its default size is 4). */
const BATCH = 4;
/** A text is kept compressed only if that saves at least this share of its bytes. */
const MIN_SAVING = 0.1;
/**
 * How long the user must have paused (no edit of an open document, no hover, completion, references, semantic
 * tokens or diagnostics request) before texts are compressed (ms). Compression is worth nothing to the answer the
 * user waits for and may cost it: the deflations take the second core from the client and the server's garbage
 * collector, and their buffers bring collections forward. It can as well run a second later (docs/benchmarks.md,
 * "compression waits for the user": what one run each showed, and why that does not settle it).
 */
const QUIET_MS = 1000;
/** A run that compressed at least this many texts (after a pass, not after one file's change) says so in the log. */
const LOGGED = 64;

export interface TextCompressorHost {
  readonly index: WorkspaceIndex;
  /** Whether a pass is reading the folders (the work waits: the pass needs the cores). */
  busy(): boolean;
  /**
   * When the user last typed in an open document or asked for something (`performance.now()`): the work waits for
   * a pause.
   */
  lastActivityAt(): number;
  background(what: string, work: Promise<unknown>): void;
  log(message: string): void;
}

export class TextCompressor {
  private readonly queue = new Set<string>();
  private run: Promise<void> | undefined;
  /** Texts kept compressed, and the bytes they had and have, since the start. */
  readonly totals = { compressed: 0, bytesBefore: 0, bytesAfter: 0 };

  constructor(private readonly host: TextCompressorHost) {}

  /** Compresses the texts of these sources, if they are closed and not compressed yet, in the background. */
  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.queue.add(uri);
    if (this.run || this.queue.size === 0) return;
    this.run = this.drain().finally(() => {
      this.run = undefined;
      // Sources scheduled between the run's last look at the queue and its end.
      if (this.queue.size > 0) this.schedule([]);
    });
    this.host.background('compressing texts', this.run);
  }

  /** Forgets what was scheduled (a pass begins: it schedules every source when it ends). */
  clear(): void {
    this.queue.clear();
  }

  /** Whether texts are waiting or being compressed. */
  get running(): boolean {
    return this.run !== undefined;
  }

  private async drain(): Promise<void> {
    const started = Date.now();
    const before = { ...this.totals };
    for (;;) {
      await backgroundTurn();
      for (;;) {
        const wait = this.host.busy() ? 50 : this.host.lastActivityAt() + QUIET_MS - performance.now();
        if (wait <= 0) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 10)));
      }
      const batch = this.take();
      if (batch === undefined) break;
      if (batch.length === 0) continue;
      const results = await Promise.all(batch.map((job) => deflate(job.bytes, { level: 1 })));
      batch.forEach(({ model, bytes }, i) => {
        const compressed = results[i]!;
        if (compressed.length > bytes.length * (1 - MIN_SAVING)) return;
        // A copy of exactly these bytes: zlib's result may be a view of a larger buffer.
        if (keepCompressed(model, bytes, new Uint8Array(compressed), ZLIB_TEXT)) {
          this.totals.compressed++;
          this.totals.bytesBefore += bytes.length;
          this.totals.bytesAfter += compressed.length;
        }
      });
    }
    const texts = this.totals.compressed - before.compressed;
    if (texts >= LOGGED) {
      const mib = (n: number): string => (n / 2 ** 20).toFixed(1);
      this.host.log(
        `corroborate: compressed ${texts} texts of closed sources, ${mib(this.totals.bytesBefore - before.bytesBefore)} → ${mib(this.totals.bytesAfter - before.bytesAfter)} MiB, in ${Date.now() - started} ms`,
      );
    }
  }

  /** The next texts to compress (empty if none of the next sources has one); undefined once the queue is empty. */
  private take(): Array<{ model: SourceModel; bytes: Uint8Array }> | undefined {
    if (this.queue.size === 0) return undefined;
    const batch: Array<{ model: SourceModel; bytes: Uint8Array }> = [];
    for (const uri of this.queue) {
      this.queue.delete(uri);
      const model = this.host.index.getSource(uri);
      const bytes = model && uncompressedText(model);
      if (model && bytes && bytes.length > 0) batch.push({ model, bytes });
      if (batch.length === BATCH) break;
    }
    return batch;
  }
}
