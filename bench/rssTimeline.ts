import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus } from './generate';
import { BenchClient } from './lsp';

/**
 * When the server's memory peaks (issue 13, peak RSS): a server opens a generated corpus of N articles while its
 * `corroborate/perf` is polled every 100 ms until the texts of the closed sources are compressed; prints the
 * peak, when it came (before or after the end of indexing), and the RSS, heap and external memory along the way.
 *
 *   node out/bench/rssTimeline.js [N] [--no-flags]
 *
 * `--no-flags` starts the server's Node without the flags the VS Code extension gives it (common/nodeFlags.ts);
 * CORROBORATE_BENCH_SERVER and CORROBORATE_BENCH_NODE_ARGS work as for run.js.
 */
async function main(): Promise<void> {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10000);
  const flags = process.argv.includes('--no-flags') ? [] : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-rss-'));
  const MiB = 2 ** 20;
  try {
    const info = generateCorpus(dir, n, 1);
    const client = new BenchClient(dir, { pull: true, nodeFlags: flags });
    const t0 = performance.now();
    const samples: Array<{ at: number; rss: number; heap: number; external: number; texts: number }> = [];
    let polling = true;
    const poll = (async (): Promise<void> => {
      while (polling) {
        // Until `initialize` is answered the server has no `corroborate/perf`: those polls find nothing.
        const p = await client.perf().catch(() => undefined);
        if (p)
          samples.push({
            at: performance.now() - t0,
            rss: p.rss,
            heap: p.heapTotal,
            external: p.external,
            texts: p.texts?.compressed ?? 0,
          });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await client.startIndexed(60_000 + n * 10);
      const indexed = performance.now() - t0;
      await client.textsCompressed(60_000 + n * 10);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      polling = false;
      await poll;
      const peak = samples.reduce((a, s) => (s.rss > a.rss ? s : a));
      const { maxRss } = await client.perf();
      console.log(
        `${n} articles (${(info.bytes / MiB).toFixed(1)} MiB), ${flags ? 'without' : 'with'} the extension's Node flags: ` +
          `indexed at ${indexed.toFixed(0)} ms; RSS peaked at ${(peak.rss / MiB).toFixed(0)} MiB at ${peak.at.toFixed(0)} ms ` +
          `(${peak.at < indexed ? 'while indexing' : `after indexing, ${peak.texts} texts compressed`}); peak RSS ${(maxRss / MiB).toFixed(0)} MiB`,
      );
      for (const s of samples.filter((_, i) => i % 5 === 0))
        console.log(
          `  ${s.at.toFixed(0).padStart(6)} ms  RSS ${(s.rss / MiB).toFixed(0)}  heap ${(s.heap / MiB).toFixed(0)}  external ${(s.external / MiB).toFixed(0)} MiB  texts compressed ${s.texts}`,
        );
    } finally {
      polling = false;
      await poll.catch(() => undefined);
      await client.shutdown();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
