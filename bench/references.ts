import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from '../server/src/core';
import { documentHighlights, references } from '../server/src/core/features/navigation';
import { generateCorpus } from './generate';

/**
 * In-process find-references profile (no server, no JSON): loads a generated
 * corpus into a WorkspaceIndex and times `references()` on a claim of the hot
 * key (the benchmark's references figure) and on an actor mention, and
 * `documentHighlights()` on the claim, printing medians and µs per location.
 *
 *   node out/bench/references.js [n=10000] [rounds=30]
 */

const n = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-references-'));
try {
  const info = generateCorpus(dir, n, 1);
  const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
  index.setRegistryBytes(
    URI.file(path.join(dir, info.registryFile)).toString(),
    fs.readFileSync(path.join(dir, info.registryFile)),
  );
  for (const f of info.files)
    index.loadSourceBytes(URI.file(path.join(dir, f)).toString(), fs.readFileSync(path.join(dir, f)));

  const file = info.files.find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(` key=${info.hotKey} `))!;
  const uri = URI.file(path.join(dir, file)).toString();
  const model = index.getSource(uri)!;
  const claim = model.claims.find((c) => c.key === info.hotKey)!;
  const mention = model.mentions[0]!;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

  const time = (label: string, run: () => unknown[]): void => {
    let count = 0;
    for (let i = 0; i < 5; i++) count = run().length; // warm-up
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      run();
      ms.push(performance.now() - t);
    }
    const m = median(ms);
    console.log(
      `${label}: ${count} locations, median ${m.toFixed(2)} ms, ${((m * 1000) / count).toFixed(2)} µs/location`,
    );
  };
  time('references (hot-key claim)', () => references(index, uri, model.lines.positionAt(claim.start), true));
  time('references (actor mention)', () => references(index, uri, model.lines.positionAt(mention.start + 1), true));
  time('highlights (hot-key claim)', () => documentHighlights(index, uri, model.lines.positionAt(claim.start)));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
