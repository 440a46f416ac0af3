import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  WorkspaceDiagnosticRequest,
  type CancellationToken,
  type ClientCapabilities,
  type DocumentDiagnosticReport,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { decodeMatrix, type WireMatrix } from '../common/matrix';
import { SERVER_NODE_FLAGS } from '../common/nodeFlags';
import {
  ClaimsMatrixRequest,
  IndexChangedNotification,
  PerfRequest,
  StatusRequest,
  type IndexStatus,
  type PerfParams,
  type PerfReport,
} from '../common/protocol';

/**
 * A lean scripted LSP client for the benchmark: it starts the real server
 * (`bin/corroborate-language-server.js`, i.e. the dist/server.js bundle) with
 * `node --expose-gc` over stdio, asks for timings (initializationOptions
 * `collectTimings`), and timestamps what the server sends. Unlike
 * test/helpers/lspClient.ts it separates `initialize` from `initialized` (the
 * first-answer figure starts at `initialized`) and sends incremental changes.
 */

export const REPO = path.resolve(__dirname, '../..');
/** The server started; CORROBORATE_BENCH_SERVER names another build's (to compare two builds in the same conditions). */
export const SERVER_BIN = process.env.CORROBORATE_BENCH_SERVER ?? path.join(REPO, 'bin/corroborate-language-server.js');

/**
 * The LSP connection over a server process's stdio, for the bench's and the tests' clients. It sets no
 * partial-message timer: when a server exits in the middle of a message (killed, or exiting while a large
 * notification is still being written), vscode-jsonrpc's timer would re-arm itself every 10 s for ever and keep the
 * client's process from ending (no client here listens to partial-message events).
 */
export function serverConnection(server: ChildProcess): ProtocolConnection {
  const reader = new StreamMessageReader(server.stdout!);
  reader.partialMessageTimeout = 0;
  return createProtocolConnection(reader, new StreamMessageWriter(server.stdin!));
}

export interface BenchClientOptions {
  /** Pull diagnostics (VS Code) or push only (Neovim-like). */
  pull: boolean;
  /** The `corroborate` settings answered to workspace/configuration (default: none, the server's defaults). */
  settings?: unknown;
  /** Whether the server prepares the claims matrix after indexing, as it does for the VS Code extension. */
  prepareClaimsMatrix?: boolean;
  /** Flags for the server's Node (default: those the VS Code extension and docs/lsp.md give, SERVER_NODE_FLAGS). */
  nodeFlags?: readonly string[];
}

export class BenchClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** `$/progress` notifications with their arrival time. */
  readonly progress: Array<{ at: number; kind: string; message?: string }> = [];
  readonly statuses: Array<{ at: number; status: IndexStatus }> = [];
  readonly logs: string[] = [];
  /** Push mode: the last diagnostics published per URI. */
  readonly published = new Map<string, { at: number; version: number | undefined; count: number }>();
  publishCount = 0;
  lastPublishAt = 0;
  stderr = '';
  exitCode: number | null | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly root: string,
    readonly options: BenchClientOptions,
  ) {
    // CORROBORATE_BENCH_NODE_ARGS: more flags for the server's node, to diagnose a figure (`--cpu-prof`, …).
    const extra = (process.env.CORROBORATE_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const flags = options.nodeFlags ?? SERVER_NODE_FLAGS;
    this.process = spawn(process.execPath, ['--expose-gc', ...flags, ...extra, SERVER_BIN, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20000)));
    this.process.on('exit', (code) => {
      this.exitCode = code;
      this.changed();
    });
    this.connection = serverConnection(this.process);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      const at = performance.now();
      this.publishCount++;
      this.lastPublishAt = at;
      this.published.set(p.uri, { at, version: p.version, count: p.diagnostics.length });
      this.changed();
    });
    this.connection.onNotification(IndexChangedNotification, (status) => {
      this.statuses.push({ at: performance.now(), status });
      this.changed();
    });
    this.connection.onNotification(
      '$/progress',
      (p: { token?: string | number; value?: { kind?: string; message?: string } }) => {
        // Partial results of a request go to that request (this handler replaces vscode-jsonrpc's own dispatch).
        const partial = p.token !== undefined ? this.partialResults.get(String(p.token)) : undefined;
        if (partial) return partial(p.value);
        this.progress.push({
          at: performance.now(),
          kind: p.value?.kind ?? '?',
          ...(p.value?.message !== undefined ? { message: p.value.message } : {}),
        });
        this.changed();
      },
    );
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      this.changed();
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => options.settings ?? {}),
    );
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `predicate` holds (checked now and after every message), or rejects after `ms`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, ms: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const v = predicate();
        if (v !== undefined && v !== false) {
          cleanup();
          resolve(v);
        } else if (this.exitCode !== undefined) {
          cleanup();
          reject(
            new Error(
              `server exited (${this.exitCode}) while waiting for ${what}; stderr:\n${this.stderr.slice(-2000)}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; stderr:\n${this.stderr.slice(-2000)}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /**
   * Waits until the server has compressed the texts of the closed sources (server/src/textCompression.ts: background
   * work after a pass), at most `timeoutMs`; the server's report of them then. Undefined for a server that does not
   * report them (an older build, CORROBORATE_BENCH_SERVER).
   */
  async textsCompressed(timeoutMs: number): Promise<NonNullable<PerfReport['texts']> | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const texts = (await this.perf()).texts;
      if (!texts || !texts.compressing || performance.now() > deadline) return texts;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends `initialize` (not `initialized`). */
  async initialize(): Promise<void> {
    const pull = this.options.pull;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(pull
          ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }
          : { publishDiagnostics: { relatedInformation: true, versionSupport: true } }),
      },
    };
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(this.root).toString(),
      workspaceFolders: [{ uri: URI.file(this.root).toString(), name: 'bench' }],
      capabilities,
      initializationOptions: { collectTimings: true, prepareClaimsMatrix: this.options.prepareClaimsMatrix === true },
    });
  }

  async initialized(): Promise<void> {
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** `initialize`, `initialized`, then the end of the first indexing pass (its time). */
  async startIndexed(ms: number): Promise<number> {
    await this.initialize();
    await this.initialized();
    return this.waitForIndexEnd(ms);
  }

  /** Time of the end of the first indexing pass ($/progress end). */
  waitForIndexEnd(ms: number): Promise<number> {
    return this.waitFor('the end of indexing', () => this.progress.find((p) => p.kind === 'end')?.at, ms);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'seed', version, text },
    });
  }

  async change(uri: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  pullDiagnostics(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
      ...(previousResultId !== undefined ? { previousResultId } : {}),
    });
  }

  /**
   * A workspace pull as VS Code sends it: with a partial result token (the
   * server may stream reports as `$/progress`), held by the server until some
   * file's diagnostics change. Resolves with every report, streamed or final, without their
   * diagnostics.
   */
  async workspaceDiagnostics(
    previousResultIds: Array<{ uri: string; value: string }>,
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    const partialResultToken = `workspace-pull-${++this.partialTokens}`;
    const items: WorkspaceDiagnosticReport['items'] = [];
    // Kept without their diagnostics: the bench needs uris and result ids, and at 100k files the
    // diagnostics of a whole workspace pull would not fit in this process's heap.
    const keep = (reports: WorkspaceDiagnosticReport['items']): void => {
      for (const r of reports) items.push(r.kind === 'full' ? { ...r, items: [] } : r);
    };
    this.partialResults.set(partialResultToken, (chunk) => {
      const reports = (chunk as { items?: WorkspaceDiagnosticReport['items'] } | undefined)?.items;
      if (reports) keep(reports);
    });
    try {
      const final = await this.connection.sendRequest(
        WorkspaceDiagnosticRequest.type,
        { previousResultIds, partialResultToken },
        token,
      );
      keep(final.items);
      return { items };
    } finally {
      this.partialResults.delete(partialResultToken);
    }
  }
  private partialTokens = 0;
  private readonly partialResults = new Map<string, (value: unknown) => void>();

  hover(uri: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  references(uri: string, position: Position): Promise<unknown[] | null> {
    return this.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration: false },
    });
  }

  completion(uri: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  semanticTokens(uri: string): Promise<{ data: number[] } | null> {
    return this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  }

  /** `corroborate/claimsMatrix`, and the size of its answer as JSON (what the client receives). */
  async claimsMatrix(): Promise<{ bytes: number; sources: number; rows: number; cells: number }> {
    const json = await this.connection.sendRequest(ClaimsMatrixRequest);
    const m = decodeMatrix(JSON.parse(json) as WireMatrix);
    const cells = m.rows.reduce((n, r) => n + r.cells.length, 0);
    return { bytes: Buffer.byteLength(json), sources: m.sources.length, rows: m.rows.length, cells };
  }

  perf(params: PerfParams = {}): Promise<PerfReport> {
    return this.connection.sendRequest(PerfRequest, params);
  }

  status(): Promise<IndexStatus> {
    return this.connection.sendRequest(StatusRequest);
  }

  async shutdown(): Promise<number | null> {
    const exited =
      this.exitCode !== undefined
        ? Promise.resolve(this.exitCode)
        : new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10000);
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
