/**
 * The claims × sources matrix: every claim key down the side, every source
 * across the top (in publication order), and in each cell what that source
 * asserts about that key, with its status. The matrix view and
 * `corroborate report` draw it; its data shape is in common/matrix.ts.
 *
 * Cost, at 10,000 sources and 50,000 claims (docs/benchmarks.md): one pass
 * over the claims of every key, with one status per claim from the sizes of
 * its corroboration lists (O(1) for a claim without disputes links), never
 * the lists themselves, nor its range: what a cell's details add (where its
 * claims are, who corroborates or contradicts them) is computed for one cell
 * when the view asks ({@link matrixCell}). What the server sends is written
 * in steps ({@link MatrixJsonWriter}), so that it can interleave the work
 * with other requests, and row by row, so that after an edit only the rows
 * of the keys the edited source claims are written again.
 */

import { finish } from '../base/steps';
import {
  encodeRow,
  type ClaimsMatrix,
  type MatrixCell,
  type MatrixClaim,
  type MatrixClaimDetail,
  type MatrixRow,
  type MatrixSource,
} from '../../../../common/matrix';
import type { Registry } from '../model/registry';
import type { SourceModel } from '../model/source';
import type { ClaimRef } from '../workspace/refs';
import type { WorkspaceIndex } from '../workspace/workspace';
import { refStatus, worseStatus } from './claimStatus';

/** How many source ids a claim lists as corroborating or conflicting. */
const MAX_IDS = 8;

/**
 * `models` in column order: publication date first (undated last), then source id, then URI (sorted by precomputed
 * keys: 10,000 sources take a few milliseconds).
 */
export function sortedSources(models: readonly SourceModel[]): SourceModel[] {
  const keyed = models.map((m) => ({ m, keys: [m.meta.published ?? '\uffff', m.id, m.uri] }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      if (a.keys[i]! < b.keys[i]!) return -1;
      if (a.keys[i]! > b.keys[i]!) return 1;
    }
    return 0;
  });
  return keyed.map((k) => k.m);
}

function sourceColumn(model: SourceModel): MatrixSource {
  const { title, outlet, published } = model.meta;
  return {
    id: model.id,
    uri: model.uri,
    ...(title !== undefined && { title }),
    ...(outlet !== undefined && { outlet }),
    ...(published !== undefined && { published }),
  };
}

function matrixClaim(index: WorkspaceIndex, ref: ClaimRef): MatrixClaim {
  const { claim } = ref;
  const reading = ref.reading.label;
  return {
    value: claim.value ?? '',
    ...(reading && reading !== claim.value && { reading }),
    ...(claim.asOf !== undefined && { asOf: claim.asOf }),
    ...(claim.by !== undefined && { by: claim.by }),
    status: refStatus(ref, index.corroborationCounts(ref)),
    quote: claim.text,
    start: claim.start,
  };
}

/** A claim with its details: where it is, and a few of the sources that corroborate or contradict it. */
function claimDetail(index: WorkspaceIndex, ref: ClaimRef): MatrixClaimDetail {
  const view = index.corroboration(ref);
  return {
    ...matrixClaim(index, ref),
    range: ref.model.lines.rangeAt(ref.claim.start, ref.claim.end),
    corroboratedBy: view.corroborating.sourceIds(MAX_IDS),
    conflictsWith: view.conflicting.values(MAX_IDS).flatMap((v) => v.ids),
  };
}

/** Actor ids named by a claim: its `by=`, and the actors mentioned inside it. */
function claimActors(index: WorkspaceIndex, ref: ClaimRef, into: Set<string>): void {
  const { model, claim } = ref;
  if (claim.by !== undefined && claim.by !== 'anonymous') into.add(claim.by);
  // A file's mentions are in order of their start (the parser sorts its spans so): from the first one in the claim.
  const mentions = index.mentionRefs(model.uri);
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mentions[mid]!.mention.start < claim.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < mentions.length && mentions[i]!.mention.start < claim.end; i++) {
    if (mentions[i]!.mention.end <= claim.end) into.add(mentions[i]!.actor);
  }
}

/** Actors' display names from `registry` (the one governing their source), remembered in `names`. */
function nameActors(registry: Registry | undefined, ids: Iterable<string>, names: Map<string, string>): void {
  for (const id of ids) {
    if (names.has(id)) continue;
    const def = registry?.actors.get(id);
    if (def) names.set(id, def.name);
  }
}

/** Claims of a row between two steps of {@link MatrixJsonWriter}: a few milliseconds of work. */
const STEP_CLAIMS = 500;

/** A key's row: its claims in source columns (undefined if no source of `column` claims it); yields every STEP_CLAIMS. */
function* matrixRow(
  index: WorkspaceIndex,
  key: string,
  column: Map<SourceModel, number>,
  names: Map<string, string>,
): Generator<void, MatrixRow | undefined> {
  // The row's claims are gathered first: an edit between two steps must not change the arrays walked here.
  // (By model, not URI: an object's identity hashes faster than a long string, for 50,000 claims.)
  const byModel = new Map<SourceModel, ClaimRef[]>();
  for (const refs of index.claimsOfKey(key).values()) {
    for (const ref of refs) {
      const list = byModel.get(ref.model);
      if (list) list.push(ref);
      else byModel.set(ref.model, [ref]);
    }
  }
  const byCell: MatrixCell[] = [];
  const actors = new Set<string>();
  let description: string | undefined;
  let done = 0;
  for (const [model, refs] of byModel) {
    const col = column.get(model);
    if (col === undefined) continue;
    refs.sort((a, b) => a.claim.start - b.claim.start);
    const registry = index.registryFor(model.uri);
    description ??= registry?.claimKeys.get(key)?.description;
    const cellActors = new Set<string>();
    for (const ref of refs) claimActors(index, ref, cellActors);
    nameActors(registry, cellActors, names);
    for (const a of cellActors) actors.add(a);
    const claims = refs.map((ref) => matrixClaim(index, ref));
    const status = claims.map((c) => c.status).reduce(worseStatus);
    byCell.push({ source: col, status, claims });
    done += refs.length;
    if (done >= STEP_CLAIMS) {
      done = 0;
      yield;
    }
  }
  if (byCell.length === 0) return undefined;
  const cells = byCell.sort((a, b) => a.source - b.source);
  const dot = key.indexOf('.');
  return {
    key,
    group: dot > 0 ? key.slice(0, dot) : key,
    ...(description !== undefined && { description }),
    status: cells.map((c) => c.status).reduce(worseStatus),
    actors: [...actors].sort(),
    cells,
  };
}

/** The sources with a claim, in column order, and each one's column. */
function columnsOf(index: WorkspaceIndex): { models: SourceModel[]; column: Map<SourceModel, number> } {
  const models = sortedSources(index.sourceUris().map((uri) => index.getSource(uri)!)).filter(
    (m) => m.claims.length > 0,
  );
  return { models, column: new Map(models.map((m, i) => [m, i])) };
}

/** The claims × sources matrix of the workspace (every source with a claim is a column). */
export function claimsMatrix(index: WorkspaceIndex): ClaimsMatrix {
  const { models, column } = columnsOf(index);
  const names = new Map<string, string>();
  const rows: MatrixRow[] = [];
  for (const key of [...index.claimKeys()].sort()) {
    const row = finish(matrixRow(index, key, column, names));
    if (row) rows.push(row);
  }
  return { sources: models.map(sourceColumn), rows, actorNames: Object.fromEntries(names) };
}

/** The claims of source `uri` about `key`, in detail, in the order of the source (empty if there are none). */
export function matrixCell(index: WorkspaceIndex, key: string, uri: string): MatrixClaimDetail[] {
  const model = index.getSource(uri);
  if (!model) return [];
  const refs: ClaimRef[] = [];
  for (const claim of model.claims) {
    if (claim.key !== key) continue;
    const ref = index.claimRef(uri, claim);
    if (ref) refs.push(ref);
  }
  return refs.map((ref) => claimDetail(index, ref));
}

/** Items of an array written between two steps of {@link matrixJsonSteps}. */
const STEP_JSON = 20_000;

/** Appends `items` to `parts` as a JSON array, yielding every STEP_JSON items. */
function* jsonArray(items: readonly unknown[], parts: string[]): Generator<void, void> {
  parts.push('[');
  for (let i = 0; i < items.length; i += STEP_JSON) {
    const chunk = JSON.stringify(items.slice(i, i + STEP_JSON));
    parts.push(i === 0 ? chunk.slice(1, -1) : `,${chunk.slice(1, -1)}`);
    yield;
  }
  parts.push(']');
}

/** A row's JSON text in the wire format, written in steps (the row of a key that half the sources claim is long). */
function* rowJson(row: MatrixRow): Generator<void, string> {
  const { cells, quotes, ...rest } = encodeRow(row);
  const parts = [`${JSON.stringify(rest).slice(0, -1)},"cells":`];
  yield* jsonArray(cells, parts);
  parts.push(',"quotes":');
  yield* jsonArray(quotes, parts);
  parts.push('}');
  return parts.join('');
}

/** A row as {@link MatrixJsonWriter} keeps it: its JSON text, and the names of the actors it names. */
interface WrittenRow {
  /** `WorkspaceIndex.keyRevision` of its key when it was built. */
  revision: number;
  /** Undefined when no column claims the key. */
  json: string | undefined;
  names: Array<[string, string]>;
}

/**
 * Writes the matrix as `corroborate/claimsMatrix` sends it: the JSON text of its wire format (common/matrix.ts), in
 * steps of a few milliseconds. It keeps each row's text with its key's revision (`WorkspaceIndex.keyRevision`) and
 * writes again only the rows whose claims may have changed, while the columns (the sources with a claim, in order)
 * stay the same: after an edit to one source, the rows of the keys it claims.
 */
export class MatrixJsonWriter {
  private columns = '';
  private readonly rows = new Map<string, WrittenRow>();

  *steps(index: WorkspaceIndex): Generator<void, string> {
    const start = index.revision;
    const { models, column } = columnsOf(index);
    // A row's cells name their columns by number: another set or order of columns makes every row new.
    const columns = models.map((m) => m.uri).join('\n');
    if (columns !== this.columns) {
      this.rows.clear();
      this.columns = columns;
    }
    const parts: string[] = ['{"format":1,"sources":'];
    yield* jsonArray(models.map(sourceColumn), parts);
    parts.push(',"rows":[');
    const keys = [...index.claimKeys()].sort();
    const names = new Map<string, string>();
    let written = 0;
    const built: string[] = [];
    for (const key of keys) {
      const revision = index.keyRevision(key);
      let row = this.rows.get(key);
      if (row?.revision !== revision) {
        const rowNames = new Map<string, string>();
        const made = yield* matrixRow(index, key, column, rowNames);
        row = { revision, json: made && (yield* rowJson(made)), names: [...rowNames] };
        this.rows.set(key, row);
        built.push(key);
      }
      // The first name of an actor in key order, as claimsMatrix gives it.
      for (const [id, name] of row.names) if (!names.has(id)) names.set(id, name);
      if (row.json !== undefined) parts.push(written++ === 0 ? row.json : `,${row.json}`);
    }
    // The index changed between two steps: the rows made since may have read sources that were replaced (the columns
    // are this pass's models), so none of them is kept.
    if (index.revision !== start) for (const key of built) this.rows.delete(key);
    if (this.rows.size > keys.length) {
      const present = new Set(keys);
      for (const key of [...this.rows.keys()]) if (!present.has(key)) this.rows.delete(key);
    }
    parts.push(`],"actorNames":${JSON.stringify(Object.fromEntries(names))}}`);
    return parts.join('');
  }
}
