/**
 * A claim's status, decided in one place for every view that colours claims
 * (the preview, the matrix, the report, the Claims tree): the most telling of
 * what the index knows, in the order of `CLAIM_STATUSES`: a conflict outranks
 * a corroboration, which outranks a missing or anonymous source.
 */

import { CLAIM_STATUSES, type ClaimStatus } from '../../../../common/rendering';
import type { Claim } from '../model/source';
import type { ClaimRef } from '../workspace/refs';
import type { ClaimView } from '../workspace/claims';

/** How many claims of other sources corroborate and contradict a claim (`WorkspaceIndex.corroborationCounts`). */
export interface ClaimCounts {
  corroborating: number;
  conflicting: number;
}

/**
 * The status of `claim`, given its cross-file view or the sizes of its lists
 * (undefined for a claim the index does not compare).
 */
export function claimStatus(claim: Claim, view: ClaimView | ClaimCounts | undefined): ClaimStatus {
  if (view) {
    const conflicting = typeof view.conflicting === 'number' ? view.conflicting : view.conflicting.size;
    if (conflicting > 0) return 'conflicting';
    const corroborating = typeof view.corroborating === 'number' ? view.corroborating : view.corroborating.size;
    if (corroborating > 0) return 'corroborated';
  }
  if (claim.by === undefined) return 'unsourced';
  if (claim.by === 'anonymous') return 'anonymous';
  return 'single-source';
}

/** The status of an indexed claim. */
export function refStatus(ref: ClaimRef, view: ClaimView | ClaimCounts): ClaimStatus {
  return claimStatus(ref.claim, ref.claim.key !== undefined && ref.claim.value !== undefined ? view : undefined);
}

/** The more telling of two statuses. */
export function worseStatus(a: ClaimStatus, b: ClaimStatus): ClaimStatus {
  return CLAIM_STATUSES.indexOf(a) <= CLAIM_STATUSES.indexOf(b) ? a : b;
}
