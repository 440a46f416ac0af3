/**
 * The lists the annotate commands offer: the actors of the registry governing
 * a file, with how often the workspace mentions each, and the claim keys of
 * the workspace and that registry, with the values claimed for each. Pure
 * reads of the index; the client asks for them with `corroborate/actors` and
 * `corroborate/keys` (common/protocol.ts).
 */
import type { ActorSummary, KeySummary } from '../../../../common/summaries';
import type { WorkspaceIndex } from '../workspace/workspace';

/** The actors of the registry governing `uri`, in the registry's order; none if no registry governs it. */
export function actorSummaries(index: WorkspaceIndex, uri: string): ActorSummary[] {
  const registry = index.registryFor(uri);
  if (!registry) return [];
  return [...registry.actors.values()].map((a) => {
    let mentions = 0;
    for (const list of index.mentionsOf(a.id).values()) mentions += list.length;
    const s: ActorSummary = { id: a.id, name: a.name, kind: a.kind, mentions };
    if (a.description) s.description = a.description;
    return s;
  });
}

/**
 * The claim keys of the registry governing `uri` and of the workspace's claims, sorted.
 * Each lists one value per group of equal (normalised) values, as its first claim spells it.
 */
export function keySummaries(index: WorkspaceIndex, uri: string): KeySummary[] {
  const registry = index.registryFor(uri);
  const keys = new Set<string>([...(registry?.claimKeys.keys() ?? []), ...index.claimKeys()]);
  return [...keys].sort().map((key) => {
    const s: KeySummary = {
      key,
      values: [...index.claimsOfKey(key).values()].map((refs) => refs[0]!.claim.value!).filter(Boolean),
    };
    const d = registry?.claimKeys.get(key)?.description;
    if (d) s.description = d;
    return s;
  });
}
