/**
 * Corroborate's custom LSP messages, typed once and imported by both the
 * server (server/src/) and the VS Code client (client/src/). Only
 * `vscode-jsonrpc` message types and plain data live here, so that neither
 * side pulls the other's runtime into its bundle. Each message says which
 * way it goes (vscode-eslint's `$shared/customMessages.ts` is the model).
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { ActorSummary, KeySummary } from './summaries';
import type { RenderedSource } from './rendering';
import type { MatrixCellParams, MatrixClaimDetail } from './matrix';
import type { Range } from './positions';
import type { TreeNode, TreeView } from './tree';

export type { ActorSummary, KeySummary } from './summaries';
export type { TreeNode, TreeView, TreeIcon } from './tree';

export interface IndexStatus {
  /** True while the initial (or a requested) indexing pass runs. */
  indexing: boolean;
  /** Files read so far / to read, during indexing. */
  done: number;
  total: number;
  sources: number;
  actors: number;
  claims: number;
  keys: number;
  /** Claims that conflict with a claim in another source. */
  conflicts: number;
  /**
   * Disk reads still in flight after file events or closed documents. A scripted client
   * waits for `indexing: false` and `pending: 0` to know the index reflects every event sent.
   */
  pending?: number;
}

/** Client → server: the children of a sidebar tree node (the roots when `parent` is absent). */
export interface TreeChildrenParams {
  view: TreeView;
  parent?: string;
}
export const TreeChildrenRequest = new RequestType<TreeChildrenParams, TreeNode[], void>('corroborate/treeChildren');

/** Server → client: the index changed (debounced), or indexing progressed. The client refreshes its views and status. */
export const IndexChangedNotification = new NotificationType<IndexStatus>('corroborate/indexChanged');

/** Client → server: the index's status now (the status bar, and scripted clients waiting for the index). */
export const StatusRequest = new RequestType0<IndexStatus, void>('corroborate/status');

/** Client → server: drop everything and index the workspace folders again from disk. */
export const ReindexRequest = new RequestType0<void, void>('corroborate/reindex');

/** Client → server: the actors known to the registry governing a file (for the annotate-as-actor quick pick). */
export const ActorsRequest = new RequestType<{ uri: string }, ActorSummary[], void>('corroborate/actors');

/** Client → server: claim keys known in the workspace and registry (for the annotate-as-claim prompts). */
export const KeysRequest = new RequestType<{ uri: string }, KeySummary[], void>('corroborate/keys');

/**
 * Client → server: a source rendered for the Markdown preview (its spans as HTML, with statuses) and the ranges of its
 * attribute lists. With `text` that differs from the indexed text, that text is rendered without cross-file statuses.
 * Null for a file that is neither indexed nor given.
 */
export const RenderedSourceRequest = new RequestType<{ uri: string; text?: string }, RenderedSource | null, void>(
  'corroborate/renderedSource',
);

/**
 * Client → server: the ranges of an indexed source's attribute lists (`{…}`), for the editor to dim; what
 * `corroborate/renderedSource` gives as `attributes`, without rendering the source. Null for a file not indexed.
 */
export const AttributeRangesRequest = new RequestType<{ uri: string }, Range[] | null, void>(
  'corroborate/attributeRanges',
);

/**
 * Client → server: the claims × sources matrix of the workspace (the matrix view), as the JSON text of its compact
 * wire format (`WireMatrix`, which `decodeMatrix` in common/matrix.ts turns into a `ClaimsMatrix`). Text, not an
 * object: the client hands it to the webview as it is, and a string of 6 MB (10,000 sources) crosses each hop far
 * cheaper than the object graph it holds, which each hop would parse and write again.
 */
export const ClaimsMatrixRequest = new RequestType0<string, void>('corroborate/claimsMatrix');

/**
 * The claims of one source about one key, with where each is and who corroborates or contradicts it (the matrix view
 * asks on hover, focus and open); empty if the source no longer claims the key.
 */
export const MatrixCellRequest = new RequestType<MatrixCellParams, MatrixClaimDetail[], void>('corroborate/matrixCell');

/** The answer to `corroborate/report`. */
export interface ReportResult {
  /** The page: one self-contained HTML document (what `corroborate report` writes). */
  html: string;
  /** False if the workspace was still being indexed: the report may then miss sources. */
  complete: boolean;
}

/** Client → server: the report of the workspace (*Corroborate: Export Report…*), optionally with a page title. */
export const ReportRequest = new RequestType<{ title?: string }, ReportResult, void>('corroborate/report');

/** Client → server: wrap a range of prose in an actor or claim span; the edit is returned for the client to apply. */
export type AnnotateParams =
  | { uri: string; range: Range; kind: 'actor'; ref: string; newActor?: { name: string; kind: string } }
  | { uri: string; range: Range; kind: 'claim'; by?: string; key?: string; value?: string; asOf?: string };
export interface AnnotateResult {
  /** A WorkspaceEdit (LSP shape) or an explanation of why the range cannot be annotated. */
  edit?: { changes?: Record<string, Array<{ range: Range; newText: string }>>; documentChanges?: unknown[] };
  error?: string;
}
export const AnnotateRequest = new RequestType<AnnotateParams, AnnotateResult, void>('corroborate/annotate');

/**
 * Client → server: an article (a saved web page or a text) made into a new source (docs/import.md). The server
 * extracts and renders; the client chooses the folder, writes the file (never over another) and opens it.
 */
export interface ImportArticleParams {
  /** The input: its text, or with `encoding: 'base64'` a file's bytes (checked and decoded by the server). */
  content: string;
  encoding?: 'text' | 'base64';
  /** The input file's name: its extension gives the kind, its stem the id of an article with no title. */
  fileName?: string;
  /** `html` or `text` (the clipboard sends `text`); by default from `fileName`, else from the content. */
  kind?: 'html' | 'text';
  /** The names already in the folder: the result is the first free of `<id>.seed.md`, `<id>-2.seed.md`, … */
  taken?: string[];
}
/** The new source's file name, its id (which matches the name) and its text; or why the input was refused. */
export type ImportArticleResult = { fileName: string; id: string; text: string } | { error: string };
export const ImportArticleRequest = new RequestType<ImportArticleParams, ImportArticleResult, void>(
  'corroborate/importArticle',
);

/**
 * Client → server: benchmark instrumentation (server/src/perf.ts, docs/benchmarks.md). Registered only when the
 * client passes `initializationOptions: { collectTimings: true }`. Times are milliseconds.
 */
export interface PerfParams {
  /** Run a full garbage collection first (when the server runs with `node --expose-gc`). */
  gc?: boolean;
  /** Clear the timings and the event-loop histogram after answering. */
  reset?: boolean;
  /** Also return every recorded duration, in recording order. */
  samples?: boolean;
}
export interface TimingSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}
export interface PerfReport {
  /** Handler durations by name, and `keystroke.pull`/`keystroke.push` (didChange → diagnostics of the edited file). */
  timings: Record<string, TimingSummary>;
  /** Event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) since the last reset. */
  eventLoop: { maxMs: number; p99Ms: number; meanMs: number };
  /**
   * Named phases (`indexing`): wall time, the longest event-loop delay within, and the garbage collections within
   * (the longest pause and their sum, ms).
   */
  /**
   * Per phase (`indexing`): its duration, the longest event-loop delay and GC pause in it, the GC time, and the CPU
   * time it took: of the whole process (every thread: workers, GC helpers) and of the main thread alone (Linux only,
   * otherwise absent).
   */
  phases: Record<
    string,
    { ms: number; maxStallMs: number; maxGcMs: number; gcMs: number; cpuMs: number; mainThreadCpuMs?: number }
  >;
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  /** Peak resident set size of the process, in bytes. */
  maxRss: number;
  gcRan: boolean;
  /**
   * The texts of closed sources kept compressed (server/src/textCompression.ts): whether that work is under way,
   * how many texts, and their bytes before and after, since the start.
   */
  texts?: { compressing: boolean; compressed: number; bytesBefore: number; bytesAfter: number };
  /** With `samples: true`: the durations behind `timings`, in recording order. */
  samples?: Record<string, number[]>;
}
export const PerfRequest = new RequestType<PerfParams, PerfReport, void>('corroborate/perf');

/** A client-side command that the server's code lenses name: shows locations in the references peek. */
export const SHOW_REFERENCES_COMMAND = 'corroborate.showReferences';

/** An export format (`corroborate export --format`, docs/interop.md), for the *Export Annotations…* picker. */
export interface ExportFormatInfo {
  name: string;
  description: string;
  /** Whether it writes several files (a folder) rather than one. */
  multiFile: boolean;
  /** The extension of its one file (a one-file format). */
  extension?: string;
}
/** Client → server: the export formats. */
export const ExportFormatsRequest = new RequestType0<ExportFormatInfo[], void>('corroborate/exportFormats');

/**
 * Client → server: the workspace's annotations in an export format, as files (paths relative to the folder the
 * client writes to, `''` for a one-file format's file); the client writes them. Every indexed source if `uris` is
 * absent.
 */
export interface ExportParams {
  format: string;
  uris?: string[];
}
export type ExportResult = { files: Array<{ path: string; text: string }> } | { error: string };
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('corroborate/export');
