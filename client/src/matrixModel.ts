/**
 * The claims matrix view's logic, pure: which rows and columns the filters
 * keep and in what order (grouped by key prefix), which of them a scrolled
 * viewport shows (the view is virtualised), the text of a cell, and the CSV
 * of what the view shows. The webview's script (client/webview/matrix.ts)
 * and the extension side (client/src/matrixPanel.ts) share it, with the
 * messages they exchange; it imports neither VS Code nor the DOM.
 */

import {
  actorName,
  type ClaimsMatrix,
  type MatrixCell,
  type MatrixClaim,
  type MatrixClaimDetail,
  type MatrixRow,
  type MatrixSource,
} from '../../common/matrix';
import { CLAIM_STATUSES, type ClaimStatus } from '../../common/rendering';

export type MatrixSort = 'key' | 'sources' | 'status';

/** What the view's toolbar sets. Empty strings mean "any". */
export interface MatrixFilters {
  /** An actor id: rows whose claims are by or about it (`row.actors`). */
  actor: string;
  /** Text in the key (case-insensitive). */
  key: string;
  /** Rows with at least one cell of this status. */
  status: ClaimStatus | '';
  /** Text in a value, a quotation or an asserting actor's name (case-insensitive). */
  text: string;
  sort: MatrixSort;
  conflictsOnly: boolean;
}

export const DEFAULT_FILTERS: MatrixFilters = {
  actor: '',
  key: '',
  status: '',
  text: '',
  sort: 'key',
  conflictsOnly: false,
};

/** A line of the view: a group's heading, or a key's row (`index` into the matrix's rows). */
export type DisplayRow =
  { kind: 'group'; group: string; keys: number } | { kind: 'key'; row: MatrixRow; index: number };

/** What the view shows: its lines, and its columns as indexes into the matrix's sources, in their order. */
export interface MatrixView {
  rows: DisplayRow[];
  columns: number[];
  /** Key rows kept by the filters. */
  keys: number;
}

/** The webview's saved state (`vscode.setState`): kept across reloads and restarts. */
export interface MatrixViewState {
  filters: MatrixFilters;
  scrollTop: number;
  scrollLeft: number;
  /** The focused cell, by key and source id (so that it survives a new matrix). */
  focus?: { key: string; source?: string };
}

/** Extension → webview. */
export type ToWebview =
  /**
   * The matrix as JSON text: a string crosses the webview's message hops (extension host → workbench → the webview's
   * frames) far cheaper than an object graph of tens of MB, which each hop would clone (docs/benchmarks.md).
   */
  | { type: 'matrix'; json: string }
  | { type: 'reveal'; key: string }
  | { type: 'error'; message: string }
  /** The answer to a `detail` message: the cell's claims in detail (empty if the source no longer claims the key). */
  | { type: 'detail'; key: string; uri: string; claims: MatrixClaimDetail[] };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  /** Open the claim of `key` that starts at `start` in `uri` (or the cell's first claim, if that one has moved). */
  | { type: 'open'; uri: string; key: string; start: number }
  /** Send the details of a cell (`detail`): where its claims are, who corroborates or contradicts them. */
  | { type: 'detail'; key: string; uri: string }
  | { type: 'export'; csv: string }
  /** After each render of a new matrix or filter: what the view shows (the tests read it). */
  | {
      type: 'rendered';
      keys: string[];
      columns: string[];
      focus?: { key: string; source?: string };
      /** The key last revealed (and highlighted) by a code lens. */
      highlighted?: string;
    };

function includes(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && haystack.toLowerCase().includes(needle);
}

function claimMatches(matrix: ClaimsMatrix, c: MatrixClaim, text: string): boolean {
  return (
    includes(c.value, text) ||
    includes(c.reading, text) ||
    includes(c.quote, text) ||
    includes(actorName(matrix, c.by), text) ||
    includes(c.by, text)
  );
}

/** Whether the filters keep `row` of `matrix` (the sort aside). */
export function rowMatches(matrix: ClaimsMatrix, row: MatrixRow, filters: MatrixFilters): boolean {
  if (filters.conflictsOnly && row.status !== 'conflicting') return false;
  if (filters.actor && !row.actors.includes(filters.actor)) return false;
  const key = filters.key.trim().toLowerCase();
  if (key && !row.key.toLowerCase().includes(key)) return false;
  if (filters.status && !row.cells.some((c) => c.status === filters.status)) return false;
  const text = filters.text.trim().toLowerCase();
  if (text && !row.cells.some((cell) => cell.claims.some((c) => claimMatches(matrix, c, text)))) return false;
  return true;
}

const statusRank = (s: ClaimStatus): number => CLAIM_STATUSES.indexOf(s);

/** Orders rows by key; by number of sources, most first; or by status, most telling first (then by key). */
export function compareRows(sort: MatrixSort): (a: MatrixRow, b: MatrixRow) => number {
  const byKey = (a: MatrixRow, b: MatrixRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (sort === 'sources') return (a, b) => b.cells.length - a.cells.length || byKey(a, b);
  if (sort === 'status') return (a, b) => statusRank(a.status) - statusRank(b.status) || byKey(a, b);
  return byKey;
}

/**
 * The view of `matrix` under `filters`: the kept rows in sort order, grouped by their group (groups in the order of
 * their first row), each group under a heading; and the columns: the sources with a cell in a kept row, in the
 * matrix's order.
 */
export function matrixView(matrix: ClaimsMatrix, filters: MatrixFilters): MatrixView {
  const kept = matrix.rows.map((row, index) => ({ row, index })).filter(({ row }) => rowMatches(matrix, row, filters));
  const compare = compareRows(filters.sort);
  kept.sort((a, b) => compare(a.row, b.row));
  const groups = new Map<string, Array<{ row: MatrixRow; index: number }>>();
  for (const entry of kept) {
    const list = groups.get(entry.row.group);
    if (list) list.push(entry);
    else groups.set(entry.row.group, [entry]);
  }
  const rows: DisplayRow[] = [];
  for (const [group, entries] of groups) {
    rows.push({ kind: 'group', group, keys: entries.length });
    for (const { row, index } of entries) rows.push({ kind: 'key', row, index });
  }
  const used = new Uint8Array(matrix.sources.length);
  for (const { row } of kept) for (const cell of row.cells) used[cell.source] = 1;
  const columns: number[] = [];
  for (let i = 0; i < used.length; i++) if (used[i]) columns.push(i);
  return { rows, columns, keys: kept.length };
}

/** A window of items `[start, end)` of a list laid out at a fixed size. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The items of a list of `count` items of `size` pixels that a viewport of `extent` pixels scrolled by `offset`
 * shows, with `overscan` more on each side (clamped to the list).
 */
export function visibleSpan(offset: number, extent: number, size: number, count: number, overscan = 2): Span {
  if (count <= 0 || size <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, offset) / size);
  const last = Math.ceil((Math.max(0, offset) + Math.max(0, extent)) / size);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, last + overscan));
  return { start, end };
}

/** The offset that brings item `index` (of `size` pixels) into a viewport of `extent` pixels now at `offset`. */
export function scrollToShow(index: number, size: number, offset: number, extent: number): number {
  const top = index * size;
  if (top < offset) return top;
  if (top + size > offset + extent) return Math.max(0, top + size - extent);
  return offset;
}

/** The first cell of `row.cells` at or after source index `source` (cells are in source order). */
export function firstCellAtOrAfter(cells: readonly MatrixCell[], source: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cells[mid]!.source < source) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cell of `row` in source column `source`, if it has one. */
export function cellAt(row: MatrixRow, source: number): MatrixCell | undefined {
  const cell = row.cells[firstCellAtOrAfter(row.cells, source)];
  return cell?.source === source ? cell : undefined;
}

/** A claim as a cell shows it: its value, and its as-of in parentheses. */
export function claimLabel(c: MatrixClaim): string {
  return c.asOf !== undefined ? `${c.value} (${c.asOf})` : c.value;
}

/** A cell as text: its claims' labels, each once, separated by `; `. */
export function cellText(cell: MatrixCell): string {
  return [...new Set(cell.claims.map(claimLabel))].join('; ');
}

/** A source's column heading: its title (else its id), outlet and date. */
export function sourceLabel(s: MatrixSource): string {
  const extra = [s.outlet, s.published].filter((x): x is string => x !== undefined && x !== '');
  return extra.length > 0 ? `${s.title ?? s.id} (${extra.join(', ')})` : (s.title ?? s.id);
}

/** One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * What the view shows as CSV (RFC 4180: CRLF line ends, quoted fields): a heading line (group, key, description,
 * then each column's source), then a line per key row with each cell's text (empty where the source says nothing).
 */
export function matrixCsv(matrix: ClaimsMatrix, view: MatrixView): string {
  const lines: string[] = [];
  const heading = ['group', 'key', 'description', ...view.columns.map((i) => sourceLabel(matrix.sources[i]!))];
  lines.push(heading.map(csvField).join(','));
  for (const line of view.rows) {
    if (line.kind !== 'key') continue;
    const { row } = line;
    const fields = [row.group, row.key, row.description ?? ''];
    for (const source of view.columns) {
      const cell = cellAt(row, source);
      fields.push(cell ? cellText(cell) : '');
    }
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Reads a saved state, keeping only well-formed parts (a state from an older version may lack some). */
export function readState(saved: unknown): MatrixViewState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<MatrixViewState>;
  const f = (typeof s.filters === 'object' && s.filters !== null ? s.filters : {}) as Partial<MatrixFilters>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const status = CLAIM_STATUSES.find((x) => x === f.status) ?? '';
  const sort = (['key', 'sources', 'status'] as const).find((x) => x === f.sort) ?? 'key';
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
  const focus = s.focus && typeof s.focus.key === 'string' ? s.focus : undefined;
  return {
    filters: {
      actor: str(f.actor),
      key: str(f.key),
      status,
      text: str(f.text),
      sort,
      conflictsOnly: f.conflictsOnly === true,
    },
    scrollTop: num(s.scrollTop),
    scrollLeft: num(s.scrollLeft),
    ...(focus && { focus }),
  };
}
