/**
 * A `node --require` preload for safety tests: it makes every network call, every
 * child process and every file-system write fail, and records each attempt (with its
 * stack) in the file named by CORROBORATE_FORBIDDEN_LOG, so that a test can assert that
 * nothing was attempted. Reading stays allowed. Loaded before the server's own code.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
// `require`, not `import`: the patches must land on the modules themselves, not on a namespace copy.
const fs = require('node:fs') as typeof import('node:fs');

const log = process.env.CORROBORATE_FORBIDDEN_LOG;
// The log is written with the unpatched low-level calls (appendFileSync itself calls the patched writeFileSync).
const { openSync, writeSync, closeSync } = fs;

function forbid(what: string): never {
  const line = `${what}\n${new Error().stack ?? ''}\n`;
  if (log) {
    const fd = openSync(log, 'a');
    writeSync(fd, line);
    closeSync(fd);
  }
  throw new Error(`forbidden in the language server: ${what}`);
}

// One line to prove the preload ran in this process (and one per worker thread, which a
// preload also covers: the server parses registries on one); a test expects these lines and nothing else.
if (log) {
  const { isMainThread, threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const fd = openSync(log, 'a');
  writeSync(fd, `preload active in ${process.pid}${isMainThread ? '' : ` worker ${threadId}`}\n`);
  closeSync(fd);
}

function patch(target: Record<string, unknown>, name: string, what: string): void {
  if (typeof target[name] !== 'function') return;
  target[name] = (..._args: unknown[]): never => forbid(`${what}.${name}`);
}

const net = require('node:net') as Record<string, unknown>;
const tls = require('node:tls') as Record<string, unknown>;
const http = require('node:http') as Record<string, unknown>;
const https = require('node:https') as Record<string, unknown>;
const dns = require('node:dns') as Record<string, unknown>;
const dgram = require('node:dgram') as Record<string, unknown>;
const childProcess = require('node:child_process') as Record<string, unknown>;
for (const name of ['connect', 'createConnection', 'createServer']) patch(net, name, 'net');
patch(tls, 'connect', 'tls');
for (const m of [http, https]) for (const name of ['request', 'get', 'createServer']) patch(m, name, 'http');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) patch(dns, name, 'dns');
patch(dns.promises as Record<string, unknown>, 'lookup', 'dns.promises');
patch(dgram, 'createSocket', 'dgram');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  patch(childProcess, name, 'child_process');
if (typeof globalThis.fetch === 'function') globalThis.fetch = () => forbid('fetch');

const fsAny = fs as unknown as Record<string, unknown>;
const writes = [
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'mkdir',
  'mkdirSync',
  'mkdtemp',
  'mkdtempSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'unlink',
  'unlinkSync',
  'rename',
  'renameSync',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'truncate',
  'truncateSync',
  'chmod',
  'chmodSync',
  'chown',
  'chownSync',
  'utimes',
  'utimesSync',
  'symlink',
  'symlinkSync',
  'link',
  'linkSync',
  'createWriteStream',
];
for (const name of writes) patch(fsAny, name, 'fs');
for (const name of writes) patch(fs.promises, name, 'fs.promises');
const writeFlags =
  fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND;
const isWrite = (flags: unknown): boolean =>
  typeof flags === 'number' ? (flags & writeFlags) !== 0 : typeof flags === 'string' && /[wa+]/.test(flags);
for (const [target, label] of [
  [fsAny, 'fs'],
  [fs.promises as unknown as Record<string, unknown>, 'fs.promises'],
] as const) {
  for (const name of ['open', 'openSync']) {
    const original = target[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]): unknown =>
      isWrite(args[1]) ? forbid(`${label}.${name} for writing`) : original.apply(target, args);
  }
}
