/**
 * The claims × sources matrix: every claim key down the side, every source
 * across the top (in publication order), and in each cell what that source
 * asserts about that key, with its status. The matrix view and
 * `corroborate report` draw it; its data shape is in common/matrix.ts.
 *
 * Cost: one pass over the claims of every key, plus one corroboration
 * look-up per claim (the index caches the per-value summaries these read).
 * A workspace of 10,000 sources with 8 claims each builds in well under a
 * second (docs/benchmarks.md).
 */

import type { ClaimsMatrix, MatrixCell, MatrixClaim, MatrixRow, MatrixSource } from '../../../../common/matrix';
import type { SourceModel } from '../model/source';
import type { ClaimRef } from '../workspace/refs';
import type { WorkspaceIndex } from '../workspace/workspace';
import { refStatus, worseStatus } from './claimStatus';

/** How many source ids a claim lists as corroborating or conflicting. */
const MAX_IDS = 8;

/** Publication date first (undated last), then source id, then URI. */
export function compareSources(a: SourceModel, b: SourceModel): number {
  const pa = a.meta.published ?? '\uffff';
  const pb = b.meta.published ?? '\uffff';
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0;
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

function matrixClaim(index: WorkspaceIndex, ref: ClaimRef, names: Map<string, string>): MatrixClaim {
  const { model, claim } = ref;
  const view = index.corroboration(ref);
  const by = claim.by;
  const byName = by === undefined ? undefined : names.get(by);
  const reading = ref.reading.label;
  return {
    value: claim.value ?? '',
    ...(reading && reading !== claim.value && { reading }),
    ...(claim.asOf !== undefined && { asOf: claim.asOf }),
    ...(by !== undefined && { by }),
    ...(byName !== undefined && { byName }),
    status: refStatus(ref, view),
    quote: claim.text,
    range: model.lines.rangeAt(claim.start, claim.end),
    corroboratedBy: view.corroborating.sourceIds(MAX_IDS),
    conflictsWith: view.conflicting.values(MAX_IDS).flatMap((v) => v.ids),
  };
}

/** Actor ids named by a claim: its `by=`, and the actors mentioned inside it. */
function claimActors(index: WorkspaceIndex, ref: ClaimRef, into: Set<string>): void {
  const { model, claim } = ref;
  if (claim.by !== undefined && claim.by !== 'anonymous') into.add(claim.by);
  for (const m of index.mentionRefs(model.uri)) {
    if (m.mention.start >= claim.start && m.mention.end <= claim.end) into.add(m.actor);
  }
}

/** An actor's display name from the registry governing `uri`, remembered in `names`. */
function nameActors(index: WorkspaceIndex, uri: string, ids: Iterable<string>, names: Map<string, string>): void {
  const registry = index.registryFor(uri);
  for (const id of ids) {
    if (names.has(id)) continue;
    const def = registry?.actors.get(id);
    if (def) names.set(id, def.name);
  }
}

function matrixRow(
  index: WorkspaceIndex,
  key: string,
  column: Map<string, number>,
  names: Map<string, string>,
): MatrixRow | undefined {
  const byColumn = new Map<number, ClaimRef[]>();
  for (const refs of index.claimsOfKey(key).values()) {
    for (const ref of refs) {
      const col = column.get(ref.model.uri);
      if (col === undefined) continue;
      const list = byColumn.get(col);
      if (list) list.push(ref);
      else byColumn.set(col, [ref]);
    }
  }
  const byCell = new Map<number, MatrixCell>();
  const actors = new Set<string>();
  let description: string | undefined;
  for (const [col, refs] of byColumn) {
    const uri = refs[0]!.model.uri;
    refs.sort((a, b) => a.claim.start - b.claim.start);
    description ??= index.registryFor(uri)?.claimKeys.get(key)?.description;
    const cellActors = new Set<string>();
    for (const ref of refs) claimActors(index, ref, cellActors);
    nameActors(index, uri, cellActors, names);
    for (const a of cellActors) actors.add(a);
    const claims = refs.map((ref) => matrixClaim(index, ref, names));
    const status = claims.map((c) => c.status).reduce(worseStatus);
    byCell.set(col, { source: col, status, claims });
  }
  if (byCell.size === 0) return undefined;
  const cells = [...byCell.values()].sort((a, b) => a.source - b.source);
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

/** The claims × sources matrix of the workspace (every source with a claim is a column). */
export function claimsMatrix(index: WorkspaceIndex): ClaimsMatrix {
  const models = index
    .sourceUris()
    .map((uri) => index.getSource(uri)!)
    .filter((m) => m.claims.length > 0)
    .sort(compareSources);
  const column = new Map(models.map((m, i) => [m.uri, i]));
  const names = new Map<string, string>();
  const rows: MatrixRow[] = [];
  for (const key of [...index.claimKeys()].sort()) {
    const row = matrixRow(index, key, column, names);
    if (row) rows.push(row);
  }
  return { sources: models.map(sourceColumn), rows, actorNames: Object.fromEntries(names) };
}
