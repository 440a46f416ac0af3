/**
 * Suggested actors and claims for one source of the workspace: the suggesters
 * (suggest.ts, attributions.ts) given what the workspace knows, the registry
 * that governs the file and the names annotated as actors in the other sources.
 */
import type { WorkspaceIndex } from '../../workspace/workspace';
import { suggestActorsInSource, type ActorSuggestion, type KnownName } from './suggest';
import { suggestClaimsInSource, type ClaimSuggestion } from './attributions';

/** Options of {@link workspaceSuggestions} and {@link workspaceClaimSuggestions}. */
export interface ActorSuggestionOptions {
  /** Suggestions below this confidence (0–1) are left out. Default 0: every suggestion. */
  minConfidence?: number;
}

/** The actor suggestions for the source at `uri`, in text order; none if the index does not hold it. */
export function workspaceSuggestions(
  index: WorkspaceIndex,
  uri: string,
  options: ActorSuggestionOptions = {},
): ActorSuggestion[] {
  const model = index.getSource(uri);
  if (!model) return [];
  return suggestActorsInSource(model, {
    registry: index.registryFor(uri),
    known: knownNames(index, uri),
    minConfidence: options.minConfidence ?? 0,
  });
}

/** The names annotated with `ref=` in the other sources, each name and id once. Cost: the workspace's mentions. */
function knownNames(index: WorkspaceIndex, uri: string): KnownName[] {
  const seen = new Set<string>();
  const known: KnownName[] = [];
  for (const actor of index.actorIds()) {
    for (const [other, refs] of index.mentionsOf(actor)) {
      if (other === uri) continue;
      for (const { mention } of refs) {
        if (mention.ref === undefined) continue;
        const key = `${mention.text}\u0000${mention.ref}`;
        if (seen.has(key)) continue;
        seen.add(key);
        known.push({ name: mention.text, id: mention.ref });
      }
    }
  }
  return known;
}

/** The claim suggestions for the source at `uri`, in text order; none if the index does not hold it. */
export function workspaceClaimSuggestions(
  index: WorkspaceIndex,
  uri: string,
  options: ActorSuggestionOptions & {
    /** The source's actor suggestions ({@link workspaceSuggestions}, every confidence), if the caller has them. */
    actorSuggestions?: readonly ActorSuggestion[];
  } = {},
): ClaimSuggestion[] {
  const model = index.getSource(uri);
  if (!model) return [];
  return suggestClaimsInSource(model, {
    registry: index.registryFor(uri),
    known: options.actorSuggestions ? [] : knownNames(index, uri),
    minConfidence: options.minConfidence ?? 0,
    ...(options.actorSuggestions ? { actorSuggestions: options.actorSuggestions } : {}),
  });
}
