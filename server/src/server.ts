import {
  createConnection,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  WorkspaceDiagnosticRequest,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  actorSummaries,
  annotate,
  codeActions,
  codeLenses,
  completion,
  definition,
  documentHighlights,
  documentSymbols,
  hover,
  isRegistryUri,
  isSeedUri,
  keySummaries,
  prepareRename,
  primeActorCards,
  references,
  rename,
  SEMANTIC_TOKEN_LEGEND,
  semanticTokens,
  treeChildren,
  WorkspaceIndex,
  workspaceSymbols,
} from './core';
import { DiagnosticsManager } from './diagnosticsManager';
import { loadFolders, readIfExists } from './loader';
import { Perf } from './perf';
import { RegistryParser } from './offThread';
import {
  ActorsRequest,
  AnnotateRequest,
  IndexChangedNotification,
  KeysRequest,
  ReindexRequest,
  StatusRequest,
  TreeChildrenRequest,
  type IndexStatus,
} from '../../common/protocol';
import { DEFAULT_SETTINGS, SettingsStore } from './settings';
import { SLICE_MS, yieldToEventLoop } from './timeSlice';
import { version } from '../../package.json';

/**
 * The Corroborate language server: LSP glue around the pure core. It owns
 * the connection, the open documents, the view of the disk (initial index,
 * file events) and settings; every feature is one call into the core.
 * Transport (stdio, Node IPC, socket) is chosen by the command line, as
 * `createConnection` reads `--stdio` / `--node-ipc` / `--socket=`.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const index = new WorkspaceIndex();
  let folders: string[] = [];
  let capabilities: InitializeParams['capabilities'] = {};
  let diagnostics: DiagnosticsManager | undefined;
  let settings: SettingsStore | undefined;
  // Indexing until the first pass (started at `initialized`) ends: a status asked for before
  // then must not look like a complete, empty index.
  let indexing: { done: number; total: number } | undefined = { done: 0, total: 0 };
  let generation = 0;
  let statusTimer: NodeJS.Timeout | undefined;
  // Benchmark timings (server/src/perf.ts): recorded only if the client asks with initializationOptions.collectTimings.
  const perf = new Perf();
  // Registries read from disk are parsed on a worker thread (offThread.ts).
  const registryParser = new RegistryParser();

  const norm = canonicalUri;
  /**
   * Open documents by canonical URI. The client may spell one file in several ways
   * (`/a/./b`, `%62`, `C:` or `c%3A`): all spellings are one document, and the one
   * changed last holds the text. `spellings` counts the spellings open per file, so
   * that closing one of two spellings keeps the file open.
   */
  const open = new Map<string, TextDocument>();
  const spellings = new Map<string, Set<string>>();
  const isOpen = (uri: string): boolean => open.has(uri);
  const folderOf = (uri: string): string => folders.find((f) => uri.startsWith(f + '/')) ?? '';
  const inWorkspace = (uri: string): boolean => folders.some((f) => uri.startsWith(f + '/'));
  /**
   * Files whose content was set since the current (re)index started, by an editor or a
   * file event: the loader's read of them, which may have started earlier, is older.
   */
  const touched = new Set<string>();
  /** Folders deleted since the current (re)index started: a read of a file below them, begun earlier, is stale. */
  const deletedFolders: string[] = [];
  const stale = (uri: string): boolean => touched.has(uri) || deletedFolders.some((prefix) => uri.startsWith(prefix));
  /** The latest disk read per file: an older read that completes later is dropped. */
  const reads = new Map<string, number>();
  let readCounter = 0;
  /** Runs background work; a failure is logged, never an unhandled rejection that ends the process. */
  const background = (what: string, work: Promise<unknown>): void => {
    work.catch((e: unknown) =>
      connection.console.error(
        `corroborate: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      ),
    );
  };

  const status = (): IndexStatus => {
    const s = index.stats();
    return {
      indexing: indexing !== undefined,
      done: indexing?.done ?? s.sources,
      total: indexing?.total ?? s.sources,
      sources: s.sources,
      actors: s.actors,
      claims: s.claims,
      keys: s.keys,
      conflicts: index.conflictingKeys().length,
      pending: reads.size,
    };
  };
  const announce = (): void => {
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      void connection.sendNotification(IndexChangedNotification, status()).catch(() => undefined);
    }, 150);
  };
  const changed = (affected: Iterable<string>): void => {
    diagnostics?.invalidate(affected);
    announce();
  };

  // ---- lifecycle ----------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    if ((params.initializationOptions as { collectTimings?: unknown } | undefined)?.collectTimings === true)
      perf.enable(connection);
    const wsFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    folders = wsFolders.map((f) => norm(f.uri).replace(/\/$/, ''));
    index.setFolders(folders);
    const pull = capabilities.textDocument?.diagnostic !== undefined;
    const serverCapabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: ['=', '.', '#', ' ', '{', ',', '"', ':'] },
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (pull)
      serverCapabilities.diagnosticProvider = {
        identifier: 'corroborate',
        interFileDependencies: true,
        workspaceDiagnostics: true,
      };
    return { capabilities: serverCapabilities, serverInfo: { name: 'corroborate-language-server', version } };
  });

  connection.onInitialized(() => {
    const pull = capabilities.textDocument?.diagnostic !== undefined;
    const refresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    settings = new SettingsStore(connection, () => capabilities.workspace?.configuration === true);
    diagnostics = new DiagnosticsManager(
      connection,
      index,
      pull ? 'pull' : 'push',
      refresh,
      (uri) => settings?.get(folderOf(uri)) ?? Promise.resolve(DEFAULT_SETTINGS),
      (uri) => open.get(uri)?.version ?? null,
    );
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      background(
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
        const removed = new Set(e.removed.map((f) => norm(f.uri).replace(/\/$/, '')));
        folders = folders.filter((f) => !removed.has(f)).concat(e.added.map((f) => norm(f.uri).replace(/\/$/, '')));
        index.setFolders(folders);
        background('reindexing', reindex());
      });
    }
    background(
      'indexing',
      applyRegistrySetting().then(() => reindex()),
    );
  });

  connection.onShutdown(() => {
    generation++;
    diagnostics?.dispose();
    registryParser.dispose();
  });

  // ---- indexing -----------------------------------------------------------------

  async function reindex(): Promise<void> {
    const mine = ++generation;
    const token = {
      get isCancellationRequested() {
        return mine !== generation;
      },
    };
    // Indexing from now on: a status request answered before the first await must say so.
    indexing = { done: 0, total: 0 };
    touched.clear();
    deletedFolders.length = 0;
    // Keep open documents; everything else is read again.
    index.clear();
    index.setFolders(folders);
    await applyRegistrySetting();
    if (mine !== generation) return;
    for (const [uri, doc] of open) putDocument(uri, doc.getText(), false);
    const reporter = capabilities.window?.workDoneProgress
      ? await connection.window.createWorkDoneProgress()
      : undefined;
    reporter?.begin('Corroborate', 0, 'Indexing sources…', true);
    const cancelled = {
      get isCancellationRequested() {
        return token.isCancellationRequested || reporter?.token.isCancellationRequested === true;
      },
    };
    indexing = { done: 0, total: 0 };
    announce();
    const started = Date.now();
    perf.phaseStart('indexing');
    const complete = await loadFolders(
      folders.map((f) => URI.parse(f).fsPath),
      {
        registry: async (uri, bytes) => {
          if (stale(uri)) return;
          // Off the main thread: a large registry would stall every request while it is parsed.
          const registry = await registryParser.parse(uri, bytes, index.registryOptions());
          if (!stale(uri) && mine === generation) index.adoptRegistry(registry);
        },
        source: (uri, bytes) => {
          if (!stale(uri)) index.loadSourceBytes(uri, bytes);
        },
        isOpen: (uri) => isOpen(uri) || stale(uri),
        unreadable: (p, reason) => connection.console.warn(`corroborate: cannot read ${p}: ${reason}`),
        progress: (done, total) => {
          indexing = { done, total };
          reporter?.report(
            total === 0 ? 100 : Math.round((done / total) * 100),
            `Indexing ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} sources`,
          );
          announce();
        },
      },
      cancelled,
    );
    reporter?.done();
    perf.phaseEnd('indexing');
    if (mine !== generation) return;
    indexing = undefined;
    const s = index.stats();
    connection.console.info(
      `corroborate: indexed ${s.sources} sources and ${s.registries} registries in ${Date.now() - started} ms${complete ? '' : ' (cancelled)'}`,
    );
    diagnostics?.invalidateAll();
    announce();
    background('preparing hovers', primeHovers(mine));
  }

  /** Prepares every actor's hover card summary after indexing, in slices, so that no first hover walks the workspace. */
  async function primeHovers(mine: number): Promise<void> {
    const actors = index.actorIds()[Symbol.iterator]();
    for (;;) {
      await yieldToEventLoop();
      if (mine !== generation) return;
      const started = performance.now();
      if (primeActorCards(index, actors, () => performance.now() - started > SLICE_MS)) return;
    }
  }

  async function applyRegistrySetting(): Promise<void> {
    const s = settings ? await settings.get(folders[0] ?? '') : DEFAULT_SETTINGS;
    // corroborate.limits.* (from the first folder, like the registry): a change is applied by reading everything again.
    if (index.setLimits(s.limits)) void reindex();
    if (!s.registry || folders.length === 0) {
      index.setRegistryOverride(undefined);
      return;
    }
    const uri = URI.file(path.resolve(URI.parse(folders[0]!).fsPath, s.registry)).toString();
    const fsPath = URI.parse(uri).fsPath;
    const bytes = await readIfExists(fsPath, (reason) =>
      connection.console.warn(`corroborate: cannot read the registry ${fsPath}: ${reason}`),
    );
    if (bytes) index.setRegistryBytes(uri, bytes);
    index.setRegistryOverride(uri);
  }

  function putDocument(uri: string, text: string, notify = true): void {
    touched.add(uri);
    let affected: Set<string> | undefined;
    if (isRegistryUri(uri)) affected = index.setRegistry(uri, text);
    else if (isSeedUri(uri)) affected = index.setSource(uri, text);
    if (affected && notify) changed(affected);
  }

  async function reloadFromDisk(uri: string): Promise<void> {
    if (isOpen(uri)) return;
    // A file outside every workspace folder is in the index only while it is open.
    if (!inWorkspace(uri)) return removeFile(uri);
    touched.add(uri);
    const mine = ++readCounter;
    reads.set(uri, mine);
    const startedIn = generation;
    const fsPath = URI.parse(uri).fsPath;
    const bytes = await readIfExists(fsPath, (reason) =>
      connection.console.warn(`corroborate: cannot read ${fsPath}: ${reason}`),
    );
    if (reads.get(uri) !== mine) return; // a newer read of this file started meanwhile
    reads.delete(uri);
    if (isOpen(uri)) return; // opened while we were reading
    if (startedIn !== generation) return; // a reindex started meanwhile, and reads the file itself
    if (bytes === undefined) return removeFile(uri);
    if (isRegistryUri(uri)) changed(index.setRegistryBytes(uri, bytes));
    else if (isSeedUri(uri)) changed(index.setSourceBytes(uri, bytes));
  }

  function removeFile(uri: string): void {
    touched.add(uri);
    reads.delete(uri);
    if (index.getRegistry(uri)) changed(index.removeRegistry(uri));
    else if (index.getSource(uri)) changed(index.removeSource(uri));
    diagnostics?.forget(uri);
  }

  // ---- documents and files --------------------------------------------------------

  documents.onDidOpen((e) => {
    const uri = norm(e.document.uri);
    open.set(uri, e.document);
    let names = spellings.get(uri);
    if (!names) spellings.set(uri, (names = new Set()));
    names.add(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    const uri = norm(e.document.uri);
    open.set(uri, e.document);
    perf.edit(uri, () => putDocument(uri, e.document.getText()));
  });
  // A closed document falls back to its content on disk (or leaves the index if it is gone),
  // unless the file is still open under another spelling of its URI.
  documents.onDidClose((e) => {
    const uri = norm(e.document.uri);
    const names = spellings.get(uri);
    names?.delete(e.document.uri);
    if (names && names.size > 0) {
      const other = documents.get([...names][0]!);
      if (other) {
        open.set(uri, other);
        putDocument(uri, other.getText());
        return;
      }
    }
    spellings.delete(uri);
    open.delete(uri);
    background(`reading ${uri}`, reloadFromDisk(uri));
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const uri = norm(change.uri);
      if (!inWorkspace(uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (isOpen(uri)) continue;
        if (isSeedUri(uri) || isRegistryUri(uri)) removeFile(uri);
        else {
          // A folder: drop everything below it.
          const prefix = uri.endsWith('/') ? uri : uri + '/';
          for (const u of [...index.sourceUris(), ...index.registryUris()])
            if (u.startsWith(prefix) && !isOpen(u)) removeFile(u);
          // Reads below it that started before the deletion (file events, the loader) are stale.
          for (const u of [...reads.keys()]) if (u.startsWith(prefix)) reads.delete(u);
          deletedFolders.push(prefix);
        }
      } else if (isSeedUri(uri) || isRegistryUri(uri)) {
        background(`reading ${uri}`, reloadFromDisk(uri));
      }
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings?.clear();
    background(
      'applying settings',
      applyRegistrySetting().then(() => diagnostics?.invalidateAll()),
    );
  });

  // ---- diagnostics --------------------------------------------------------------

  connection.languages.diagnostics.on(
    perf.timed(
      'diagnostic',
      (params) => diagnostics!.documentReport(norm(params.textDocument.uri), params.previousResultId),
      (params) => norm(params.textDocument.uri),
    ),
  );
  // Registered as a plain request, not with languages.diagnostics.onWorkspace: its partial
  // result reporter drops the promise of each send, so a pull would queue every file's report
  // in memory as fast as it computes them, whatever the client reads (one pull of 10k files
  // peaked 145 MiB higher), and answers to other requests waited behind that queue. Each partial
  // result is awaited instead: the pull goes at the pace at which the client reads.
  connection.onRequest(WorkspaceDiagnosticRequest.type, (params, token) => {
    const partialToken = params.partialResultToken;
    return diagnostics!.workspaceReport(
      params.previousResultIds.map((p) => ({ uri: norm(p.uri), value: p.value })),
      token,
      partialToken === undefined
        ? undefined
        : { report: (chunk) => connection.sendProgress(WorkspaceDiagnosticRequest.partialResult, partialToken, chunk) },
    );
  });

  // ---- features: look the document up, delegate to the core, return ---------------

  connection.onHover(perf.timed('hover', (p) => hover(index, norm(p.textDocument.uri), p.position)));
  connection.onDefinition((p) => definition(index, norm(p.textDocument.uri), p.position));
  connection.onReferences(
    perf.timed('references', (p, token: CancellationToken) =>
      token.isCancellationRequested
        ? []
        : references(index, norm(p.textDocument.uri), p.position, p.context.includeDeclaration),
    ),
  );
  connection.onDocumentHighlight((p) => documentHighlights(index, norm(p.textDocument.uri), p.position));
  connection.onDocumentSymbol((p) => documentSymbols(index, norm(p.textDocument.uri)));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? [] : workspaceSymbols(index, p.query)));
  connection.onCompletion(perf.timed('completion', (p) => completion(index, norm(p.textDocument.uri), p.position)));
  connection.onCodeAction((p) => codeActions(index, norm(p.textDocument.uri), p.range, p.context.only));
  connection.onCodeLens((p) => codeLenses(index, norm(p.textDocument.uri)));
  connection.onPrepareRename((p) => {
    const r = prepareRename(index, norm(p.textDocument.uri), p.position);
    // A refusal (a value, mention text, `anonymous`…) is a request failure with its reason, not an internal error.
    if (r && 'error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r ?? null;
  });
  connection.onRenameRequest((p) => {
    const r = rename(index, norm(p.textDocument.uri), p.position, p.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r;
  });
  connection.languages.semanticTokens.on(
    perf.timed('semanticTokens', (p) => ({ data: semanticTokens(index, norm(p.textDocument.uri)) })),
  );
  connection.languages.semanticTokens.onRange((p) => ({
    data: semanticTokens(index, norm(p.textDocument.uri), p.range),
  }));

  // ---- Corroborate's own requests -----------------------------------------------------

  connection.onRequest(TreeChildrenRequest, (p) => treeChildren(index, p.view, p.parent));
  connection.onRequest(StatusRequest, () => status());
  connection.onRequest(ReindexRequest, () => reindex());
  connection.onRequest(ActorsRequest, (p) => actorSummaries(index, norm(p.uri)));
  connection.onRequest(KeysRequest, (p) => keySummaries(index, norm(p.uri)));
  connection.onRequest(AnnotateRequest, (p) => annotate(index, norm(p.uri), p));

  documents.listen(connection);
  connection.listen();
}

/**
 * One spelling per file: `file:///a/./b.seed.md`, `file:///a/b/../b.seed.md`,
 * `file:///a/%62.seed.md` and `file:///a//b.seed.md` are all `file:///a/b.seed.md`;
 * a drive letter is lower case and its colon encoded (`file:///c%3A/…`), as VS Code
 * spells it. Other schemes are only re-serialised.
 */
export function canonicalUri(uri: string): string {
  try {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || parsed.authority !== '') return parsed.toString();
    const normalized = path.posix.normalize(parsed.path).replace(/\/+$/, '');
    return parsed.with({ path: normalized === '' ? '/' : normalized }).toString();
  } catch {
    return uri;
  }
}

/** A connection over the transport named on the command line (--stdio, --node-ipc, --socket=…). */
export function createDefaultConnection(): Connection {
  return createConnection();
}

if (require.main === module) startServer(createDefaultConnection());
