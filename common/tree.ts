/**
 * The nodes of the sidebar's tree views (Actors, Claims, Sources), as the
 * server computes them (server/src/core/features/tree.ts) and the client shows
 * them (client/src/trees.ts). Plain data.
 */
import type { ActorKind } from './actors';
import type { Range } from './positions';

export type TreeView = 'actors' | 'claims' | 'sources';

export type TreeIcon =
  | `kind-${ActorKind}`
  | 'kind-unknown'
  | 'actor'
  | 'source'
  | 'mention'
  | 'key'
  | 'value'
  | 'corroborated'
  | 'conflicting'
  | 'unsourced'
  | 'claim'
  | 'anonymous';

export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: TreeIcon;
  collapsible: boolean;
  /** Where a click takes the user. */
  location?: { uri: string; range: Range };
}
