/**
 * The claims × sources matrix (`corroborate/claimsMatrix`), which the
 * language server computes (server/src/core/features/matrix.ts) and the
 * matrix view and `corroborate report` draw. Plain data, compact enough to
 * send for a workspace of 10,000 sources: cells are sparse, sources are
 * referred to by column index.
 */

import type { Range } from './positions';
import type { ClaimStatus } from './rendering';

/** One column: a source, in publication order. */
export interface MatrixSource {
  id: string;
  uri: string;
  title?: string;
  outlet?: string;
  /** `published` from the front matter, as written. */
  published?: string;
}

/** One claim in a cell. */
export interface MatrixClaim {
  value: string;
  /** How the value was read (`5%` → `5 %`), when that differs from the value as written. */
  reading?: string;
  asOf?: string;
  /** The `by=` actor id, if any, and its registry name. */
  by?: string;
  byName?: string;
  status: ClaimStatus;
  /** The claim's text, markup removed. */
  quote: string;
  /** Where the claim is in its source. */
  range: Range;
  /** Ids of the sources that corroborate it, and of those that contradict it (a few of each). */
  corroboratedBy: string[];
  conflictsWith: string[];
}

/** One cell: what one source asserts about one key. */
export interface MatrixCell {
  /** Index into {@link ClaimsMatrix.sources}. */
  source: number;
  /** The most telling status of its claims. */
  status: ClaimStatus;
  claims: MatrixClaim[];
}

/** One row: a claim key. */
export interface MatrixRow {
  key: string;
  /** The group the row is shown under: the key's first segment (`nato` for `nato.spending-target`). */
  group: string;
  /** The key's registry description, if any. */
  description?: string;
  /** The most telling status of its cells. */
  status: ClaimStatus;
  /** Actors that assert a claim of this row (`by=`), and actors mentioned inside its claims, sorted. */
  actors: string[];
  /** Cells in column order; sources that say nothing of this key have none. */
  cells: MatrixCell[];
}

export interface ClaimsMatrix {
  sources: MatrixSource[];
  rows: MatrixRow[];
  /** Actor id → name, for every actor a row names (for filters and tooltips). */
  actorNames: Record<string, string>;
}
