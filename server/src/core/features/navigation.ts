/**
 * Go to definition, find references and document highlights. Everything
 * starts from {@link locate}; cross-file answers come from the index's maps
 * (actor → mentions, key → claims, link target → linking claims), so the cost
 * is that of the answer, not of the workspace.
 */

import * as lsp from 'vscode-languageserver-types';
import { locate, type Target } from '../workspace/locate';
import type { Claim, SourceModel } from '../model/source';
import { RESERVED_BY, type Registry } from '../model/registry';
import type { LineIndex } from '../base/text';
import type { WorkspaceIndex } from '../workspace/workspace';
import type { Position } from '../base/types';

/** A claim and the source it is in. */
export interface ClaimAt {
  model: SourceModel;
  claim: Claim;
}

/** What is under a position, with the line index of the file it is in. */
export interface Located {
  target: Target;
  lines: LineIndex;
}

export function targetAt(index: WorkspaceIndex, uri: string, position: Position): Located | undefined {
  const registry = index.getRegistry(uri);
  const lines = registry?.lines ?? index.getSource(uri)?.lines;
  if (!lines) return undefined;
  const target = locate(index, uri, lines.offsetAt(position));
  return target ? { target, lines } : undefined;
}

export function isReservedBy(actor: string): boolean {
  return (RESERVED_BY as readonly string[]).includes(actor);
}

// ---- claims by actor ----------------------------------------------------------

/*
 * The claims of one source grouped by their `by=` value, for questions about
 * one file (highlights). Models are immutable and replaced on every edit, so
 * a WeakMap is an exact cache. Across the workspace, the index's `by=` map
 * answers (WorkspaceIndex.claimsByActor).
 */
const byCache = new WeakMap<SourceModel, Map<string, Claim[]>>();

/** The claims of one source grouped by their `by=` value. */
export function claimsByIn(model: SourceModel): Map<string, Claim[]> {
  let map = byCache.get(model);
  if (!map) {
    map = new Map<string, Claim[]>();
    for (const claim of model.claims) {
      if (claim.by === undefined) continue;
      const list = map.get(claim.by);
      if (list) list.push(claim);
      else map.set(claim.by, [claim]);
    }
    byCache.set(model, map);
  }
  return map;
}

/** Orders claims by URI, then position. */
function compareClaimsAt(a: ClaimAt, b: ClaimAt): number {
  return a.model.uri < b.model.uri ? -1 : a.model.uri > b.model.uri ? 1 : a.claim.start - b.claim.start;
}

/** Every claim of the workspace whose `by=` is `actor`, sorted by URI and position. Cost: O(k log k) for k such claims. */
export function claimsBy(index: WorkspaceIndex, actor: string): ClaimAt[] {
  const out: ClaimAt[] = [];
  for (const refs of index.claimsByActor(actor).values())
    for (const r of refs) out.push({ model: r.model, claim: r.claim });
  return out.sort(compareClaimsAt);
}

// ---- subjects -----------------------------------------------------------------

/** What references and highlights are about. */
export type Subject =
  | { kind: 'actor'; actor: string; registry: Registry | undefined }
  | { kind: 'key'; key: string; registry: Registry | undefined }
  /** Links to `sourceId#claimId`, and the claim they resolve to, if any. */
  | { kind: 'link'; sourceId: string; claimId: string; target: ClaimAt | undefined }
  /** A claim with neither key nor id: only itself. */
  | { kind: 'claim'; model: SourceModel; claim: Claim };

export function subjectOf(index: WorkspaceIndex, uri: string, target: Target): Subject | undefined {
  switch (target.kind) {
    case 'mention':
      return target.actor === undefined
        ? undefined
        : { kind: 'actor', actor: target.actor, registry: index.registryFor(uri) };
    case 'actor-ref':
      return isReservedBy(target.actor)
        ? undefined
        : { kind: 'actor', actor: target.actor, registry: index.registryFor(uri) };
    case 'registry-actor':
      return { kind: 'actor', actor: target.actor.id, registry: target.registry };
    case 'claim-key':
      return { kind: 'key', key: target.key, registry: index.registryFor(uri) };
    case 'registry-key':
      return { kind: 'key', key: target.def.key, registry: target.registry };
    case 'claim': {
      const { model, claim } = target;
      if (claim.key !== undefined) return { kind: 'key', key: claim.key, registry: index.registryFor(uri) };
      if (claim.id !== undefined)
        return { kind: 'link', sourceId: model.id, claimId: claim.id, target: { model, claim } };
      return { kind: 'claim', model, claim };
    }
    case 'claim-link': {
      const { model, link } = target;
      const resolved = index.resolveLink(model, link.source, link.claim);
      return { kind: 'link', sourceId: link.source ?? model.id, claimId: link.claim, target: resolved };
    }
  }
}

interface Item {
  uri: string;
  range: lsp.Range;
  /** The declaration (registry entry, link target). */
  write: boolean;
}

/** Links of `from` that point at `sourceId#claimId`. */
export function linksFromTo(from: ClaimAt, sourceId: string, claimId: string): Claim['links'] {
  return from.claim.links.filter((l) => l.claim === claimId && (l.source ?? from.model.id) === sourceId);
}

/**
 * The places a subject occurs: everywhere, or only in the file `scope` (for
 * highlights, without touching other files' entries).
 */
function collect(index: WorkspaceIndex, subject: Subject, includeDeclaration: boolean, scope?: string): Item[] {
  const items: Item[] = [];
  const inSource = (model: SourceModel, start: number, end: number, write = false): void => {
    items.push({ uri: model.uri, range: model.lines.rangeAt(start, end), write });
  };
  switch (subject.kind) {
    case 'actor': {
      const byUri = index.mentionsOf(subject.actor);
      const groups = scope !== undefined ? [[scope, byUri.get(scope) ?? []] as const] : byUri;
      for (const [uri, mentions] of groups) {
        const model = index.getSource(uri)!;
        for (const m of mentions) inSource(model, m.start, m.end);
      }
      if (scope !== undefined) {
        const model = index.getSource(scope);
        if (model) for (const c of claimsByIn(model).get(subject.actor) ?? []) inSource(model, c.byStart!, c.byEnd!);
      } else {
        for (const { model, claim } of claimsBy(index, subject.actor)) inSource(model, claim.byStart!, claim.byEnd!);
      }
      if (includeDeclaration) declaration(items, subject.registry, subject.registry?.actors.get(subject.actor), scope);
      break;
    }
    case 'key': {
      if (scope !== undefined) {
        const model = index.getSource(scope);
        for (const c of model?.claims ?? [])
          if (c.key === subject.key && c.value !== undefined) inSource(model!, c.start, c.end);
      } else {
        for (const refs of index.claimsOfKey(subject.key).values())
          for (const r of refs) inSource(r.model, r.claim.start, r.claim.end);
      }
      if (includeDeclaration) declaration(items, subject.registry, subject.registry?.claimKeys.get(subject.key), scope);
      break;
    }
    case 'link': {
      for (const ref of index.linksToClaim(subject.sourceId, subject.claimId)) {
        if (scope !== undefined && ref.model.uri !== scope) continue;
        for (const l of linksFromTo(ref, subject.sourceId, subject.claimId)) inSource(ref.model, l.start, l.end);
      }
      const t = subject.target;
      if (t && (scope === undefined || t.model.uri === scope)) inSource(t.model, t.claim.start, t.claim.end, true);
      break;
    }
    case 'claim':
      if (scope === undefined || subject.model.uri === scope)
        inSource(subject.model, subject.claim.start, subject.claim.end, true);
      break;
  }
  return sortUnique(items);
}

/** The registry entry that declares an actor or a key, as a written place, if it is in `scope`. */
function declaration(
  items: Item[],
  registry: Registry | undefined,
  def: { keyStart: number; keyEnd: number } | undefined,
  scope: string | undefined,
): void {
  if (!registry || !def || (scope !== undefined && scope !== registry.uri)) return;
  items.push({ uri: registry.uri, range: registry.lines.rangeAt(def.keyStart, def.keyEnd), write: true });
}

function comparePositions(a: lsp.Position, b: lsp.Position): number {
  return a.line - b.line || a.character - b.character;
}

function sortUnique(items: Item[]): Item[] {
  items.sort((a, b) =>
    a.uri < b.uri
      ? -1
      : a.uri > b.uri
        ? 1
        : comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end),
  );
  const out: Item[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (
      last &&
      last.uri === item.uri &&
      comparePositions(last.range.start, item.range.start) === 0 &&
      comparePositions(last.range.end, item.range.end) === 0
    ) {
      last.write ||= item.write;
      continue;
    }
    out.push(item);
  }
  return out;
}

// ---- features -------------------------------------------------------------------

/**
 * Go to definition: an actor (mention, `ref=`, `by=`) goes to its entry in the
 * governing registry, a claim key to its registry entry, a link target to the
 * claim it names.
 */
export function definition(index: WorkspaceIndex, uri: string, position: Position): lsp.Location[] {
  const at = targetAt(index, uri, position);
  if (!at) return [];
  const t = at.target;
  switch (t.kind) {
    case 'mention':
    case 'actor-ref': {
      if (t.actor === undefined || isReservedBy(t.actor)) return [];
      const registry = index.registryFor(uri);
      const def = registry?.actors.get(t.actor);
      return registry && def
        ? [lsp.Location.create(registry.uri, registry.lines.rangeAt(def.keyStart, def.keyEnd))]
        : [];
    }
    case 'claim-key': {
      const registry = index.registryFor(uri);
      const def = registry?.claimKeys.get(t.key);
      return registry && def
        ? [lsp.Location.create(registry.uri, registry.lines.rangeAt(def.keyStart, def.keyEnd))]
        : [];
    }
    case 'claim-link': {
      const resolved = index.resolveLink(t.model, t.link.source, t.link.claim);
      return resolved
        ? [
            lsp.Location.create(
              resolved.model.uri,
              resolved.model.lines.rangeAt(resolved.claim.start, resolved.claim.end),
            ),
          ]
        : [];
    }
    default:
      return [];
  }
}

/**
 * Find references: an actor's mentions and `by=` values everywhere (and its
 * registry entry); the claims of a key (and its registry entry); the links to
 * a claim and the claim itself. Sorted by URI and position, without
 * duplicates.
 */
export function references(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): lsp.Location[] {
  const at = targetAt(index, uri, position);
  if (!at) return [];
  const subject = subjectOf(index, uri, at.target);
  if (!subject) return [];
  return collect(index, subject, includeDeclaration).map((i) => lsp.Location.create(i.uri, i.range));
}

/** The references in this file: usages are Read, the declaration (registry entry, link target) Write. */
export function documentHighlights(index: WorkspaceIndex, uri: string, position: Position): lsp.DocumentHighlight[] {
  const at = targetAt(index, uri, position);
  if (!at) return [];
  const subject = subjectOf(index, uri, at.target);
  if (!subject) return [];
  return collect(index, subject, true, uri).map((i) =>
    lsp.DocumentHighlight.create(i.range, i.write ? lsp.DocumentHighlightKind.Write : lsp.DocumentHighlightKind.Read),
  );
}
