/** Suggested actors and claims (issue 12, sections 2 and 3): the entry point of the suggesters. */
export {
  suggestActors,
  suggestActorsInSource,
  loadClassifier,
  type ActorSuggestion,
  type KnownName,
  type SuggestOptions,
} from './suggest';
export {
  suggestClaims,
  suggestClaimsInSource,
  type ClaimSuggestion,
  type ClaimSuggestOptions,
  type SourceClaimOptions,
  type SpeakerActor,
} from './attributions';
