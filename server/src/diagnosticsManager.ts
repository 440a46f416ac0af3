import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { computeDiagnostics, type WorkspaceIndex } from './core';
import { toLspDiagnostic } from './core/lsp';
import type { Settings } from './settings';

/**
 * Keeps every file's diagnostics fresh in the client, for open and closed
 * files alike, in one of two modes chosen from the client's capabilities:
 *
 * - pull (LSP 3.17 `textDocument/diagnostic` with interFileDependencies, and
 *   `workspace/diagnostic` for files that are not open): each file has a
 *   result id that changes whenever the index says the file is affected;
 *   unchanged files are answered "unchanged" (document pull) or left out
 *   (workspace pull). A workspace pull with nothing new is held open until
 *   something changes, so the client's polling costs nothing while idle.
 *   After changes the server asks the client to re-pull (`refresh`).
 * - push (`textDocument/publishDiagnostics`, for Neovim and older clients):
 *   affected files are published in small batches that yield to the event
 *   loop, so a change that touches thousands of files does not stall it.
 */
export class DiagnosticsManager {
  private readonly resultIds = new Map<string, number>();
  private counter = 0;
  private readonly dirty = new Set<string>();
  private flushing = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly mode: 'pull' | 'push',
    private readonly refreshSupported: boolean,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    private readonly versionOf: (uri: string) => number | null,
  ) {}

  get pull(): boolean {
    return this.mode === 'pull';
  }

  /** Records that these files' diagnostics may have changed. */
  invalidate(uris: Iterable<string>): void {
    for (const uri of uris) {
      this.resultIds.set(uri, ++this.counter);
      if (this.mode === 'push') this.dirty.add(uri);
    }
    if (this.mode === 'push') this.scheduleFlush();
    else this.scheduleRefresh();
  }

  /** Every known file (after indexing, or a settings change). */
  invalidateAll(): void {
    this.invalidate([...this.index.sourceUris(), ...this.index.registryUris()]);
    // Files that disappeared must be cleared too.
    if (this.mode === 'push') for (const uri of this.published) if (!this.index.getSource(uri) && !this.index.getRegistry(uri)) this.dirty.add(uri);
  }

  /** A file left the index: clear what the client shows for it. */
  forget(uri: string): void {
    this.resultIds.set(uri, ++this.counter);
    if (this.mode === 'push') {
      this.dirty.add(uri);
      this.scheduleFlush();
    } else this.scheduleRefresh();
  }

  async diagnosticsFor(uri: string): Promise<LspDiagnostic[]> {
    const settings = await this.settingsFor(uri);
    const out: LspDiagnostic[] = [];
    for (const d of computeDiagnostics(this.index, uri)) {
      if (d.code === 'unannotated-mention' && !settings.unannotatedMentions) continue;
      const severity = settings.severity[d.code] ?? d.severity;
      if (severity === 'off') continue;
      out.push(toLspDiagnostic(d, severity));
    }
    return out;
  }

  private resultId(uri: string): string {
    let id = this.resultIds.get(uri);
    if (id === undefined) this.resultIds.set(uri, (id = ++this.counter));
    return String(id);
  }

  // ---- pull -------------------------------------------------------------------

  async documentReport(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    const resultId = this.resultId(uri);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: await this.diagnosticsFor(uri) };
  }

  async workspaceReport(previous: Array<{ uri: string; value: string }>, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const changed = (): string[] => {
      const out: string[] = [];
      for (const uri of [...this.index.sourceUris(), ...this.index.registryUris()]) if (known.get(uri) !== this.resultId(uri)) out.push(uri);
      for (const uri of known.keys()) if (!this.index.getSource(uri) && !this.index.getRegistry(uri) && known.get(uri) !== this.resultId(uri)) out.push(uri);
      return out;
    };
    let uris = changed();
    // Nothing new: hold the request until something changes (or the client cancels).
    while (uris.length === 0 && !token.isCancellationRequested) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.waiters.delete(done);
          disposable.dispose();
          clearTimeout(timer);
          resolve();
        };
        const disposable = token.onCancellationRequested(done);
        const timer = setTimeout(done, 60_000);
        this.waiters.add(done);
      });
      uris = changed();
    }
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let sinceYield = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: this.versionOf(uri), resultId: this.resultId(uri), items: await this.diagnosticsFor(uri) });
      if (++sinceYield >= 200) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
    }
    return { items };
  }

  private scheduleRefresh(): void {
    for (const wake of [...this.waiters]) wake();
    if (this.refreshTimer || !this.refreshSupported) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 50);
  }

  // ---- push -------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty.size > 0) {
        const batch = [...this.dirty].slice(0, 100);
        for (const uri of batch) {
          this.dirty.delete(uri);
          const exists = this.index.getSource(uri) !== undefined || this.index.getRegistry(uri) !== undefined;
          const diagnostics = exists ? await this.diagnosticsFor(uri) : [];
          if (exists) this.published.add(uri);
          else this.published.delete(uri);
          const version = this.versionOf(uri);
          await this.connection.sendDiagnostics(version === null ? { uri, diagnostics } : { uri, version, diagnostics });
        }
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.flushing = false;
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const wake of [...this.waiters]) wake();
  }
}
