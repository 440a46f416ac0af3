import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCorpus } from './generate';
import { REPO } from './lsp';

/**
 * `corroborate check` at scale (docs/benchmarks.md, issue 13): the built CLI
 * (dist/cli.js) runs on a generated corpus once per format, with its stdout
 * written to /dev/null (a file) and read through a pipe, and reports the
 * wall time, the child's peak RSS, the bytes (and lines) printed and the
 * exit status. Part of `npm run bench` (section 8); alone:
 *
 *   node out/bench/cli.js [--size 10000] [--formats stylish,json,jsonl,sarif] [--sinks file,pipe] [--seed N] [--keep]
 */

export const CLI_FORMATS = ['stylish', 'json', 'jsonl', 'sarif'] as const;
export type CliFormat = (typeof CLI_FORMATS)[number];
/** Where the child's stdout goes: /dev/null, or a pipe that this process reads. */
export type CliSink = 'file' | 'pipe';

export interface CliRun {
  format: CliFormat;
  sink: CliSink;
  wallMs: number;
  /** The child's peak resident set size, in bytes (`process.resourceUsage().maxRSS` at exit). */
  maxRss: number;
  /** Bytes printed (pipe only; NaN for a file). */
  bytes: number;
  /** Lines printed (pipe only). */
  lines: number;
  exitCode: number | null;
  /** The child's stderr, when it printed any (an internal error). */
  stderr: string;
}

const DIST_CLI = path.join(REPO, 'dist/cli.js');

/** The child: the CLI's `main`, then its peak RSS on stderr at exit. */
const CHILD = `
const { main } = require(${JSON.stringify(DIST_CLI)});
process.on('exit', () => process.stderr.write('\\nCORROBORATE-MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));
void main(process.argv.slice(1)).then((code) => { process.exitCode = code; });
`;

/** Runs `corroborate check dir --format format` once, stdout to the sink. */
export function runCheck(dir: string, format: CliFormat, sink: CliSink): Promise<CliRun> {
  const devNull = sink === 'file' ? fs.openSync(os.devNull, 'w') : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', CHILD, '--', 'check', dir, '--format', format], {
    cwd: dir,
    stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
  });
  if (devNull !== undefined) fs.closeSync(devNull);
  let bytes = 0;
  let lines = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      const m = /\nCORROBORATE-MAXRSS (\d+)\n$/.exec(stderr);
      resolve({
        format,
        sink,
        wallMs,
        maxRss: m ? Number(m[1]) * 1024 : NaN,
        bytes: sink === 'pipe' ? bytes : NaN,
        lines: sink === 'pipe' ? lines : NaN,
        exitCode,
        stderr: (m ? stderr.slice(0, m.index) : stderr).trim(),
      });
    });
  });
}

/** Runs `check` on `dir` in every format and sink, one after the other; `log` reports each run. */
export async function cliSection(
  dir: string,
  formats: readonly CliFormat[] = CLI_FORMATS,
  sinks: readonly CliSink[] = ['file', 'pipe'],
  log: (s: string) => void = () => {},
): Promise<CliRun[]> {
  if (!fs.existsSync(DIST_CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const runs: CliRun[] = [];
  for (const format of formats) {
    for (const sink of sinks) {
      const r = await runCheck(dir, format, sink);
      runs.push(r);
      log(`  check --format ${format} > ${sink === 'file' ? '/dev/null' : 'pipe'}: ${describe(r)}`);
    }
  }
  return runs;
}

const MiB = 1024 * 1024;

/** One run on one line: time, peak RSS, output size, exit status. */
export function describe(r: CliRun): string {
  const out = Number.isFinite(r.bytes) ? `, ${(r.bytes / MiB).toFixed(1)} MiB in ${r.lines} lines` : '';
  const failed = r.exitCode !== 0 && r.exitCode !== 1 ? `, FAILED (exit ${r.exitCode}): ${r.stderr.slice(0, 200)}` : '';
  return `${(r.wallMs / 1000).toFixed(1)} s, peak RSS ${(r.maxRss / MiB).toFixed(0)} MiB${out}${failed}`;
}

/** A run that did not complete: neither 0 (clean) nor 1 (problems found), or no RSS reported. */
export function cliFailed(r: CliRun): boolean {
  return (r.exitCode !== 0 && r.exitCode !== 1) || !Number.isFinite(r.maxRss);
}

function parseList<T extends string>(v: string, allowed: readonly T[], flag: string): T[] {
  const xs = v.split(',');
  for (const x of xs) if (!allowed.includes(x as T)) throw new Error(`${flag}: unknown '${x}'`);
  return xs as T[];
}

async function main(argv: string[]): Promise<void> {
  let size = 10000;
  let seed = 1;
  let formats: CliFormat[] = [...CLI_FORMATS];
  let sinks: CliSink[] = ['file', 'pipe'];
  const keep = argv.includes('--keep');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? ''));
    if (a.startsWith('--size')) size = Number(value());
    else if (a.startsWith('--seed')) seed = Number(value());
    else if (a.startsWith('--formats')) formats = parseList(value(), CLI_FORMATS, '--formats');
    else if (a.startsWith('--sinks')) sinks = parseList(value(), ['file', 'pipe'] as const, '--sinks');
    else if (a !== '--keep') throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(size) || size < 10) throw new Error('--size takes an integer ≥ 10');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-cli-'));
  const log = (s: string): void => void process.stderr.write(`[bench-cli] ${s}\n`);
  try {
    const dir = path.join(root, `n${size}`);
    const info = generateCorpus(dir, size, seed);
    log(`${size} articles, ${(info.bytes / MiB).toFixed(1)} MiB, in ${dir}`);
    const runs = await cliSection(dir, formats, sinks, log);
    console.log(JSON.stringify({ size, bytes: info.bytes, node: process.version, runs }, null, 2));
    if (runs.some(cliFailed)) process.exitCode = 1;
  } finally {
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
}
