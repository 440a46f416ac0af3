/** Suggested actors (issue 12, section 2): the entry point of the suggester. */
export {
  suggestActors,
  suggestActorsInSource,
  loadClassifier,
  type ActorSuggestion,
  type KnownName,
  type SuggestOptions,
} from './suggest';
