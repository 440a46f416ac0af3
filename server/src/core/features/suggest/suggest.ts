/**
 * Suggested actors: names in unannotated prose, each with its surface text,
 * UTF-16 range, kind, the registry id it matches (or a proposed new id) and a
 * confidence. Evidence, strongest first: registry names and aliases; names
 * annotated elsewhere in the workspace (`known`); a named-entity tagger
 * trained on GUM (classifier.ts); then, within the text, propagation of a full
 * name to its later bare surname, of an organisation to its acronym in
 * parentheses, and of any found name to its other occurrences. Pure: no I/O.
 *
 * `suggestActors` takes a text and the ranges to skip; `suggestActorsInSource`
 * takes a parsed source and skips front matter, code, attribute lists and
 * the contents of existing actor spans.
 */
import { slugify, type ActorKind } from '../../../../../common/actors';
import type { Registry } from '../../model/registry';
import type { SourceModel } from '../../model/source';
import { excludedRegions } from '../../syntax/words';
import { COUNTRIES, DEMONYMS, TITLES } from './gazetteer';
import { NameMatcher, tokenKey, type NameEntry } from './names';
import { Classifier, classifierSteps, type ClassifierWeights } from './classifier';
import { runs } from './features';
import { tokenize, type Tok } from './tokens';
import { WEIGHTS_JSON } from './weights';

export interface ActorSuggestion {
  /** The text as it appears (start/end slice it exactly). */
  text: string;
  start: number;
  end: number;
  kind: ActorKind;
  /** The registry id it designates, or the id proposed for a new actor. */
  id: string;
  /** True when `id` is not (yet) in the registry. */
  isNew: boolean;
  confidence: number;
  /** What found it. */
  evidence: 'registry' | 'known' | 'classifier' | 'propagated';
}

/** A name annotated as an actor somewhere in the workspace. */
export interface KnownName {
  name: string;
  id: string;
  kind?: ActorKind;
}

export interface SuggestOptions {
  registry?: Registry;
  known?: readonly KnownName[];
  /**
   * Keys (`name NUL id`) of `known` to leave out, as if `known` did not hold them: with one list of the workspace's
   * names for every document, the names annotated in the document itself only (inWorkspace.ts `workspaceKnown`).
   * The dictionary of the known names is kept per list, so one list serves every document.
   */
  knownExcept?: ReadonlySet<string>;
  /** Sorted, disjoint [start, end) ranges that are not prose (never suggested in, and sentence breaks). */
  excluded?: ReadonlyArray<readonly [number, number]>;
  /** Only English is modelled; other languages get dictionary matches only. Default 'en'. */
  language?: string;
  /** Suggestions below this confidence are dropped (default 0). */
  minConfidence?: number;
}

let classifier: Classifier | undefined;
/** The name classifier, loaded on first use (in one step, unless {@link primeClassifier} loaded it before). */
export function loadClassifier(): Classifier {
  return (classifier ??= new Classifier(JSON.parse(WEIGHTS_JSON) as ClassifierWeights));
}

let loading: Generator<void, Classifier> | undefined;
/**
 * Loads the name classifier a part at a time ({@link classifierSteps}, about 2 ms each) until `stop()` says the
 * caller's time slice is over; returns whether it is loaded. A server calls it in slices before the first
 * suggestions, which would otherwise load it in one step of 40–55 ms.
 */
export function primeClassifier(stop: () => boolean): boolean {
  while (!classifier) {
    const step = (loading ??= classifierSteps(WEIGHTS_JSON)).next();
    if (step.done) classifier = step.value;
    else if (stop()) return false;
  }
  loading = undefined;
  return true;
}

function registryEntries(registry: Registry | undefined): NameEntry[] {
  const entries: NameEntry[] = [];
  if (registry)
    for (const [name, id] of registry.names)
      entries.push({ name, id, kind: registry.actors.get(id)?.kind, from: 'registry' });
  return entries;
}

const matchers = new WeakMap<Registry, NameMatcher>();
/** The matcher of the last registry used with a list of known names (the language service reuses its lists). */
const knownMatchers = new WeakMap<readonly KnownName[], { registry: Registry | undefined; matcher: NameMatcher }>();
/**
 * One matcher for the registry's names and the known names: the longest name wins ("Mark Rutte" known beats
 * "Rutte" registered); between names of one length, the registry's. Cached per registry when no names are known,
 * and per list of known names otherwise (callers must not change a list once passed).
 */
function dictionary(registry: Registry | undefined, known: readonly KnownName[]): NameMatcher {
  if (known.length === 0 && registry) {
    let m = matchers.get(registry);
    if (!m) matchers.set(registry, (m = new NameMatcher(registryEntries(registry))));
    return m;
  }
  // In one step, or what is left of it if primeDictionary began it.
  primeDictionary(registry, known, () => false);
  return knownMatchers.get(known)!.matcher;
}

function* dictionarySteps(registry: Registry | undefined, known: readonly KnownName[]): Generator<void, NameMatcher> {
  const entries = registryEntries(registry);
  for (const k of known) {
    const def = registry?.actors.get(k.id);
    entries.push({ name: k.name, id: k.id, kind: k.kind ?? def?.kind, from: 'known' });
  }
  return yield* NameMatcher.steps(entries);
}

let building:
  { registry: Registry | undefined; known: readonly KnownName[]; steps: Generator<void, NameMatcher> } | undefined;
/**
 * Builds the dictionary of `registry` and `known` (what {@link suggestActors} builds on first use of that list) a
 * part at a time until `stop()` says the caller's time slice is over; returns whether it is built.
 */
export function primeDictionary(
  registry: Registry | undefined,
  known: readonly KnownName[],
  stop: () => boolean,
): boolean {
  const cached = knownMatchers.get(known);
  if ((cached && cached.registry === registry) || (known.length === 0 && registry)) return true;
  if (!building || building.registry !== registry || building.known !== known)
    building = { registry, known, steps: dictionarySteps(registry, known) };
  const { steps } = building;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      knownMatchers.set(known, { registry, matcher: step.value });
      building = undefined;
      return true;
    }
    if (stop()) return false;
  }
}

/** A span of tokens found by one detector. */
interface Found {
  first: number;
  last: number;
  kind: ActorKind;
  id?: string;
  isNew: boolean;
  confidence: number;
  evidence: ActorSuggestion['evidence'];
}

export function suggestActors(text: string, opts: SuggestOptions = {}): ActorSuggestion[] {
  const toks = tokenize(text, opts.excluded ?? []);
  const keys = toks.map((t) => tokenKey(t.text));
  const owner = new Int32Array(toks.length).fill(-1);
  const found: Found[] = [];
  const claim = (f: Found): void => {
    for (let i = f.first; i <= f.last; i++) owner[i] = found.length;
    found.push(f);
  };
  const free = (i: number): boolean => owner[i] === -1;
  const known = opts.known ?? [];
  const except = opts.knownExcept;
  const skip =
    except && except.size > 0
      ? (e: NameEntry): boolean => e.from === 'known' && except.has(`${e.name}\u0000${e.id}`)
      : undefined;
  if ((opts.registry && opts.registry.names.size > 0) || known.length > 0)
    for (const m of dictionary(opts.registry, known).match(toks, keys, free, skip)) {
      const registered = opts.registry?.actors.has(m.entry.id) ?? false;
      const fromRegistry = m.entry.from === 'registry';
      claim({
        ...m,
        kind: m.entry.kind ?? 'other',
        id: m.entry.id,
        isNew: !registered,
        confidence: fromRegistry ? 0.95 : 0.9,
        evidence: m.entry.from,
      });
    }
  if ((opts.language ?? 'en').toLowerCase().startsWith('en'))
    for (const f of consistent(taggerSpans(toks, text, opts.registry), toks, keys)) if (rangeFree(f, free)) claim(f);
  propagate(text, toks, keys, found, claim, free);
  const min = opts.minConfidence ?? 0;
  return found
    .filter((f) => f.confidence >= min)
    .sort((a, b) => a.first - b.first)
    .map((f) => toSuggestion(f, toks, text, found));
}

function rangeFree(f: { first: number; last: number }, free: (i: number) => boolean): boolean {
  for (let i = f.first; i <= f.last; i++) if (!free(i)) return false;
  return true;
}

const KIND_OF_TYPE: Record<string, ActorKind> = { person: 'person', org: 'organization', place: 'place' };

/** Names the classifier finds, cleaned up: titles dropped from persons, countries and groups typed as such. */
function taggerSpans(toks: readonly Tok[], text: string, registry: Registry | undefined): Found[] {
  const out: Found[] = [];
  for (const name of loadClassifier().names(toks, text)) {
    let first = name.first;
    while (name.type === 'person' && first < name.last && TITLES.has(toks[first]!.text)) first++;
    const surface = text.slice(toks[first]!.start, toks[name.last]!.end);
    let kind = KIND_OF_TYPE[name.type] ?? 'other';
    if (kind === 'place' && COUNTRIES.has(surface)) kind = 'country';
    if (kind === 'person' && first === name.last && surface.endsWith('s') && DEMONYMS.has(surface.slice(0, -1)))
      kind = 'group';
    const confidence = round(name.confidence);
    const id = proposeId(surface, kind, registry);
    out.push({ first, last: name.last, kind, id, isNew: true, confidence, evidence: 'classifier' });
  }
  return out;
}

/**
 * The id proposed for a new actor: as in the seeds' registry, a person's surname ("Christine Lagarde" →
 * "lagarde"), unless the registry already uses it; anything else, the whole name (slugify).
 */
export function proposeId(surface: string, kind: ActorKind, registry?: Registry): string {
  const words = surface.split(/\s+/);
  if (kind === 'person' && words.length > 1) {
    const surname = slugify(words[words.length - 1]!);
    if (!registry?.actors.has(surname)) return surname;
  }
  return slugify(surface);
}

/**
 * One kind per name in a text: a bare surname of a person named in full is that person; otherwise each
 * name (by key) takes the kind with the most confidence over its occurrences.
 */
function consistent(spans: Found[], toks: readonly Tok[], keys: readonly string[]): Found[] {
  const keyOf = (f: Found): string =>
    keys
      .slice(f.first, f.last + 1)
      .filter((k) => k !== '')
      .join(' ');
  const surnames = new Map<string, Found>();
  for (const f of spans)
    if (f.kind === 'person' && f.last > f.first && toks[f.last]!.word) surnames.set(keys[f.last]!, f);
  const votes = new Map<string, Map<ActorKind, number>>();
  for (const f of spans) {
    const full = f.first === f.last ? surnames.get(keys[f.first]!) : undefined;
    if (full && full !== f) {
      f.kind = 'person';
      f.id = full.id;
      continue;
    }
    const v = votes.get(keyOf(f)) ?? new Map<ActorKind, number>();
    v.set(f.kind, (v.get(f.kind) ?? 0) + f.confidence);
    votes.set(keyOf(f), v);
  }
  for (const f of spans) {
    const v = votes.get(keyOf(f));
    if (!v || (f.first === f.last && surnames.has(keys[f.first]!))) continue;
    f.kind = [...v.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  }
  return spans;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const CAPITALISED = /^[\p{Lu}\p{Lt}]/u;

/**
 * Within the text: a person's full name gives its surname, an organisation
 * followed by "(ACRONYM)" gives the acronym, and every name found gives its
 * other occurrences (same key). Each propagated mention takes the id and kind
 * of the name it comes from, with a lower confidence; one directly followed
 * by more capitalised words is extended over them, as a new name of that kind.
 */
function propagate(
  text: string,
  toks: readonly Tok[],
  keys: readonly string[],
  found: Found[],
  claim: (f: Found) => void,
  free: (i: number) => boolean,
): void {
  const byKey = new Map<string, { from: Found; factor: number }>();
  const note = (key: string, from: Found, factor: number): void => {
    const prev = byKey.get(key);
    if (!prev || prev.from.confidence * prev.factor < from.confidence * factor) byKey.set(key, { from, factor });
  };
  let longest = 1;
  for (const f of found) {
    const span = keys.slice(f.first, f.last + 1).filter((k) => k !== '');
    longest = Math.max(longest, span.length);
    note(span.join(' '), f, 0.9);
    const words = toks.slice(f.first, f.last + 1).filter((t) => t.word);
    if (f.kind === 'person' && words.length >= 2) note(tokenKey(words[words.length - 1]!.text), f, 0.85);
    const open = toks[f.last + 1];
    const acro = toks[f.last + 2];
    if (
      f.kind !== 'person' &&
      open?.text === '(' &&
      acro &&
      /^\p{Lu}{2,}$/u.test(acro.text) &&
      toks[f.last + 3]?.text === ')'
    )
      note(tokenKey(acro.text), f, 0.9);
  }
  /** Where the run of capitalised words (features.ts) holding each token ends. */
  const runEnd = new Int32Array(toks.length).fill(-1);
  for (const [r0, r1] of runs(toks)) runEnd.fill(r1, r0, r1 + 1);
  for (let i = 0; i < toks.length; i++) {
    if (!free(i) || !toks[i]!.word || !CAPITALISED.test(toks[i]!.text)) continue;
    for (let n = Math.min(longest, toks.length - i); n >= 1; n--) {
      const hit = byKey.get(keys.slice(i, i + n).join(' '));
      if (!hit || !rangeFree({ first: i, last: i + n - 1 }, free)) continue;
      const { from, factor } = hit;
      // Followed by more capitalised words of its run ("Wong" in "Wong Kwok-kin", "Cleveland" in "Cleveland
      // Browns Stadium"): the whole of them is another name, of the same kind, with an id of its own.
      let last = i + n - 1;
      while (last < runEnd[i]! && CAPITALISED.test(toks[last + 1]!.text) && free(last + 1)) last++;
      const extended = last > i + n - 1;
      claim({
        ...from,
        first: i,
        last,
        ...(extended ? { id: proposeId(text.slice(toks[i]!.start, toks[last]!.end), from.kind), isNew: true } : {}),
        confidence: round(from.confidence * factor * (extended ? 0.8 : 1)),
        evidence: 'propagated',
      });
      i = last;
      break;
    }
  }
}

function toSuggestion(f: Found, toks: readonly Tok[], text: string, _all: readonly Found[]): ActorSuggestion {
  const start = toks[f.first]!.start;
  const end = toks[f.last]!.end;
  const surface = text.slice(start, end);
  return {
    text: surface,
    start,
    end,
    kind: f.kind,
    id: f.id ?? slugify(surface),
    isNew: f.isNew,
    confidence: f.confidence,
    evidence: f.evidence,
  };
}

/**
 * Suggestions in a parsed source: front matter, code, attribute lists and the
 * text of existing actor spans are skipped (claim spans' text is prose).
 */
export function suggestActorsInSource(
  model: SourceModel,
  opts: Omit<SuggestOptions, 'excluded'> = {},
): ActorSuggestion[] {
  const extra: Array<[number, number]> = model.mentions.map((m) => [m.contentStart, m.contentEnd]);
  // The opening bracket of every span (excludedRegions already has the rest of its markup).
  for (const span of model.parsed.spans) extra.push([span.start, span.contentStart]);
  const excluded = excludedRegions(model.parsed, extra);
  return suggestActors(model.text, { language: model.meta.language, ...opts, excluded });
}
