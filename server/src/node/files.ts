import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finding the files of a workspace on disk. Shared by the CLI and the
 * language server: `*.seed.md` sources and `entities.yaml` registries,
 * skipping `node_modules` and dot-folders, never following a symlink loop.
 */

export const SOURCE_SUFFIX = '.seed.md';
export const REGISTRY_NAME = 'entities.yaml';

export function isSkippedDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

export interface WalkResult {
  sources: string[];
  registries: string[];
  /** Directories or files that could not be read, with the reason. */
  unreadable: Array<{ path: string; reason: string }>;
}

/** Walks a directory tree (iteratively: deep trees cannot overflow the stack). */
export function walk(root: string, result: WalkResult = { sources: [], registries: [], unreadable: [] }): WalkResult {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      result.unreadable.push({ path: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      result.unreadable.push({ path: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (!isSkippedDir(entry.name)) stack.push(full);
      } else if (isFile) {
        if (entry.name.toLowerCase().endsWith(SOURCE_SUFFIX)) result.sources.push(full);
        else if (entry.name === REGISTRY_NAME) result.registries.push(full);
      }
    }
  }
  result.sources.sort();
  result.registries.sort();
  return result;
}

/** The registries at or above `file`, up to and including `root`, nearest first. */
export function registriesAbove(file: string, root: string): string[] {
  const found: string[] = [];
  let dir = path.dirname(path.resolve(file));
  const top = path.resolve(root);
  for (;;) {
    const candidate = path.join(dir, REGISTRY_NAME);
    if (fs.existsSync(candidate)) found.push(candidate);
    if (dir === top) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return found;
}
