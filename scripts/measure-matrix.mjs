// Measures the claims matrix webview (client/webview/matrix.ts, bundled into dist/matrix.js) in Chromium, outside
// VS Code: a plain page with the webview's Content-Security-Policy, its stylesheet, its script and a stub of
// `acquireVsCodeApi`, sent a real matrix: what the bundled language server answers over stdio for a corpus of
// bench/generate.ts, or the seeds. Reports the server's round trips (first after indexing, again, after an edit), the
// answer's size, the first render (message in, parsed, grid drawn → next frame), the open time (round trip + first
// render) and the frame times of a scripted scroll across the grid; docs/benchmarks.md has the figures.
//
//   npm run build
//   node scripts/measure-matrix.mjs --n 10000          # a generated corpus of 10,000 articles (kept in /tmp)
//   node scripts/measure-matrix.mjs --n 10000 --unprepared   # a server not told to prepare the matrix after indexing
//   node scripts/measure-matrix.mjs --seeds --screenshot /tmp/matrix.png [--theme dark|light|hc]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './vscode/codeServer.mjs';

const root = path.join(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seeds = args.includes('--seeds');
const n = Number(opt('--n') ?? 10000);
const screenshot = opt('--screenshot');
const theme = opt('--theme') ?? 'dark';

/**
 * The matrix as the language server sends it over stdio (the bundled server, as the panel asks for it): the round
 * trip of the first `corroborate/claimsMatrix` after indexing and a workspace pull (as VS Code pulls every file's
 * diagnostics after indexing), of one more with nothing changed, and of one after an edit (which the server's cache
 * cannot answer). Returns the JSON text of the last, the one the webview is then sent.
 */
async function fromServer(dir) {
  const { BenchClient } = require(path.join(root, 'out/bench/lsp.js'));
  const { ClaimsMatrixRequest } = require(path.join(root, 'out/common/protocol.js'));
  const { CancellationTokenSource } = require('vscode-languageserver-protocol/node');
  // As the extension starts it: the server prepares the matrix after indexing (initializationOptions).
  const client = new BenchClient(dir, { pull: true, prepareClaimsMatrix: !args.includes('--unprepared') });
  try {
    const started = performance.now();
    await client.startIndexed(600_000);
    const indexedMs = performance.now() - started;
    await client.workspaceDiagnostics([], new CancellationTokenSource().token);
    if (!args.includes('--unprepared'))
      await client.waitFor(
        'the prepared matrix',
        () => client.logs.find((l) => l.includes('prepared the claims matrix')),
        600_000,
      );
    const ask = async () => {
      const t = performance.now();
      const json = await client.connection.sendRequest(ClaimsMatrixRequest);
      return { ms: performance.now() - t, json };
    };
    const first = await ask();
    const again = await ask();
    // An edit: the first claim's value gets one more character.
    const file = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.seed.md'))
      .sort()
      .find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('value="'));
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const uri = pathToFileURL(path.join(dir, file)).toString();
    const at = text.indexOf('value="') + 'value="'.length;
    const before = text.slice(0, at).split('\n');
    const pos = { line: before.length - 1, character: before.at(-1).length };
    await client.open(uri, text, 1);
    await client.change(uri, 2, { start: pos, end: pos }, '1');
    const afterEdit = await ask();
    return {
      json: afterEdit.json,
      indexedMs,
      roundTrip: { firstMs: first.ms, againMs: again.ms, afterEditMs: afterEdit.ms },
    };
  } finally {
    await client.shutdown();
  }
}

/** The corpus: the seeds, or `n` generated articles (kept in /tmp for the next run). */
function corpus() {
  if (seeds) return path.join(root, 'seeds');
  const dir = path.join(os.tmpdir(), `corroborate-matrix-corpus-${n}`);
  if (!fs.existsSync(path.join(dir, 'entities.yaml'))) {
    const { generateCorpus } = require(path.join(root, 'out/bench/generate.js'));
    fs.rmSync(dir, { recursive: true, force: true });
    generateCorpus(dir, n);
  }
  return dir;
}

// The same policy as the panel's (client/src/matrixPanel.ts): nothing but the stylesheet and the nonce'd scripts.
const NONCE = 'measure0123456789';
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src http://matrix.test; connect-src http://matrix.test; script-src 'nonce-${NONCE}'">
<link rel="stylesheet" href="http://matrix.test/matrix.css"><link rel="stylesheet" href="http://matrix.test/theme.css">
<script nonce="${NONCE}">
  window.__posted = [];
  window.__waiters = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { window.__posted.push(m); for (const w of window.__waiters.splice(0)) w(m); },
    getState: () => undefined,
    setState: () => undefined,
  });
</script></head><body class="${theme === 'hc' ? 'vscode-high-contrast' : `vscode-${theme}`}"><div id="root"></div>
<script nonce="${NONCE}" src="http://matrix.test/matrix.js"></script></body></html>`;

const THEMES = {
  dark: `:root{--vscode-foreground:#ccc;--vscode-editor-background:#1f1f1f;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-descriptionForeground:#9d9d9d;--vscode-editorError-foreground:#f85149;--vscode-testing-iconPassed:#73c991;--vscode-editorWarning-foreground:#cca700;--vscode-editorInfo-foreground:#3794ff;--vscode-focusBorder:#0078d4;--vscode-sideBar-background:#181818;--vscode-editorGroup-border:#ffffff17;--vscode-input-background:#313131;--vscode-input-foreground:#ccc;--vscode-dropdown-background:#313131;--vscode-dropdown-foreground:#ccc;--vscode-button-background:#0078d4;--vscode-button-foreground:#fff}`,
  hc: `:root{--vscode-foreground:#fff;--vscode-editor-background:#000;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-descriptionForeground:#fff;--vscode-editorError-foreground:#f48771;--vscode-testing-iconPassed:#73c991;--vscode-editorWarning-foreground:#fc0;--vscode-editorInfo-foreground:#3794ff;--vscode-focusBorder:#f38518;--vscode-contrastBorder:#6fc3df;--vscode-contrastActiveBorder:#f38518;--vscode-sideBar-background:#000;--vscode-input-background:#000;--vscode-input-foreground:#fff;--vscode-dropdown-background:#000;--vscode-dropdown-foreground:#fff;--vscode-button-background:#000;--vscode-button-foreground:#fff}`,
  light: `:root{--vscode-foreground:#3b3b3b;--vscode-editor-background:#fff;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-descriptionForeground:#717171;--vscode-editorError-foreground:#e51400;--vscode-testing-iconPassed:#388a34;--vscode-editorWarning-foreground:#bf8803;--vscode-editorInfo-foreground:#1a85ff;--vscode-focusBorder:#005fb8;--vscode-sideBar-background:#f8f8f8;--vscode-editorGroup-border:#e5e5e5;--vscode-input-background:#fff;--vscode-input-foreground:#3b3b3b;--vscode-dropdown-background:#fff;--vscode-dropdown-foreground:#3b3b3b;--vscode-button-background:#005fb8;--vscode-button-foreground:#fff}`,
};

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Sends the matrix and waits for the webview's `rendered` message, then for the next frame. */
async function firstRender(page) {
  return page.evaluate(async () => {
    const json = await (await fetch('http://matrix.test/matrix.json')).text();
    const rendered = new Promise((r) => window.__waiters.push(r));
    const t0 = performance.now();
    // As the panel sends it: the JSON text, which the webview parses.
    window.postMessage({ type: 'matrix', json }, '*');
    await rendered;
    const drawn = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const cells = window.corroborateMatrix.cells();
    return { drawnMs: drawn, paintedMs: performance.now() - t0, cells };
  });
}

/** Scrolls the grid diagonally by `step` pixels a frame for `frames` frames; the frame intervals seen. */
async function scrollFrames(page, frames = 180, step = Number(opt('--step') ?? 240)) {
  return page.evaluate(
    async ({ frames, step }) => {
      const grid = document.getElementById('grid');
      const times = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        grid.scrollTop += step;
        grid.scrollLeft += step / 2;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      // The script's own share: the draw after a scroll, timed synchronously (no layout or paint).
      const draws = [];
      for (let i = 0; i < 60; i++) {
        grid.scrollTop += step;
        grid.scrollLeft += step / 2;
        const t = performance.now();
        grid.dispatchEvent(new Event('scroll'));
        draws.push(performance.now() - t);
      }
      return { times, draws, cells: window.corroborateMatrix.cells(), top: grid.scrollTop };
    },
    { frames, step },
  );
}

const server = await fromServer(corpus());
const json = server.json;
const wire = JSON.parse(json);
const { decodeMatrix } = require(path.join(root, 'out/common/matrix.js'));
const matrix = decodeMatrix(wire);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const files = {
    'matrix.css': ['text/css', fs.readFileSync(path.join(root, 'client/media/matrix.css'))],
    'theme.css': ['text/css', THEMES[theme] ?? THEMES.dark],
    'matrix.js': ['text/javascript', fs.readFileSync(path.join(root, 'dist/matrix.js'))],
    'matrix.json': ['application/json', json],
  };
  const violations = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.route('http://matrix.test/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === '') return route.fulfill({ contentType: 'text/html', body: PAGE });
    const file = files[name];
    return file ? route.fulfill({ contentType: file[0], body: file[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto('http://matrix.test/');
  const first = await firstRender(page);
  const report = {
    corpus: seeds ? 'seeds' : `${n} generated articles`,
    sources: matrix.sources.length,
    keys: matrix.rows.length,
    cells: matrix.rows.reduce((s, r) => s + r.cells.length, 0),
    jsonBytes: Buffer.byteLength(json),
    indexedMs: Math.round(server.indexedMs),
    roundTrip: Object.fromEntries(Object.entries(server.roundTrip).map(([k, v]) => [k, Math.round(v)])),
    firstRender: { drawnMs: Math.round(first.drawnMs), paintedMs: Math.round(first.paintedMs), domCells: first.cells },
    // What the user waits for: the server's answer, then the webview's first paint.
    openMs: {
      first: Math.round(server.roundTrip.firstMs + first.paintedMs),
      afterEdit: Math.round(server.roundTrip.afterEditMs + first.paintedMs),
    },
  };
  if (screenshot) await page.screenshot({ path: screenshot });
  else {
    const scroll = await scrollFrames(page);
    report.scroll = {
      frames: scroll.times.length,
      p50Ms: +quantile(scroll.times, 0.5).toFixed(1),
      p95Ms: +quantile(scroll.times, 0.95).toFixed(1),
      maxMs: +Math.max(...scroll.times).toFixed(1),
      drawP50Ms: +quantile(scroll.draws, 0.5).toFixed(1),
      drawP95Ms: +quantile(scroll.draws, 0.95).toFixed(1),
      domCells: scroll.cells,
    };
  }
  report.cspViolations = violations.length;
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
}
