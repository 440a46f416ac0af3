/**
 * What the cross-file checks of `<code>.ts` share: the file being checked,
 * the registry that governs it, and each claim's corroboration view computed
 * once (the conflicting-claim and corroborated-claim checks both read it).
 */
import type { Claim, SourceModel } from '../../model/source';
import type { Registry } from '../../model/registry';
import type { Problem } from '../../base/types';
import type { ClaimView } from '../../workspace/claims';
import type { ClaimRef, WorkspaceIndex } from '../../workspace/workspace';

export class CheckContext {
  readonly registry: Registry | undefined;
  private readonly views = new Map<Claim, { ref: ClaimRef; view: ClaimView } | undefined>();

  constructor(
    readonly index: WorkspaceIndex,
    readonly model: SourceModel,
  ) {
    this.registry = index.registryFor(model.uri);
  }

  /** The claim's place in the workspace and what other sources say of its key, if it has a key and a value. */
  corroboration(claim: Claim): { ref: ClaimRef; view: ClaimView } | undefined {
    if (this.views.has(claim)) return this.views.get(claim);
    const ref = this.index.claimRef(this.model.uri, claim);
    const found =
      !ref || claim.key === undefined || claim.value === undefined
        ? undefined
        : { ref, view: this.index.corroboration(ref) };
    this.views.set(claim, found);
    return found;
  }
}

/** A check of one diagnostic code over one source file: appends its problems to `out`. */
export type Check = (ctx: CheckContext, out: Problem[]) => void;

/** Why an actor or a name cannot be resolved when no registry governs the file. */
export const NO_REGISTRY = 'no entities.yaml was found at or above this file';
