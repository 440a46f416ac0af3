#!/usr/bin/env node
// The packaged extension, end to end: `npm run package` builds the .vsix (into
// a temp dir), code-server's CLI installs it into a fresh, private extensions
// dir, and the installed copy — not this folder: no extensionDevelopmentPath —
// runs in a real VS Code workbench (code-server + headless Chromium) on a temp
// copy of seeds/. Checks that it activates (status bar: "5 sources"), that its
// language contribution and its language server work in an editor, and that
// the workspace's warnings reach the Problems count and the explorer.
//
// Ends its output with `CORROBORATE-RESULT {"passed":N,"failed":M,"failures":[…]}`
// (see scripts/test.mjs) and exits non-zero on failure. Leaves nothing in the
// repository; dist/ is rebuilt as the development bundle if it was one before.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, copyWorkspace, ensureCodeServer, launchChromium, startCodeServer, workbenchUrl } from './codeServer.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const EXT_FOLDER = `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase();
const SEED_COUNT = fs.readdirSync(path.join(REPO, 'seeds')).filter((f) => f.endsWith('.seed.md')).length;
const UI_TIMEOUT = 60_000;
const started = Date.now();

const result = { passed: 0, failed: 0, failures: [] };
let blocked; // the name of a failed step that later steps need

async function test(name, fn) {
  if (blocked) {
    result.failed++;
    result.failures.push(`${name} (not run: '${blocked}' failed)`);
    console.log(`  - ${name}: not run`);
    return;
  }
  const t0 = Date.now();
  try {
    await fn();
    result.passed++;
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    result.failed++;
    result.failures.push(name);
    console.log(
      `  ✖ ${name} (${Date.now() - t0} ms)\n    ${String(e?.stack ?? e)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

/** Like `test`, but the steps after it cannot run if it fails. */
async function step(name, fn) {
  const before = result.failed;
  await test(name, fn);
  if (result.failed > before && !blocked) blocked = name;
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The names of the entries of a zip file (from its central directory). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert(eocd >= 0, `${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    assert(buf.readUInt32LE(p) === 0x02014b50, `${file}: bad central directory`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Every file under `dir`, relative, with '/' separators. */
function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(`${r}/`, ...walk(dir, r));
    else out.push(r);
  }
  return out;
}

/** Whether dist/server.js is the development bundle (it has a source map). */
function isDevBundle() {
  try {
    return fs.readFileSync(path.join(REPO, 'dist/server.js'), 'utf8').includes('sourceMappingURL=');
  } catch {
    return false;
  }
}

/** Text of the status bar items, one per line (for failure messages). */
const statusBarText = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.statusbar-item')]
      .map((e) => `${e.id}: ${(e.textContent ?? '').trim()} [${e.getAttribute('aria-label') ?? ''}]`)
      .join('\n'),
  );

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-vsix-'));
const vsix = path.join(work, `${pkg.name}-${pkg.version}.vsix`);
const state = path.join(work, 'state');
const userData = path.join(state, 'user-data');
const extensionsDir = path.join(state, 'extensions');
let codeServerDir;
let server;
let browser;
let workspace;
let page;
let expected; // what the repository's CLI finds on the same workspace: the oracle

/** The CLI's diagnostics on `dir`, counted by severity, and errors + warnings per file. */
function cliCounts(dir) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/corroborate.js'), 'check', dir, '--format', 'json'], {
    encoding: 'utf8',
  });
  assert(r.status === 0 || r.status === 1, `corroborate check exited ${r.status}: ${r.stderr}`);
  const counts = { error: 0, warning: 0, information: 0, hint: 0, problemsPerFile: {} };
  for (const d of JSON.parse(r.stdout)) {
    counts[d.severity]++;
    if (d.severity === 'error' || d.severity === 'warning') {
      const name = path.basename(d.file);
      counts.problemsPerFile[name] = (counts.problemsPerFile[name] ?? 0) + 1;
    }
  }
  return counts;
}

// A hard limit, so that a hung browser or server never hangs `npm test`.
const watchdog = setTimeout(() => {
  console.log(`  ✖ the test did not finish within 5 minutes`);
  result.failed++;
  result.failures.push('timeout (5 minutes)');
  void cleanup().finally(finish);
}, 300_000);

async function cleanup() {
  await browser?.close().catch(() => {});
  browser = undefined;
  await server?.stop().catch(() => {});
  server = undefined;
  for (const d of [work, workspace]) if (d) fs.rmSync(d, { recursive: true, force: true });
}

function finish() {
  clearTimeout(watchdog);
  console.log(
    `\nVSIX test: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(`CORROBORATE-RESULT ${JSON.stringify(result)}`);
  process.exit(result.failed > 0 ? 1 : 0);
}

console.log(`VSIX: package ${EXT_FOLDER}, install it into code-server, use the installed copy`);
try {
  await step('npm run package builds the .vsix (production bundle, vsce, no dependencies)', () => {
    const wasDev = isDevBundle();
    try {
      const r = spawnSync('npm', ['run', 'package', '--', '--out', vsix], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 180_000,
      });
      process.stdout.write((r.stdout ?? '').replace(/^/gm, '    '));
      assert(r.status === 0, `npm run package exited ${r.status}:\n${r.stderr}`);
      assert(fs.existsSync(vsix), `no ${vsix}`);
      assert(!/\bWARNING\b/.test(`${r.stdout}${r.stderr}`), `vsce warned:\n${r.stdout}\n${r.stderr}`);
    } finally {
      // vscode:prepublish wrote the minified bundle into dist/: put the
      // development bundle (with source maps) back for the other suites.
      if (wasDev) spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: REPO, stdio: 'inherit' });
    }
  });

  await test('the .vsix holds the bundles, the manifest and the icon, and no node_modules, sources, maps, tests or seeds', () => {
    const names = zipEntries(vsix);
    const size = fs.statSync(vsix).size;
    console.log(`    ${names.length} entries, ${(size / 1024).toFixed(1)} KB: ${names.join(', ')}`);
    for (const f of [
      'extension/package.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/client/media/icon.png',
      'extension/client/media/corroborate.svg',
      'extension/syntaxes/seed.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/LICENSE.txt',
      'extension/readme.md',
      'extension/changelog.md',
    ]) {
      assert(names.includes(f), `${f} is missing`);
    }
    const unwanted = names.filter((n) =>
      /(^|\/)(node_modules|src|test|seeds|docs|out|scripts)\/|\.map$|\.ts$|\.vsix$/.test(n),
    );
    assert(unwanted.length === 0, `unwanted entries: ${unwanted.join(', ')}`);
    assert(size < 1024 * 1024, `the .vsix is ${size} bytes (over 1 MB)`);
  });

  await step("code-server's CLI installs the .vsix into a fresh extensions dir", () => {
    codeServerDir = ensureCodeServer();
    for (const d of [userData, extensionsDir]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(state, 'config.yaml'), 'auth: none\ncert: false\n');
    const tmp = fs.mkdtempSync('/tmp/csi-');
    try {
      const r = spawnSync(
        process.execPath,
        [
          path.join(codeServerDir, 'node_modules/code-server/out/node/entry.js'),
          '--config',
          path.join(state, 'config.yaml'),
          '--user-data-dir',
          userData,
          '--extensions-dir',
          extensionsDir,
          '--install-extension',
          vsix,
        ],
        {
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            ...process.env,
            EXTENSIONS_GALLERY: '{}',
            XDG_CONFIG_HOME: path.join(state, 'xdg-config'),
            XDG_DATA_HOME: path.join(state, 'xdg-data'),
            XDG_CACHE_HOME: path.join(state, 'xdg-cache'),
            TMPDIR: tmp,
          },
        },
      );
      const out = `${r.stdout}${r.stderr}`;
      console.log(out.trim().replace(/^/gm, '    '));
      assert(r.status === 0, `--install-extension exited ${r.status}`);
      assert(/successfully installed/i.test(out), 'no "successfully installed" in its output');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  await step(`the extensions dir holds ${EXT_FOLDER} with dist/server.js and no node_modules`, () => {
    const installed = fs.readdirSync(extensionsDir).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
    assert(
      installed.length === 1 && installed[0].toLowerCase() === EXT_FOLDER,
      `installed: ${installed.join(', ') || 'nothing'}`,
    );
    const dir = path.join(extensionsDir, installed[0]);
    const files = walk(dir);
    console.log(`    ${installed[0]}: ${files.filter((f) => !f.endsWith('/')).join(', ')}`);
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js']) assert(files.includes(f), `${f} is missing`);
    assert(!files.some((f) => f.split('/').includes('node_modules')), 'it contains node_modules');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    assert(
      manifest.version === pkg.version && manifest.main === pkg.main,
      `installed package.json: ${manifest.name}@${manifest.version}, main ${manifest.main}`,
    );
  });

  await step('the workbench opens on a copy of seeds/ with the installed extension (no development path)', async () => {
    workspace = copyWorkspace(path.join(REPO, 'seeds'), 'corroborate-vsix-ws-');
    expected = cliCounts(workspace);
    assert(expected.warning > 0, 'the CLI finds no warnings in seeds/: nothing to check');
    server = await startCodeServer({ codeServerDir, stateDir: state, extensionsDir });
    browser = await launchChromium({ stateDir: path.join(work, 'chromium') });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server, workspace));
    await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: UI_TIMEOUT });
  });

  await step(`the extension activates: the status bar shows "${SEED_COUNT} sources"`, async () => {
    // "N sources · …" once indexing is done (not "Indexing 0 / N sources").
    const wanted = `${SEED_COUNT} sources ·`;
    try {
      await page.waitForFunction(
        (w) => [...document.querySelectorAll('.statusbar-item')].some((e) => (e.textContent ?? '').includes(w)),
        wanted,
        { timeout: UI_TIMEOUT },
      );
    } catch {
      throw new Error(
        `no status bar item with "${wanted}"; the status bar:\n${await statusBarText(page)}\ncode-server:\n${server.log().slice(-3000)}`,
      );
    }
    const text = await page.evaluate(
      (w) =>
        [...document.querySelectorAll('.statusbar-item')]
          .find((e) => (e.textContent ?? '').includes(w))
          ?.textContent?.trim(),
      wanted,
    );
    console.log(`    status bar: "${text}"`);
  });

  await test('the Problems count in the status bar shows the errors, warnings and infos the CLI finds', async () => {
    const want = { Errors: expected.error, Warnings: expected.warning, Infos: expected.information };
    try {
      await page.waitForFunction(
        (w) => {
          const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '';
          const n = (k) => Number(new RegExp(`${k}: (\\d+)`).exec(label)?.[1] ?? 0);
          return Object.entries(w).every(([k, v]) => n(k) === v);
        },
        want,
        { timeout: UI_TIMEOUT },
      );
    } catch {
      throw new Error(
        `the Problems item does not show ${JSON.stringify(want)}; the status bar:\n${await statusBarText(page)}`,
      );
    }
    console.log(`    problems: "${await page.getAttribute('[id="status.problems"]', 'aria-label')}"`);
  });

  await test('the explorer badges each file with its number of problems, as the CLI counts them', async () => {
    // The explorer's decoration: a badge and colour, and "• N problems in this file" in the label.
    const badges = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('.explorer-folders-view .monaco-list-row .monaco-icon-label')].map((l) => [
            l.querySelector('.label-name')?.textContent ?? '',
            /monaco-decoration-itemBadge/.test(l.className)
              ? Number(/• (\d+) problems? in this file/.exec(l.getAttribute('aria-label') ?? '')?.[1] ?? 0)
              : 0,
          ]),
        ),
      );
    const want = expected.problemsPerFile;
    try {
      await page.waitForFunction(
        (w) => {
          const got = {};
          for (const l of document.querySelectorAll('.explorer-folders-view .monaco-list-row .monaco-icon-label')) {
            const m = /• (\d+) problems? in this file/.exec(l.getAttribute('aria-label') ?? '');
            if (m && /monaco-decoration-itemBadge/.test(l.className))
              got[l.querySelector('.label-name')?.textContent ?? ''] = Number(m[1]);
          }
          return JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(w).sort());
        },
        want,
        { timeout: UI_TIMEOUT },
      );
    } catch {
      throw new Error(`explorer badges ${JSON.stringify(await badges())}, expected ${JSON.stringify(want)}`);
    }
    console.log(
      `    badges: ${Object.entries(await badges())
        .map(([f, n]) => `${f} ${n}`)
        .join(', ')}`,
    );
  });

  await test('an opened source is in the "Annotated source" language and shows warning squiggles', async () => {
    await page.click('.monaco-workbench .part.editor');
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: UI_TIMEOUT });
    await page.keyboard.type('002-new-nato.seed.md');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) =>
          (r.textContent ?? '').includes('002-new-nato.seed.md'),
        ),
      null,
      { timeout: UI_TIMEOUT },
    );
    await page.keyboard.press('Enter');
    try {
      await page.waitForFunction(
        () => (document.querySelector('[id="status.editor.mode"]')?.textContent ?? '').includes('Annotated source'),
        null,
        { timeout: UI_TIMEOUT },
      );
    } catch {
      throw new Error(`the language mode is not "Annotated source"; the status bar:\n${await statusBarText(page)}`);
    }
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: UI_TIMEOUT });
    const n = await page.locator('.monaco-editor .squiggly-warning').count();
    console.log(`    language mode "Annotated source"; ${n} warning squiggle(s) in view`);
  });
} catch (e) {
  result.failed++;
  result.failures.push(`unexpected error: ${e?.message ?? e}`);
  console.log(`  ✖ unexpected error: ${e?.stack ?? e}`);
} finally {
  if (result.failed > 0 && page) {
    const shot = path.join(os.tmpdir(), `corroborate-vsix-failure-${Date.now()}.png`);
    await page.screenshot({ path: shot }).then(
      () => console.log(`  (screenshot of the workbench: ${shot})`),
      () => {},
    );
  }
  await cleanup();
}
finish();
