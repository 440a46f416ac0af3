import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { toLspDiagnostic, type Diagnostic, type LanguageService, type WorkspaceIndex } from './core';
import type { Settings } from './settings';
import { backgroundTurn, SLICE_MS, yieldToEventLoop } from './timeSlice';

/** A held workspace pull, woken by a change, waits this long for more changes before it answers (ms). */
export const SETTLE_MS = 50;

/** Receives partial results of a workspace pull; the promise settles once the chunk is sent. */
export interface PartialReporter {
  report(chunk: { items: WorkspaceDocumentDiagnosticReport[] }): Promise<void>;
}

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
 *   affected files are published open files first, in slices of at most
 *   SLICE_MS, each in a turn of the background work (timeSlice.ts
 *   `backgroundTurn`; an edited open file's turn comes first), so a change that
 *   touches thousands of files does not stall the event loop, and a keystroke
 *   waits for at most the slice in progress and one more. With `corroborate.diagnostics.publish`
 *   set to 'open' (the default) only open files are published, and a file's
 *   diagnostics are cleared when it closes; 'all' publishes every file.
 *
 * Either way no file's diagnostics are computed before the registries
 * governing it are read (registriesFirst.ts), while an indexing pass runs.
 *
 * Either way the work after a change is sliced by time, not by file count:
 * a request (the edited file's own pull, a hover) waits at most one slice.
 * A workspace pull streams its reports as partial results when the client
 * offers a partialResultToken (VS Code does), so no single message carries
 * thousands of files.
 */
export class DiagnosticsManager {
  private readonly resultIds = new Map<string, number>();
  private counter = 0;
  private readonly dirty = new Set<string>();
  /** The open files among `dirty`: published first. */
  private readonly dirtyOpen = new Set<string>();
  private flushing = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly mode: 'pull' | 'push',
    private readonly refreshSupported: boolean,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    private readonly versionOf: (uri: string) => number | null,
    /** Hints computed apart from the diagnostics (suggestionHints.ts), for the file's current version. */
    private readonly hintsFor: (uri: string) => readonly Diagnostic[] = () => [],
    /**
     * Settles once the registries governing the file are read (registriesFirst.ts): no diagnostics are
     * computed before, which would report every actor unknown.
     */
    private readonly registriesRead: (uri: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  private get index(): WorkspaceIndex {
    return this.service.workspace;
  }

  get pull(): boolean {
    return this.mode === 'pull';
  }

  /** Records that these files' diagnostics may have changed. */
  invalidate(uris: Iterable<string>): void {
    for (const uri of uris) {
      this.resultIds.set(uri, ++this.counter);
      if (this.mode === 'push') {
        this.dirty.add(uri);
        if (this.versionOf(uri) !== null) this.dirtyOpen.add(uri);
      }
    }
    if (this.mode === 'push') this.scheduleFlush();
    else this.scheduleRefresh();
  }

  /** Every known file (after indexing, or a settings change). */
  invalidateAll(): void {
    this.invalidate([...this.index.sourceUris(), ...this.index.registryUris()]);
    // Files that disappeared must be cleared too.
    if (this.mode === 'push')
      for (const uri of this.published)
        if (!this.index.getSource(uri) && !this.index.getRegistry(uri)) this.dirty.add(uri);
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
    // The settings are the diagnostic policy: codes switched off are not computed.
    const settings = await this.settingsFor(uri);
    await this.registriesRead(uri);
    const diagnostics = this.service.diagnostics(uri, settings);
    const hints = this.hintsFor(uri);
    if (hints.length > 0) {
      diagnostics.push(...hints);
      diagnostics.sort(
        (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
      );
    }
    return diagnostics.map((d) => toLspDiagnostic(d));
  }

  private resultId(uri: string): string {
    let id = this.resultIds.get(uri);
    if (id === undefined) this.resultIds.set(uri, (id = ++this.counter));
    return String(id);
  }

  // ---- pull -------------------------------------------------------------------

  async documentReport(
    uri: string,
    previousResultId: string | undefined,
    token?: CancellationToken,
  ): Promise<DocumentDiagnosticReport> {
    // Reading the registries may change the file's result id: take it after.
    await this.registriesRead(uri);
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const resultId = this.resultId(uri);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: await this.diagnosticsFor(uri) };
  }

  async workspaceReport(
    previous: Array<{ uri: string; value: string }>,
    token: CancellationToken,
    partial?: PartialReporter,
  ): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    const changed = (): string[] => {
      const out: string[] = [];
      for (const uri of [...this.index.sourceUris(), ...this.index.registryUris()])
        if (known.get(uri) !== this.resultId(uri)) out.push(uri);
      for (const uri of known.keys())
        if (!this.index.getSource(uri) && !this.index.getRegistry(uri) && known.get(uri) !== this.resultId(uri))
          out.push(uri);
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
      // Let a burst of changes (typing) settle, so that one answer covers it.
      if (!token.isCancellationRequested) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      uris = changed();
    }
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let sliceStart = performance.now();
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      // Computed now, with the result id of now: a file changed after this is reported again next time.
      const resultId = this.resultId(uri);
      items.push({
        kind: DocumentDiagnosticReportKind.Full,
        uri,
        version: this.versionOf(uri),
        resultId,
        items: await this.diagnosticsFor(uri),
      });
      if (performance.now() - sliceStart >= SLICE_MS) {
        // Awaited: the next files are computed once the client has taken these (bounded memory).
        if (partial) await partial.report({ items: items.splice(0) });
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    if (partial) {
      if (items.length > 0) await partial.report({ items });
      return { items: [] };
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
    // Its first slice waits for a turn of the background work: the invalidations of the current task are one flush.
    void this.flush();
  }

  private async flush(): Promise<void> {
    const urgent = (): boolean => this.dirtyOpen.size > 0;
    try {
      while (this.dirty.size > 0) {
        // Each slice in a turn of the background work, first if an edited file waits.
        await backgroundTurn(urgent);
        const sliceStart = performance.now();
        do {
          // Open files first (the one being edited among them), then the rest in order of invalidation; chosen
          // before each file, so that a keystroke that arrives while a file is published (its write awaited) is
          // published next, not after the rest of the slice.
          const uri = this.next();
          if (uri !== undefined) await this.publish(uri);
        } while (this.dirty.size > 0 && performance.now() - sliceStart < SLICE_MS);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The next file to publish, taken out of `dirty`: an open one if any. */
  private next(): string | undefined {
    for (const uri of this.dirtyOpen) {
      this.dirtyOpen.delete(uri);
      if (this.dirty.delete(uri)) return uri;
    }
    for (const uri of this.dirty) {
      this.dirty.delete(uri);
      return uri;
    }
    return undefined;
  }

  /** Publishes a file's diagnostics, or clears them if it left the index or (publish: 'open') was closed. */
  private async publish(uri: string): Promise<void> {
    const exists = this.index.getSource(uri) !== undefined || this.index.getRegistry(uri) !== undefined;
    const version = this.versionOf(uri);
    // corroborate.diagnostics.publish: 'open' publishes the open files only, and clears a file once it closes.
    const shown = exists && (version !== null || (await this.settingsFor(uri)).publish === 'all');
    if (!shown && !this.published.has(uri)) return;
    const diagnostics = shown ? await this.diagnosticsFor(uri) : [];
    if (shown) this.published.add(uri);
    else this.published.delete(uri);
    await this.connection.sendDiagnostics(version === null ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const wake of [...this.waiters]) wake();
  }
}
