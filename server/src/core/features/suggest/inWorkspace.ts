/**
 * Suggested actors and claims for one source of the workspace: the suggesters
 * (suggest.ts, attributions.ts) given what the workspace knows, the registry
 * that governs the file and the names annotated as actors in the other sources.
 */
import { finish } from '../../base/steps';
import { intern } from '../../base/text';
import type { SourceModel } from '../../model/source';
import type { WorkspaceIndex } from '../../workspace/workspace';
import {
  primeClassifier,
  primeDictionary,
  suggestActorsInSource,
  type ActorSuggestion,
  type KnownName,
} from './suggest';
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
    ...workspaceKnown(index, uri),
    minConfidence: options.minConfidence ?? 0,
  });
}

/**
 * What the names annotated in a workspace were when last asked: per source, the model seen and its distinct
 * `name NUL id` keys; per key, how many sources annotate it. Brought up to date on each call by comparing models
 * (an edited or re-read source is a new model), so a call costs one look-up per source plus the sources that
 * changed, instead of a pass over every mention of the workspace. A removed source is forgotten on the next call.
 */
interface KnownCache {
  perSource: Map<string, { model: SourceModel; keys: string[] }>;
  sources: Map<string, number>;
  /** Changes when a key appears in or disappears from `sources`. */
  version: number;
  /** The last answer per source, while `version` and the source's own keys stay the same. */
  answers: Map<string, { version: number; own: string; known: KnownName[] }>;
  /** Every name of `sources`, sorted (what {@link workspaceKnown} gives every source), while `version` stays. */
  all?: { version: number; known: KnownName[] };
  /** The index's revision when the cache was last brought up to date with every source. */
  revision?: number;
}

const knownCaches = new WeakMap<WorkspaceIndex, KnownCache>();

/**
 * A source's distinct `name NUL id` keys, interned: the same few thousand pairs recur in every source (at 10,000
 * articles, 170,000 keys in all, 12 MiB as strings of their own).
 */
function keysOf(model: SourceModel): string[] {
  const keys = new Set<string>();
  for (const m of model.mentions) if (m.ref !== undefined) keys.add(intern(`${m.text}\u0000${m.ref}`));
  return [...keys];
}

function cacheOf(index: WorkspaceIndex): KnownCache {
  let cache = knownCaches.get(index);
  if (!cache)
    knownCaches.set(index, (cache = { perSource: new Map(), sources: new Map(), version: 0, answers: new Map() }));
  return cache;
}

/** Counts `keys` in (by 1) or out (by -1) of the cache's per-key source counts. */
function count(c: KnownCache, keys: readonly string[], by: number): void {
  for (const k of keys) {
    const n = (c.sources.get(k) ?? 0) + by;
    if (n > 0 !== c.sources.has(k)) c.version++;
    if (n > 0) c.sources.set(k, n);
    else c.sources.delete(k);
  }
}

/** Brings one source's entry up to date; whether it had to (its model is new to the cache). */
function refresh(c: KnownCache, index: WorkspaceIndex, uri: string): boolean {
  const model = index.getSource(uri);
  const entry = c.perSource.get(uri);
  if (!model || entry?.model === model) return false;
  if (entry) count(c, entry.keys, -1);
  const keys = keysOf(model);
  count(c, keys, 1);
  c.perSource.set(uri, { model, keys });
  return true;
}

function bringUpToDate(index: WorkspaceIndex): KnownCache {
  finish(knownNamesSteps(index));
  return cacheOf(index);
}

/** Forgets the sources of the cache that are no longer in `uris` (the index's). */
function forgetRemoved(c: KnownCache, uris: readonly string[]): void {
  if (c.perSource.size > uris.length) {
    const live = new Set(uris);
    for (const [uri, entry] of c.perSource)
      if (!live.has(uri)) {
        count(c, entry.keys, -1);
        c.perSource.delete(uri);
        c.answers.delete(uri);
      }
  }
}

/** Sources looked up per step of {@link knownNamesSteps} (about 1 ms at 10,000 articles). */
const SOURCES_PER_STEP = 1000;

/**
 * Brings the names known in the workspace up to date a part at a time: each `next()` looks up SOURCES_PER_STEP
 * sources (reading those that changed), so that the suggestion hints' next step finds them up to date (unless the
 * index changed in between) instead of looking up every source of the workspace in one step (5–10 ms at 10,000
 * articles in the server, more for the sources that changed).
 */
export function* knownNamesSteps(index: WorkspaceIndex): Generator<void, void> {
  const c = cacheOf(index);
  // Nothing in the index changed since the cache was last brought up to date: no look-up at all.
  if (c.revision === index.revision) return;
  const revision = index.revision;
  const uris = index.sourceUris();
  for (let i = 0; i < uris.length; i++) {
    refresh(c, index, uris[i]!);
    if ((i + 1) % SOURCES_PER_STEP === 0) {
      yield;
      // Changed in between: the next question walks it all again.
      if (index.revision !== revision) return;
    }
  }
  forgetRemoved(c, uris);
  c.revision = revision;
}

/**
 * Reads the names annotated in the sources `uris` into the cache that {@link knownNames} keeps, until `stop()`
 * says the caller's time slice is over; returns whether `uris` is done. After indexing, the first suggestions would
 * otherwise read every mention of the workspace at once (200,000 at 10,000 articles: 150 ms and more). Only a
 * source read since is read again by the next call.
 */
export function primeKnownNames(index: WorkspaceIndex, uris: Iterator<string>, stop: () => boolean): boolean {
  const c = cacheOf(index);
  for (;;) {
    const next = uris.next();
    if (next.done) return true;
    if (refresh(c, index, next.value) && stop()) return false;
  }
}

/**
 * The names annotated with `ref=` in the other sources, each name and id once, sorted. Cost: one look-up per
 * source, plus the mentions of the sources changed since the last call. While no name appears or disappears
 * and the file's own names stay the same, the answer is the same array (the suggester caches its dictionary
 * per array).
 */
export function knownNames(index: WorkspaceIndex, uri: string): KnownName[] {
  const { perSource, sources, version, answers } = bringUpToDate(index);
  const ownKeys = perSource.get(uri)?.keys ?? [];
  const ownSignature = ownKeys.join('\u0001');
  const last = answers.get(uri);
  if (last && last.version === version && last.own === ownSignature) return last.known;
  const own = new Set(ownKeys);
  const known: KnownName[] = [];
  for (const [key, n] of [...sources].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (n - (own.has(key) ? 1 : 0) <= 0) continue;
    const cut = key.indexOf('\u0000');
    known.push({ name: key.slice(0, cut), id: key.slice(cut + 1) });
  }
  answers.set(uri, { version, own: ownSignature, known });
  return known;
}

/** `name NUL id` → the name. */
function nameOf(key: string): KnownName {
  const cut = key.indexOf('\u0000');
  return { name: key.slice(0, cut), id: key.slice(cut + 1) };
}

/**
 * The names annotated with `ref=` anywhere in the workspace (`known`: each name and id once, sorted, the same array
 * for every source while no name appears or disappears) and those of them annotated in the source at `uri` only
 * (`knownExcept`, as `name NUL id`): what {@link knownNames} gives the source, as the suggester's options. One list
 * for every source, so that the suggester's dictionary of the known names is built once for the workspace, not once
 * per document (30–55 ms each at 10,000 articles).
 */
export function workspaceKnown(
  index: WorkspaceIndex,
  uri: string,
): { known: KnownName[]; knownExcept: ReadonlySet<string> } {
  const c = bringUpToDate(index);
  const knownExcept = new Set<string>();
  for (const key of c.perSource.get(uri)?.keys ?? []) if (c.sources.get(key) === 1) knownExcept.add(key);
  return { known: allKnown(c), knownExcept };
}

function allKnown(c: KnownCache): KnownName[] {
  if (c.all?.version !== c.version)
    c.all = {
      version: c.version,
      known: [...c.sources.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).map(nameOf),
    };
  return c.all.known;
}

/**
 * Prepares the actor suggester for the sources `uris` (the open documents) until `stop()` says the caller's time
 * slice is over, a part at a time: loads its classifier and builds the dictionary of the workspace's known names
 * with the registry of each. Returns whether all is ready. Call it after {@link primeKnownNames} is done: the first
 * suggestions then do neither in one step (40–55 ms and 20–55 ms at 10,000 articles).
 */
export function primeSuggester(index: WorkspaceIndex, uris: readonly string[], stop: () => boolean): boolean {
  if (!primeClassifier(stop)) return false;
  const known = allKnown(bringUpToDate(index));
  for (const uri of uris)
    if (index.getSource(uri) && !primeDictionary(index.registryFor(uri), known, stop)) return false;
  return true;
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
    ...(options.actorSuggestions ? { known: [] } : workspaceKnown(index, uri)),
    minConfidence: options.minConfidence ?? 0,
    ...(options.actorSuggestions ? { actorSuggestions: options.actorSuggestions } : {}),
  });
}
