import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { prepareSourceBytes, WorkspaceIndex, type PreparedSource } from '../server/src/core';
import { median, printLoad, time } from './inProcess';
import { generateCorpus, type FrontMatterVariant } from './generate';

/**
 * What the open costs the server's main thread, in process (issue 13): on each variant of the generated corpus, in
 * interleaved rounds,
 *
 * - `main`: the whole file on the main thread, `WorkspaceIndex.loadSourceBytes` (decode, model, compact, index), as
 *   before the source workers and as when they cannot start;
 * - `unpack + index`: what the main thread does with the workers (sourcePool.ts): deserialize a batch's message
 *   (the structured clone `postMessage` uses) and `loadPrepared` every file;
 * - `worker`: what a worker does per file, `prepareSourceBytes` (decode, model, compact, pack) and the batch's
 *   serialization.
 *
 * Reading the files is outside every timed region. With k workers the open is bounded below by
 * max(unpack + index, worker ÷ k) plus the walk and the reads. Prints medians.
 *
 *   node out/bench/mainThread.js [n=10000] [rounds=5]
 */

const n = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 5);
const BATCH = 64;

function freshIndex(root: string, registry: Uint8Array): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [root] });
  index.setRegistryBytes(`${root}/entities.yaml`, registry);
  return index;
}

/**
 * The worker's side: each batch prepared and serialized with V8's serializer, as postMessage does (which transfers the
 * text bytes where this copies them: the main thread's figure is slightly pessimistic).
 */
function workerSide(uris: string[], bytes: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < uris.length; i += BATCH) {
    const files: PreparedSource[] = [];
    for (let k = i; k < Math.min(uris.length, i + BATCH); k++)
      files.push(prepareSourceBytes(uris[k]!, Uint8Array.from(bytes[k]!)).prepared);
    out.push(v8.serialize(files));
  }
  return out;
}

function profile(variant: FrontMatterVariant): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-main-thread-'));
  let bytes: Buffer[];
  let registry: Buffer;
  let corpusBytes = 0;
  const root = 'file:///bench';
  try {
    const info = generateCorpus(dir, n, 1, variant);
    bytes = info.files.map((f) => fs.readFileSync(path.join(dir, f)));
    registry = fs.readFileSync(path.join(dir, 'entities.yaml'));
    corpusBytes = bytes.reduce((s, b) => s + b.length, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const uris = bytes.map((_, i) => `${root}/${i}.seed.md`);
  const main: number[] = [];
  const unpack: number[] = [];
  const worker: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const direct = freshIndex(root, registry);
    main.push(time(() => bytes.forEach((b, i) => direct.loadSourceBytes(uris[i]!, b))));
    let messages: Buffer[] = [];
    worker.push(time(() => (messages = workerSide(uris, bytes))));
    const index = freshIndex(root, registry);
    unpack.push(
      time(() => {
        for (const m of messages) for (const p of v8.deserialize(m) as PreparedSource[]) index.loadPrepared(p);
      }),
    );
  }
  const mib = corpusBytes / 1024 / 1024;
  console.log(
    `${variant} front matter, ${n.toLocaleString('en-US')} articles (${mib.toFixed(1)} MiB), medians of ${rounds} interleaved rounds: ` +
      `main ${median(main).toFixed(0)} ms; with workers, unpack + index ${median(unpack).toFixed(0)} ms ` +
      `(${(median(main) / median(unpack)).toFixed(2)}× less), worker ${median(worker).toFixed(0)} ms`,
  );
}

for (const variant of ['plain', 'realistic'] as const) profile(variant);
printLoad();
