/**
 * The JSONL export (docs/interop.md, "JSONL"): one claim per line, with
 * everything needed to recompute corroboration and conflict outside the
 * editor (docs/sql/corroboration.sql does, on DuckDB, Spark SQL or Trino):
 * the claim as written, its normalised reading (the canonical key, and for
 * quantities and dates the interval and unit `compatible()` compares), its
 * as-of as written and as the bounds of the period it names, its links
 * resolved to source ids, and the core's own answer beside it, so that a
 * consumer can check its recomputation claim by claim.
 */

import type { Claim, SourceModel } from '../../model/source';
import type { Reading } from '../../model/normalize';
import type { ClaimRef } from '../../workspace/refs';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { claimStatus, refStatus } from '../claimStatus';
import { exportedUris, type Exporter } from './types';

/** One line of the export. Field names and meanings are documented in docs/interop.md. */
export interface JsonlClaim {
  source: string;
  uri: string;
  /** 1-based line of the claim's opening bracket. */
  line: number;
  /** 0-based position of the claim among its file's claims (with `uri`, the claim's identity in the export). */
  index: number;
  claim: string | null;
  key: string | null;
  value: string | null;
  by: string | null;
  asOf: string | null;
  /** The first and last day of the period `asOf` names, as `YYYY-MM-DD` strings compared as text (see docs). */
  asOfFrom: string | null;
  asOfTo: string | null;
  /** The canonical key of the value (two values are the same when their `norm`s are equal). */
  norm: string | null;
  /** The interval's unit (`number`, `%`, `money:EUR`, `money:` for an unknown currency, `date`), null for none. */
  unit: string | null;
  /** Interval bounds (days since 1970-01-01 for dates); null is unbounded when `unit` is set. */
  lo: number | null;
  hi: number | null;
  loOpen: boolean | null;
  hiOpen: boolean | null;
  links: Array<{ kind: 'supports' | 'disputes'; source: string; claim: string }>;
  /** The core's own answer: distinct source ids, sorted, and the claim's status. */
  core: { status: string; corroborating: string[]; conflicting: string[]; acknowledged: string[] };
}

/** The bounds of an as-of's period as text: 2025 → 2025-01-01 … 2025-12-31; 2025-06 → 2025-06-01 … 2025-06-31. */
export function asOfBounds(asOf: string | undefined): [string, string] | [null, null] {
  if (!asOf) return [null, null];
  if (asOf.length === 4) return [`${asOf}-01-01`, `${asOf}-12-31`];
  if (asOf.length === 7) return [`${asOf}-01`, `${asOf}-31`];
  return [asOf, asOf];
}

const finite = (n: number | undefined): number | null => (n === undefined || !Number.isFinite(n) ? null : n);

function readingFields(
  claim: Claim,
  reading: Reading,
): Pick<JsonlClaim, 'norm' | 'unit' | 'lo' | 'hi' | 'loOpen' | 'hiOpen'> {
  const i = reading.interval;
  return {
    norm: claim.value === undefined ? null : reading.key,
    unit: i ? (reading.unit ?? null) : null,
    lo: finite(i?.lo),
    hi: finite(i?.hi),
    loOpen: i ? i.loOpen : null,
    hiOpen: i ? i.hiOpen : null,
  };
}

const ids = (refs: Iterable<ClaimRef>): string[] => [...new Set([...refs].map((r) => r.model.id))].sort();

/** The record of one claim of a source. */
export function jsonlClaim(index: WorkspaceIndex, model: SourceModel, claim: Claim, at: number): JsonlClaim {
  const ref = index.claimRef(model.uri, claim);
  const view = ref ? index.corroboration(ref) : undefined;
  const [asOfFrom, asOfTo] = asOfBounds(claim.asOf);
  return {
    source: model.id,
    uri: model.uri,
    line: model.lines.positionAt(claim.start).line + 1,
    index: at,
    claim: claim.id ?? null,
    key: claim.key ?? null,
    value: claim.value ?? null,
    by: claim.by ?? null,
    asOf: claim.asOf ?? null,
    asOfFrom,
    asOfTo,
    ...readingFields(claim, ref?.reading ?? { key: '', label: '', fuzzy: false, approximate: false }),
    links: claim.links.map((l) => ({ kind: l.kind, source: l.source ?? model.id, claim: l.claim })),
    core: {
      status: ref && view ? refStatus(ref, view) : claimStatus(claim, undefined),
      corroborating: view ? ids(view.corroborating) : [],
      conflicting: view ? ids(view.conflicting) : [],
      acknowledged: view ? ids(view.acknowledged) : [],
    },
  };
}

/** Every claim of the exported sources, in URI then text order. */
export function* jsonlClaims(index: WorkspaceIndex, uris: readonly string[]): Generator<JsonlClaim> {
  for (const uri of uris) {
    const model = index.getSource(uri);
    if (!model) continue;
    let at = 0;
    for (const claim of model.claims) yield jsonlClaim(index, model, claim, at++);
  }
}

/** The JSONL export: one file (path ''), one claim per line. */
export const exportJsonl: Exporter = (input) => [
  {
    path: '',
    chunks: (function* () {
      for (const record of jsonlClaims(input.index, exportedUris(input))) yield JSON.stringify(record) + '\n';
    })(),
  },
];
