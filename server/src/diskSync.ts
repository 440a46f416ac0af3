/**
 * The disk after the initial read: a file is read again when a file event
 * says it changed or its editor closes, and leaves the index when it or its
 * folder is deleted. A read is slow, so each one is checked when it
 * completes: a newer read, an editor's text, a deletion or a new indexing
 * pass wins over it (`DiskReads`). Not here: the initial read of the
 * workspace (indexing.ts, loader.ts) and editors' texts (openDocuments.ts).
 */
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { isRegistryUri, isSeedUri } from './core';
import { readIfExists } from './loader';
import type { ServerState } from './state';
import { canonicalUri } from './uris';

/** What makes a read from disk stale by the time it completes. */
export class DiskReads {
  /**
   * Files whose content was set since the current (re)index started, by an editor or a
   * file event: the loader's read of them, which may have started earlier, is older.
   */
  private readonly touched = new Set<string>();
  /** Folders deleted since the current (re)index started: a read of a file below them, begun earlier, is stale. */
  private readonly deletedFolders: string[] = [];
  /** The latest disk read per file: an older read that completes later is dropped. */
  private readonly reads = new Map<string, number>();
  private readCounter = 0;

  /** A (re)index starts: it reads everything again, so nothing set or deleted before makes its reads stale. */
  newPass(): void {
    this.touched.clear();
    this.deletedFolders.length = 0;
  }

  /** The content of `uri` was set (or removed) now: a read of it begun earlier is stale. */
  touch(uri: string): void {
    this.touched.add(uri);
  }

  /** Whether a read of `uri` begun by the current pass's loader is stale. */
  stale(uri: string): boolean {
    return this.touched.has(uri) || this.deletedFolders.some((prefix) => uri.startsWith(prefix));
  }

  /** A read of `uri` starts: its number, for `end`. */
  begin(uri: string): number {
    const mine = ++this.readCounter;
    this.reads.set(uri, mine);
    return mine;
  }

  /** The read numbered `mine` ended: false if it is stale, a newer read of the file having started meanwhile (or the read dropped). */
  end(uri: string, mine: number): boolean {
    if (this.reads.get(uri) !== mine) return false;
    this.reads.delete(uri);
    return true;
  }

  /** Drops the read of `uri` in flight, if any. */
  forget(uri: string): void {
    this.reads.delete(uri);
  }

  /** The folder `prefix` (ending in '/') was deleted. */
  folderDeleted(prefix: string): void {
    // Reads below it that started before the deletion (file events, the loader) are stale.
    for (const u of [...this.reads.keys()]) if (u.startsWith(prefix)) this.reads.delete(u);
    this.deletedFolders.push(prefix);
  }

  /** Reads in flight. */
  get pending(): number {
    return this.reads.size;
  }
}

/** Applies the client's file events (`workspace/didChangeWatchedFiles`). */
export function applyFileEvents(state: ServerState, changes: readonly FileEvent[]): void {
  const { index, open } = state;
  for (const change of changes) {
    const uri = canonicalUri(change.uri);
    if (!state.inWorkspace(uri)) continue;
    if (change.type === FileChangeType.Deleted) {
      if (open.has(uri)) continue;
      if (isSeedUri(uri) || isRegistryUri(uri)) removeFile(state, uri);
      else {
        // A folder: drop everything below it.
        const prefix = uri.endsWith('/') ? uri : uri + '/';
        for (const u of [...index.sourceUris(), ...index.registryUris()])
          if (u.startsWith(prefix) && !open.has(u)) removeFile(state, u);
        state.disk.folderDeleted(prefix);
      }
    } else if (isSeedUri(uri) || isRegistryUri(uri)) {
      state.background(`reading ${uri}`, reloadFromDisk(state, uri));
    }
  }
}

/** Sets the index's copy of `uri` to the file on disk (removes it if it is gone), unless an editor has it open. */
export async function reloadFromDisk(state: ServerState, uri: string): Promise<void> {
  const { disk, index } = state;
  if (state.open.has(uri)) return;
  // A file outside every workspace folder is in the index only while it is open.
  if (!state.inWorkspace(uri)) return removeFile(state, uri);
  disk.touch(uri);
  const mine = disk.begin(uri);
  const startedIn = state.generation;
  const fsPath = URI.parse(uri).fsPath;
  const bytes = await readIfExists(fsPath, (reason) =>
    state.connection.console.warn(`corroborate: cannot read ${fsPath}: ${reason}`),
  );
  if (!disk.end(uri, mine)) return; // a newer read of this file started meanwhile
  if (state.open.has(uri)) return; // opened while we were reading
  if (startedIn !== state.generation) return; // a reindex started meanwhile, and reads the file itself
  if (bytes === undefined) return removeFile(state, uri);
  if (isRegistryUri(uri)) state.changed(index.setRegistryBytes(uri, bytes));
  else if (isSeedUri(uri)) {
    state.changed(index.setSourceBytes(uri, bytes));
    state.texts.schedule([uri]);
  }
}

/** Removes `uri` from the index and forgets its diagnostics. */
export function removeFile(state: ServerState, uri: string): void {
  const { index } = state;
  state.disk.touch(uri);
  state.disk.forget(uri);
  if (index.getRegistry(uri)) state.changed(index.removeRegistry(uri));
  else if (index.getSource(uri)) state.changed(index.removeSource(uri));
  state.diagnostics?.forget(uri);
}
