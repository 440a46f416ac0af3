// Takes docs/images/report.png: the report of seeds/ (`corroborate report seeds`) opened in Debian's
// Chromium (headless, through playwright-core, as scripts/vscode/codeServer.mjs starts it), its first
// screen: the overview, the legend and the claims × sources matrix.
// Usage: npm run build && node scripts/report-screenshot.mjs [--dark]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './vscode/codeServer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dark = process.argv.includes('--dark');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-report-shot-'));
const out = path.join(dir, 'report.html');
execFileSync(process.execPath, [path.join(ROOT, 'bin/corroborate.js'), 'report', 'seeds', '-o', out], {
  cwd: ROOT,
  stdio: 'inherit',
});
const target = path.join(ROOT, 'docs/images', dark ? 'report-dark.png' : 'report.png');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, colorScheme: dark ? 'dark' : 'light' });
  const requests = [];
  page.on('request', (r) => r.url() !== pathToFileURL(out).href && requests.push(r.url()));
  await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
  if (requests.length > 0) throw new Error(`the report made requests: ${requests.join(', ')}`);
  await page.screenshot({ path: target });
  console.log(`wrote ${path.relative(ROOT, target)}`);
} finally {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
