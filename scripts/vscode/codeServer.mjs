// Starting a real VS Code (code-server: VS Code's server + web workbench,
// installed from npm by setup.sh) and a headless Chromium to drive it.
// Shared by the in-VS-Code test launcher, the UI end-to-end test and
// `npm start`. See ../../docs/testing.md and ../../../shared/notes/vscode-offline.md.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs setup.sh (idempotent) and returns the code-server install directory. */
export function ensureCodeServer() {
  const r = spawnSync('bash', [path.join(REPO, 'scripts/vscode/setup.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`scripts/vscode/setup.sh failed (exit ${r.status})`);
  const dir = r.stdout.trim().split('\n').pop();
  if (!dir || !fs.existsSync(path.join(dir, 'node_modules/code-server/out/node/entry.js')))
    throw new Error(`code-server is not installed in '${dir}'`);
  return dir;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and the same on every run. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'git.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
};

/**
 * Starts code-server on a free loopback port with private state in `stateDir`
 * (user data, extensions, XDG dirs and a short TMPDIR). Resolves when it
 * listens. `stop()` ends it and everything it started.
 */
// `workspaceTrust: true` leaves VS Code's workspace trust on (a new folder opens in Restricted Mode).
export async function startCodeServer({
  codeServerDir,
  stateDir,
  settings = {},
  env = {},
  extensionsDir,
  quiet = true,
  workspaceTrust = false,
} = {}) {
  codeServerDir ??= ensureCodeServer();
  stateDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cs-'));
  const port = await freePort();
  const userData = path.join(stateDir, 'user-data');
  const extensions = extensionsDir ?? path.join(stateDir, 'extensions');
  const tmp = fs.mkdtempSync('/tmp/cst-');
  for (const d of [
    userData,
    path.join(userData, 'User'),
    extensions,
    path.join(stateDir, 'xdg-config'),
    path.join(stateDir, 'xdg-data'),
    path.join(stateDir, 'xdg-cache'),
  ])
    fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User/settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2),
  );
  fs.writeFileSync(path.join(stateDir, 'config.yaml'), 'auth: none\ncert: false\n');
  const childEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    TMPDIR: tmp,
    ...env,
  };
  const args = [
    path.join(codeServerDir, 'node_modules/code-server/out/node/entry.js'),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    path.join(stateDir, 'config.yaml'),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const onData = (d) => {
    log += d.toString();
    if (!quiet) process.stderr.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    stateDir,
    extensionsDir: extensions,
    userDataDir: userData,
    stop,
    log: () => log,
    process: child,
    codeServerDir,
    env: childEnv,
  };
}

/** The flags Chromium needs on this closed network, as root, headless. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium through playwright-core (no browser download). Without `stateDir`, its home is a
 * temporary folder, removed when the browser closes.
 */
export async function launchChromium({ headless = true, stateDir } = {}) {
  const { chromium } = await import('playwright-core');
  const home = stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    },
  });
  if (!stateDir) browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true }));
  return browser;
}

/** `vscode-remote://` URI of an absolute path on the code-server host. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** Workbench URL opening `folder`, with optional development/test payload. */
export function workbenchUrl(server, folder, payload = []) {
  const params = new URLSearchParams({ folder });
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${server.url}?${params.toString()}`;
}

/** Copies a directory tree (tests edit their workspace; the repo's copy stays untouched). */
export function copyWorkspace(from, prefix = 'ws-') {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(from, to, { recursive: true });
  return to;
}
