/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The claims matrix webview's script (bundled into dist/matrix.js): a
 * toolbar of filters, a virtualised grid (only the rows and columns in view
 * are in the DOM), and a detail pane for the cell under the pointer or the
 * keyboard focus. The extension side (client/src/matrixPanel.ts) sends the
 * matrix; this script sends back the cells to open and the CSV to save. The
 * logic it draws from is pure and tested (client/src/matrixModel.ts).
 */

import {
  actorName,
  decodeMatrix,
  type WireMatrix,
  type ClaimsMatrix,
  type MatrixCell,
  type MatrixClaimDetail,
  type MatrixRow,
} from '../../common/matrix';
import { CLAIM_STATUSES, type ClaimStatus } from '../../common/rendering';
import {
  cellAt,
  cellText,
  firstCellAtOrAfter,
  matrixCsv,
  matrixView,
  readState,
  scrollToShow,
  visibleSpan,
  type DisplayRow,
  type FromWebview,
  type MatrixFilters,
  type MatrixView,
  type MatrixViewState,
  type ToWebview,
} from '../src/matrixModel';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: MatrixViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Sizes in CSS pixels (the grid is laid out at fixed sizes, so that a scroll offset gives the window directly). */
const ROW_H = 30;
const COL_W = 150;
const KEY_W = 250;
const HEAD_H = 58;

const STATUS_LABEL: Record<ClaimStatus, string> = {
  conflicting: 'conflicting',
  corroborated: 'corroborated',
  unsourced: 'unsourced',
  anonymous: 'anonymous only',
  'single-source': 'one source only',
};
/** A glyph per status, so that the status reads without colour. */
const STATUS_MARK: Record<ClaimStatus, string> = {
  conflicting: '≠',
  corroborated: '✓',
  unsourced: '?',
  anonymous: '◌',
  'single-source': '·',
};

const vscode = acquireVsCodeApi();
const state: MatrixViewState = readState(vscode.getState());

let matrix: ClaimsMatrix | undefined;
let view: MatrixView = { rows: [], columns: [], keys: 0 };
/** The focused cell: a line of the view and a column (position in `view.columns`). */
let focus = { row: 0, col: 0 };
let highlighted: string | undefined;
let restoredScroll = false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

// ---- the page -------------------------------------------------------------

const root = document.getElementById('root') ?? document.body;
const actorSelect = el('select', { id: 'f-actor', 'aria-label': 'Actor (by or about)' });
const keyInput = el('input', { id: 'f-key', type: 'search', placeholder: 'Key…', 'aria-label': 'Key contains' });
const statusSelect = el('select', { id: 'f-status', 'aria-label': 'Status' });
const textInput = el('input', {
  id: 'f-text',
  type: 'search',
  placeholder: 'Values, quotes…',
  'aria-label': 'Text in values, quotations or actors',
});
const sortSelect = el('select', { id: 'f-sort', 'aria-label': 'Sort rows by' });
const conflictsBox = el('input', { id: 'f-conflicts', type: 'checkbox' });
const exportButton = el('button', { id: 'export', type: 'button' }, 'Export as CSV');
const summary = el('span', { id: 'summary', class: 'summary', role: 'status' }, 'Asking the language server…');
const grid = el('div', {
  id: 'grid',
  class: 'grid',
  role: 'grid',
  tabindex: '0',
  'aria-label': 'Claims matrix: claim keys down, sources across',
});
const canvas = el('div', { class: 'canvas' });
const detail = el('div', { id: 'detail', class: 'detail', 'aria-live': 'polite' });

function buildPage(): void {
  statusSelect.append(el('option', { value: '' }, 'Any status'));
  for (const s of CLAIM_STATUSES) statusSelect.append(el('option', { value: s }, STATUS_LABEL[s]));
  sortSelect.append(
    el('option', { value: 'key' }, 'Sort: key'),
    el('option', { value: 'sources' }, 'Sort: number of sources'),
    el('option', { value: 'status' }, 'Sort: status'),
  );
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Filters' },
    actorSelect,
    keyInput,
    statusSelect,
    textInput,
    sortSelect,
    el('label', { class: 'toggle' }, conflictsBox, 'Conflicts only'),
    exportButton,
    summary,
  );
  grid.append(canvas);
  detail.append(
    el('p', { class: 'hint' }, 'Hover or focus a cell to see its quotation; click or press Enter to open it.'),
  );
  root.append(toolbar, grid, detail);
}

function fillActors(): void {
  const names = matrix?.actorNames ?? {};
  const ids = new Set<string>();
  for (const row of matrix?.rows ?? []) for (const a of row.actors) ids.add(a);
  const sorted = [...ids].sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b));
  actorSelect.replaceChildren(el('option', { value: '' }, 'Any actor'));
  for (const id of sorted) actorSelect.append(el('option', { value: id }, names[id] ? `${names[id]} (${id})` : id));
  if (state.filters.actor && !ids.has(state.filters.actor)) {
    actorSelect.append(el('option', { value: state.filters.actor }, `${state.filters.actor} (not in the matrix)`));
  }
}

function showFilters(f: MatrixFilters): void {
  actorSelect.value = f.actor;
  keyInput.value = f.key;
  statusSelect.value = f.status;
  textInput.value = f.text;
  sortSelect.value = f.sort;
  conflictsBox.checked = f.conflictsOnly;
}

function readFilters(): MatrixFilters {
  const status = CLAIM_STATUSES.find((s) => s === statusSelect.value) ?? '';
  const sort = sortSelect.value === 'sources' || sortSelect.value === 'status' ? sortSelect.value : 'key';
  return {
    actor: actorSelect.value,
    key: keyInput.value,
    status,
    text: textInput.value,
    sort,
    conflictsOnly: conflictsBox.checked,
  };
}

// ---- state ----------------------------------------------------------------

function focusedIds(): { key: string; source?: string } | undefined {
  const line = view.rows[focus.row];
  if (!line || line.kind !== 'key' || !matrix) return undefined;
  const column = view.columns[focus.col];
  const source = column === undefined ? undefined : matrix.sources[column]?.id;
  return source === undefined ? { key: line.row.key } : { key: line.row.key, source };
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    state.scrollTop = grid.scrollTop;
    state.scrollLeft = grid.scrollLeft;
    const f = focusedIds();
    if (f) state.focus = f;
    vscode.setState(state);
  }, 100);
}

/** Puts the focus back on the cell of `ids` in the current view, if it is still there. */
function refocus(ids: { key: string; source?: string } | undefined): void {
  if (!ids || !matrix) return;
  const row = view.rows.findIndex((l) => l.kind === 'key' && l.row.key === ids.key);
  if (row < 0) return;
  const sourceIndex = ids.source === undefined ? -1 : matrix.sources.findIndex((s) => s.id === ids.source);
  const col = view.columns.indexOf(sourceIndex);
  focus = { row, col: Math.max(0, col) };
}

// ---- drawing --------------------------------------------------------------

function place(e: HTMLElement, left: number, top: number, width: number, height: number): HTMLElement {
  e.style.left = `${left}px`;
  e.style.top = `${top}px`;
  e.style.width = `${width}px`;
  e.style.height = `${height}px`;
  return e;
}

function headerCell(col: number, left: number, top: number): HTMLElement {
  const source = matrix!.sources[view.columns[col]!]!;
  const meta = [source.outlet, source.published].filter(Boolean).join(' · ');
  const e = el(
    'div',
    { class: 'head', role: 'columnheader', title: `${source.title ?? source.id}\n${meta}\n${source.id}` },
    el('span', { class: 'title' }, source.title ?? source.id),
    el('span', { class: 'meta' }, meta || source.id),
  );
  return place(e, left, top, COL_W, HEAD_H);
}

function keyCell(line: DisplayRow, r: number, left: number, top: number): HTMLElement {
  if (line.kind === 'group') {
    const e = el(
      'div',
      { class: 'group', role: 'rowheader' },
      el('span', { class: 'name' }, line.group),
      el('span', { class: 'count' }, `${line.keys} ${line.keys === 1 ? 'key' : 'keys'}`),
    );
    return place(e, left, top, KEY_W, ROW_H);
  }
  const { row } = line;
  const e = el(
    'div',
    {
      class: `key status-${row.status}${row.key === highlighted ? ' highlighted' : ''}`,
      role: 'rowheader',
      'data-key': row.key,
      title: `${row.key}${row.description ? `\n${row.description}` : ''}\n${row.cells.length} sources · ${STATUS_LABEL[row.status]}`,
    },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, STATUS_MARK[row.status]),
    el('span', { class: 'name' }, row.key),
    el('span', { class: 'desc' }, row.description ?? ''),
  );
  if (r === focus.row) e.classList.add('focus-row');
  return place(e, left, top, KEY_W, ROW_H);
}

function tooltip(row: MatrixRow, cell: MatrixCell): string {
  const source = matrix!.sources[cell.source]!;
  const claims = cell.claims.map((c) => {
    const who = actorName(matrix!, c.by) ?? c.by ?? 'no source given';
    return `${c.value}${c.asOf ? ` (as of ${c.asOf})` : ''} — ${STATUS_LABEL[c.status]}\n“${c.quote}” — ${who}`;
  });
  return `${row.key} in ${source.title ?? source.id}\n${claims.join('\n')}`;
}

function bodyCell(row: MatrixRow, cell: MatrixCell | undefined, r: number, c: number): HTMLElement {
  const e = el('div', { role: 'gridcell', id: `cell-${r}-${c}`, 'data-r': String(r), 'data-c': String(c) });
  if (cell) {
    e.className = `cell status-${cell.status}`;
    e.setAttribute('data-key', row.key);
    e.setAttribute('data-source', matrix!.sources[cell.source]!.id);
    e.setAttribute('data-status', cell.status);
    e.append(
      el('span', { class: 'mark', 'aria-hidden': 'true' }, STATUS_MARK[cell.status]),
      el('span', { class: 'text' }, cellText(cell)),
    );
  } else {
    e.className = 'cell empty';
  }
  if (r === focus.row && c === focus.col) e.classList.add('focused');
  if (row.key === highlighted) e.classList.add('highlighted');
  return e;
}

/** The body cells of one key row, within the column window (binary search: a row may have thousands of cells). */
function rowCells(row: MatrixRow, r: number, cols: { start: number; end: number }, top: number, out: Node[]): void {
  const first = view.columns[cols.start];
  let at = first === undefined ? row.cells.length : firstCellAtOrAfter(row.cells, first);
  for (let c = cols.start; c < cols.end; c++) {
    const source = view.columns[c]!;
    while (at < row.cells.length && row.cells[at]!.source < source) at++;
    const cell = row.cells[at]?.source === source ? row.cells[at] : undefined;
    out.push(place(bodyCell(row, cell, r, c), KEY_W + c * COL_W, top, COL_W, ROW_H));
  }
}

/** Draws the rows and columns in view (and a few around them); called on every scroll, resize and new view. */
function draw(): void {
  const width = KEY_W + view.columns.length * COL_W;
  const height = HEAD_H + view.rows.length * ROW_H;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const { scrollTop, scrollLeft, clientWidth, clientHeight } = grid;
  const rows = visibleSpan(scrollTop, clientHeight - HEAD_H, ROW_H, view.rows.length);
  const cols = visibleSpan(scrollLeft, clientWidth - KEY_W, COL_W, view.columns.length);
  const out: Node[] = [];
  for (let r = rows.start; r < rows.end; r++) {
    const line = view.rows[r]!;
    const top = HEAD_H + r * ROW_H;
    if (line.kind === 'group') {
      const band = el('div', { class: 'group-band', role: 'presentation' });
      out.push(place(band, KEY_W, top, view.columns.length * COL_W, ROW_H));
    } else rowCells(line.row, r, cols, top, out);
  }
  // Row headings stick to the left, column headings to the top, the corner to both.
  for (let r = rows.start; r < rows.end; r++) out.push(keyCell(view.rows[r]!, r, scrollLeft, HEAD_H + r * ROW_H));
  for (let c = cols.start; c < cols.end; c++) out.push(headerCell(c, KEY_W + c * COL_W, scrollTop));
  const corner = el('div', { class: 'corner' }, `${view.keys} keys × ${view.columns.length} sources`);
  out.push(place(corner, scrollLeft, scrollTop, KEY_W, HEAD_H));
  canvas.replaceChildren(...out);
  const active = document.getElementById(`cell-${focus.row}-${focus.col}`);
  if (active) grid.setAttribute('aria-activedescendant', active.id);
  else grid.removeAttribute('aria-activedescendant');
}

// ---- the detail pane ------------------------------------------------------

/**
 * Cells' details (where their claims are, who corroborates or contradicts them), asked of the extension as cells are
 * shown in the pane, by key and source URI; dropped with each new matrix.
 */
const details = new Map<string, MatrixClaimDetail[]>();
const asked = new Set<string>();
/** The cell the pane shows. */
let shown: { r: number; c: number } | undefined;

const detailKey = (key: string, uri: string): string => `${key}\n${uri}`;

function showDetail(r: number, c: number): void {
  const line = view.rows[r];
  const source = view.columns[c];
  if (!line || line.kind !== 'key' || source === undefined || !matrix) return;
  shown = { r, c };
  const cell = cellAt(line.row, source);
  const src = matrix.sources[source]!;
  const meta = [src.outlet, src.published].filter(Boolean).join(' · ');
  const head = el(
    'div',
    { class: 'detail-head' },
    el('strong', {}, line.row.key),
    ` in ${src.title ?? src.id}${meta ? ` (${meta})` : ''}`,
  );
  if (!cell) {
    detail.replaceChildren(head, el('p', { class: 'hint' }, 'This source says nothing of this key.'));
    return;
  }
  const id = detailKey(line.row.key, src.uri);
  const more = details.get(id);
  if (!more && !asked.has(id)) {
    asked.add(id);
    vscode.postMessage({ type: 'detail', key: line.row.key, uri: src.uri });
  }
  const items = cell.claims.map((claim) => {
    const name = actorName(matrix!, claim.by);
    const who = name ? `${name} (${claim.by})` : (claim.by ?? 'no source given');
    const full = more?.find((d) => d.start === claim.start);
    const links = full
      ? [
          full.corroboratedBy.length > 0 ? `corroborated by ${full.corroboratedBy.join(', ')}` : '',
          full.conflictsWith.length > 0 ? `contradicted by ${full.conflictsWith.join(', ')}` : '',
        ].filter(Boolean)
      : [];
    return el(
      'div',
      { class: `claim status-${claim.status}` },
      el(
        'div',
        {},
        el('span', { class: 'value' }, claim.value),
        claim.asOf ? ` as of ${claim.asOf}` : '',
        ` — ${STATUS_LABEL[claim.status]}`,
      ),
      el('blockquote', {}, claim.quote),
      el('div', { class: 'who' }, `asserted by ${who}${links.length > 0 ? `; ${links.join('; ')}` : ''}`),
    );
  });
  detail.replaceChildren(head, ...items);
}

// ---- behaviour ------------------------------------------------------------

function rebuild(keepFocus: { key: string; source?: string } | undefined): void {
  if (!matrix) return;
  view = matrixView(matrix, state.filters);
  focus = {
    row: Math.min(focus.row, Math.max(0, view.rows.length - 1)),
    col: Math.min(focus.col, Math.max(0, view.columns.length - 1)),
  };
  refocus(keepFocus);
  const sources = view.columns.length;
  summary.textContent =
    `${view.keys} of ${matrix.rows.length} keys · ${sources} of ${matrix.sources.length} sources` +
    (view.keys === 0 ? ' — no key matches the filters' : '');
  draw();
  report();
}

/** Tells the extension what the view shows (its tests read it). */
function report(): void {
  const keys = view.rows.flatMap((l) => (l.kind === 'key' ? [l.row.key] : []));
  const columns = view.columns.map((i) => matrix!.sources[i]!.id);
  const f = focusedIds();
  vscode.postMessage({
    type: 'rendered',
    keys,
    columns,
    ...(f && { focus: f }),
    ...(highlighted !== undefined && { highlighted }),
  });
}

function onFilter(): void {
  state.filters = readFilters();
  const f = focusedIds();
  rebuild(f);
  saveState();
}

/** Whether the focus was moved by the user (click, keys, code lens): the view then keeps it in sight. */
let focusShown = false;

function keepFocusInView(): void {
  grid.scrollTop = scrollToShow(focus.row, ROW_H, grid.scrollTop, grid.clientHeight - HEAD_H);
  grid.scrollLeft = scrollToShow(focus.col, COL_W, grid.scrollLeft, grid.clientWidth - KEY_W);
}

/** Moves the focus to (r, c), scrolling it into view (below the headings, right of the row headings). */
function moveFocus(r: number, c: number): void {
  focus = {
    row: Math.max(0, Math.min(view.rows.length - 1, r)),
    col: Math.max(0, Math.min(view.columns.length - 1, c)),
  };
  focusShown = true;
  keepFocusInView();
  draw();
  showDetail(focus.row, focus.col);
  saveState();
}

function open(r: number, c: number): void {
  const line = view.rows[r];
  const source = view.columns[c];
  if (!line || line.kind !== 'key' || source === undefined || !matrix) return;
  const cell = cellAt(line.row, source);
  const claim = cell?.claims[0];
  if (!claim) return;
  vscode.postMessage({ type: 'open', uri: matrix.sources[source]!.uri, key: line.row.key, start: claim.start });
}

function onKey(e: KeyboardEvent): void {
  const page = Math.max(1, Math.floor((grid.clientHeight - HEAD_H) / ROW_H) - 1);
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    PageUp: [-page, 0],
    PageDown: [page, 0],
  };
  const move = moves[e.key];
  if (move) moveFocus(focus.row + move[0], focus.col + move[1]);
  else if (e.key === 'Home') moveFocus(e.ctrlKey ? 0 : focus.row, 0);
  else if (e.key === 'End') moveFocus(e.ctrlKey ? view.rows.length - 1 : focus.row, view.columns.length - 1);
  else if (e.key === 'Enter' || e.key === ' ') open(focus.row, focus.col);
  else return;
  e.preventDefault();
}

function cellOf(target: EventTarget | null): { r: number; c: number } | undefined {
  const e = target instanceof Element ? target.closest('[data-r]') : null;
  if (!e) return undefined;
  return { r: Number(e.getAttribute('data-r')), c: Number(e.getAttribute('data-c')) };
}

/** Scrolls to the row of `key` and highlights it (the code lens's "Claims matrix"); clears filters that hide it. */
function reveal(key: string): void {
  if (!matrix) return;
  if (!view.rows.some((l) => l.kind === 'key' && l.row.key === key)) {
    state.filters = { ...state.filters, actor: '', key: '', status: '', text: '', conflictsOnly: false };
    showFilters(state.filters);
  }
  rebuild(undefined);
  // Highlighted only now: the report of the rebuild above must not announce the key with the old focus.
  highlighted = key;
  const r = view.rows.findIndex((l) => l.kind === 'key' && l.row.key === key);
  if (r < 0) {
    detail.replaceChildren(el('p', { class: 'hint' }, `No source claims ${key} with a value yet.`));
    return;
  }
  const line = view.rows[r] as Extract<DisplayRow, { kind: 'key' }>;
  const first = line.row.cells[0];
  const c = first ? Math.max(0, view.columns.indexOf(first.source)) : 0;
  grid.scrollTop = Math.max(0, r * ROW_H - (grid.clientHeight - HEAD_H) / 3);
  moveFocus(r, c);
  grid.focus();
  report();
}

function receive(message: ToWebview): void {
  if (message.type === 'matrix') {
    const keep = matrix ? focusedIds() : state.focus;
    matrix = decodeMatrix(JSON.parse(message.json) as WireMatrix);
    details.clear();
    asked.clear();
    fillActors();
    showFilters(state.filters);
    rebuild(keep);
    if (focusShown) showDetail(focus.row, focus.col);
    if (!restoredScroll) {
      restoredScroll = true;
      grid.scrollTop = state.scrollTop;
      grid.scrollLeft = state.scrollLeft;
      draw();
    }
  } else if (message.type === 'detail') {
    details.set(detailKey(message.key, message.uri), message.claims);
    if (shown) showDetail(shown.r, shown.c);
  } else if (message.type === 'reveal') reveal(message.key);
  else detail.replaceChildren(el('p', { class: 'error' }, message.message));
}

function wire(): void {
  for (const input of [actorSelect, statusSelect, sortSelect, conflictsBox]) input.addEventListener('change', onFilter);
  for (const input of [keyInput, textInput]) input.addEventListener('input', onFilter);
  exportButton.addEventListener('click', () => {
    if (matrix) vscode.postMessage({ type: 'export', csv: matrixCsv(matrix, view) });
  });
  grid.addEventListener('scroll', () => {
    draw();
    saveState();
  });
  grid.addEventListener('keydown', onKey);
  canvas.addEventListener('mouseover', (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    showDetail(at.r, at.c);
    // The tooltip is written when first pointed at, not on every draw.
    const target = (e.target as Element).closest('[data-r]');
    const line = view.rows[at.r];
    const source = view.columns[at.c];
    if (target instanceof HTMLElement && !target.title && line?.kind === 'key' && source !== undefined) {
      const cell = cellAt(line.row, source);
      if (cell) target.title = tooltip(line.row, cell);
    }
  });
  canvas.addEventListener('click', (e) => {
    const at = cellOf(e.target);
    if (!at) return;
    moveFocus(at.r, at.c);
    open(at.r, at.c);
  });
  // A narrower panel (an editor opened beside it) keeps the focused cell in view.
  new ResizeObserver(() => {
    if (focusShown) keepFocusInView();
    draw();
  }).observe(grid);
  window.addEventListener('message', (e: MessageEvent<ToWebview>) => receive(e.data));
}

buildPage();
showFilters(state.filters);
wire();
vscode.postMessage({ type: 'ready' });

/** For a page that measures the first render (bench/matrixRender): the number of cells in the DOM. */
(window as unknown as { corroborateMatrix: { cells(): number } }).corroborateMatrix = {
  cells: () => canvas.querySelectorAll('[role=gridcell]').length,
};
