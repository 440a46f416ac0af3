// `npm start`: the demo. Opens the demo workspace seeds/ in a real VS Code in
// the browser (code-server), with Corroborate installed from this folder.
//
//   npm start                        (= npm run build && node scripts/vscode/start.mjs)
//   node scripts/vscode/start.mjs --port 8081
//
// Prints `Corroborate is running: http://127.0.0.1:<port>/?folder=<seeds>` and
// runs until Ctrl+C (SIGINT) or SIGTERM, which stop code-server and everything
// it started. The first run installs code-server (scripts/vscode/setup.sh).
// Port: --port N, else 8080 when it is free, else any free port. Edits made in
// the browser are saved to seeds/ itself. The editor's state (layout, open
// files, settings changed in the browser) is kept between runs in
// ~/.cache/corroborate/demo-<hash of this folder>.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer, freePort, REPO, startCodeServer } from './codeServer.mjs';

const DEFAULT_PORT = 8080;
const SEEDS = path.join(REPO, 'seeds');

function fail(message) {
  console.error(`corroborate start: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  let port;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--port(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[1] ?? argv[++i];
      port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port wants a port number, got '${value ?? ''}'`);
    } else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/vscode/start.mjs [--port N]   (default port 8080 if free, else a free one)');
      process.exit(0);
    } else fail(`unknown option '${a}' (usage: start.mjs [--port N])`);
  }
  return { port };
}

function isFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Whether any process of the process group `pgid` is still alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const args = parseArgs(process.argv.slice(2));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
if (!fs.existsSync(path.join(REPO, 'dist/client.js')) || !fs.existsSync(path.join(REPO, 'dist/server.js')))
  fail('dist/ is missing: run `npm run build` first (npm start does)');
if (!fs.existsSync(SEEDS)) fail(`the demo workspace ${SEEDS} is missing`);

let port = args.port;
if (port !== undefined) {
  if (!(await isFree(port))) fail(`port ${port} is in use; choose another with --port N`);
} else port = (await isFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort();

const codeServerDir = ensureCodeServer();

// Private state, kept between runs, one per clone.
const cache = process.env.CORROBORATE_CACHE ?? path.join(os.homedir(), '.cache/corroborate');
const stateDir = path.join(cache, `demo-${createHash('sha1').update(REPO).digest('hex').slice(0, 8)}`);
const extensionsDir = path.join(stateDir, 'extensions');
fs.mkdirSync(extensionsDir, { recursive: true });

// The extension is this folder, linked into the extensions dir as an installed
// extension (no development-host banner).
const prefix = `${pkg.publisher}.${pkg.name}-`;
for (const entry of fs.readdirSync(extensionsDir)) {
  if (entry.startsWith(prefix)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
}
fs.symlinkSync(REPO, path.join(extensionsDir, `${prefix}${pkg.version}`), 'dir');

// Settings the user changed in the browser last time win over the defaults.
let kept = {};
try {
  kept = JSON.parse(fs.readFileSync(path.join(stateDir, 'user-data/User/settings.json'), 'utf8'));
} catch {
  // first run, or a settings file with comments: start from the defaults
}

let server;
try {
  server = await startCodeServer({
    codeServerDir,
    stateDir,
    extensionsDir,
    env: { PORT: String(port) }, // code-server's PORT overrides the port of its --bind-addr
    settings: { 'editor.wordWrap': 'on', 'workbench.editor.enablePreview': false, ...kept },
  });
} catch (err) {
  fail(`code-server did not start: ${err.message}`);
}
const listening = /HTTP server listening on https?:\/\/[^:/]+:(\d+)/.exec(server.log());
if (listening && Number(listening[1]) !== port) port = Number(listening[1]);
const pgid = server.process.pid;

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  // code-server's extension host and language server share its process group:
  // wait until all of it is gone, and end what is left after 5 s.
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => {
  console.log('\nStopping Corroborate…');
  void stop(0);
});
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
server.process.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(
    `corroborate start: code-server stopped unexpectedly (${signal ?? `exit ${code}`}):\n${server.log().split('\n').slice(-20).join('\n')}`,
  );
  void stop(1);
});

const folder = encodeURIComponent(SEEDS).replace(/%2F/g, '/');
console.log(`Corroborate is running: http://127.0.0.1:${port}/?folder=${folder}`);
console.log('Open it in a browser; Ctrl+C stops it.');
