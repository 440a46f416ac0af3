/**
 * The claims × sources matrix (`corroborate/claimsMatrix`), which the
 * language server computes (server/src/core/features/matrix.ts) and the
 * matrix view and `corroborate report` draw. Plain data, compact enough to
 * send for a workspace of 10,000 sources: cells are sparse, sources are
 * referred to by column index.
 */

import type { Range } from './positions';
import { CLAIM_STATUSES, type ClaimStatus } from './rendering';

/** One column: a source, in publication order. */
export interface MatrixSource {
  id: string;
  uri: string;
  title?: string;
  outlet?: string;
  /** `published` from the front matter, as written. */
  published?: string;
}

/**
 * One claim in a cell: what the grid, its filters and its tooltips need. Where the claim is and which sources
 * corroborate or contradict it are left out (they are most of the bytes at 10,000 sources): the view asks for them,
 * one cell at a time, with `corroborate/matrixCell` ({@link MatrixClaimDetail}).
 */
export interface MatrixClaim {
  value: string;
  /** How the value was read (`5%` → `5 %`), when that differs from the value as written. */
  reading?: string;
  asOf?: string;
  /** The `by=` actor id, if any (its name is in {@link ClaimsMatrix.actorNames}). */
  by?: string;
  status: ClaimStatus;
  /** The claim's text, markup removed. */
  quote: string;
  /** Where the claim starts in its source's text (UTF-16 code units). */
  start: number;
}

/** A claim of a cell with what {@link MatrixClaim} leaves out (`corroborate/matrixCell`). */
export interface MatrixClaimDetail extends MatrixClaim {
  /** Where the claim is in its source. */
  range: Range;
  /** Ids of the sources that corroborate it, and of those that contradict it (a few of each). */
  corroboratedBy: string[];
  conflictsWith: string[];
}

/** `corroborate/matrixCell`: the claims of one source about one key, in detail. */
export interface MatrixCellParams {
  key: string;
  /** The source's URI ({@link MatrixSource.uri}). */
  uri: string;
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

/** The registry name of actor `id` in `matrix`, if it has one. */
export function actorName(matrix: ClaimsMatrix, id: string | undefined): string | undefined {
  return id !== undefined && Object.hasOwn(matrix.actorNames, id) ? matrix.actorNames[id] : undefined;
}

/**
 * The matrix as `corroborate/claimsMatrix` sends it ({@link encodeMatrix}, {@link decodeMatrix}): the same content as
 * a {@link ClaimsMatrix} in about 40 % of the bytes, which JSON parses several times faster. Values, readings, as-ofs
 * and actor ids repeat across thousands of claims: each is written once per row, in the row's `strings`, and referred
 * to by index. A row's cells are one flat array of numbers; its quotations are a list of their own. Each row stands
 * alone, so that a server can keep the text of the rows whose claims did not change.
 */
export interface WireMatrix {
  /** The version of this format. */
  format: 1;
  sources: MatrixSource[];
  rows: WireRow[];
  actorNames: Record<string, string>;
}

/**
 * A row: the cells in column order, each `source, status, claims`, then per claim `value, reading, asOf, by, status,
 * start` (strings as indexes into the row's `strings`, -1 where there is none; statuses as indexes into
 * `CLAIM_STATUSES`); the claims' quotations in the same order.
 */
export interface WireRow {
  key: string;
  group: string;
  description?: string;
  status: number;
  actors: string[];
  cells: number[];
  quotes: string[];
  /** Every distinct value, reading, as-of and `by=` id of the row's claims. */
  strings: string[];
}

/** A row in the wire format. */
export function encodeRow(row: MatrixRow): WireRow {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const ref = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const cells: number[] = [];
  const quotes: string[] = [];
  for (const cell of row.cells) {
    cells.push(cell.source, CLAIM_STATUSES.indexOf(cell.status), cell.claims.length);
    for (const c of cell.claims) {
      cells.push(ref(c.value), ref(c.reading), ref(c.asOf), ref(c.by), CLAIM_STATUSES.indexOf(c.status), c.start);
      quotes.push(c.quote);
    }
  }
  return {
    key: row.key,
    group: row.group,
    ...(row.description !== undefined && { description: row.description }),
    status: CLAIM_STATUSES.indexOf(row.status),
    actors: row.actors,
    cells,
    quotes,
    strings,
  };
}

/** `matrix` in the wire format. */
export function encodeMatrix(matrix: ClaimsMatrix): WireMatrix {
  return { format: 1, sources: matrix.sources, rows: matrix.rows.map(encodeRow), actorNames: matrix.actorNames };
}

/** The matrix a {@link WireMatrix} holds. Throws on a malformed one (an index out of range, an unknown format). */
export function decodeMatrix(wire: WireMatrix): ClaimsMatrix {
  if (wire.format !== 1) throw new Error(`unknown claims matrix format ${String(wire.format)}`);
  let strings: readonly string[] = [];
  const str = (i: number): string | undefined => {
    if (i === -1) return undefined;
    const s = strings[i];
    if (s === undefined) throw new Error(`claims matrix: no string ${i}`);
    return s;
  };
  const status = (i: number): ClaimStatus => {
    const s = CLAIM_STATUSES[i];
    if (s === undefined) throw new Error(`claims matrix: no status ${i}`);
    return s;
  };
  const rows = wire.rows.map((w): MatrixRow => {
    strings = w.strings;
    const cells: MatrixCell[] = [];
    const n = w.cells;
    let q = 0;
    for (let i = 0; i < n.length;) {
      const source = n[i++]!;
      const cellStatus = status(n[i++]!);
      const count = n[i++]!;
      const claims: MatrixClaim[] = [];
      for (let k = 0; k < count; k++, i += 6) {
        const reading = str(n[i + 1]!);
        const asOf = str(n[i + 2]!);
        const by = str(n[i + 3]!);
        claims.push({
          value: str(n[i]!) ?? '',
          ...(reading !== undefined && { reading }),
          ...(asOf !== undefined && { asOf }),
          ...(by !== undefined && { by }),
          status: status(n[i + 4]!),
          quote: w.quotes[q++] ?? '',
          start: n[i + 5]!,
        });
      }
      cells.push({ source, status: cellStatus, claims });
    }
    return {
      key: w.key,
      group: w.group,
      ...(w.description !== undefined && { description: w.description }),
      status: status(w.status),
      actors: w.actors,
      cells,
    };
  });
  return { sources: wire.sources, rows, actorNames: wire.actorNames };
}
