// Measures `corroborate report` at scale (docs/benchmarks.md, "The report"): generates a corpus of
// N articles with bench/generate.ts (default 1,000), writes its report with the bundled CLI (wall
// time and peak RSS), then opens report.html from disk in Debian's Chromium (headless, through
// playwright-core, as scripts/vscode/codeServer.mjs starts it) and reads the page's navigation
// timing: DOMContentLoaded and load, three runs. It also counts the page's requests (must be 0) and
// times the "conflicts only" toggle and a text filter.
// Usage: npm run build && node scripts/measure-report.mjs [N] [--keep]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './vscode/codeServer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { generateCorpus } = require(path.join(ROOT, 'out/bench/generate.js'));

const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);
const keep = process.argv.includes('--keep');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corroborate-report-${n}-`));
const corpus = path.join(dir, 'corpus');
generateCorpus(corpus, n, 1);
const out = path.join(dir, 'report.html');

const started = process.hrtime.bigint();
const cli = spawnSync(
  '/usr/bin/time',
  ['-f', '%M', process.execPath, path.join(ROOT, 'bin/corroborate.js'), 'report', corpus, '-o', out],
  {
    encoding: 'utf8',
  },
);
const cliMs = Number(process.hrtime.bigint() - started) / 1e6;
if (cli.status !== 0) throw new Error(`corroborate report failed: ${cli.stderr}`);
const rssKiB = Number(/(\d+)\s*$/.exec(cli.stderr)?.[1]);
const bytes = fs.statSync(out).size;
const html = fs.readFileSync(out, 'utf8');

const browser = await launchChromium();
const runs = [];
let requests = 0;
let toggleMs;
let filterMs;
for (let run = 0; run < 3; run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(out).href;
  page.on('request', (r) => {
    if (r.url() !== url) requests++;
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  runs.push(
    await page.evaluate(() => {
      const t = performance.getEntriesByType('navigation')[0];
      return { dcl: t.domContentLoadedEventEnd, load: t.loadEventEnd };
    }),
  );
  if (run === 0) {
    toggleMs = await page.evaluate(async () => {
      const t0 = performance.now();
      document.getElementById('conflicts-only').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    });
    filterMs = await page.evaluate(async () => {
      const t0 = performance.now();
      const f = document.getElementById('filter');
      f.value = 'nato';
      f.dispatchEvent(new Event('input'));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    });
  }
  await page.close();
}
await browser.close();

const ms = (x) => `${Math.round(x)} ms`;
console.log(`corpus: ${n} articles (${(corpus.length, fs.readdirSync(corpus).length)} top-level entries) in ${corpus}`);
console.log(`corroborate report: ${ms(cliMs)} wall, peak RSS ${Math.round(rssKiB / 1024)} MiB`);
console.log(
  `report.html: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${(html.match(/<details class="article"/g) ?? []).length} articles, ${(html.match(/<td/g) ?? []).length} matrix cells, ${(html.match(/<tr data-status/g) ?? []).length} rows`,
);
for (const [i, r] of runs.entries())
  console.log(`Chromium open #${i + 1}: DOMContentLoaded ${ms(r.dcl)}, load ${ms(r.load)}`);
console.log(
  `conflicts-only toggle: ${ms(toggleMs)}; text filter: ${ms(filterMs)}; requests made by the page: ${requests}`,
);
if (!keep) fs.rmSync(dir, { recursive: true, force: true });
