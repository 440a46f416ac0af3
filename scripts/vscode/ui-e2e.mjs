// The UI end-to-end test: one scripted session in a real VS Code workbench
// (code-server in headless Chromium, driven by playwright-core), on a copy of
// seeds/, with the extension installed as a user would have it. Each step
// asserts what is on screen:
//   a. open a source (Quick Open) and see actors and claims coloured by semantic tokens;
//   b. hover an actor and a conflicting claim and read their cross-source cards;
//   c. open the Problems panel and see the conflicts between sources;
//   d. apply a quick fix from the light bulb menu;
//   e. browse the Corroborate sidebar: People › Mark Rutte › sources › mentions;
//   f. import a saved web page (Import Article…), accept all its suggested actors in one
//      previewed edit, and see the annotated article and its new registry entries;
//   g. open the Markdown preview of a source: actors as chips, claims underlined, no attribute list;
//   h. open the Claims Matrix: the seeds' spending-target conflict in its cells, a click opens the claim,
//      and an edit typed in the editor reaches the cell.
//
//   node scripts/vscode/ui-e2e.mjs                       screenshots go to a temp dir
//   node scripts/vscode/ui-e2e.mjs --update-screenshots  screenshots go to docs/images/
//   node scripts/vscode/ui-e2e.mjs --headed              watch it (needs a display)
//
// Needs `npm run build` (dist/) first. Ends its output with the line
// `CORROBORATE-RESULT {"passed":N,"failed":M,"failures":[…]}` that scripts/test.mjs
// reads, and exits non-zero if a step failed. A failed step leaves a screenshot
// of the screen at that moment in a temp dir and the session goes on.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ensureCodeServer, launchChromium, REPO, startCodeServer, workbenchUrl } from './codeServer.mjs';

const argv = process.argv.slice(2);
const UPDATE = argv.includes('--update-screenshots');
const HEADED = argv.includes('--headed');
const WAIT = 20_000; // the longest any single on-screen condition may take
const WATCHDOG = 240_000; // the whole session, once code-server is installed

const started = Date.now();
const results = { passed: 0, failed: 0, failures: [] };
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

// Without --update-screenshots the screenshots of the last run are kept in one temp dir.
const shotsDir = UPDATE ? path.join(REPO, 'docs/images') : path.join(os.tmpdir(), 'corroborate-screens');
fs.mkdirSync(shotsDir, { recursive: true });
const failuresDir = path.join(os.tmpdir(), 'corroborate-e2e-failures');
fs.rmSync(failuresDir, { recursive: true, force: true });
let failDir; // created at the first failure

/** Text as Monaco renders it (spaces are U+00A0), back to plain text. */
const plain = (s) => (s ?? '').replace(/\u00a0/g, ' ');

let server;
let browser;
let page;
let workspace;
let stateDir;
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  for (const d of [workspace && path.dirname(workspace), stateDir])
    if (d) fs.rmSync(d, { recursive: true, force: true });
}

function finish(code) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\nUI end-to-end: ${results.passed} passed, ${results.failed} failed in ${seconds} s; screenshots in ${shotsDir}`,
  );
  if (failDir) console.log(`failure screenshots and logs in ${failDir}`);
  console.log(`CORROBORATE-RESULT ${JSON.stringify(results)}`);
  process.exit(code ?? (results.failed > 0 ? 1 : 0));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    results.failed++;
    results.failures.push(`interrupted (${sig})`);
    void cleanup().then(() => finish(1));
  });
}
/** Ends a session that hangs (armed once code-server is installed: the first install takes a minute). */
function armWatchdog() {
  setTimeout(() => {
    results.failed++;
    results.failures.push(`the session took longer than ${WATCHDOG / 1000} s`);
    console.log(`  ✖ the session took longer than ${WATCHDOG / 1000} s`);
    void failShot('timeout')
      .then(cleanup)
      .then(() => finish(1));
  }, WATCHDOG).unref();
}

// ---- small helpers over the workbench ---------------------------------------------

const editor = () => page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
const viewLines = () => editor().locator('.view-lines');
const hoverWidget = () =>
  page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: page.locator('.hover-contents') })
    .first();

async function shot(name) {
  const file = path.join(shotsDir, name);
  const png = await page.screenshot();
  fs.writeFileSync(file, UPDATE ? compactPng(png) : png);
  return file;
}

// ---- smaller PNGs for docs/images ---------------------------------------------------

/**
 * Re-encodes a screenshot as a 256-colour palette PNG (most used colours kept
 * exactly, the rest mapped to the nearest): a workbench screenshot has a few
 * thousand colours, mostly anti-aliasing, and comes out 2–3 times smaller and
 * looking the same. Expects Chromium's 8-bit RGB(A), non-interlaced output;
 * anything else is returned unchanged.
 */
function crc32(bytes) {
  if (zlib.crc32) return zlib.crc32(bytes); // Node ≥ 20.15
  let c = -1;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ -1) >>> 0;
}

function compactPng(png) {
  let w = 0;
  let h = 0;
  let bpp = 0;
  const idat = [];
  for (let p = 8; p < png.length;) {
    const len = png.readUInt32BE(p);
    const type = png.toString('ascii', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      bpp = data[8] === 8 && data[12] === 0 ? ({ 2: 3, 6: 4 }[data[9]] ?? 0) : 0;
    } else if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  if (!bpp) return png;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = w * bpp;
  const px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1);
    const row = px.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? px.subarray((y - 1) * stride, y * stride) : undefined;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= bpp ? prev[i - bpp] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const q = a + b - c;
        const [pa, pb, pc] = [Math.abs(q - a), Math.abs(q - b), Math.abs(q - c)];
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = (src[i] + pred) & 255;
    }
  }
  const rgb = (i) => (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
  const counts = new Map();
  for (let i = 0; i < px.length; i += bpp) counts.set(rgb(i), (counts.get(rgb(i)) ?? 0) + 1);
  const palette = [...counts.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 256)
    .map(([k]) => k);
  const index = new Map(palette.map((k, i) => [k, i]));
  for (const k of counts.keys()) {
    if (index.has(k)) continue;
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((q, i) => {
      const [dr, dg, db] = [(k >> 16) - (q >> 16), ((k >> 8) & 255) - ((q >> 8) & 255), (k & 255) - (q & 255)];
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    index.set(k, best);
  }
  const out = Buffer.alloc(h * (w + 1));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * (w + 1) + 1 + x] = index.get(rgb((y * w + x) * bpp));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 3; // palette
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((k, i) => plte.set([k >> 16, (k >> 8) & 255, k & 255], i * 3));
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, tail]);
  };
  return Buffer.concat([
    png.subarray(0, 8),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', zlib.deflateSync(out, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function failShot(stepName) {
  if (!page) return undefined;
  failDir ??= (fs.mkdirSync(failuresDir, { recursive: true }), failuresDir);
  const file = path.join(failDir, `${stepName.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  try {
    await page.screenshot({ path: file });
    return file;
  } catch {
    return undefined;
  }
}

/** Runs one step; a failure is counted, photographed, and the session goes on. */
async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`  ✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    results.failed++;
    results.failures.push(name);
    console.log(
      `  ✖ ${name}\n      ${String(err?.message ?? err)
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
    const file = await failShot(name);
    if (file) console.log(`      screenshot of the failure: ${file}`);
    await page?.keyboard.press('Escape').catch(() => {});
    return false;
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Closes any notification toasts (they would sit over the screenshots). */
async function dismissNotifications() {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  for (let i = (await toasts.count()) - 1; i >= 0; i--) {
    const toast = toasts.nth(i);
    await toast.hover().catch(() => {});
    await toast
      .locator('.codicon-notifications-clear')
      .click({ timeout: 2000 })
      .catch(() => {});
  }
}

/** Moves the mouse out of the way, so that no hover or tooltip lingers. */
async function parkMouse() {
  await page.mouse.move(1400, 880);
}

/** Opens a file with Quick Open (Ctrl+P) and waits until its text is on screen. */
async function openFile(fileName, expectedText) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: fileName }).waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.part.editor .tab.active', { hasText: fileName }).waitFor({ timeout: WAIT });
  await viewLines().filter({ hasText: expectedText }).waitFor({ timeout: WAIT });
}

/**
 * Opens the Command Palette. When a webview (the Markdown preview) has just had the focus, the first F1 can go
 * nowhere: then Ctrl+Shift+P, then a click into the editor area first.
 */
async function openPalette() {
  const input = page.locator('.quick-input-widget input');
  for (const attempt of [0, 1, 2]) {
    await page.keyboard.press('Escape');
    if (attempt === 2) await page.locator('.part.editor').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(attempt === 0 ? 'F1' : 'Control+Shift+P');
    try {
      await input.waitFor({ state: 'visible', timeout: attempt === 2 ? WAIT : 4000 });
      return input;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
  return input;
}

/** Runs a command from the Command Palette (F1) by its title. */
async function runCommand(title) {
  const input = await openPalette();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
}

/** Puts the cursor at a 1-based line:column with Go to Line (Ctrl+G). */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: WAIT });
}

/** The rendered token (a span with a class `mtkN`) whose text is exactly `text`. */
function token(text) {
  return viewLines()
    .locator('span[class*="mtk"]')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00a0]')}$`) })
    .first();
}

/** Hovers the middle of a token and waits for a hover card containing `expected`. */
async function hoverOn(locator, expected) {
  await parkMouse();
  await page
    .locator('.monaco-hover:not(.hidden) .hover-contents')
    .first()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => {});
  const hover = hoverWidget();
  // The editor re-renders its lines when decorations change (dimmed attribute lists follow the cursor), and lines
  // move when code lenses arrive above them: a token found a moment ago may have been replaced or moved, so it is
  // found again until it holds still, and, if no card came, found and hovered again (as a user moves the mouse
  // back onto the words), until WAIT has passed.
  const deadline = Date.now() + WAIT;
  for (;;) {
    let box = null;
    for (let attempt = 0; attempt < 5 && !box; attempt++) {
      if (attempt > 0) await page.waitForTimeout(300);
      box = await locator
        .scrollIntoViewIfNeeded({ timeout: 2000 })
        .then(() => locator.boundingBox())
        .catch(() => null);
    }
    check(box, 'the token to hover is not on screen');
    await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { steps: 4 });
    const left = deadline - Date.now();
    const shown = await hover
      .filter({ hasText: expected })
      .waitFor({ timeout: Math.max(1000, Math.min(left, 5000)) })
      .then(() => true)
      .catch((e) => {
        if (Date.now() >= deadline) throw e;
        return false;
      });
    if (shown) break;
    const shownText = await hover
      .innerText({ timeout: 500 })
      .then((t) => `'${plain(t).slice(0, 80)}'`)
      .catch(() => 'none');
    console.log(`      (no card with '${expected}' yet, the card shown: ${shownText}; hovering the token again)`);
    await parkMouse();
  }
  await page.waitForTimeout(300); // the fade-in
  return hover;
}

/**
 * Shows the whole hover card: VS Code caps a hover at 250 px and scrolls the
 * rest; a user drags its free edge to see all of it, and so does this.
 */
async function expandHover() {
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.monaco-resizable-hover .monaco-hover:not(.hidden) .monaco-hover-content');
    return content ? content.scrollHeight - content.clientHeight : 0;
  });
  if (overflow <= 0) return;
  const north = page.locator('.monaco-resizable-hover .monaco-sash.orthogonal-edge-north:not(.disabled)');
  const south = page.locator('.monaco-resizable-hover .monaco-sash.orthogonal-edge-south:not(.disabled)');
  const up = (await north.count()) > 0;
  const box = await (up ? north : south).first().boundingBox();
  if (!box) return;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(x, up ? y - overflow - 8 : y + overflow + 8, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(200);
}

/** The Claims Matrix webview's page: an outer iframe holding the active frame (the only webview open then). */
function matrixFrame() {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** A cell of the matrix, by key and source id. */
function matrixCell(key, source) {
  return matrixFrame().locator(`[role=gridcell][data-key="${key}"][data-source="${source}"]`);
}

// ---- the session -----------------------------------------------------------------

async function main() {
  check(
    fs.existsSync(path.join(REPO, 'dist/client.js')) && fs.existsSync(path.join(REPO, 'dist/server.js')),
    'dist/ is missing: run `npm run build` first',
  );

  console.log('UI end-to-end test: starting code-server and Chromium');
  const codeServerDir = ensureCodeServer();
  armWatchdog();
  // A copy named seeds/ (the Explorer shows the folder's name).
  workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-ws-')), 'seeds');
  fs.cpSync(path.join(REPO, 'seeds'), workspace, { recursive: true });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-state-'));
  // Installed as a user would have it: the repo, linked into the extensions dir.
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(REPO, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  server = await startCodeServer({
    codeServerDir,
    stateDir,
    extensionsDir,
    env: { PORT: '' }, // a PORT in the environment would move code-server off the port it was given
    settings: {
      'editor.wordWrap': 'on',
      'editor.fontSize': 14,
      'editor.hover.delay': 250,
      'editor.accessibilitySupport': 'off',
      'workbench.editor.enablePreview': false,
      'workbench.layoutControl.enabled': false,
      'workbench.tips.enabled': false,
      'problems.showCurrentInStatus': false,
      'notifications.showExtensionsNotifications': false,
    },
  });
  browser = await launchChromium({ headless: !HEADED, stateDir: path.join(stateDir, 'chromium') });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT);

  await step('the workbench opens the seeds and the extension indexes them', async () => {
    await page.goto(workbenchUrl(server, workspace), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    const status = page.locator('.part.statusbar .statusbar-item', {
      hasText: /\d+ sources · \d+ actors · \d+ claims/,
    });
    await status.first().waitFor({ timeout: 60_000 });
    const text = plain(await status.first().innerText());
    check(/5 sources · \d+ actors · \d+ claims/.test(text), `status bar says '${text}', expected 5 sources`);
    await dismissNotifications();
  });

  // a. highlighting
  await step('a. Quick Open shows a source with actors and claims coloured by semantic tokens', async () => {
    await openFile('001-transatlantic-rift.seed.md', 'Mark');
    // Semantic tokens arrive after the grammar: wait until the actor text has its own colour.
    const classes = await page.waitForFunction(
      () => {
        const spans = [
          ...document.querySelectorAll('.part.editor .editor-group-container.active .view-lines span[class*="mtk"]'),
        ];
        const text = (s) => s.textContent.replace(/\u00a0/g, ' ');
        const cls = (s) => s && /mtk\d+/.exec(s.className)?.[0];
        const person = spans.find((s) => text(s) === 'Mark Rutte');
        const organisation = spans.find((s) => text(s) === 'NATO');
        // A claim's text (word wrap may split it over two rows).
        const claim = spans.find(
          (s) => text(s).trim().length >= 10 && 'The former Dutch prime minister'.includes(text(s).trim()),
        );
        const prose = spans.find((s) => text(s).includes('faces mounting tensions between'));
        const c = { person: cls(person), organisation: cls(organisation), claim: cls(claim), prose: cls(prose) };
        if (!c.person || !c.organisation || !c.claim || !c.prose) return false;
        if (c.person === c.prose || c.organisation === c.prose || c.claim === c.prose || c.person === c.organisation)
          return false;
        const colour = (s) => getComputedStyle(s).color;
        return {
          ...c,
          colours: {
            person: colour(person),
            organisation: colour(organisation),
            claim: colour(claim),
            prose: colour(prose),
          },
        };
      },
      undefined,
      { timeout: WAIT, polling: 250 },
    );
    const c = await classes.jsonValue();
    check(
      new Set([c.colours.person, c.colours.organisation, c.colours.prose]).size === 3,
      `person, organisation and prose share colours: ${JSON.stringify(c.colours)}`,
    );
    console.log(
      `      person ${c.person} ${c.colours.person}, organisation ${c.organisation} ${c.colours.organisation}, claim ${c.claim} ${c.colours.claim}, prose ${c.prose} ${c.colours.prose}`,
    );
    // The code lenses over the claims count the sources that corroborate or contradict them.
    await editor()
      .locator('.codelens-decoration', { hasText: /sources? corroborate/ })
      .first()
      .waitFor({ timeout: WAIT });
    await goTo(5, 1);
    await parkMouse();
    await dismissNotifications();
    await shot('editor.png');
  });

  // b. hovers
  await step('b1. hovering an actor shows the sources that mention it', async () => {
    const hover = await hoverOn(token('Mark Rutte'), 'Mentioned in 5 sources');
    const text = plain(await hover.innerText());
    for (const title of [
      'Rutte Stands Alone in the',
      'Can NATO Survive Trump',
      'Mark Rutte braces as Trump-pressed NATO unity',
    ]) {
      check(text.includes(title), `the actor card does not list '${title}':\n${text}`);
    }
    await dismissNotifications();
    await shot('hover-actor.png');
  });

  await step('b2. hovering a conflicting claim shows the source that contradicts it', async () => {
    await parkMouse();
    await goTo(17, 1);
    const claim = viewLines()
      .locator('span[class*="mtk"]')
      .filter({ hasText: /unprecedented[ \u00a0]increase/ })
      .first();
    const hover = await hoverOn(claim, 'Contradicted by 1 source');
    await expandHover();
    check(await hover.isVisible(), 'the hover closed while it was being enlarged');
    const text = plain(await hover.innerText());
    check(text.includes('Can NATO Survive Trump'), `the claim card does not name the contradicting source:\n${text}`);
    check(text.includes('2% of GDP'), `the claim card does not give the other value:\n${text}`);
    await dismissNotifications();
    await shot('hover-claim.png');
  });

  // c. problems
  await step('c. the Problems panel lists the conflicts between sources', async () => {
    await parkMouse();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'conflicts with' }).first().waitFor({ timeout: WAIT });
    const conflicts = await rows.filter({ hasText: 'conflicts with' }).count();
    check(conflicts >= 3, `only ${conflicts} conflict rows in the Problems panel`);
    const texts = (await rows.allInnerTexts()).map(plain).join('\n');
    check(
      texts.includes('The Hague') && texts.includes('Brussels'),
      'the summit conflict (The Hague / Brussels) is not listed',
    );
    await dismissNotifications();
    await shot('problems.png');
    await page.keyboard.press('Control+J'); // close the panel again
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: WAIT });
  });

  // d. quick fix
  await step('d. a quick fix from the light bulb menu annotates a mention', async () => {
    await openFile('003-rutte-strategy.seed.md', 'Strategy');
    const fixed = "[Rutte]{.actor ref=rutte}'s Strategy: Navigating NATO and";
    const before = plain((await viewLines().allInnerTexts()).join('\n'));
    check(before.includes("**Rutte's Strategy: Navigating NATO and"), 'line 9 of 003 is not the unannotated heading');
    check(!before.includes(fixed), 'the mention is already annotated');
    // The hints (unannotated mentions) are drawn once the diagnostics arrive.
    await editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: WAIT });
    await goTo(9, 4); // inside "Rutte", which has an unannotated-mention hint
    const menu = page.locator('.action-widget');
    const item = menu.locator('.monaco-list-row', { hasText: "Annotate 'Rutte' as actor rutte" }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await item.waitFor({ timeout: attempt < 3 ? 5000 : WAIT });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await page.keyboard.press('Escape');
      }
    }
    await parkMouse();
    await dismissNotifications();
    await shot('quick-fix.png');
    await item.click();
    await menu.waitFor({ state: 'hidden', timeout: WAIT });
    await viewLines()
      .filter({
        hasText:
          /\[Rutte\]\{\.actor[ \u00a0]ref=rutte\}'s[ \u00a0]Strategy:[ \u00a0]Navigating[ \u00a0]NATO[ \u00a0]and/,
      })
      .waitFor({ timeout: WAIT });
  });

  // e. sidebar
  await step('e. the sidebar shows Mark Rutte across sources, down to each mention', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.activitybar .action-item [aria-label^="Corroborate"]').first().click();
    const actorsPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Actors/i }) }).first();
    await actorsPane.waitFor({ timeout: WAIT });
    // Widen the sidebar (drag its edge) so that source titles are readable.
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar && bar.width < 500) {
      await page.mouse.move(bar.x + bar.width, bar.y + 300, { steps: 2 });
      await page.mouse.down();
      await page.mouse.move(bar.x + 540, bar.y + 300, { steps: 6 });
      await page.mouse.up();
    }
    // Give the Actors view the height: fold the Claims and Sources views.
    for (const name of [/^Claims/i, /^Sources/i]) {
      const header = page.locator('.pane-header', { hasText: name }).first();
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const row = (label, level) =>
      actorsPane.locator(`.monaco-list-row[aria-level="${level}"]`, { hasText: label }).first();
    const expand = async (r) => {
      await r.waitFor({ timeout: WAIT });
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.monaco-tl-twistie').click();
    };
    await expand(row(/^People/, 1));
    await expand(row(/^Mark Rutte/, 2));
    const sources = actorsPane.locator('.monaco-list-row[aria-level="3"]');
    await sources.nth(2).waitFor({ timeout: WAIT });
    const n = await sources.count();
    check(n === 5, `Mark Rutte is shown in ${n} sources, expected 5`);
    const titles = (await sources.allInnerTexts()).map(plain);
    check(
      titles.some((t) => t.includes('Rutte Stands Alone')),
      `the sources are ${JSON.stringify(titles)}`,
    );
    await expand(sources.filter({ hasText: 'Turkey summit' }).first());
    const mentions = actorsPane.locator('.monaco-list-row[aria-level="4"]');
    await mentions.first().waitFor({ timeout: WAIT });
    const m = plain((await mentions.allInnerTexts()).join('\n'));
    check(/Rutte/.test(m) && /line \d+/.test(m), `the mentions read ${JSON.stringify(m)}`);
    // A mention opens its source at that place.
    await mentions.first().click();
    await page.locator('.part.editor .tab.active', { hasText: '000-turkey-summit.seed.md' }).waitFor({ timeout: WAIT });
    await editor().locator('.selected-text').first().waitFor({ state: 'attached', timeout: WAIT });
    await editor().locator('.codelens-decoration').first().waitFor({ timeout: WAIT });
    await parkMouse();
    await dismissNotifications();
    await shot('sidebar.png');
  });

  // f. assisted annotation
  const page1 = path.join(path.dirname(workspace), 'pages', 'obama-gun-laws.html');
  fs.mkdirSync(path.dirname(page1), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'test/fixtures/html/bbc-1/source.html'), page1);
  const imported = 'obama-admits-us-gun-laws-are-his-biggest-frustration.seed.md';

  await step('f1. Import Article… turns a saved web page into a new source and opens it', async () => {
    await parkMouse();
    await runCommand('Corroborate: Import Article');
    // The open dialog: VS Code's own (a path in the quick input) when the workbench runs in a browser.
    const dialog = page.locator('.quick-input-widget', {
      has: page.locator('.monaco-button', { hasText: /^Import$/ }),
    });
    await dialog.waitFor({ timeout: WAIT });
    const input = dialog.locator('input').first();
    // The dialog fills in its starting folder (the seeds) itself: replace it once it is there.
    await page.waitForFunction((el) => /[\\/]$/.test(el.value), await input.elementHandle(), {
      timeout: WAIT,
      polling: 100,
    });
    // The dialog may still change its value as it resolves the folder, after the path was typed (a clean run under
    // load ended with the path appended to the folder's): type it again until the dialog shows it and lists the page.
    const deadline = Date.now() + WAIT;
    for (;;) {
      await input.fill(page1);
      const listed = await dialog
        .locator('.monaco-list-row', { hasText: 'obama-gun-laws.html' })
        .first()
        .waitFor({ timeout: 3000 })
        .then(
          () => true,
          () => false,
        );
      const value = await input.inputValue();
      if (listed && value === page1) break;
      check(Date.now() < deadline, `the open dialog does not take the path typed: it shows '${value}'`);
      console.log(`      (the open dialog shows '${value}': typing the path again)`);
    }
    await page.keyboard.press('Enter');
    await page.locator('.part.editor .tab.active', { hasText: imported }).waitFor({ timeout: WAIT });
    await viewLines().filter({ hasText: 'President Barack Obama has admitted' }).waitFor({ timeout: WAIT });
    const text = plain((await viewLines().allInnerTexts()).join('\n'));
    for (const field of [
      'title: Obama admits US gun laws',
      'published: 2015-07-24',
      'outlet: BBC News',
      'language: en',
    ])
      check(text.includes(field), `the front matter lacks '${field}':\n${text.slice(0, 600)}`);
    check(fs.existsSync(path.join(workspace, imported)), `${imported} was not written beside the sources`);
    check(!text.includes('{.actor'), 'the imported article already has markup');
    await dismissNotifications();
    await shot('import.png');
  });

  let suggested = 0;
  await step(
    'f2. its suggested actors are hints, and one source action annotates them all after a preview',
    async () => {
      await editor().locator('.squiggly-hint').first().waitFor({ state: 'attached', timeout: WAIT });
      await goTo(12, 1);
      const menu = page.locator('.action-widget');
      const item = menu
        .locator('.monaco-list-row', { hasText: /Annotate all \d+ suggested actors in this file/ })
        .first();
      // The suggestions are computed once the new document has been idle (and the model loaded): ask until offered.
      for (let attempt = 1; ; attempt++) {
        await runCommand('Source Action...');
        try {
          await item.waitFor({ timeout: attempt < 6 ? 3000 : WAIT });
          break;
        } catch (err) {
          if (attempt >= 6) throw err;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(1000);
        }
      }
      suggested = Number(/Annotate all (\d+)/.exec(plain(await item.innerText()))[1]);
      check(suggested >= 10, `only ${suggested} suggested actors in the BBC article`);
      // Chosen with the keyboard (the menu animates, so a click may land on the move); Ctrl+Enter previews it.
      for (let i = 0; i < 5 && !/\bfocused\b/.test((await item.getAttribute('class')) ?? ''); i++)
        await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Control+Enter');
      const apply = page.locator('.monaco-button', { hasText: /^Apply$/ }).first();
      await apply.waitFor({ timeout: WAIT });
      // Every edit is ticked: the source's spans and the registry's new entries, under one label.
      const panel = page.locator('.part.panel');
      await panel.locator('.monaco-list-row', { hasText: 'entities.yaml' }).first().waitFor({ timeout: WAIT });
      // The tree fills in as it renders: wait for the source's edits under the registry's.
      await panel.locator('.monaco-list-row input[type="checkbox"]').nth(3).waitFor({ timeout: WAIT });
      const ticks = await panel
        .locator('.monaco-list-row input[type="checkbox"]')
        .evaluateAll((boxes) => boxes.map((b) => b.checked));
      check(ticks.length >= 3, `the preview shows ${ticks.length} edits`);
      const unticked = ticks.filter((t) => !t).length;
      check(unticked === 0, `${unticked} edits of the preview are not ticked`);
      await parkMouse();
      await dismissNotifications();
      await shot('suggestions-preview.png');
      await apply.click();
      await viewLines()
        .filter({ hasText: /\[Barack[ \u00a0]Obama\]\{\.actor[ \u00a0]ref=obama\}/ })
        .first()
        .waitFor({ timeout: WAIT });
    },
  );

  await step('f3. the annotated article reads the same, and the registry has the new actors', async () => {
    const text = plain((await viewLines().allInnerTexts()).join('\n'));
    const spans = (text.match(/\{\.actor ref=/g) ?? []).length;
    check(spans >= 5, `only ${spans} actor spans on screen after accepting`);
    // The Refactor Preview closes once applied; the panel it was in may stay open: hide it, then focus the editor.
    await page
      .locator('.monaco-button', { hasText: /^Apply$/ })
      .first()
      .waitFor({ state: 'hidden', timeout: WAIT });
    await page.waitForTimeout(300);
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: WAIT });
    await viewLines().click({ position: { x: 5, y: 5 } });
    await goTo(12, 1);
    await parkMouse();
    await dismissNotifications();
    await shot('annotated.png');
    await openFile('entities.yaml', 'actors');
    await goTo(1, 1);
    await page.keyboard.press('Control+F');
    const find = page.locator('.find-widget textarea, .find-widget input').first();
    await find.fill('name: Barack Obama');
    await page.keyboard.press('Enter');
    await viewLines().filter({ hasText: 'name: Barack Obama' }).waitFor({ timeout: WAIT });
    const reg = plain((await viewLines().allInnerTexts()).join('\n'));
    check(/obama:/.test(reg) && /kind: person/.test(reg), `the registry entry of Obama is not shown:\n${reg}`);
    check(!/obama:[\s\S]{0,120}description:/.test(reg), 'the new entry was given a description');
    await page.keyboard.press('Escape');
    await parkMouse();
    await dismissNotifications();
    await shot('registry.png');
  });

  await step('g. the Markdown preview shows the article as prose, actors as chips and claims underlined', async () => {
    await openFile('001-transatlantic-rift.seed.md', 'Mark');
    await goTo(6, 1); // the preview follows the editor's scroll: the top of the article
    await runCommand('Corroborate: Open Preview to the Side');
    // The preview is a webview: an outer iframe holding the active frame with the rendered article.
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('span.corroborate-actor-person').first().waitFor({ timeout: WAIT });
    await preview.locator('span.corroborate-claim-conflicting').first().waitFor({ timeout: WAIT });
    const text = await preview.locator('body').innerText();
    check(!/\{\.(actor|claim)/.test(text), 'an attribute list is visible in the preview');
    await parkMouse();
    await dismissNotifications();
    await shot('preview.png');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('W'); // close every editor, the preview with them
  });

  await step('h1. the Claims Matrix shows 5% against 2% for nato.spending-target, in conflict colours', async () => {
    // The whole window for the matrix: no editor (it would open beside one), no sidebar.
    await runCommand('View: Close All Editors');
    await page.locator('.part.editor .tab').first().waitFor({ state: 'detached', timeout: WAIT });
    await runCommand('View: Close Primary Side Bar');
    await runCommand('Corroborate: Open Claims Matrix');
    await page.locator('.part.editor .tab.active', { hasText: 'Claims Matrix' }).waitFor({ timeout: WAIT });
    const cell = matrixCell('nato.spending-target', 'transatlantic-rift');
    await cell.waitFor({ timeout: WAIT });
    for (const [source, value] of [
      ['transatlantic-rift', '5%'],
      ['rutte-strategy', '5%'],
      ['can-nato-survive', '2%'],
    ]) {
      const c = matrixCell('nato.spending-target', source);
      const text = await c.innerText();
      check(text.includes(value), `the ${source} cell says '${text}', expected ${value}`);
      check((await c.getAttribute('data-status')) === 'conflicting', `the ${source} cell is not conflicting`);
      // Drawn as a conflict: the theme's error colour as an outline, not colour alone (a ≠ mark too).
      const style = await c.evaluate((e) => {
        const s = getComputedStyle(e);
        const probe = document.createElement('span');
        probe.style.color = 'var(--vscode-editorError-foreground)';
        document.body.append(probe);
        const error = getComputedStyle(probe).color;
        probe.remove();
        return { shadow: s.boxShadow, error };
      });
      check(style.shadow.includes(style.error), `the ${source} cell's outline ${style.shadow} is not ${style.error}`);
      check(text.includes('≠'), `the ${source} cell has no conflict mark`);
    }
    await matrixCell('nato.spending-target', 'can-nato-survive').hover();
    await matrixFrame().locator('#detail blockquote').first().waitFor({ timeout: WAIT });
    // Who contradicts it comes from the server on hover (corroborate/matrixCell), not with the matrix.
    await matrixFrame().locator('#detail .who', { hasText: 'contradicted by' }).first().waitFor({ timeout: WAIT });
    await dismissNotifications();
    await shot('matrix.png');
  });

  await step('h2. clicking a cell opens its source beside the matrix with the claim selected', async () => {
    await matrixCell('nato.spending-target', 'transatlantic-rift').click();
    await page
      .locator('.part.editor .editor-group-container.active .tab.active', { hasText: '001-transatlantic-rift.seed.md' })
      .waitFor({ timeout: WAIT });
    await viewLines().filter({ hasText: 'unprecedented increase' }).waitFor({ timeout: WAIT });
    await editor().locator('.selected-text').first().waitFor({ timeout: WAIT });
    check(await page.locator('.part.editor .tab', { hasText: 'Claims Matrix' }).isVisible(), 'the matrix was hidden');
  });

  await step('h3. a value typed in the editor reaches its cell', async () => {
    await page.keyboard.press('Control+F');
    const find = page.locator('.find-widget textarea, .find-widget input').first();
    await find.fill('5% of GDP" as-of=2025');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape'); // the match stays selected in the editor
    await page.keyboard.type('4% of GDP" as-of=2025');
    const cell = matrixCell('nato.spending-target', 'transatlantic-rift');
    await cell.filter({ hasText: '4% of GDP' }).waitFor({ timeout: WAIT });
    check((await cell.getAttribute('data-status')) === 'conflicting', 'the edited cell is no longer conflicting');
    // The last step: the edit is left unsaved in the session's copy of seeds/, which is deleted.
  });
}

try {
  await main();
} catch (err) {
  results.failed++;
  results.failures.push(`the session could not run: ${String(err?.message ?? err).split('\n')[0]}`);
  console.log(`  ✖ the session could not run: ${err?.stack ?? err}`);
  const file = await failShot('session');
  if (file) console.log(`      screenshot: ${file}`);
} finally {
  if (results.failed > 0 && server) {
    failDir ??= (fs.mkdirSync(failuresDir, { recursive: true }), failuresDir);
    fs.writeFileSync(path.join(failDir, 'code-server.log'), server.log());
  }
  await cleanup();
}
finish();
