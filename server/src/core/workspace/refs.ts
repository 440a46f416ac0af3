/**
 * How the workspace index refers to one claim or one mention of a source:
 * the entries of its cross-file maps (workspace.ts) and of its per-key claim
 * index (claims.ts). Both modules use these types, so they live apart from
 * both.
 */

import type { Reading } from '../model/normalize';
import type { Claim, Mention, SourceModel } from '../model/source';

/**
 * One claim as the index sees it: where it is and its normalised value.
 *
 * **A ClaimRef outlives the model it points at.** When an edit changes only
 * prose (the file's contributions to other files are the same, see
 * `sameContributions` in workspace.ts), the index keeps each ClaimRef object
 * and *repoints* it: `model` and `claim` are replaced by the new model's
 * objects in place, so that the ref keeps its places in every key group, link
 * table and cache. Hold a ClaimRef across edits only to ask the index about
 * it again; read `model` and `claim` afresh each time, and never keep them.
 */
export interface ClaimRef {
  model: SourceModel;
  claim: Claim;
  /** Canonical value (see model/normalize.ts), '' when the claim has no key/value: `reading.key`. */
  norm: string;
  /** How the value was read (model/normalize.ts): its key, and the interval that says which values it allows. */
  reading: Reading;
}

/**
 * One mention of an actor, with the actor it designates: what `WorkspaceIndex.mentionRefs` makes for one file on
 * request. The index itself keeps no object per mention (its groups hold the mentions).
 */
export interface MentionRef {
  model: SourceModel;
  mention: Mention;
  /** The actor this mention designates: its ref, or the actor whose name or alias it is. */
  actor: string;
}
