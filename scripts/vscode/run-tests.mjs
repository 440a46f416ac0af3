#!/usr/bin/env node
// The in-VS-Code integration tests, offline: the mocha suite of
// test/vscode/suite/ runs inside the extension host of a real VS Code
// (code-server 4.100.3 = VS Code 1.100.3, installed from npm by setup.sh),
// whose web workbench is opened by a headless Chromium. No download from
// Microsoft is needed. See docs/testing.md.
//
// Three launches, one per workspace (each a temporary copy; the repo's folders
// are never touched):
//   seeds    a copy of seeds/              (test/vscode/suite/seeds.*.test.ts)
//   fixture  a copy of test/vscode/fixture (test/vscode/suite/fixture.*.test.ts)
//   untrusted  a copy of seeds/ in Restricted Mode (test/vscode/suite/untrusted.*.test.ts)
//
// Usage: node scripts/vscode/run-tests.mjs [seeds|fixture|untrusted ...]   (after `npm run build`)
// Environment: CORROBORATE_TEST_VERBOSE=1 prints every line of the workbench log;
// CORROBORATE_TEST_TIMEOUT (ms, default 300000) per launch.
//
// The last line of stdout is `CORROBORATE-RESULT {"passed":N,"failed":M,"failures":[…]}`
// (read by scripts/test.mjs); the exit status is 0 only when nothing failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  copyWorkspace,
  ensureCodeServer,
  launchChromium,
  REPO,
  remoteUri,
  startCodeServer,
  workbenchUrl,
} from './codeServer.mjs';

const WORKSPACES = {
  seeds: path.join(REPO, 'seeds'),
  fixture: path.join(REPO, 'test/vscode/fixture'),
  // seeds/ opened in Restricted Mode (workspace trust on, folder not trusted), with a workspace
  // setting corroborate.registry that VS Code must ignore there (package.json restricts it).
  untrusted: path.join(REPO, 'seeds'),
};
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};
const TESTS_INDEX = path.join(REPO, 'out/test/vscode/suite/index');
const TIMEOUT = Number(process.env.CORROBORATE_TEST_TIMEOUT ?? 300_000);
const VERBOSE = process.env.CORROBORATE_TEST_VERBOSE === '1';

const result = { passed: 0, failed: 0, failures: [] };
const started = Date.now();
const cleanups = [];
let finished = false;
let logDir;

function fail(title) {
  result.failed++;
  result.failures.push(title);
}

/** Prints the result line (always the last line of stdout), cleans up and exits. */
async function finish(extraFailure) {
  if (finished) return;
  finished = true;
  if (extraFailure) fail(extraFailure);
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (err) {
      console.error(`[run-tests] cleanup: ${err?.message ?? err}`);
    }
  }
  console.log(
    `[run-tests] ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.failed > 0 && logDir) console.log(`[run-tests] the workbench and code-server logs are in ${logDir}`);
  else if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
  console.log(`CORROBORATE-RESULT ${JSON.stringify(result)}`);
  process.exit(result.failed > 0 ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void finish(`interrupted (${signal})`));

// ---- preconditions --------------------------------------------------------------

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(WORKSPACES);
for (const n of names)
  if (!(n in WORKSPACES)) await finish(`unknown workspace '${n}' (expected: ${Object.keys(WORKSPACES).join(', ')})`);
const needed = ['dist/client.js', 'dist/server.js', 'out/test/vscode/suite/index.js'].filter(
  (f) => !fs.existsSync(path.join(REPO, f)),
);
if (needed.length > 0) {
  console.error(
    `[run-tests] missing ${needed.join(', ')}: run \`npm run build\` first (or \`npm run test:vscode\`, which does).`,
  );
  await finish('the extension is not built (run `npm run build`)');
}

logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-tests-'));
const logFile = path.join(logDir, 'workbench.log');
const log = fs.createWriteStream(logFile);
cleanups.push(() => new Promise((r) => log.end(r)));

// ---- the runs ---------------------------------------------------------------------

/**
 * Lines of the extension host's console that are mocha's report (or ours):
 * the workbench forwards them as `[Extension Host] <line>` or as-is,
 * interleaved with VS Code's own messages.
 */
const MOCHA_LINE =
  /^(\s*$|\s+(✔|✓|\d+\)|[A-Za-z\d“"'`(\[])|\s*\d+ (passing|failing|pending)\b|\[corroborate-tests\]|\s+(Error|AssertionError|at |[+-] |actual|expected))/;

async function runOne(name, browser, codeServerDir) {
  const workspace = copyWorkspace(WORKSPACES[name], `corroborate-${name}-`);
  const untrusted = name === 'untrusted';
  if (untrusted) {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, '.vscode/settings.json'),
      JSON.stringify({ 'corroborate.registry': 'missing/entities.yaml' }, null, 2),
    );
  }
  cleanups.push(() => (result.failed === 0 ? fs.rmSync(workspace, { recursive: true, force: true }) : undefined));
  const resultsFile = path.join(logDir, `${name}-results.json`);
  const server = await startCodeServer({
    codeServerDir,
    stateDir: path.join(logDir, `code-server-${name}`),
    env: { CORROBORATE_TEST_RESULTS: resultsFile, CORROBORATE_TEST_WORKSPACE: name },
    ...(untrusted ? { workspaceTrust: true, settings: UNTRUSTED_SETTINGS } : {}),
  });
  let serverStopped = false;
  const stopServer = async () => {
    if (serverStopped) return;
    serverStopped = true;
    fs.writeFileSync(path.join(logDir, `code-server-${name}.log`), server.log());
    await server.stop();
  };
  cleanups.push(stopServer);

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  cleanups.push(() => context.close().catch(() => undefined));
  const page = await context.newPage();
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  let lastWasBlank = false;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(Array.isArray(message) ? message.join(' ') : message);
    log.write(`[${name}] [${level}] ${text}\n`);
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^\[Extension Host\] ?/, '');
      if (VERBOSE || MOCHA_LINE.test(line)) {
        const blank = line.trim() === '';
        if (!(blank && lastWasBlank)) console.log(line);
        lastWasBlank = blank;
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  // Fail fast, rather than at the timeout, when the page or code-server dies.
  page.on('crash', () => exit('the page crashed'));
  server.process.once('exit', (code) => exit(`code-server exited (${code})`));
  page.on('pageerror', (err) => log.write(`[${name}] [pageerror] ${err.message}\n`));
  page.on('console', (m) => log.write(`[${name}] [browser ${m.type()}] ${m.text()}\n`));

  console.log(`\n[run-tests] ${name}: VS Code ${server.url} on ${workspace}`);
  const url = workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', remoteUri(server.port, REPO)],
    ['extensionTestsPath', remoteUri(server.port, TESTS_INDEX)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  await page.goto(url);
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT))),
  ]);
  clearTimeout(timer);

  let counts;
  try {
    counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    counts = undefined;
  }
  if (counts) {
    result.passed += counts.passed ?? 0;
    result.failed += counts.failed ?? 0;
    result.failures.push(...(counts.failures ?? []));
  }
  if (code === 'timeout') fail(`${name}: no result within ${TIMEOUT / 1000} s`);
  else if (typeof code === 'string') fail(`${name}: ${code}`);
  else if (!counts) fail(`${name}: the tests module did not run (exit code ${code}; no ${path.basename(resultsFile)})`);
  else if (code !== 0 && (counts.failed ?? 0) === 0) fail(`${name}: the extension host reported exit code ${code}`);
  await context.close().catch(() => undefined);
  await stopServer();
}

try {
  const codeServerDir = ensureCodeServer();
  const browser = await launchChromium({ stateDir: path.join(logDir, 'chromium') });
  cleanups.push(() => browser.close());
  for (const name of names) await runOne(name, browser, codeServerDir);
  await finish();
} catch (err) {
  console.error(`[run-tests] ${err?.stack ?? err}`);
  await finish(`launcher error: ${err?.message ?? err}`);
}
