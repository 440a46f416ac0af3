/**
 * `corroborate diff A B [path] [--format markdown|json]`: what changed in the
 * claims, conflicts and actors from A to B (core/features/diff.ts). A and B
 * are two directories, or two git revisions of the repository the working
 * directory is in: each revision's `*.seed.md` files (under `path`, default
 * `.`) and every `entities.yaml` are copied out of git into a temporary
 * directory (`git ls-tree`, then `git cat-file --batch`, with no shell), read
 * like a folder on disk, and removed afterwards.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { diffMarkdown, diffWorkspaces, type DiffClaim, type WorkspaceDiff, type WorkspaceIndex } from '../core';
import { REGISTRY_NAME, SOURCE_SUFFIX } from '../node/files';

/** A usage error of `diff` (bad arguments, a bad revision): one line, exit status 2. */
export class DiffError extends Error {}

export const DIFF_USAGE = `Usage: corroborate diff A B [path] [--format markdown|json]

A and B: two directories, or two git revisions (HEAD~1, main, a commit id) of the
git repository the working directory is in; with revisions, path (default: .)
says which part of the repository to compare. Prints the claims added, removed
and changed, the conflicts that appeared and were resolved, and the actors
added, removed and renamed: Markdown for a pull-request comment (default), or JSON.
`;

interface DiffOptions {
  a: string;
  b: string;
  path: string | undefined;
  format: 'markdown' | 'json';
}

export function parseDiffArgs(argv: readonly string[]): DiffOptions | 'help' {
  const args = [...argv];
  const positional: string[] = [];
  let format: DiffOptions['format'] = 'markdown';
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const v = arg === '--format' ? args.shift() : arg.slice('--format='.length);
      if (v !== 'markdown' && v !== 'json')
        throw new DiffError(`diff: --format takes markdown or json, not '${v ?? ''}'`);
      format = v;
    } else if (arg.startsWith('-')) throw new DiffError(`diff: unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length < 2 || positional.length > 3)
    throw new DiffError(
      `diff takes two directories or two git revisions, and an optional path (got ${positional.length} arguments)`,
    );
  return { a: positional[0]!, b: positional[1]!, path: positional[2], format };
}

const isDirectory = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Runs git in `cwd` (no shell); returns its stdout, or undefined when it fails. */
function git(cwd: string, args: string[], input?: string): Buffer | undefined {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) throw new DiffError(`diff: cannot run git: ${r.error.message}`);
  return r.status === 0 ? r.stdout : undefined;
}

/** The commit a revision names, or a DiffError. */
function commitOf(top: string, rev: string): string {
  const sha = git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!sha) throw new DiffError(`diff: '${rev}' is neither a directory nor a revision of the git repository at ${top}`);
  return sha.toString().trim();
}

/** The blobs of a commit to compare (sources under `prefix`, every registry): [path, blob id], paths from the top. */
function blobsOf(top: string, commit: string, prefix: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of git(top, ['ls-tree', '-r', '-z', '--full-tree', commit])!.toString('utf8').split('\0')) {
    const m = /^100\d{3} blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!m) continue;
    const [, blob, file] = m as unknown as [string, string, string];
    const inside = prefix === '' || file.startsWith(prefix + '/');
    if ((inside && file.toLowerCase().endsWith(SOURCE_SUFFIX)) || path.posix.basename(file) === REGISTRY_NAME)
      out.push([file, blob]);
  }
  return out;
}

/** Writes the blobs into `dir` at their paths, read through one `git cat-file --batch`. */
function writeBlobs(top: string, blobs: ReadonlyArray<[string, string]>, dir: string): void {
  if (blobs.length === 0) return;
  const data = git(top, ['cat-file', '--batch'], blobs.map(([, blob]) => blob).join('\n') + '\n');
  if (!data) throw new DiffError('diff: git cat-file failed');
  let at = 0;
  for (const [file] of blobs) {
    const eol = data.indexOf(0x0a, at);
    const size = Number(/ blob (\d+)$/.exec(data.subarray(at, eol).toString('latin1'))?.[1] ?? NaN);
    if (!Number.isFinite(size)) throw new DiffError(`diff: git cat-file gave no blob for ${file}`);
    const target = path.join(dir, ...file.split('/'));
    if (!target.startsWith(dir + path.sep)) throw new DiffError(`diff: refusing the path ${file}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
}

/** A side of the diff: the folder to read, the root file names are shown relative to, and what to remove after. */
interface Side {
  folder: string;
  root: string;
  temp?: string;
}

/** Materialises the two revisions; the caller removes the `temp` folders. */
function revisionSides(o: DiffOptions, cwd: string): [Side, Side] {
  const topOut = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!topOut)
    throw new DiffError(`diff: '${o.a}' and '${o.b}' are not two directories, and ${cwd} is not in a git repository`);
  const top = fs.realpathSync(topOut.toString().trim());
  const target = path.resolve(fs.realpathSync(cwd), o.path ?? '.');
  const prefix = path.relative(top, target).split(path.sep).join('/');
  if (prefix.startsWith('..') || path.isAbsolute(prefix))
    throw new DiffError(`diff: ${o.path} is outside the git repository at ${top}`);
  const commits = [commitOf(top, o.a), commitOf(top, o.b)];
  const sides: Side[] = [];
  try {
    for (const commit of commits) {
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-diff-'));
      sides.push({ folder: path.join(temp, ...prefix.split('/').filter(Boolean)), root: temp, temp });
      writeBlobs(top, blobsOf(top, commit, prefix), temp);
      fs.mkdirSync(sides[sides.length - 1]!.folder, { recursive: true });
    }
  } catch (e) {
    for (const s of sides) fs.rmSync(s.temp!, { recursive: true, force: true });
    throw e;
  }
  return [sides[0]!, sides[1]!];
}

/** The diff as JSON: each claim's `uri` replaced by its `file`, relative to its side's root. */
function diffJson(d: WorkspaceDiff, file: (uri: string) => string): unknown {
  const claim = ({ uri, ...rest }: DiffClaim): unknown => ({ ...rest, file: file(uri) });
  return {
    claims: {
      added: d.claims.added.map(claim),
      removed: d.claims.removed.map(claim),
      changed: d.claims.changed.map((c) => ({ before: claim(c.before), after: claim(c.after), fields: c.fields })),
    },
    conflicts: d.conflicts,
    actors: d.actors,
  };
}

/**
 * Runs `diff`: `load` reads a folder into an index (the CLI's loader, as for `check`). Writes the diff to `out`;
 * throws DiffError for bad arguments and revisions.
 */
export async function runDiff(
  argv: readonly string[],
  cwd: string,
  out: NodeJS.WritableStream,
  load: (folder: string, root: string) => Promise<WorkspaceIndex>,
): Promise<number> {
  const o = parseDiffArgs(argv);
  if (o === 'help') {
    out.write(DIFF_USAGE);
    return 0;
  }
  const [a, b] = [path.resolve(cwd, o.a), path.resolve(cwd, o.b)];
  const directories = isDirectory(a) && isDirectory(b);
  if (directories && o.path !== undefined) throw new DiffError('diff: a path is for git revisions, not directories');
  const sides: [Side, Side] = directories
    ? [
        { folder: a, root: a },
        { folder: b, root: b },
      ]
    : revisionSides(o, cwd);
  try {
    const d = diffWorkspaces(await load(sides[0].folder, sides[0].root), await load(sides[1].folder, sides[1].root));
    const file = (uri: string): string => {
      const p = URI.parse(uri).fsPath;
      const side = sides.find((s) => p.startsWith(s.root + path.sep));
      return side ? path.relative(side.root, p).split(path.sep).join('/') : p;
    };
    out.write(o.format === 'json' ? JSON.stringify(diffJson(d, file), null, 2) + '\n' : diffMarkdown(d, file));
    return 0;
  } finally {
    for (const s of sides) if (s.temp) fs.rmSync(s.temp, { recursive: true, force: true });
  }
}
