import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { IndexChangedNotification, type IndexStatus } from '../../common/protocol';
import { serverConnection } from '../../bench/lsp';

/**
 * A scripted LSP client for protocol tests: starts the real server bundle
 * (`bin/corroborate-language-server.js`, i.e. dist/server.js) as a child
 * process and talks JSON-RPC over its stdin/stdout, as an editor would.
 */

export const REPO = path.resolve(__dirname, '../../..');
export const SERVER_BIN = path.join(REPO, 'bin/corroborate-language-server.js');

export interface ClientOptions {
  /** Pull diagnostics (LSP 3.17) or push only (Neovim-like). */
  pull: boolean;
  /** Extra capabilities merged in. */
  capabilities?: ClientCapabilities;
  /** Settings returned for workspace/configuration. */
  settings?: unknown;
  /** Node options before the server script (e.g. `--require` a preload), and the user to run it as. */
  nodeArgs?: string[];
  /** Environment variables of the server besides this process's. */
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
  /** The `processId` sent in initialize (default: this process). */
  processId?: number | null;
  /** Sent as `initializationOptions`. */
  initializationOptions?: unknown;
}

/**
 * The server to start as user `uid`: the repository's own when this process
 * runs as that user, else a copy in a fresh world-readable temp dir. A clone
 * may sit under a private (0700) folder that another user cannot enter; the
 * bundles are self-contained, so a copy of `bin/` and `dist/` runs the same.
 */
function serverFor(uid: number | undefined): { bin: string; cwd: string | undefined } {
  if (uid === undefined || uid === process.getuid?.()) return { bin: SERVER_BIN, cwd: undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-server-'));
  for (const rel of [
    'bin/corroborate-language-server.js',
    'dist/server.js',
    'dist/registryWorker.js',
    'dist/sourceWorker.js',
  ]) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true, mode: 0o755 });
    fs.copyFileSync(path.join(REPO, rel), path.join(dir, rel));
    fs.chmodSync(path.join(dir, rel), 0o644);
  }
  for (const d of [dir, path.join(dir, 'bin'), path.join(dir, 'dist')]) fs.chmodSync(d, 0o755);
  return { bin: path.join(dir, 'bin/corroborate-language-server.js'), cwd: dir };
}

/** Writes a workspace of files (relative path → text) to a fresh temp dir. */
export function writeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** The project's seeds (entities.yaml and every source of seeds/), for {@link writeWorkspace}, under `folder`. */
export function seedFiles(folder = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(REPO, 'seeds')))
    if (f === 'entities.yaml' || f.endsWith('.seed.md'))
      files[path.join(folder, f)] = fs.readFileSync(path.join(REPO, 'seeds', f), 'utf8');
  return files;
}

export function fileUri(dir: string, rel: string): string {
  return URI.file(path.join(dir, rel)).toString();
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly published = new Map<string, Diagnostic[]>();
  /** Every publication, in order of arrival. */
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly statuses: IndexStatus[] = [];
  readonly progress: unknown[] = [];
  /** The server's `window/logMessage` messages. */
  readonly logs: string[] = [];
  refreshRequests = 0;
  stderr = '';
  private readonly listeners = new Set<() => void>();
  initializeResult: InitializeResult | undefined;

  constructor(
    readonly root: string,
    readonly options: ClientOptions,
  ) {
    const server = serverFor(options.uid);
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), server.bin, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env !== undefined ? { env: { ...process.env, ...options.env } } : {}),
      ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    if (server.cwd !== undefined) {
      const copy = server.cwd;
      this.process.once('exit', () => fs.rmSync(copy, { recursive: true, force: true }));
    }
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = serverConnection(this.process);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p.diagnostics);
      this.publications.push(p);
      this.changed();
    });
    this.connection.onNotification(IndexChangedNotification, (s) => {
      this.statuses.push(s);
      this.changed();
    });
    this.connection.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.changed();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.changed();
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => options.settings ?? {}),
    );
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.changed();
      return null;
    });
    this.connection.listen();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `predicate` holds (checked now and after every message), or rejects after `ms`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const v = predicate();
        if (v !== undefined && v !== false) {
          cleanup();
          resolve(v);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => void check();
      this.listeners.add(listener);
      check();
    });
  }

  async initialize(): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        ...(this.options.pull
          ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }
          : { publishDiagnostics: { relatedInformation: true, versionSupport: true } }),
      },
      ...this.options.capabilities,
    };
    // A server that cannot start (a missing bundle, a file it may not read) exits at once: fail then, with its
    // stderr, instead of waiting for the test's timeout.
    let onExit: ((code: number | null, signal: string | null) => void) | undefined;
    const exited = new Promise<never>((_, reject) => {
      onExit = (code, signal) =>
        reject(
          new Error(`the server exited before answering initialize (${signal ?? `code ${code}`}):\n${this.stderr}`),
        );
      this.process.once('exit', onExit);
    });
    try {
      this.initializeResult = await Promise.race([
        this.connection.sendRequest(InitializeRequest.type, {
          processId: this.options.processId === undefined ? process.pid : this.options.processId,
          rootUri: URI.file(this.root).toString(),
          workspaceFolders: [{ uri: URI.file(this.root).toString(), name: 'ws' }],
          capabilities,
          ...(this.options.initializationOptions !== undefined && {
            initializationOptions: this.options.initializationOptions,
          }),
        }),
        exited,
      ]);
    } finally {
      this.process.off('exit', onExit!);
    }
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  /** Waits until the server reports an index that is not indexing and has `sources` sources. */
  waitForIndex(sources: number, ms = 20000): Promise<IndexStatus> {
    return this.waitFor(
      `an index of ${sources} sources`,
      () => this.statuses.find((s) => !s.indexing && s.sources === sources),
      ms,
    );
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'seed', version, text },
    });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async fileEvents(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
