/**
 * The report (`corroborate report`, `corroborate/report`): one self-contained
 * HTML page that anyone can open offline. An overview (counts), the claims ×
 * sources matrix (features/matrix.ts) with cells tinted by status, the
 * conflicts and the unsourced claims with their quotations, and every article
 * rendered with its annotations: render.ts's spans (the preview's renderer),
 * then markdown-it (markdown.ts, which lets those spans through and escapes
 * any other HTML). Links go to anchors in the page: `a<n>` an article,
 * `a<n>-<line>-<character>` a claim (1-based line, UTF-16 character).
 *
 * Pure: the annotations' stylesheet (client/media/preview.css) comes in as a
 * string, and a URI is shown as the edge says (`fileOf`). The page is
 * produced as a sequence of chunks, one per section and one per article, so
 * that a large report is written as it is built. Articles are collapsed
 * (`<details>`) beyond {@link OPEN_ARTICLES} sources, so that a report of
 * 1,000 sources opens fast (docs/benchmarks.md); so are the conflicts, one block per key.
 */

import { actorName, type ClaimsMatrix, type MatrixClaim, type MatrixRow } from '../../../../../common/matrix';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../../../common/rendering';
import type { Position } from '../../base/types';
import type { Claim, SourceModel } from '../../model/source';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { claimStatus } from '../claimStatus';
import { claimsMatrix, sortedSources } from '../matrix';
import { escapeHtml as esc, indexedTags, renderSpans } from '../render';
import { REPORT_CSS, REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from './assets';
import { articleHtml } from './markdown';

/** Up to this many sources, the articles are shown open. */
export const OPEN_ARTICLES = 10;

/** The longest quotation put in a matrix cell's tooltip. */
const TOOLTIP_QUOTE = 200;

export interface ReportOptions {
  /** The annotations' stylesheet (client/media/preview.css), inlined as it is. */
  annotationCss: string;
  /** How a source's URI is shown (a path relative to the workspace); default: the URI's path. */
  fileOf?: (uri: string) => string;
  /** The page's title (default: "Corroborate report"). */
  title?: string;
}

/** The overview's figures. */
export interface ReportOverview {
  sources: number;
  /** Distinct actors mentioned (by `ref=`) in the sources. */
  actors: number;
  claims: number;
  /** Claim keys with a value (the matrix's rows). */
  keys: number;
  /** Keys on which sources contradict each other. */
  conflicts: number;
  /** Claims with the status `conflicting`. */
  conflictingClaims: number;
  /** Claims with no `by=`. */
  unsourced: number;
}

const STATUS_LABELS: Record<ClaimStatus, string> = {
  conflicting: 'conflicting',
  corroborated: 'corroborated',
  unsourced: 'unsourced',
  anonymous: 'anonymous source only',
  'single-source': 'one source only',
};

/** What the sections share. */
interface Context {
  index: WorkspaceIndex;
  matrix: ClaimsMatrix;
  /** Every source, in publication order (as the matrix's columns). */
  models: SourceModel[];
  /** URI → article number (its anchor is `a<n>`). */
  article: Map<string, number>;
  fileOf: (uri: string) => string;
}

function claimAnchor(n: number, at: Position): string {
  return `a${n}-${at.line + 1}-${at.character}`;
}

function defaultFileOf(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(uri);
  try {
    return decodeURIComponent(m ? m[1]! : uri);
  } catch {
    return uri;
  }
}

function context(index: WorkspaceIndex, options: ReportOptions): Context {
  const models = sortedSources(index.sourceUris().map((uri) => index.getSource(uri)!));
  return {
    index,
    matrix: claimsMatrix(index),
    models,
    article: new Map(models.map((m, n) => [m.uri, n])),
    fileOf: options.fileOf ?? defaultFileOf,
  };
}

/** The overview's figures, computed from the index and the matrix. */
export function reportOverview(index: WorkspaceIndex, matrix: ClaimsMatrix = claimsMatrix(index)): ReportOverview {
  const actors = new Set<string>();
  let claims = 0;
  let unsourced = 0;
  for (const uri of index.sourceUris()) {
    for (const m of index.mentionRefs(uri)) actors.add(m.actor);
    const model = index.getSource(uri)!;
    claims += model.claims.length;
    unsourced += model.claims.filter((c) => c.by === undefined).length;
  }
  let conflictingClaims = 0;
  for (const row of matrix.rows)
    for (const cell of row.cells) conflictingClaims += cell.claims.filter((c) => c.status === 'conflicting').length;
  return {
    sources: index.sourceUris().length,
    actors: actors.size,
    claims,
    keys: matrix.rows.length,
    conflicts: matrix.rows.filter((r) => r.status === 'conflicting').length,
    conflictingClaims,
    unsourced,
  };
}

function head(title: string, annotationCss: string): string {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${REPORT_SCRIPT_SHA256}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  // A stylesheet that says `</style` would end the element: break the sequence (CSS has no use for it).
  const css = (annotationCss + '\n' + REPORT_CSS).replace(/<\/(style)/gi, '<\\/$1');
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="Corroborate">\n<title>${esc(title)}</title>\n<style>${css}</style>\n</head>\n<body>\n`
  );
}

function overviewSection(title: string, o: ReportOverview): string {
  const figures: Array<[keyof ReportOverview, string]> = [
    ['sources', 'Sources'],
    ['actors', 'Actors'],
    ['claims', 'Claims'],
    ['keys', 'Claim keys'],
    ['conflicts', 'Keys in conflict'],
    ['conflictingClaims', 'Conflicting claims'],
    ['unsourced', 'Unsourced claims'],
  ];
  const counts = figures.map(([k, label]) => `<div><dt>${label}</dt><dd data-count="${k}">${o[k]}</dd></div>`).join('');
  return (
    `<header><h1>${esc(title)}</h1>\n<nav class="toc"><a href="#overview">Overview</a><a href="#matrix">Matrix</a>` +
    `<a href="#conflicts">Conflicts</a><a href="#unsourced">Unsourced claims</a><a href="#articles">Articles</a></nav></header>\n` +
    `<section id="overview"><h2>Overview</h2><dl class="counts">${counts}</dl></section>\n`
  );
}

function legend(): string {
  const items = CLAIM_STATUSES.map(
    (s) => `<li class="corroborate-claim-${s}"><span class="swatch"></span>${STATUS_LABELS[s]}</li>`,
  );
  return `<ul class="legend" aria-label="Cell colours">${items.join('')}</ul>`;
}

function sourceLabel(m: { id: string; title?: string; outlet?: string; published?: string }): string {
  return [m.title ?? m.id, m.outlet, m.published].filter((x) => x !== undefined).join(' · ');
}

function cellTooltip(claims: readonly MatrixClaim[], matrix: ClaimsMatrix): string {
  return claims
    .map((c) => {
      const quote = c.quote.length > TOOLTIP_QUOTE ? `${c.quote.slice(0, TOOLTIP_QUOTE - 1)}…` : c.quote;
      return `“${quote}” · ${actorName(matrix, c.by) ?? c.by ?? 'unsourced'} · ${STATUS_LABELS[c.status]}`;
    })
    .join('\n');
}

function cellValue(c: MatrixClaim): string {
  return `${esc(c.value || '(no value)')}${c.asOf !== undefined ? ` <small>as of ${esc(c.asOf)}</small>` : ''}`;
}

function matrixRowHtml(ctx: Context, row: MatrixRow): string {
  const columns = ctx.matrix.sources.length;
  let html = `<tr data-status="${row.status}" data-key="${esc(row.key)}"><th scope="row" class="key"${row.description ? ` title="${esc(row.description)}"` : ''}>${esc(row.key)}</th>`;
  let col = 0;
  const gap = (to: number): void => {
    // Runs of empty cells are one cell: a 1,000-source matrix stays a few thousand cells.
    if (to > col) html += `<td${to - col > 1 ? ` colspan="${to - col}"` : ''}></td>`;
  };
  for (const cell of row.cells) {
    gap(cell.source);
    const n = ctx.article.get(ctx.matrix.sources[cell.source]!.uri)!;
    const lines = ctx.models[n]!.lines;
    const links = cell.claims.map((c) => `<a href="#${claimAnchor(n, lines.positionAt(c.start))}">${cellValue(c)}</a>`);
    html += `<td class="cell corroborate-claim-${cell.status}" data-source="${cell.source}" title="${esc(cellTooltip(cell.claims, ctx.matrix))}">${links.join('<br>')}</td>`;
    col = cell.source + 1;
  }
  gap(columns);
  return html + '</tr>\n';
}

function* matrixSection(ctx: Context): Generator<string> {
  const { matrix } = ctx;
  yield `<section id="matrix"><h2>Claims × sources</h2>\n`;
  if (matrix.rows.length === 0) {
    yield `<p class="muted">No claim has a key and a value yet.</p></section>\n`;
    return;
  }
  yield legend();
  yield (
    `<div class="controls" hidden><label><input type="checkbox" id="conflicts-only"> Conflicts only</label>` +
    `<input type="search" id="filter" placeholder="Filter: key, value or source" aria-label="Filter the matrix"></div>\n`
  );
  let html = `<div class="matrix-wrap"><table class="matrix"><thead><tr><th scope="col" class="key">Claim key</th>`;
  for (const s of matrix.sources) {
    const n = ctx.article.get(s.uri)!;
    html += `<th scope="col" class="src" title="${esc(sourceLabel(s))}"><a href="#a${n}">${esc(s.id)}</a></th>`;
  }
  yield html + '</tr></thead>\n';
  let group: string | undefined;
  for (const row of matrix.rows) {
    if (row.group !== group) {
      yield `${group === undefined ? '' : '</tbody>'}<tbody><tr class="group-head"><th scope="rowgroup" colspan="${matrix.sources.length + 1}">${esc(row.group)}</th></tr>\n`;
      group = row.group;
    }
    yield matrixRowHtml(ctx, row);
  }
  yield `</tbody></table></div></section>\n`;
}

/** One claim in a list: its value, its source and who says it, the quotation, and where it is. */
function claimItem(ctx: Context, uri: string, c: MatrixClaim, key?: string): string {
  const n = ctx.article.get(uri)!;
  const model = ctx.models[n]!;
  const at = model.lines.positionAt(c.start);
  const anchor = claimAnchor(n, at);
  const value = key !== undefined ? `${esc(key)} = ` : '';
  const who = c.by === undefined ? 'unsourced' : `by ${esc(actorName(ctx.matrix, c.by) ?? c.by)}`;
  return (
    `<li class="corroborate-claim-${c.status}"><span class="value">${value}${cellValue(c)}</span> · ` +
    `<a href="#a${n}">${esc(sourceLabel({ id: model.id, ...model.meta }))}</a> · ${who}<br>` +
    `<q>${esc(c.quote)}</q> <a class="loc" href="#${anchor}">${esc(ctx.fileOf(uri))}:${at.line + 1}</a></li>`
  );
}

/** A conflict's values, most sources first: `5% of GDP (2 sources) · 2% of GDP (1 source)`. */
function valuesSummary(row: MatrixRow): string {
  const sources = new Map<string, Set<number>>();
  for (const cell of row.cells)
    for (const c of cell.claims) {
      const set = sources.get(c.value) ?? new Set<number>();
      set.add(cell.source);
      sources.set(c.value, set);
    }
  return [...sources]
    .sort((a, b) => b[1].size - a[1].size)
    .map(([value, set]) => `${esc(value || '(no value)')} (${set.size} source${set.size === 1 ? '' : 's'})`)
    .join(' · ');
}

function conflictsSection(ctx: Context, open: boolean): string {
  const rows = ctx.matrix.rows.filter((r) => r.status === 'conflicting');
  let html = `<section id="conflicts"><h2>Conflicts (${rows.length})</h2>\n`;
  if (rows.length === 0) html += `<p class="muted">No source contradicts another.</p>\n`;
  for (const row of rows) {
    // One collapsible block per key: a large report opens with only their summaries laid out.
    html += `<details class="conflict" id="k-${esc(row.key.replace(/[^A-Za-z0-9_-]/g, '_'))}"${open ? ' open' : ''}>`;
    html += `<summary><span class="value">${esc(row.key)}</span>: <span class="report-meta">${valuesSummary(row)}</span></summary>`;
    if (row.description) html += `<p class="muted">${esc(row.description)}</p>`;
    html += '<ul class="claims">';
    for (const cell of row.cells) {
      const uri = ctx.matrix.sources[cell.source]!.uri;
      for (const c of cell.claims) html += claimItem(ctx, uri, c);
    }
    html += '</ul></details>\n';
  }
  return html + '</section>\n';
}

function matrixClaimOf(ctx: Context, model: SourceModel, claim: Claim): MatrixClaim {
  const ref = claim.key !== undefined && claim.value !== undefined ? ctx.index.claimRef(model.uri, claim) : undefined;
  return {
    value: claim.value ?? '',
    ...(claim.asOf !== undefined && { asOf: claim.asOf }),
    ...(claim.by !== undefined && { by: claim.by }),
    status: claimStatus(claim, ref ? ctx.index.corroborationCounts(ref) : undefined),
    quote: claim.text,
    start: claim.start,
  };
}

function unsourcedSection(ctx: Context, count: number): string {
  let html = `<section id="unsourced"><h2>Unsourced claims (${count})</h2>\n`;
  if (count === 0) return html + `<p class="muted">Every claim says who makes it.</p></section>\n`;
  html += '<ul class="claims">';
  for (const model of ctx.models) {
    for (const claim of model.claims) {
      if (claim.by !== undefined) continue;
      html += claimItem(ctx, model.uri, matrixClaimOf(ctx, model, claim), claim.key ?? '(no key)');
    }
  }
  return html + '</ul></section>\n';
}

function articleSection(ctx: Context, model: SourceModel, n: number, open: boolean): string {
  const text = model.text;
  const parsed = model.parsed;
  const tags = indexedTags(ctx.index, model, (claim) => claimAnchor(n, model.lines.positionAt(claim.start)));
  // The front matter holds no span, so the rendered text starts with it unchanged.
  const markdown = renderSpans(text, parsed, tags).slice(parsed.bodyStart);
  const { title, outlet, published, author, url } = model.meta;
  const meta = [outlet, author, published].filter((x) => x !== undefined).map(esc);
  meta.push(`<code>${esc(ctx.fileOf(model.uri))}</code>`);
  meta.push(`${model.claims.length} claim${model.claims.length === 1 ? '' : 's'}`);
  const link = url !== undefined ? `<p class="report-meta">Original: <a href="${esc(url)}">${esc(url)}</a></p>` : '';
  return (
    `<details class="article" id="a${n}"${open ? ' open' : ''}><summary><span class="title">${esc(title ?? model.id)}</span> ` +
    `<span class="report-meta">${meta.join(' · ')}</span></summary>\n<div class="article-body">${link}\n` +
    `${articleHtml(markdown)}</div></details>\n`
  );
}

/** The report, in chunks: the head and the sections, then one chunk per article. */
export function* reportChunks(index: WorkspaceIndex, options: ReportOptions): Generator<string> {
  const ctx = context(index, options);
  const title = options.title ?? 'Corroborate report';
  const overview = reportOverview(index, ctx.matrix);
  yield head(title, options.annotationCss);
  yield overviewSection(title, overview);
  yield* matrixSection(ctx);
  const open = ctx.models.length <= OPEN_ARTICLES;
  yield conflictsSection(ctx, open);
  yield unsourcedSection(ctx, overview.unsourced);
  yield `<section id="articles"><h2>Articles (${ctx.models.length})</h2>\n`;
  for (const [n, model] of ctx.models.entries()) yield articleSection(ctx, model, n, open);
  yield `</section>\n<script>${REPORT_SCRIPT}</script>\n</body>\n</html>\n`;
}

/** The report as one string. */
export function reportHtml(index: WorkspaceIndex, options: ReportOptions): string {
  return [...reportChunks(index, options)].join('');
}
