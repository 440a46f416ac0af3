import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { generateCorpus } from '../../bench/generate';

/**
 * `corroborate report`'s page in a real browser: the bundled CLI writes
 * report.html, Debian's Chromium (through playwright-core, as
 * scripts/vscode/codeServer.mjs starts it for the VS Code suites) opens it
 * from disk. The page must make no request at all, run its script under its
 * own Content-Security-Policy, and show the seeds' conflict on
 * nato.spending-target. Chromium is installed by scripts/vscode/setup.sh
 * (CI runs it); without it this suite is skipped, and says so.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Launcher {
  launchChromium(options?: { headless?: boolean }): Promise<Browser>;
}

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** The report of `paths` (relative to `cwd`), written by the real CLI into a fresh folder. */
function writeReport(paths: string[], cwd: string): string {
  const out = path.join(tempDir('corroborate-report-page-'), 'report.html');
  execFileSync(process.execPath, [BIN, 'report', ...paths, '-o', out], { cwd, stdio: 'pipe' });
  return out;
}

interface Opened {
  page: Page;
  /** Every request the page made, beyond loading the report itself. */
  requests: string[];
  /** Console errors (a CSP violation is one) and dialogs (an injected alert() would be one). */
  errors: string[];
}

async function open(browser: Browser, file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
  const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // Anything but the report, data: and about: is refused before it leaves (and counted above).
  await page.route(
    (u) => u.href !== url && u.protocol !== 'data:' && u.protocol !== 'about:',
    (route) => route.abort(),
  );
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors };
}

/** The browser's globals, typed as far as the page functions below use them (the project has no DOM lib). */
interface PageElement {
  textContent: string | null;
  className: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}
interface PageGlobals {
  document: { body: PageElement; querySelector(s: string): PageElement | null } & PageElement;
  addEventListener: (type: string, listener: () => void) => void;
  location: { hash: string };
  getComputedStyle: (element: PageElement) => { backgroundColor: string };
}

/** The text, class and background colour of the cell in `key`'s row under each source id (colspans counted). */
function cellsOf(page: Page, key: string): Promise<Record<string, { text: string; className: string; bg: string }>> {
  return page.evaluate((k) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const ids = [...document.querySelectorAll('table.matrix thead th.src')].map((th) => th.textContent ?? '');
    const row = document.querySelector(`tr[data-key="${k}"]`);
    const out: Record<string, { text: string; className: string; bg: string }> = {};
    let col = 0;
    for (const td of row ? [...row.querySelectorAll('td')] : []) {
      out[ids[col]!] = {
        text: td.textContent ?? '',
        className: td.className,
        bg: getComputedStyle(td).backgroundColor,
      };
      col += Number(td.getAttribute('colspan') ?? 1);
    }
    return out;
  }, key);
}

const visible = (page: Page, selector: string): Promise<boolean> => page.locator(selector).isVisible();

describe('corroborate report in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let seeds: string;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.warn(
        `\n  !!! SKIPPED: no Chromium at ${CHROMIUM}. The report's browser test did NOT run.` +
          `\n  !!! Install it with scripts/vscode/setup.sh (or set CHROMIUM_PATH).\n`,
      );
      this.skip();
    }
    seeds = writeReport(['seeds'], ROOT);
    const launcher = (await import(pathToFileURL(path.join(ROOT, 'scripts/vscode/codeServer.mjs')).href)) as Launcher;
    browser = await launcher.launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
  });

  it('opens the seeds report with no request, no error, and its script running', async function () {
    const { page, requests, errors } = await open(browser!, seeds);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    // The controls are hidden until the script shows them: the CSP let it run.
    assert.ok(await visible(page, '#conflicts-only'));
    assert.equal(await page.locator('details.article').count(), 5);
    await page.close();
  });

  it('shows nato.spending-target conflicting: 5% in transatlantic-rift and rutte-strategy, 2% in can-nato-survive', async function () {
    const { page } = await open(browser!, seeds);
    const cells = await cellsOf(page, 'nato.spending-target');
    for (const [id, value] of [
      ['transatlantic-rift', '5% of GDP'],
      ['rutte-strategy', '5% of GDP'],
      ['can-nato-survive', '2% of GDP'],
    ] as const) {
      assert.ok(cells[id], id);
      assert.ok(cells[id].text.startsWith(value), `${id}: ${cells[id].text}`);
      assert.match(cells[id].className, /corroborate-claim-conflicting/, id);
      assert.equal(cells[id].bg, cells['transatlantic-rift']!.bg, `${id} in the conflict colour`);
    }
    // A corroborated cell is another colour, an empty one none.
    const members = await cellsOf(page, 'nato.member-count');
    assert.match(members['rutte-strategy']!.className, /corroborate-claim-corroborated/);
    assert.notEqual(members['rutte-strategy']!.bg, cells['transatlantic-rift']!.bg);
    assert.equal(members['new-nato']!.bg, 'rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('filters the matrix: conflicts only, and by text', async function () {
    const { page } = await open(browser!, seeds);
    const spending = 'tr[data-key="nato.spending-target"]';
    const members = 'tr[data-key="nato.member-count"]';
    assert.ok((await visible(page, spending)) && (await visible(page, members)));
    await page.locator('#conflicts-only').check();
    assert.ok(await visible(page, spending));
    assert.ok(!(await visible(page, members)), 'a corroborated row is hidden');
    await page.locator('#conflicts-only').uncheck();
    await page.locator('#filter').fill('spending');
    assert.ok(await visible(page, spending));
    assert.equal(await page.locator('table.matrix tbody tr[data-status]:visible').count(), 1);
    await page.close();
  });

  it('follows a conflict to its claim in the article, and prints without the controls', async function () {
    const { page } = await open(browser!, seeds);
    const link = page.locator('#conflicts li', { hasText: '5% of GDP' }).first().locator('a.loc');
    const target = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.hash.slice(1)), target);
    assert.ok(await page.locator(`[id="${target}"]`).isVisible());
    assert.match((await page.locator(`[id="${target}"]`).getAttribute('class'))!, /corroborate-claim-conflicting/);
    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await visible(page, '.controls')));
    await page.close();
  });

  it('collapses the articles of a larger report, and opens every one of them to print', async function () {
    const dir = tempDir('corroborate-report-12-');
    generateCorpus(dir, 12, 1);
    const { page, requests, errors } = await open(browser!, writeReport(['.'], dir));
    assert.equal(await page.locator('details.article').count(), 12);
    assert.equal(await page.locator('details[open]').count(), 0);
    const all = await page.locator('details').count();
    // What is open when the browser starts printing (page.pdf() prints as the print dialog does).
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { printed?: number[] };
      g.printed = [];
      g.addEventListener('beforeprint', () => g.printed!.push(g.document.querySelectorAll('details[open]').length));
    });
    const pdf = await page.pdf();
    assert.ok(pdf.length > 10_000);
    assert.deepEqual(
      await page.evaluate(() => (globalThis as unknown as { printed: number[] }).printed),
      [all],
      'every details open for printing',
    );
    assert.equal(await page.locator('details[open]').count(), 0, 'and closed again after');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('renders a hostile article as text: no script runs, nothing is fetched, also in dark mode', async function () {
    const dir = tempDir('corroborate-hostile-');
    fs.writeFileSync(
      path.join(dir, 'hostile.seed.md'),
      [
        '---\ntitle: "</title><script>alert(1)</script>"\n---',
        '<script>alert("block")</script>',
        'Text <img src="https://evil.example/x.png" onerror="alert(2)"> <iframe src="http://127.0.0.1:9/"></iframe>',
        '[<img src=x onerror=alert(3)> claimed]{.claim key=evil value="<b>x</b>"} ![pixel](http://127.0.0.1:9/p.png)',
        '<link rel="stylesheet" href="http://127.0.0.1:9/s.css"><style>body{background:url(http://127.0.0.1:9/b.png)}</style>',
        '',
      ].join('\n\n'),
    );
    const file = writeReport(['.'], dir);
    const { page, requests, errors } = await open(browser!, file, 'dark');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    assert.equal(await page.locator('img, iframe, link').count(), 0);
    assert.ok((await page.locator('details.article').innerText()).includes('<script>alert("block")</script>'));
    const bg = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.getComputedStyle(g.document.body).backgroundColor;
    });
    assert.equal(bg, 'rgb(13, 17, 23)', 'dark background');
    await page.close();
  });
});
