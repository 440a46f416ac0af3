/**
 * Registries before diagnostics. An indexing pass clears the index and the
 * loader reads the registries only after walking the whole workspace, but an
 * editor opens a file at once: its diagnostics, computed meanwhile, would say
 * `unknown actor …: no entities.yaml was found at or above this file` for every
 * actor (issue 13). So while a pass is under way, a file's diagnostics wait
 * for the registries that govern it, which are read here ahead of the loader:
 * `corroborate.registry` (applied at the start of the pass), else the nearest
 * entities.yaml at or above the file inside its workspace folder, a few
 * stat/read calls up the tree. The rest of the workspace is not waited for.
 * Not here: the full read (indexing.ts, loader.ts).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { REGISTRY_FILE } from './core';
import { readIfExists } from './loader';
import type { ServerState } from './state';

/** The registries read ahead of the loader in one indexing pass. */
export interface PassRegistries {
  /** The pass (`state.generation`): a newer pass clears the index and reads everything again. */
  readonly generation: number;
  /** `corroborate.registry` (and the limits) applied for this pass. */
  readonly setting: Promise<void>;
  /** Per directory URI: settles once the registry governing the directory's files is in the index (or there is none). */
  readonly dirs: Map<string, Promise<void>>;
}

/** A pass starts (the index was just cleared); `setting` applies the registry setting for it. */
export function beginPass(state: ServerState, setting: Promise<void>): void {
  // Its failure is logged where it is awaited by the pass (indexing.ts); diagnostics go on without it.
  state.pass = { generation: state.generation, setting: setting.catch(() => undefined), dirs: new Map() };
}

/**
 * Settles once the registries governing `uri` are in the index: at once when no pass is
 * under way (file events keep the index current after one), else after reading them.
 */
export async function registriesRead(state: ServerState, uri: string): Promise<void> {
  for (;;) {
    const pass = state.pass;
    // No pass, or it ended, or it was cancelled (by shutdown: a newer pass replaces `state.pass`).
    if (pass === undefined || state.indexing === undefined || pass.generation !== state.generation) return;
    await pass.setting;
    const folder = state.folderOf(uri);
    // A file outside every folder has only the registries open in the editor (or the override).
    if (pass.generation === state.generation && folder !== '' && !state.index.hasRegistryOverride())
      await dirRead(state, pass, folder, parentOf(uri)).catch((e: unknown) =>
        // The loader reads it again: the diagnostics are only early, never wrong for good.
        state.connection.console.warn(`corroborate: reading the registries of ${uri} early failed: ${String(e)}`),
      );
    // A newer pass started meanwhile (it cleared the index): wait for its registries instead.
    if (state.pass === pass) return;
  }
}

function parentOf(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.with({ path: path.posix.dirname(parsed.path) }).toString();
}

/** The registry governing the files of `dir` (a URI inside `folder`) is in the index: read once per pass. */
function dirRead(state: ServerState, pass: PassRegistries, folder: string, dir: string): Promise<void> {
  let read = pass.dirs.get(dir);
  if (!read) pass.dirs.set(dir, (read = readNearest(state, pass, folder, dir)));
  return read;
}

/** Reads `dir`'s entities.yaml into the index, or failing that the one above it (up to the folder). */
async function readNearest(state: ServerState, pass: PassRegistries, folder: string, dir: string): Promise<void> {
  const { disk, index } = state;
  const uri = `${dir}/${REGISTRY_FILE}`;
  // Unless the loader or an editor set it already, or a file event is reading or removing it.
  const current = (): boolean => pass.generation === state.generation && !disk.stale(uri) && !index.getRegistry(uri);
  if (current()) {
    const fsPath = URI.parse(uri).fsPath;
    const bytes = await readIfExists(fsPath, (reason) =>
      state.connection.console.warn(`corroborate: cannot read ${fsPath}: ${reason}`),
    );
    // Parsed here, not on the worker: the file's diagnostics wait for it, and the worker may still be starting.
    if (bytes && current()) {
      disk.touch(uri); // the loader need not read it again in this pass
      state.changed(index.setRegistryBytes(uri, bytes));
    }
  }
  if (index.getRegistry(uri) || dir === folder || pass.generation !== state.generation) return;
  const parent = parentOf(dir);
  if (parent !== dir) await dirRead(state, pass, folder, parent);
}
