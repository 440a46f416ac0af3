/**
 * What every annotation export reads from one source: its text as it reads
 * without markup (`stripMarkup`), and each actor mention and claim with its
 * offsets in that text, the actor's registry entry, and the claim's status and
 * cross-source view as the index decides them (`refStatus`,
 * `index.corroboration`). The formats (csv.ts, brat.ts, w3c.ts, schemaOrg.ts)
 * only lay these out.
 *
 * Offsets are given both in UTF-16 code units (JavaScript's) and in Unicode
 * code points: the W3C `TextPositionSelector` and brat's standoff offsets
 * count characters, i.e. code points.
 */

import type { ClaimStatus } from '../../../../../common/rendering';
import type { ActorDef } from '../../model/registry';
import type { Claim, Mention, SourceModel } from '../../model/source';
import { markupCuts, stripMarkup, type ParsedText } from '../../syntax/parser';
import type { WorkspaceIndex } from '../../workspace/workspace';
import type { ClaimRef } from '../../workspace/refs';
import { claimStatus, refStatus } from '../claimStatus';
import { exportedUris, type ExportInput } from './types';

/**
 * The text of a document without markup, and where each offset of the
 * document lands in it. Markup is each span's `[` and its `]{…}`; an offset
 * inside markup lands where the markup was cut.
 */
export interface StrippedText {
  text: string;
  /** The offset in `text` of the document offset `offset` (UTF-16 code units both). */
  map(offset: number): number;
}

/** The document's text without markup (exactly `stripMarkup`) with its offset map. */
export function strippedText(text: string, parsed: ParsedText): StrippedText {
  const starts: number[] = [];
  const ends: number[] = [];
  /** Code units removed before the cut of the same index (front matter included). */
  const removed: number[] = [];
  let total = parsed.bodyStart;
  for (const [from, to] of markupCuts(parsed)) {
    starts.push(from);
    ends.push(to);
    removed.push(total);
    total += to - from;
  }
  const map = (offset: number): number => {
    if (offset <= parsed.bodyStart) return 0;
    // The last cut that starts before `offset`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return offset - parsed.bodyStart;
    const start = starts[i]!;
    const end = ends[i]!;
    return offset >= end ? offset - removed[i]! - (end - start) : start - removed[i]!;
  };
  return { text: stripMarkup(text, parsed), map };
}

/** The Wikidata entity IRI of an item id (`Q42`), as linked data names it. */
export function wikidataEntity(id: string): string {
  return `http://www.wikidata.org/entity/${id}`;
}

/**
 * The items of a JSON array, streamed one chunk per source: each node of every exported source, pretty-printed and
 * indented by `indent`, after `,` and a line break. The caller writes the array's brackets; `closing` gives the line
 * break and indentation before `]` when anything was written.
 */
export function* jsonArrayItems(
  input: ExportInput,
  nodesOf: (s: ExportedSource) => unknown[],
  indent: string,
): Generator<string, boolean> {
  let first = true;
  for (const uri of exportedUris(input)) {
    const s = exportedSource(input.index, uri);
    if (!s) continue;
    let chunk = '';
    for (const node of nodesOf(s)) {
      chunk += (first ? '\n' : ',\n') + indent + JSON.stringify(node, null, 2).replace(/\n/g, `\n${indent}`);
      first = false;
    }
    yield chunk;
  }
  return !first;
}

/** Code point offsets of a string's UTF-16 offsets (the identity when it has no astral character). */
export function codePointCounter(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return (i) => i;
  const before = new Uint32Array(text.length + 1);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    before[i] = pairs;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      before[i + 1] = pairs;
      pairs++;
      i++;
    }
  }
  before[text.length] = pairs;
  return (i) => i - before[Math.max(0, Math.min(i, text.length))]!;
}

/** Where a span lies in the stripped text. */
export interface Place {
  /** UTF-16 offsets in the stripped text. */
  start: number;
  end: number;
  /** Code point offsets in the stripped text. */
  cpStart: number;
  cpEnd: number;
  /** 1-based line of the span's `[` in the file. */
  line: number;
}

export interface ExportedMention extends Place {
  mention: Mention;
  /** The actor it designates (its ref, or the actor whose name it is), if any. */
  actor?: string;
  /** The actor's registry entry, if the registry that governs the source has one. */
  def?: ActorDef;
}

export interface ExportedClaim extends Place {
  claim: Claim;
  ref?: ClaimRef;
  status: ClaimStatus;
  /** Normalised value (the index's comparison key), '' when the claim has no key and value. */
  norm: string;
  /** Ids of the other sources that corroborate it, and of those that conflict with it (not acknowledged). */
  corroborating: string[];
  conflicting: string[];
  /** Registry entry of the `by=` actor, if any. */
  byDef?: ActorDef;
}

export interface ExportedSource {
  model: SourceModel;
  uri: string;
  id: string;
  /** The text as it reads without markup (front matter dropped). */
  text: string;
  mentions: ExportedMention[];
  claims: ExportedClaim[];
}

/** Distinct source ids of a list of claims, in order. */
function sourceIds(refs: Iterable<ClaimRef>): string[] {
  const ids = new Set<string>();
  for (const r of refs) ids.add(r.model.id);
  return [...ids];
}

/** One source of the index as the exports read it; undefined if the index does not hold it. */
export function exportedSource(index: WorkspaceIndex, uri: string): ExportedSource | undefined {
  const model = index.getSource(uri);
  if (!model) return undefined;
  const stripped = strippedText(model.text, model.parsed);
  const cp = codePointCounter(stripped.text);
  const place = (s: { contentStart: number; contentEnd: number; start: number }): Place => {
    const start = stripped.map(s.contentStart);
    const end = stripped.map(s.contentEnd);
    return { start, end, cpStart: cp(start), cpEnd: cp(end), line: model.lines.positionAt(s.start).line + 1 };
  };
  const registry = index.registryFor(uri);
  const actorOf = new Map(index.mentionRefs(uri).map((r) => [r.mention, r.actor]));
  const mentions = model.mentions.map((mention): ExportedMention => {
    const actor = actorOf.get(mention) ?? mention.ref;
    const def = actor !== undefined ? registry?.actors.get(actor) : undefined;
    return { mention, ...place(mention), ...(actor !== undefined ? { actor } : {}), ...(def ? { def } : {}) };
  });
  const claims = model.claims.map((claim): ExportedClaim => {
    const ref = index.claimRef(uri, claim);
    const view = ref ? index.corroboration(ref) : undefined;
    const byDef = claim.by !== undefined ? registry?.actors.get(claim.by) : undefined;
    return {
      claim,
      ...place(claim),
      ...(ref ? { ref } : {}),
      status: ref && view ? refStatus(ref, view) : claimStatus(claim, undefined),
      norm: ref?.norm ?? '',
      corroborating: view ? sourceIds(view.corroborating) : [],
      conflicting: view ? sourceIds(view.conflicting) : [],
      ...(byDef ? { byDef } : {}),
    };
  });
  return { model, uri, id: model.id, text: stripped.text, mentions, claims };
}
