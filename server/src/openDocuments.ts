/**
 * The documents open in the editor, keyed by canonical URI (uris.ts), and how
 * their text enters the index. An open document's text wins over the disk.
 * Not here: what happens on disk meanwhile (diskSync.ts).
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isRegistryUri, isSeedUri } from './core';
import { reloadFromDisk } from './diskSync';
import type { ServerState } from './state';
import { canonicalUri } from './uris';

/**
 * Open documents by canonical URI. The client may spell one file in several ways
 * (`/a/./b`, `%62`, `C:` or `c%3A`): all spellings are one document, and the one
 * changed last holds the text. `spellings` counts the spellings open per file, so
 * that closing one of two spellings keeps the file open.
 */
export class OpenDocuments {
  private readonly byUri = new Map<string, TextDocument>();
  private readonly spellings = new Map<string, Set<string>>();

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.byUri.get(uri);
  }

  entries(): IterableIterator<[string, TextDocument]> {
    return this.byUri.entries();
  }

  /** The files open, by their canonical URI. */
  uris(): string[] {
    return [...this.byUri.keys()];
  }

  /** `document` was opened under its spelling `document.uri` of the file `uri`. */
  opened(uri: string, document: TextDocument): void {
    this.byUri.set(uri, document);
    let names = this.spellings.get(uri);
    if (!names) this.spellings.set(uri, (names = new Set()));
    names.add(document.uri);
  }

  /** When an open document last changed (`performance.now()`; -Infinity before the first change). */
  lastChangeAt = -Infinity;

  /** `document` (a spelling of `uri`) changed: it holds the text now. */
  changed(uri: string, document: TextDocument): void {
    this.byUri.set(uri, document);
    this.lastChangeAt = performance.now();
  }

  /**
   * The spelling `spelling` of `uri` was closed. Returns the document of another spelling
   * still open (`lookup` finds it), which holds the text from now on; undefined if the file
   * is closed.
   */
  closed(
    uri: string,
    spelling: string,
    lookup: (spelling: string) => TextDocument | undefined,
  ): TextDocument | undefined {
    const names = this.spellings.get(uri);
    names?.delete(spelling);
    if (names && names.size > 0) {
      const other = lookup([...names][0]!);
      if (other) {
        this.byUri.set(uri, other);
        return other;
      }
    }
    this.spellings.delete(uri);
    this.byUri.delete(uri);
    return undefined;
  }
}

/** Keeps `state.open` and the index in step with the editor's documents. */
export function trackOpenDocuments(state: ServerState, documents: TextDocuments<TextDocument>): void {
  documents.onDidOpen((e) => state.open.opened(canonicalUri(e.document.uri), e.document));
  documents.onDidChangeContent((e) => {
    const uri = canonicalUri(e.document.uri);
    state.open.changed(uri, e.document);
    state.perf.edit(uri, () => putDocument(state, uri, e.document.getText()));
  });
  // A closed document falls back to its content on disk (or leaves the index if it is gone),
  // unless the file is still open under another spelling of its URI.
  documents.onDidClose((e) => {
    const uri = canonicalUri(e.document.uri);
    const other = state.open.closed(uri, e.document.uri, (spelling) => documents.get(spelling));
    if (other) putDocument(state, uri, other.getText());
    else {
      state.suggestions?.forget(uri);
      // Published again from the disk, or cleared if only open files are published (diagnosticsManager.ts).
      state.diagnostics?.invalidate([uri]);
    }
    if (!other) state.background(`reading ${uri}`, reloadFromDisk(state, uri));
  });
}

/** Sets an editor's text of `uri` in the index (a registry or a source; other files are ignored). */
export function putDocument(state: ServerState, uri: string, text: string, notify = true): void {
  state.disk.touch(uri);
  let affected: Set<string> | undefined;
  if (isRegistryUri(uri)) affected = state.index.setRegistry(uri, text);
  else if (isSeedUri(uri)) affected = state.index.setSource(uri, text);
  if (affected && notify) state.changed(affected);
}
