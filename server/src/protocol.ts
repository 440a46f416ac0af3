/**
 * Corroborate's custom LSP messages, typed once and imported by both the
 * server (server/src/server.ts) and the VS Code client (client/src/). Only
 * `vscode-jsonrpc` message types and plain data live here, so that neither
 * side pulls the other's runtime into its bundle.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { Range } from './core/types';
import type { TreeNode, TreeView } from './core/tree';

export type { TreeNode, TreeView, TreeIcon } from './core/tree';

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
}

/** The children of a sidebar tree node (the roots when `parent` is absent). */
export interface TreeChildrenParams {
  view: TreeView;
  parent?: string;
}
export const TreeChildrenRequest = new RequestType<TreeChildrenParams, TreeNode[], void>('corroborate/treeChildren');

/** Sent whenever the index changes (debounced) and while indexing progresses. */
export const IndexChangedNotification = new NotificationType<IndexStatus>('corroborate/indexChanged');

export const StatusRequest = new RequestType0<IndexStatus, void>('corroborate/status');

/** Drops everything and indexes the workspace folders again from disk. */
export const ReindexRequest = new RequestType0<void, void>('corroborate/reindex');

/** The actors known to the registry governing a file (for the annotate-as-actor quick pick). */
export interface ActorSummary {
  id: string;
  name: string;
  kind: string;
  description?: string;
  mentions: number;
}
export const ActorsRequest = new RequestType<{ uri: string }, ActorSummary[], void>('corroborate/actors');

/** Claim keys known in the workspace and registry (for the annotate-as-claim prompts). */
export interface KeySummary {
  key: string;
  description?: string;
  values: string[];
}
export const KeysRequest = new RequestType<{ uri: string }, KeySummary[], void>('corroborate/keys');

/** Wraps a range of prose in an actor or claim span; the edit is returned for the client to apply. */
export type AnnotateParams =
  | { uri: string; range: Range; kind: 'actor'; ref: string; newActor?: { name: string; kind: string } }
  | { uri: string; range: Range; kind: 'claim'; by?: string; key?: string; value?: string; asOf?: string };
export interface AnnotateResult {
  /** A WorkspaceEdit (LSP shape) or an explanation of why the range cannot be annotated. */
  edit?: { changes?: Record<string, Array<{ range: Range; newText: string }>>; documentChanges?: unknown[] };
  error?: string;
}
export const AnnotateRequest = new RequestType<AnnotateParams, AnnotateResult, void>('corroborate/annotate');

/** Client-side command used by code lenses: shows locations in the references peek. */
export const SHOW_REFERENCES_COMMAND = 'corroborate.showReferences';
