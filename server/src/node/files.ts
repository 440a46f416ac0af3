/**
 * Finding the files of a workspace on disk. Shared by the CLI and the
 * language server: `*.seed.md` sources and `entities.yaml` registries,
 * skipping `node_modules` and dot-folders, never following a symlink loop.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

export const SOURCE_SUFFIX = '.seed.md';
export const REGISTRY_NAME = 'entities.yaml';

export function isSkippedDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Lists the sources and registries under the folders, asynchronously (the
 * language server keeps answering requests meanwhile) and iteratively (deep
 * trees cannot overflow the stack), never entering a directory twice (symlink
 * loops). Unreadable directories are reported and skipped.
 */
export async function walkFolders(
  folders: string[],
  token: { readonly isCancellationRequested: boolean },
  onUnreadable: (p: string, reason: string) => void,
): Promise<{ sources: string[]; registries: string[] }> {
  const sources: string[] = [];
  const registries: string[] = [];
  const seen = new Set<string>();
  const stack = [...folders];
  let sinceYield = 0;
  while (stack.length > 0 && !token.isCancellationRequested) {
    const dir = stack.pop()!;
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = await fs.promises.realpath(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      onUnreadable(dir, (e as NodeJS.ErrnoException).code ?? String(e));
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.promises.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir && !isSkippedDir(entry.name)) stack.push(full);
      else if (isFile && entry.name.toLowerCase().endsWith(SOURCE_SUFFIX)) sources.push(full);
      else if (isFile && entry.name === REGISTRY_NAME) registries.push(full);
    }
    if (++sinceYield >= 32) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  sources.sort();
  registries.sort();
  return { sources, registries };
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
