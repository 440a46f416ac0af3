/**
 * The server's state, shared by the handlers and the background work: the
 * connection, the language service and its index, the open documents, the disk reads in flight, the
 * workspace folders, the client's capabilities and the current indexing pass,
 * and the index status announced to the client. It registers no handlers and
 * reads nothing from disk: openDocuments.ts, diskSync.ts, indexing.ts and
 * handlers.ts act on it.
 */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { createLanguageService, type LanguageService } from './core';
import type { DiagnosticsManager } from './diagnosticsManager';
import { DiskReads } from './diskSync';
import { RegistryParser } from './offThread';
import { SourcePool } from './sourcePool';
import { TextCompressor } from './textCompression';
import { OpenDocuments } from './openDocuments';
import { Perf } from './perf';
import type { PassRegistries } from './registriesFirst';
import type { SettingsStore } from './settings';
import type { SuggestionHints } from './suggestionHints';
import { IndexChangedNotification, type IndexStatus } from '../../common/protocol';

export class ServerState {
  /** The core: every answer comes from it (handlers.ts). */
  readonly service: LanguageService = createLanguageService();
  /** The service's workspace index, which the notifications and disk reads update. */
  readonly index = this.service.workspace;
  readonly open = new OpenDocuments();
  readonly disk = new DiskReads();
  // Benchmark timings (server/src/perf.ts): recorded only if the client asks with initializationOptions.collectTimings.
  readonly perf = new Perf();
  // Registries read from disk are parsed on a worker thread (offThread.ts).
  readonly registryParser = new RegistryParser();
  /** Reads and analyses sources on worker threads during an indexing pass. */
  readonly sourcePool = new SourcePool();
  /** Keeps the texts of closed sources compressed, in the background (textCompression.ts). */
  readonly texts = new TextCompressor({
    index: this.index,
    busy: () => this.indexing !== undefined,
    lastActivityAt: () => Math.max(this.open.lastChangeAt, this.perf.lastRequestAt),
    background: (what, work) => this.background(what, work),
    log: (message) => this.connection.console.info(message),
  });
  /** The workspace folders, canonical and without a trailing slash. */
  folders: string[] = [];
  clientCapabilities: ClientCapabilities = {};
  /**
   * Whether to write the claims matrix after each indexing pass, while idle (initializationOptions.prepareClaimsMatrix:
   * a client with a matrix view), so that the view's first request is answered from the cache.
   */
  prepareMatrix = false;
  /** Created at `initialized`, once the client's capabilities are known. */
  diagnostics: DiagnosticsManager | undefined;
  settings: SettingsStore | undefined;
  /** The suggested-actor hints of the open documents, computed when idle (created at `initialized`). */
  suggestions: SuggestionHints | undefined;
  // Indexing until the first pass (started at `initialized`) ends: a status asked for before
  // then must not look like a complete, empty index.
  indexing: { done: number; total: number } | undefined = { done: 0, total: 0 };
  /**
   * Whether the suggester is not prepared yet for the current pass (from its start until `primeSuggestions` in
   * indexing.ts is done): the suggestion hints wait for it, which would otherwise read every annotated name of the
   * workspace, load the classifier and build the dictionary in their first step (0.2–0.4 s at 10,000 articles).
   */
  preparingSuggestions = false;
  /** The current indexing pass: work begun in an earlier pass sees that it changed, and stops. */
  generation = 0;
  /** The registries read ahead of the loader in the current pass, for the open files' diagnostics (registriesFirst.ts). */
  pass: PassRegistries | undefined;
  private statusTimer: NodeJS.Timeout | undefined;

  constructor(readonly connection: Connection) {
    this.perf.texts = () => ({ compressing: this.texts.running, ...this.texts.totals });
  }

  /** The workspace folder holding `uri`, or '' if none does. */
  folderOf(uri: string): string {
    return this.folders.find((f) => uri.startsWith(f + '/')) ?? '';
  }

  inWorkspace(uri: string): boolean {
    return this.folders.some((f) => uri.startsWith(f + '/'));
  }

  /** Runs background work; a failure is logged, never an unhandled rejection that ends the process. */
  background(what: string, work: Promise<unknown>): void {
    work.catch((e: unknown) =>
      this.connection.console.error(
        `corroborate: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      ),
    );
  }

  status(): IndexStatus {
    const s = this.index.stats();
    return {
      indexing: this.indexing !== undefined,
      done: this.indexing?.done ?? s.sources,
      total: this.indexing?.total ?? s.sources,
      sources: s.sources,
      actors: s.actors,
      claims: s.claims,
      keys: s.keys,
      conflicts: this.index.conflictingKeys().length,
      pending: this.disk.pending,
    };
  }

  /** Sends the status to the client, at most once per 150 ms. */
  announce(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      void this.connection.sendNotification(IndexChangedNotification, this.status()).catch(() => undefined);
    }, 150);
  }

  /** Every file's diagnostics may have changed (after indexing, or a settings change), the open documents' hints too. */
  invalidateAll(): void {
    this.diagnostics?.invalidateAll();
    this.suggestions?.schedule(this.open.uris());
  }

  /** The index changed: the diagnostics of the affected files are stale (their suggestions too), and the status is announced. */
  changed(affected: ReadonlySet<string>): void {
    this.diagnostics?.invalidate(affected);
    // Hints are kept for open documents only: the few open ones are looked up in the set (a value flipped on a
    // key of thousands of files affects them all), not each affected file among the open ones.
    const open: string[] = [];
    for (const [uri] of this.open.entries()) if (affected.has(uri)) open.push(uri);
    this.suggestions?.schedule(open);
    this.announce();
  }
}
