/**
 * Keeping the texts of closed sources compressed (issue 13, memory). A compacted model keeps its text as UTF-8 bytes,
 * the corpus's size again outside the heap; after a pass, and after a closed file is read again, those bytes are
 * deflated (node:zlib) on libuv's thread pool, never on the main thread, and kept instead. A run that compresses
 * many texts first makes a dictionary of pieces of them ({@link dictionaryOf}): articles of one archive share front
 * matter keys, boilerplate, names and words, which a text of a few kilobytes compressed alone cannot use (real prose
 * 2.25× → 2.58×, docs/benchmarks.md "a text dictionary"). The text is inflated again when a feature reads it (about
 * 40 µs for a 5 KB article; the last few texts read are kept decoded, see core/model/source.ts). Work waits for the background's turns (timeSlice.ts), for
 * the end of a pass and for a pause in the typing and requests; a model replaced meanwhile keeps its own bytes.
 */
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { keepCompressed, uncompressedText, type SourceModel, type TextCodec, type WorkspaceIndex } from './core';
import { backgroundTurn } from './timeSlice';

const deflate = promisify(deflateRaw);

/** Deflate's level: on texts of a few kilobytes, with a dictionary, 6 compresses ~10 % better than 1 in ~1.5× the time. */
const LEVEL = 6;

/** How texts are compressed, and how the core gets their bytes back: deflate with a preset dictionary, or none. */
export class ZlibCodec implements TextCodec {
  constructor(readonly dictionary?: Uint8Array) {}

  compress(bytes: Uint8Array): Promise<Buffer> {
    return deflate(bytes, this.dictionary ? { level: LEVEL, dictionary: this.dictionary } : { level: LEVEL });
  }

  decompress(compressed: Uint8Array): Uint8Array {
    return inflateRawSync(compressed, this.dictionary ? { dictionary: this.dictionary } : {});
  }
}

/** How many texts a dictionary is made of, and how many bytes of each (deflate looks back 32 KiB at most). */
const SAMPLES = 32;
const SAMPLE_BYTES = 1024;
/** A run with fewer texts than this makes no dictionary (it keeps the last run's, if any). */
const MIN_SAMPLES = 8;

/**
 * A dictionary of pieces of `texts` (their first SAMPLE_BYTES: front matter and opening, where an archive's articles
 * are most alike), or undefined for fewer than MIN_SAMPLES texts. A model keeps the codec it was compressed with
 * ({@link keepCompressed}), so a later dictionary never needs the texts compressed before it to be compressed again.
 */
export function dictionaryOf(texts: readonly Uint8Array[]): Uint8Array | undefined {
  if (texts.length < MIN_SAMPLES) return undefined;
  const pieces = texts.map((t) => t.subarray(0, SAMPLE_BYTES));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Frees the memory of a text's bytes now that the model keeps them compressed, instead of when the garbage collector
 * next collects the old generation, where they have lived since the pass (until then a pass's every text would be
 * held twice, as it was and compressed). The buffer moves to a new, young array that the next minor collection
 * frees; the old array is left empty. Only a buffer of exactly these bytes: a view into a larger one is left as is.
 */
function release(bytes: Uint8Array): void {
  if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength || !(bytes.buffer instanceof ArrayBuffer))
    return;
  structuredClone(bytes, { transfer: [bytes.buffer] });
}

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
  /** How the next texts are compressed: with the dictionary of the last run that had enough texts to make one. */
  private codec = new ZlibCodec();
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
    let sampled = false;
    for (;;) {
      await backgroundTurn();
      for (;;) {
        const wait = this.host.busy() ? 50 : this.host.lastActivityAt() + QUIET_MS - performance.now();
        if (wait <= 0) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 10)));
      }
      if (!sampled) {
        // Once the user paused, from the texts queued then (a pass queues every closed source).
        sampled = true;
        const dictionary = dictionaryOf(this.sample());
        if (dictionary) this.codec = new ZlibCodec(dictionary);
      }
      const batch = this.take();
      if (batch === undefined) break;
      if (batch.length === 0) continue;
      const codec = this.codec;
      const results = await Promise.all(batch.map((job) => codec.compress(job.bytes)));
      batch.forEach(({ model, bytes }, i) => {
        const compressed = results[i]!;
        if (compressed.length > bytes.length * (1 - MIN_SAVING)) return;
        // A copy of exactly these bytes: zlib's result may be a view of a larger buffer.
        if (keepCompressed(model, bytes, new Uint8Array(compressed), codec)) {
          this.totals.compressed++;
          this.totals.bytesBefore += bytes.length;
          this.totals.bytesAfter += compressed.length;
          release(bytes);
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

  /** The texts of SAMPLES sources taken evenly from the queue (those that have one), for {@link dictionaryOf}. */
  private sample(): Uint8Array[] {
    const uris = [...this.queue];
    const count = Math.min(SAMPLES, uris.length);
    const texts: Uint8Array[] = [];
    for (let k = 0; k < count; k++) {
      const model = this.host.index.getSource(uris[Math.floor((k * uris.length) / count)]!);
      const bytes = model && uncompressedText(model);
      if (bytes && bytes.length > 0) texts.push(bytes);
    }
    return texts;
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
