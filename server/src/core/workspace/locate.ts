import type { Claim, ClaimLink, Mention, SourceModel } from '../model/source';
import type { ActorDef, ClaimKeyDef, Registry } from '../model/registry';
import type { WorkspaceIndex } from './workspace';

/**
 * What is at a position: the one question every navigation feature (hover,
 * definition, references, rename, highlights) starts from. Offsets are
 * UTF-16 offsets into the file's text; `start`/`end` delimit the thing under
 * the cursor (the word a rename replaces, the range a hover covers).
 */
export type Target =
  /** The text of an actor span; `actor` is its resolved id (may be unknown to the registry). */
  | { kind: 'mention'; model: SourceModel; mention: Mention; actor: string | undefined; start: number; end: number }
  /** An actor id written in `ref=` or `by=`. */
  | {
      kind: 'actor-ref';
      model: SourceModel;
      actor: string;
      via: 'ref' | 'by';
      mention?: Mention;
      claim?: Claim;
      start: number;
      end: number;
    }
  /** The text or attributes of a claim span. */
  | { kind: 'claim'; model: SourceModel; claim: Claim; start: number; end: number }
  /** A claim key written in `key=`. */
  | { kind: 'claim-key'; model: SourceModel; claim: Claim; key: string; start: number; end: number }
  /** One target of a `supports=`/`disputes=` link. */
  | { kind: 'claim-link'; model: SourceModel; claim: Claim; link: ClaimLink; start: number; end: number }
  /** An actor entry of a registry (its id key, or anywhere in its entry). */
  | { kind: 'registry-actor'; registry: Registry; actor: ActorDef; start: number; end: number }
  /** A claim-key entry of a registry. */
  | { kind: 'registry-key'; registry: Registry; def: ClaimKeyDef; start: number; end: number };

const within = (offset: number, start: number | undefined, end: number | undefined): boolean =>
  start !== undefined && end !== undefined && offset >= start && offset <= end;

export function locate(index: WorkspaceIndex, uri: string, offset: number): Target | undefined {
  const registry = index.getRegistry(uri);
  if (registry) return locateInRegistry(registry, offset);
  const model = index.getSource(uri);
  return model ? locateInSource(index, model, offset) : undefined;
}

function locateInRegistry(registry: Registry, offset: number): Target | undefined {
  for (const actor of registry.actors.values()) {
    if (within(offset, actor.keyStart, actor.keyEnd))
      return { kind: 'registry-actor', registry, actor, start: actor.keyStart, end: actor.keyEnd };
  }
  for (const def of registry.claimKeys.values()) {
    if (within(offset, def.keyStart, def.keyEnd))
      return { kind: 'registry-key', registry, def, start: def.keyStart, end: def.keyEnd };
  }
  // Anywhere inside an actor's entry still means that actor (for hovers), but is not renameable text.
  for (const actor of registry.actors.values()) {
    if (offset > actor.keyEnd && offset < actor.end)
      return { kind: 'registry-actor', registry, actor, start: actor.keyStart, end: actor.keyEnd };
  }
  return undefined;
}

function locateInSource(index: WorkspaceIndex, model: SourceModel, offset: number): Target | undefined {
  // The innermost span around the offset decides; mentions nest in claims, never the reverse in practice.
  let mention: Mention | undefined;
  for (const m of model.mentions)
    if (offset >= m.start && offset < m.end && (!mention || m.start >= mention.start)) mention = m;
  let claim: Claim | undefined;
  for (const c of model.claims)
    if (offset >= c.start && offset < c.end && (!claim || c.start >= claim.start)) claim = c;

  if (mention && (!claim || mention.start >= claim.start)) {
    const actor = index.mentionActor(model.uri, mention) ?? mention.ref;
    if (mention.ref !== undefined && within(offset, mention.refStart, mention.refEnd)) {
      return {
        kind: 'actor-ref',
        model,
        actor: mention.ref,
        via: 'ref',
        mention,
        start: mention.refStart!,
        end: mention.refEnd!,
      };
    }
    return { kind: 'mention', model, mention, actor, start: mention.start, end: mention.end };
  }
  if (claim) {
    if (claim.by !== undefined && within(offset, claim.byStart, claim.byEnd)) {
      return { kind: 'actor-ref', model, actor: claim.by, via: 'by', claim, start: claim.byStart!, end: claim.byEnd! };
    }
    if (claim.key !== undefined && within(offset, claim.keyStart, claim.keyEnd)) {
      return { kind: 'claim-key', model, claim, key: claim.key, start: claim.keyStart!, end: claim.keyEnd! };
    }
    for (const link of claim.links) {
      if (within(offset, link.start, link.end))
        return { kind: 'claim-link', model, claim, link, start: link.start, end: link.end };
    }
    return { kind: 'claim', model, claim, start: claim.start, end: claim.end };
  }
  return undefined;
}
