import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The bundled CLI (bin/corroborate.js → dist/cli.js) run as a child process, for the CLI tests. */

export const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `corroborate ...args` in `cwd`. */
export function runCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(
            new Error(`corroborate ${args.join(' ')} did not finish (${error.signal ?? error.message}): ${stderr}`),
          );
        else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary directory (real path), removed by {@link removeTemps}. */
const temps: string[] = [];
export function tempDir(prefix = 'corroborate-export-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

/** Writes files (relative path → content) under a fresh temporary directory; returns it. */
export function writeTree(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function removeTemps(): void {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
}

/** Every file under `dir`, relative path → content. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
    }
  };
  visit(dir);
  return out;
}
