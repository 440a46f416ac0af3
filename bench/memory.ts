import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../server/src/core';
import { printLoad } from './inProcess';
import { generateCorpus, type FrontMatterVariant } from './generate';

/**
 * What the index of a workspace holds, in process (issue 13's memory goal: steady heap + external ≤ 1× the corpus):
 * on each variant of the generated corpus, every file loaded as the server loads a file read from disk
 * (`WorkspaceIndex.loadSourceBytes`), then, after full garbage collections, the heap and the memory outside it
 * (the texts' bytes) that the index adds to an empty process, per byte of corpus. No timing: the figures vary
 * only with V8's own choices. The server holds more (claim views, actor cards and
 * suggestion dictionaries built after a pass); `node out/bench/run.js --open-only` measures that.
 *
 *   node --expose-gc out/bench/memory.js [n=10000]
 */

const n = Number(process.argv[2] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

interface Usage {
  heap: number;
  external: number;
}

function usage(): Usage {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

function measure(variant: FrontMatterVariant): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-memory-'));
  let files: Array<{ uri: string; bytes: Buffer }>;
  let registry: Buffer;
  const root = 'file:///bench';
  try {
    const info = generateCorpus(dir, n, 1, variant);
    files = info.files.map((f) => ({ uri: `${root}/${f}`, bytes: fs.readFileSync(path.join(dir, f)) }));
    registry = fs.readFileSync(path.join(dir, 'entities.yaml'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const corpus = files.reduce((s, f) => s + f.bytes.length, 0);
  const before = usage();
  const index = new WorkspaceIndex({ folders: [root] });
  index.setRegistryBytes(`${root}/entities.yaml`, registry);
  for (const f of files) index.loadSourceBytes(f.uri, f.bytes);
  // The file buffers are the reader's, not the index's (the index keeps a copy of each text's bytes).
  files = [];
  const after = usage();
  const heap = after.heap - before.heap;
  const external = after.external - before.external;
  const stats = index.stats();
  console.log(
    `${variant} front matter, ${n.toLocaleString('en-US')} articles (${(corpus / 2 ** 20).toFixed(1)} MiB), ` +
      `${stats.sources} sources (${stats.mentions.toLocaleString('en-US')} mentions, ${stats.claims.toLocaleString('en-US')} claims): heap +${(heap / 2 ** 20).toFixed(1)} MiB (${(heap / corpus).toFixed(2)}×), ` +
      `external +${(external / 2 ** 20).toFixed(1)} MiB (${(external / corpus).toFixed(2)}×), ` +
      `heap + external ${((heap + external) / corpus).toFixed(2)}× the corpus`,
  );
}

for (const variant of ['plain', 'realistic'] as const) measure(variant);
printLoad();
