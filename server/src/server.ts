/**
 * The Corroborate language server's entry point: LSP glue around the pure
 * core. `startServer` creates the state (state.ts) and wires the connection
 * to the modules that act on it: the lifecycle here, open documents
 * (openDocuments.ts), file events (diskSync.ts), indexing and settings
 * (indexing.ts), requests (handlers.ts), capabilities (capabilities.ts).
 * Transport (stdio, Node IPC, socket) is chosen by the command line, as
 * `createConnection` reads `--stdio` / `--node-ipc` / `--socket=`.
 */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  WatchKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initializeResult } from './capabilities';
import { DiagnosticsManager } from './diagnosticsManager';
import { applyFileEvents } from './diskSync';
import { registerRequestHandlers } from './handlers';
import { applyRegistrySetting, reindex } from './indexing';
import { trackOpenDocuments } from './openDocuments';
import { DEFAULT_SETTINGS, SettingsStore, type Settings } from './settings';
import { beginPass, registriesRead } from './registriesFirst';
import { ServerState } from './state';
import { SuggestionHints } from './suggestionHints';
import { folderUri } from './uris';

/** Serves the language server protocol over `connection`: the open documents, the view of the disk, settings and every feature. */
export function startServer(connection: Connection): void {
  const state = new ServerState(connection);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((params) => initialize(state, params));
  connection.onInitialized(() => initialized(state));
  connection.onShutdown(() => {
    state.generation++; // cancels the indexing pass and hover priming in flight
    state.diagnostics?.dispose();
    state.suggestions?.dispose();
    state.registryParser.dispose();
    state.sourcePool.dispose();
  });

  trackOpenDocuments(state, documents);
  connection.onDidChangeWatchedFiles((params) => applyFileEvents(state, params.changes));
  connection.onDidChangeConfiguration(() => {
    state.settings?.clear();
    state.background(
      'applying settings',
      applyRegistrySetting(state).then(() => state.invalidateAll()),
    );
  });

  registerRequestHandlers(state);

  documents.listen(connection);
  connection.listen();
}

/**
 * The client introduces itself: its capabilities, its workspace folders, whether to time requests, whether it has a
 * claims matrix view.
 */
function initialize(state: ServerState, params: InitializeParams): InitializeResult {
  state.clientCapabilities = params.capabilities;
  const options = params.initializationOptions as
    { collectTimings?: unknown; prepareClaimsMatrix?: unknown } | undefined;
  if (options?.collectTimings === true) state.perf.enable(state.connection);
  state.prepareMatrix = options?.prepareClaimsMatrix === true;
  const wsFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  state.folders = wsFolders.map((f) => folderUri(f.uri));
  state.index.setFolders(state.folders);
  return initializeResult(state.clientCapabilities);
}

/** The client's capabilities are known: diagnostics, settings and file watchers start, then the first indexing pass. */
function initialized(state: ServerState): void {
  const { clientCapabilities: capabilities, connection } = state;
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  const refresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  state.settings = new SettingsStore(connection, () => capabilities.workspace?.configuration === true);
  const settingsFor = (uri: string): Promise<Settings> =>
    state.settings?.get(state.folderOf(uri)) ?? Promise.resolve(DEFAULT_SETTINGS);
  const versionOf = (uri: string): number | null => state.open.get(uri)?.version ?? null;
  state.suggestions = new SuggestionHints(
    state.service,
    settingsFor,
    versionOf,
    (uri) => state.diagnostics?.invalidate([uri]),
    (what, work) => state.background(what, work),
    () => state.indexing !== undefined || state.preparingSuggestions,
  );
  state.diagnostics = new DiagnosticsManager(
    connection,
    state.service,
    pull ? 'pull' : 'push',
    refresh,
    settingsFor,
    versionOf,
    (uri) => state.suggestions?.current(uri) ?? [],
    (uri) => registriesRead(state, uri),
  );
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    state.background(
      'registering file watchers',
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.seed.md' },
          { globPattern: '**/entities.yaml' },
          // Deleting or renaming a folder sends no per-file events: watch deletions of anything.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ],
      }),
    );
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => folderUri(f.uri)));
      state.folders = state.folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => folderUri(f.uri)));
      state.index.setFolders(state.folders);
      state.background('reindexing', reindex(state));
    });
  }
  const setting = applyRegistrySetting(state);
  beginPass(state, setting);
  state.background(
    'indexing',
    setting.then(() => reindex(state)),
  );
}

/** A connection over the transport named on the command line (--stdio, --node-ipc, --socket=…). */
export function createDefaultConnection(): Connection {
  return createConnection();
}

if (require.main === module) startServer(createDefaultConnection());
