/**
 * The workspace index: every source and registry of a workspace, and the
 * cross-file maps derived from them (actor → mentions, claim key → values →
 * claims, source id → files, link target → linking claims).
 *
 * Inputs are set per file (`setSource`, `removeSource`, `setRegistry`,
 * `removeRegistry`); each update removes that file's old contributions from
 * the maps and adds the new ones, so an edit costs O(size of the file + the
 * entries it touches), never a rebuild. Only a registry change re-derives
 * every source (without re-parsing any), because names and value types come
 * from the registry.
 */

import { URI, Utils } from 'vscode-uri';
import {
  buildSourceModel,
  compactModel,
  isCompact,
  type Claim,
  type Mention,
  type ModelOptions,
  type SourceModel,
} from '../model/source';
import { packModel, unpackModel, type PackedModel } from '../model/packed';
import { asOfComparable, compatible, readValue, type Reading } from '../model/normalize';
import { parseRegistry, parseRegistryBytes, type Registry, type RegistryOptions } from '../model/registry';
import { checkByteSize, DEFAULT_LIMITS, mergeLimits, modelOptions, sameLimits, type Limits } from '../base/limits';
import {
  claimCounts,
  claimView,
  countBefore,
  emptyView,
  KeyClaims,
  MAX_RELATED,
  type ClaimView,
  type SourceIds,
} from './claims';
import { decodeText, utf8Body } from '../base/text';
import type { ClaimRef, MentionRef } from './refs';

export type { ClaimRef, MentionRef } from './refs';
import { problem, type Problem } from '../base/types';

export const REGISTRY_FILE = 'entities.yaml';

export function isRegistryUri(uri: string): boolean {
  return Utils.basename(URI.parse(uri)) === REGISTRY_FILE;
}

interface Derived {
  claims: ClaimRef[];
  /**
   * The actor each of the model's mentions designates (one per mention, in the model's order), undefined for a
   * mention of no known actor. The groups of `actorMentions` hold the mentions themselves: no object per mention.
   */
  mentionActors: Array<string | undefined>;
  /** [source id, claim id] targets of this file's supports/disputes links. */
  linkTargets: ReadonlyArray<readonly [string, string]>;
}

export interface WorkspaceOptions {
  /** Workspace folder URIs; the registry search stops at the folder that contains a file. */
  folders?: string[];
  /** Use this registry for every source instead of the nearest entities.yaml. */
  registryOverride?: string;
  /** Limits of the analysis (base/limits.ts); a limit left out has its default. */
  limits?: Partial<Limits>;
}

/** Problems that came with a file's bytes (encoding, size), kept when the file is analysed again from its text. */
const INPUT_PROBLEMS = new WeakSet<Problem>();

/** The text of a file's bytes, the problems that came with them (size, encoding), and the bytes if they were clean UTF-8. */
function readBytes(bytes: Uint8Array, limits: Limits): { text: string; extra: Problem[]; utf8?: Uint8Array } {
  const tooLarge = checkByteSize(bytes.length, limits.maxFileSize);
  if (tooLarge) return { text: '', extra: [tooLarge] };
  const decoded = decodeText(bytes);
  if (!decoded.problem) return { text: decoded.text, extra: [], utf8: utf8Body(bytes) };
  const { kind, message, offset } = decoded.problem;
  const text = kind === 'binary' ? '' : decoded.text;
  return { text, extra: [problem('encoding', offset, Math.min(text.length, offset + 1), message)] };
}

/** A source file analysed apart from any index (on another thread), for {@link WorkspaceIndex.loadPrepared}. */
export interface PreparedSource {
  packed: PackedModel;
  /** How many of the model's first problems came with the bytes (encoding, size). */
  inputProblems: number;
  /** The limits it was analysed with. */
  limits: Limits;
}

/**
 * Analyses a file's bytes as {@link WorkspaceIndex.loadSourceBytes} would under `limits` (a partial set is
 * completed with the defaults), without an index: pure, so it can run on any thread. `transfer` lists the
 * buffers a `postMessage` of the result may transfer instead of copying.
 */
export function prepareSourceBytes(
  uri: string,
  bytes: Uint8Array,
  limits: Partial<Limits> = {},
): { prepared: PreparedSource; transfer: ArrayBuffer[] } {
  const full = mergeLimits(DEFAULT_LIMITS, limits);
  const options = modelOptions(full);
  const { text, extra, utf8 } = readBytes(bytes, full);
  const model = buildSourceModel(uri, text, options);
  if (extra.length > 0) model.problems.unshift(...extra);
  // Packed as the compacted model it will be: the strings need no detaching, the copy to the main thread copies them.
  const { packed, transfer } = packModel(model, utf8);
  return { prepared: { packed, inputProblems: extra.length, limits: full }, transfer };
}

export class WorkspaceIndex {
  private readonly sources = new Map<string, SourceModel>();
  private readonly derived = new Map<string, Derived>();
  private readonly registries = new Map<string, Registry>();
  private readonly registryCache = new Map<string, Registry | undefined>();
  private readonly bySourceId = new SourceIdFiles();
  /** Actor → source URI → the mentions of the actor in that source (mentions of `sources.get(uri)`). */
  private readonly actorMentions = new FileGroups<Mention>();
  /** Actor → source URI → the claims of that source whose `by=` is the actor, in the source's order. */
  private readonly actorClaims = new FileGroups<ClaimRef>();
  private readonly keyClaims = new Map<string, KeyClaims>();
  /** Target source id → target claim id → claims linking there. */
  private readonly linksTo = new Map<string, Map<string, Set<ClaimRef>>>();
  /** Counts the changes to the index's content (see {@link revision}). */
  private changes = 0;
  /** Per claim key, the revision at which a source claiming it last changed (see {@link keyRevision}). */
  private readonly keyChanges = new Map<string, number>();
  /** The revision at which every key last changed (registries read again, the index cleared). */
  private allKeysChanged = 0;
  private folders: string[];
  private registryOverride: string | undefined;
  private limits: Limits;
  private options: ModelOptions;

  constructor(options: WorkspaceOptions = {}) {
    this.folders = (options.folders ?? []).map(normalizeFolder);
    this.registryOverride = options.registryOverride;
    this.limits = mergeLimits(DEFAULT_LIMITS, options.limits);
    this.options = modelOptions(this.limits);
  }

  /** The limits in force. */
  getLimits(): Limits {
    return { ...this.limits };
  }

  /**
   * Changes the limits. If they change, every registry and source is analysed
   * again from the text it has; a file skipped for its size has no text and
   * stays skipped until it is set again (the server reads the workspace again
   * when a limit changes). Returns whether anything changed.
   */
  setLimits(limits: Partial<Limits>): boolean {
    const next = mergeLimits(this.limits, limits);
    if (sameLimits(next, this.limits)) return false;
    this.limits = next;
    this.options = modelOptions(next);
    for (const [uri, r] of this.registries) this.registries.set(uri, parseRegistry(uri, r.text, this.options));
    this.rederiveAll();
    for (const m of [...this.sources.values()]) {
      const inputs = m.problems.filter((p) => INPUT_PROBLEMS.has(p));
      this.putSource(m.uri, m.text, inputs, false, isCompact(m) ? {} : undefined);
    }
    return true;
  }

  // ---- inputs ---------------------------------------------------------------

  /** Adds or replaces a source. Returns the URIs whose diagnostics may have changed. */
  setSource(uri: string, text: string): Set<string> {
    return this.putSource(uri, text);
  }

  /**
   * Adds or replaces a source from the bytes of a file on disk, decoded as an
   * editor would (see {@link decodeText}); undecodable or binary content is
   * reported as an `encoding` problem on the file instead of being analysed.
   */
  setSourceBytes(uri: string, bytes: Uint8Array): Set<string> {
    return this.putSourceBytes(uri, bytes, true);
  }

  /**
   * Bulk loading: like {@link setSourceBytes} but without working out which
   * other files are affected (at load time everything is, and doing it per
   * file would cost O(files × claims per key)). The caller refreshes all.
   */
  loadSourceBytes(uri: string, bytes: Uint8Array): void {
    this.putSourceBytes(uri, bytes, false);
  }

  private putSourceBytes(uri: string, bytes: Uint8Array, collect: boolean): Set<string> {
    const { text, extra, utf8 } = readBytes(bytes, this.limits);
    // A file read from disk is not being edited: it is indexed compact (see compactModel).
    return this.putSource(uri, text, extra, collect, { utf8 });
  }

  /**
   * Bulk loading of a file analysed elsewhere (see {@link prepareSourceBytes}): the same as
   * {@link loadSourceBytes} with its bytes. False, and nothing loaded, if the limits in force are not those it
   * was analysed with (the caller loads its bytes instead).
   */
  loadPrepared(prepared: PreparedSource): boolean {
    if (!sameLimits(prepared.limits, this.limits)) return false;
    const model = unpackModel(prepared.packed, this.options);
    for (let i = 0; i < prepared.inputProblems; i++) INPUT_PROBLEMS.add(model.problems[i]!);
    this.putModel(model, false);
    return true;
  }

  /** `compact`, if given, indexes the model's compact form (see compactModel), with the text's UTF-8 bytes if known. */
  private putSource(
    uri: string,
    text: string,
    extra: Problem[] = [],
    collect = true,
    compact?: { utf8?: Uint8Array },
  ): Set<string> {
    let model = buildSourceModel(uri, text, this.options);
    if (extra.length > 0) model.problems.unshift(...extra);
    for (const p of extra) INPUT_PROBLEMS.add(p);
    if (compact) model = compactModel(model, this.options, compact.utf8);
    return this.putModel(model, collect);
  }

  /** Adds or replaces the model of a source, with what is derived from it. */
  private putModel(model: SourceModel, collect: boolean): Set<string> {
    const uri = model.uri;
    this.changes++;
    const affected = new Set<string>([uri]);
    const old = this.sources.get(uri);
    this.keysChanged(old);
    this.keysChanged(model);
    if (old && this.derived.has(uri) && sameContributions(old, model)) {
      // The common keystroke: prose changed, the claims did not. Their index entries stay, so
      // nothing derived from the key is invalidated; other files are affected only if they show
      // where a claim of this file is (related information) and it moved.
      if (collect) this.collectMoved(old, model, affected);
      this.replaceKeepingClaims(old, model);
      return affected;
    }
    // The same source (id, title, language) with other claims: only the keys whose claims changed reach other files.
    const sameSource = old !== undefined && this.derived.has(uri) && sameSourceFields(old, model);
    if (old && collect) {
      if (sameSource) this.collectChangedClaims(old, model, affected);
      else this.collectAffected(old, affected);
    }
    if (old) this.unindex(old);
    this.sources.set(uri, model);
    this.index(model, !collect);
    if (collect && !sameSource) this.collectAffected(model, affected);
    return affected;
  }

  /** Forgets every source and registry (before a full re-index). */
  clear(): void {
    this.changes++;
    this.allKeysChanged = this.changes;
    this.keyChanges.clear();
    this.sources.clear();
    this.derived.clear();
    this.registries.clear();
    this.registryCache.clear();
    this.bySourceId.clear();
    this.actorMentions.clear();
    this.actorClaims.clear();
    this.keyClaims.clear();
    this.linksTo.clear();
  }

  /**
   * Keys on which sources disagree: at least two values, from different
   * sources, at comparable times. Cost: O(keys), each key's answer kept as
   * its claims come and go (KeyClaims.hasConflict), never a walk of its claims.
   */
  conflictingKeys(): string[] {
    const out: string[] = [];
    for (const [key, claims] of this.keyClaims) if (claims.hasConflict()) out.push(key);
    return out.sort();
  }

  /** Removes a source. Returns the URIs whose diagnostics may have changed. */
  removeSource(uri: string): Set<string> {
    const old = this.sources.get(uri);
    const affected = new Set<string>();
    if (!old) return affected;
    this.changes++;
    this.keysChanged(old);
    this.collectAffected(old, affected);
    this.unindex(old);
    this.sources.delete(uri);
    affected.delete(uri);
    return affected;
  }

  /** Adds or replaces a registry. Every source is re-derived (not re-parsed). */
  setRegistry(uri: string, text: string): Set<string> {
    this.registries.set(uri, parseRegistry(uri, text, this.options));
    return this.rederiveAll(uri);
  }

  /** Adds or replaces a registry from file bytes (see {@link setSourceBytes}). */
  setRegistryBytes(uri: string, bytes: Uint8Array): Set<string> {
    return this.adoptRegistry(parseRegistryBytes(uri, bytes, this.options));
  }

  /** The options a registry must be parsed with to be {@link adoptRegistry adopted} (the limits in force). */
  registryOptions(): RegistryOptions {
    return { ...this.options };
  }

  /**
   * Adds or replaces a registry parsed elsewhere (e.g. off the server's main
   * thread: a large registry takes longer to parse than a request may wait)
   * with {@link registryOptions}.
   */
  adoptRegistry(registry: Registry): Set<string> {
    this.registries.set(registry.uri, registry);
    return this.rederiveAll(registry.uri);
  }

  removeRegistry(uri: string): Set<string> {
    if (!this.registries.delete(uri)) return new Set();
    return this.rederiveAll();
  }

  setFolders(folders: string[]): Set<string> {
    this.folders = folders.map(normalizeFolder);
    return this.rederiveAll();
  }

  setRegistryOverride(uri: string | undefined): Set<string> {
    this.registryOverride = uri;
    return this.rederiveAll();
  }

  // ---- queries --------------------------------------------------------------

  /**
   * A number that changes whenever the index's content may have changed (a source or registry set or removed,
   * the folders, the registry override or the limits changed): what a cache of a whole-workspace result keys on.
   */
  get revision(): number {
    return this.changes;
  }

  /**
   * A number that changes whenever what the claims of `key` show may have changed: a source that claims it (or
   * claimed it) was set or removed, even with the same claims in other places, or every source was derived again
   * (a registry changed). Their statuses depend on nothing else (other keys' claims never corroborate or contradict
   * them), so a cache of a per-key result (the claims matrix's rows) keys on it.
   */
  keyRevision(key: string): number {
    return Math.max(this.keyChanges.get(key) ?? 0, this.allKeysChanged);
  }

  private keysChanged(model: SourceModel | undefined): void {
    if (model) for (const c of model.claims) if (c.key !== undefined) this.keyChanges.set(c.key, this.changes);
  }

  getSource(uri: string): SourceModel | undefined {
    return this.sources.get(uri);
  }

  getRegistry(uri: string): Registry | undefined {
    return this.registries.get(uri);
  }

  sourceUris(): string[] {
    return [...this.sources.keys()];
  }

  registryUris(): string[] {
    return [...this.registries.keys()];
  }

  /** Whether `corroborate.registry` names the one registry that governs every source. */
  hasRegistryOverride(): boolean {
    return this.registryOverride !== undefined;
  }

  /** The registry that governs a source: the override, or the nearest entities.yaml at or above it inside its workspace folder. */
  registryFor(uri: string): Registry | undefined {
    if (this.registryOverride !== undefined) return this.registries.get(this.registryOverride);
    // Cached per folder, keyed by the URI up to its last slash: no parse for the files of a folder already asked about.
    const slash = uri.lastIndexOf('/');
    const plain = slash > 0 && !uri.includes('?') && !uri.includes('#');
    const parsed = plain ? undefined : URI.parse(uri);
    const dirKey = parsed ? Utils.dirname(parsed).toString() : uri.slice(0, slash);
    if (this.registryCache.has(dirKey)) return this.registryCache.get(dirKey);
    let found: Registry | undefined;
    let dir = Utils.dirname(parsed ?? URI.parse(uri));
    const folder = this.folders.find((f) => uri.startsWith(f + '/'));
    for (let guard = 0; guard < 256; guard++) {
      found = this.registries.get(Utils.joinPath(dir, REGISTRY_FILE).toString());
      if (found) break;
      const dirString = dir.toString();
      if (folder !== undefined && normalizeFolder(dirString) === folder) break;
      const parent = Utils.dirname(dir);
      if (parent.toString() === dirString) break;
      dir = parent;
    }
    this.registryCache.set(dirKey, found);
    return found;
  }

  /** The URIs of the sources whose id is `id`. */
  sourcesWithId(id: string): string[] {
    return [...(this.bySourceId.filesOf(id) ?? [])].sort();
  }

  /** The source with this id (the first by URI, if several share it). */
  sourceById(id: string): SourceModel | undefined {
    const uris = this.bySourceId.filesOf(id);
    if (!uris || uris.size === 0) return undefined;
    return this.sources.get([...uris].sort()[0]!);
  }

  /** Every mention of an actor, grouped by source URI: mentions of that source's model ({@link getSource}). */
  mentionsOf(actor: string): ReadonlyMap<string, readonly Mention[]> {
    return this.actorMentions.of(actor) ?? NO_GROUPS;
  }

  /**
   * A number that changes whenever the number of mentions of `actor` in some
   * source changes (including a source starting or ceasing to mention it),
   * for caches of what is derived from the sizes of {@link mentionsOf}'s
   * groups. It does not change when a source is edited without changing
   * that number: the refs are then new, but the counts are the same. Never
   * reused, even after {@link clear}.
   */
  mentionCountsVersion(actor: string): number {
    return this.actorMentions.version(actor);
  }

  /** Like {@link mentionCountsVersion}, for the groups of {@link claimsByActor}. */
  claimsByCountsVersion(actor: string): number {
    return this.actorClaims.version(actor);
  }

  /** Every claim whose `by=` is `actor` (reserved values included), grouped by source, each group in the source's order. */
  claimsByActor(actor: string): ReadonlyMap<string, readonly ClaimRef[]> {
    return this.actorClaims.of(actor) ?? NO_GROUPS;
  }

  actorIds(): string[] {
    return [...this.actorMentions.keys()];
  }

  /**
   * The claim views to build ahead of time ({@link primeClaimViews}): every key with each as-of its claims have,
   * the keys with the most claims first.
   */
  claimViewsToPrime(): Iterator<readonly [string, string | undefined]> {
    const keys = [...this.keyClaims].sort((a, b) => b[1].size - a[1].size);
    return keys.flatMap(([key, claims]) => claims.asOfValues().map((asOf) => [key, asOf] as const)).values();
  }

  /**
   * Builds the summaries that a claim's corroboration reads (one per key and as-of, see claims.ts) ahead of time,
   * one at a time, until `stop()` says the caller's time slice is over; returns whether `views` is done. After a
   * bulk load no key has them, and the first diagnostics of a file claiming a key of thousands of claims would
   * otherwise build all of that key's at once, in the middle of a request or of a publication. A view built here is
   * then kept true in place by edits, as one built on demand.
   */
  primeClaimViews(views: Iterator<readonly [string, string | undefined]>, stop: () => boolean): boolean {
    for (;;) {
      const next = views.next();
      if (next.done) return true;
      const [key, asOf] = next.value;
      this.keyClaims.get(key)?.comparable(asOf);
      if (stop()) return false;
    }
  }

  claimKeys(): string[] {
    return [...this.keyClaims.keys()];
  }

  /** The claims of a key, grouped by normalised value, each group in (uri, start) order. */
  claimsOfKey(key: string): ReadonlyMap<string, readonly ClaimRef[]> {
    return this.keyClaims.get(key)?.values() ?? NO_GROUPS;
  }

  /** Per value of a key: its first claim in (uri, start) order, its claims and its files. */
  valuesOfKey(key: string): Array<{ norm: string; first: ClaimRef; claims: number; sources: number }> {
    const entry = this.keyClaims.get(key);
    if (!entry) return [];
    return [...entry.comparable(undefined).groups.values()].map((g) => ({
      norm: g.norm,
      first: g.refs[0]!,
      claims: g.refs.length,
      sources: g.files,
    }));
  }

  /** The indexed form of a claim of a source. */
  claimRef(uri: string, claim: Claim): ClaimRef | undefined {
    const model = this.sources.get(uri);
    const i = model ? positionOf(model.claims, claim) : -1;
    return i < 0 ? undefined : this.derived.get(uri)?.claims[i];
  }

  /** The actor a mention of source `uri` designates, if any (what {@link mentionRefs} pairs it with). */
  mentionActor(uri: string, mention: Mention): string | undefined {
    const model = this.sources.get(uri);
    const i = model ? positionOf(model.mentions, mention) : -1;
    return i < 0 ? undefined : this.derived.get(uri)?.mentionActors[i];
  }

  /** The mentions of a source that designate an actor, with that actor (made on each call: the index keeps no object per mention). */
  mentionRefs(uri: string): MentionRef[] {
    const model = this.sources.get(uri);
    const actors = this.derived.get(uri)?.mentionActors;
    if (!model || !actors) return [];
    const refs: MentionRef[] = [];
    model.mentions.forEach((mention, i) => {
      const actor = actors[i];
      if (actor !== undefined) refs.push({ model, mention, actor });
    });
    return refs;
  }

  /** Resolves a supports/disputes target. */
  resolveLink(
    from: SourceModel,
    source: string | undefined,
    claimId: string,
  ): { model: SourceModel; claim: Claim } | undefined {
    // A duplicated source id (itself an error) must not make the answer depend on load order.
    const models =
      source === undefined
        ? [from]
        : [...(this.bySourceId.filesOf(source) ?? [])].sort().map((u) => this.sources.get(u)!);
    for (const model of models) {
      const claim = model.claims.find((c) => c.id === claimId);
      if (claim) return { model, claim };
    }
    return undefined;
  }

  /** Claims whose supports/disputes links point at `source#claim`. */
  linksToClaim(source: string, claimId: string): ClaimRef[] {
    return [...(this.linksTo.get(source)?.get(claimId) ?? [])];
  }

  /**
   * Which claims in other sources corroborate or contradict this one. Cost:
   * O(files sharing its source id + its disputes links), plus, once per key
   * change and as-of, O(claims of the key); the lists are produced lazily.
   */
  corroboration(ref: ClaimRef): ClaimView {
    const q = this.comparison(ref);
    return q ? claimView(q.entry, ref, q.excluded, q.acknowledged, this.bySourceId) : emptyView();
  }

  /**
   * How many claims in other sources corroborate and contradict this one:
   * the sizes of {@link corroboration}'s lists, without making them, for
   * views that colour every claim (the claims matrix). Same cost bound.
   */
  corroborationCounts(ref: ClaimRef): { corroborating: number; conflicting: number } {
    const q = this.comparison(ref);
    return q ? claimCounts(q.entry, ref, q.excluded, q.acknowledged) : { corroborating: 0, conflicting: 0 };
  }

  /**
   * What a claim is compared with: its key's claims, the files whose claims never count (its own and every file
   * with its source id) and the disputes it acknowledges; undefined for a claim without a key or a value.
   */
  private comparison(
    ref: ClaimRef,
  ): { entry: KeyClaims; excluded: ReadonlySet<string>; acknowledged: ReadonlySet<ClaimRef> } | undefined {
    const { claim, model } = ref;
    if (claim.key === undefined || claim.value === undefined) return undefined;
    const entry = this.keyClaims.get(claim.key);
    if (!entry) return undefined;
    const excluded = this.bySourceId.filesOf(model.id) ?? new Set([model.uri]);
    return { entry, excluded, acknowledged: this.acknowledgedBy(ref, excluded) };
  }

  /** Comparable claims of other values that a disputes= link between them and `ref` (either way) acknowledges. */
  private acknowledgedBy(ref: ClaimRef, excluded: ReadonlySet<string>): ReadonlySet<ClaimRef> {
    // Most claims have no disputes link either way: no set to make.
    const linked = ref.claim.id !== undefined && this.linksTo.get(ref.model.id)?.has(ref.claim.id) === true;
    if (!linked && !ref.claim.links.some((l) => l.kind === 'disputes')) return NO_REFS;
    const out = new Set<ClaimRef>();
    const consider = (r: ClaimRef | undefined): void => {
      if (
        !r ||
        r.claim.key !== ref.claim.key ||
        r.claim.value === undefined ||
        compatible(r.reading, ref.reading) ||
        excluded.has(r.model.uri)
      )
        return;
      if (this.sources.get(r.model.uri) !== r.model || !asOfComparable(ref.claim.asOf, r.claim.asOf)) return;
      out.add(r);
    };
    for (const link of ref.claim.links) {
      if (link.kind !== 'disputes') continue;
      for (const uri of this.bySourceId.filesOf(link.source ?? ref.model.id) ?? []) {
        for (const r of this.derived.get(uri)?.claims ?? []) if (r.claim.id === link.claim) consider(r);
      }
    }
    if (ref.claim.id !== undefined) {
      for (const r of this.linksTo.get(ref.model.id)?.get(ref.claim.id) ?? []) if (disputes(r, ref)) consider(r);
    }
    return out;
  }

  /** Counts for status displays and the CLI summary. */
  stats(): { sources: number; registries: number; actors: number; mentions: number; claims: number; keys: number } {
    let mentions = 0;
    let claims = 0;
    for (const d of this.derived.values()) {
      for (const actor of d.mentionActors) if (actor !== undefined) mentions++;
      claims += d.claims.length;
    }
    return {
      sources: this.sources.size,
      registries: this.registries.size,
      actors: this.actorMentions.size,
      mentions,
      claims,
      keys: this.keyClaims.size,
    };
  }

  /**
   * A canonical, order-independent description of all derived state. Two
   * indexes given the same inputs in any order must have equal snapshots.
   */
  snapshot(): unknown {
    const sorted = <T>(xs: T[]): T[] => xs.sort();
    const at = (uri: string, offset: number): string => `${uri}@${offset}`;
    return {
      sources: sorted([...this.sources.values()].map((m) => `${m.uri}=${m.id}`)),
      registries: sorted([...this.registries.keys()]),
      bySourceId: Object.fromEntries(
        sorted([...this.bySourceId.keys()]).map((k) => [k, sorted([...this.bySourceId.filesOf(k)!])]),
      ),
      actors: Object.fromEntries(
        sorted([...this.actorMentions.keys()]).map((a) => [
          a,
          sorted([...this.actorMentions.of(a)!].flatMap(([uri, list]) => list.map((m) => at(uri, m.start)))),
        ]),
      ),
      claimsBy: Object.fromEntries(
        sorted([...this.actorClaims.keys()]).map((a) => [
          a,
          sorted([...this.actorClaims.of(a)!.values()].flat().map((r) => at(r.model.uri, r.claim.start))),
        ]),
      ),
      keys: Object.fromEntries(
        sorted([...this.keyClaims.keys()]).map((k) => [
          k,
          Object.fromEntries(
            sorted([...this.keyClaims.get(k)!.values().keys()]).map((v) => [
              v,
              sorted([...this.keyClaims.get(k)!.values().get(v)!].map((r) => at(r.model.uri, r.claim.start))),
            ]),
          ),
        ]),
      ),
      links: sorted(
        [...this.linksTo].flatMap(([s, m]) =>
          [...m].map(
            ([c, refs]) => `${s}#${c} <- ${sorted([...refs].map((r) => at(r.model.uri, r.claim.start))).join(' ')}`,
          ),
        ),
      ),
    };
  }

  // ---- maintenance ------------------------------------------------------------

  /** Adds a model's contributions; `bulk` when many models are being added at once (see KeyClaims.add). */
  private index(model: SourceModel, bulk = false): void {
    const registry = this.registryFor(model.uri);
    const linkTargets: Array<[string, string]> = [];
    this.bySourceId.add(model.id, model.uri);
    const actors = mentionActors(model, registry);
    this.actorMentions.update(model.uri, NO_KEYS, model.mentions, actors);
    // Mapped, not pushed: a list at its exact length (kept for as long as the file is indexed).
    const claims = model.claims.map((claim) => {
      const type = claim.key !== undefined ? registry?.claimKeys.get(claim.key)?.type : undefined;
      const reading =
        claim.value !== undefined
          ? readValue(claim.value, type, { language: model.meta.language, registry })
          : NO_READING;
      const ref: ClaimRef = { model, claim, norm: reading.key, reading };
      if (claim.key !== undefined && claim.value !== undefined) {
        let entry = this.keyClaims.get(claim.key);
        if (!entry) this.keyClaims.set(claim.key, (entry = new KeyClaims()));
        entry.add(ref, bulk);
      }
      for (const link of claim.links) {
        const source = link.source ?? model.id;
        linkTargets.push([source, link.claim]);
        let byClaim = this.linksTo.get(source);
        if (!byClaim) this.linksTo.set(source, (byClaim = new Map<string, Set<ClaimRef>>()));
        addTo(byClaim, link.claim, ref);
      }
      return ref;
    });
    this.actorClaims.update(model.uri, NO_KEYS, claims, claims.map(claimBy));
    this.derived.set(model.uri, {
      claims,
      mentionActors: actors,
      linkTargets: linkTargets.length > 0 ? linkTargets : NO_LINK_TARGETS,
    });
  }

  private unindex(model: SourceModel): void {
    const d = this.derived.get(model.uri);
    this.bySourceId.remove(model.id, model.uri);
    if (!d) return;
    this.actorMentions.update(model.uri, d.mentionActors, [], NO_KEYS);
    this.actorClaims.update(model.uri, d.claims.map(claimBy), [], NO_KEYS);
    for (const ref of d.claims) {
      const key = ref.claim.key;
      if (key !== undefined && ref.claim.value !== undefined) {
        const entry = this.keyClaims.get(key);
        if (entry) {
          entry.remove(ref);
          if (entry.size === 0) this.keyClaims.delete(key);
        }
      }
    }
    for (const [source, claimId] of d.linkTargets) {
      const byClaim = this.linksTo.get(source);
      const owners = byClaim?.get(claimId);
      if (!byClaim || !owners) continue;
      for (const r of owners) if (r.model === model) owners.delete(r);
      if (owners.size === 0) byClaim.delete(claimId);
      if (byClaim.size === 0) this.linksTo.delete(source);
    }
    this.derived.delete(model.uri);
  }

  /**
   * Replaces a model whose claims contribute exactly what the old one's did
   * (see {@link sameContributions}): mentions are indexed again, but the
   * claims keep their ClaimRef objects, now pointing at the new model and
   * claims, and so their places in every key, link and cache. `by=` is not a
   * contribution (other files' diagnostics do not show it), so the claims are
   * indexed by it again.
   */
  private replaceKeepingClaims(old: SourceModel, model: SourceModel): void {
    const d = this.derived.get(old.uri)!;
    const oldActors = d.mentionActors;
    d.mentionActors = mentionActors(model, this.registryFor(model.uri));
    this.actorMentions.update(model.uri, oldActors, model.mentions, d.mentionActors);
    const oldBy = d.claims.map(claimBy);
    model.claims.forEach((claim, i) => {
      const ref = d.claims[i]!;
      ref.model = model;
      ref.claim = claim;
    });
    this.actorClaims.update(model.uri, oldBy, d.claims, d.claims.map(claimBy));
    this.sources.set(model.uri, model);
  }

  /**
   * The files whose diagnostics show where a claim or the id of `old` is, if
   * that place moved in `model` (same contributions, new positions).
   */
  private collectMoved(old: SourceModel, model: SourceModel, into: Set<string>): void {
    const d = this.derived.get(old.uri)!;
    old.claims.forEach((claim, i) => {
      if (claim.key === undefined || claim.value === undefined) return;
      const next = model.claims[i]!;
      if (samePlace(old, claim.start, claim.end, model, next.start, next.end)) return;
      const entry = this.keyClaims.get(claim.key);
      if (entry && this.mayBeListed(entry, d.claims[i]!)) for (const uri of entry.files()) into.add(uri);
    });
    this.collectMovedId(old, model, into);
  }

  /** The files sharing the source id of `old`, if its place moved in `model` (duplicate-id's related information). */
  private collectMovedId(old: SourceModel, model: SourceModel, into: Set<string>): void {
    const twins = this.bySourceId.filesOf(old.id);
    if (
      twins &&
      twins.size > 1 &&
      !samePlace(
        old,
        old.meta.idStart ?? old.parsed.bodyStart,
        old.meta.idEnd ?? old.parsed.bodyStart,
        model,
        model.meta.idStart ?? model.parsed.bodyStart,
        model.meta.idEnd ?? model.parsed.bodyStart,
      )
    ) {
      for (const uri of twins) into.add(uri);
    }
  }

  /**
   * The files affected by an edit that kept the source's id, title and language (parts 1 and 2 of the contract in
   * features/diagnostics/crossFile.ts) but changed its claims: every file of each key whose claims changed (part
   * 3), and, for a key whose claims stayed the same, its files if one of them moved where a list may show it
   * (part 4, as {@link collectMoved}); the files sharing the id if it moved; the files linking into the source.
   * A value flipped on one key no longer reaches the files of every other key the source claims. Called before
   * `old` is unindexed (its claim refs are read); the files of a key are the same before and after, but for this one.
   */
  private collectChangedClaims(old: SourceModel, model: SourceModel, into: Set<string>): void {
    const d = this.derived.get(old.uri)!;
    const before = indexedClaimsByKey(old);
    const after = indexedClaimsByKey(model);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const entry = this.keyClaims.get(key);
      if (!entry) continue;
      const a = before.get(key) ?? [];
      const b = after.get(key) ?? [];
      const same = a.length === b.length && a.every((i, k) => sameClaim(old.claims[i]!, model.claims[b[k]!]!));
      const shown =
        !same ||
        a.some((i, k) => {
          const x = old.claims[i]!;
          const y = model.claims[b[k]!]!;
          return !samePlace(old, x.start, x.end, model, y.start, y.end) && this.mayBeListed(entry, d.claims[i]!);
        });
      if (shown) for (const uri of entry.files()) into.add(uri);
    }
    this.collectMovedId(old, model, into);
    for (const refs of this.linksTo.get(old.id)?.values() ?? []) for (const r of refs) into.add(r.model.uri);
  }

  /**
   * Whether some other file's diagnostic may list `ref` among its first
   * MAX_RELATED related claims. Lists are in (uri, start) order, so a claim
   * preceded by enough others in every list that can hold it is never shown;
   * `slack` bounds how many of those a file's own exclusions (files with its
   * source id, acknowledged disputes) can remove. This keeps part 4
   * (positions in related information) of the invalidation contract written
   * in features/diagnostics/crossFile.ts.
   */
  private mayBeListed(entry: KeyClaims, ref: ClaimRef): boolean {
    const perId = entry.maxClaimsPerSourceId();
    const links = entry.disputeLinks();
    const slack = MAX_RELATED + perId * (1 + links) + links;
    for (const asOf of entry.asOfValues()) {
      if (!asOfComparable(asOf, ref.claim.asOf)) continue;
      const c = entry.comparable(asOf);
      let total = 0;
      const before = new Map<string, number>();
      for (const g of c.groups.values()) {
        const n = countBefore(g.refs, ref);
        before.set(g.norm, n);
        total += n;
      }
      // Files of ref's value list it among their corroborations; files of another value w among their conflicts.
      if (before.has(ref.norm) && before.get(ref.norm)! < slack) return true;
      for (const [norm, n] of before) if (norm !== ref.norm && total - n < slack) return true;
    }
    return false;
  }

  private rederiveAll(extra?: string): Set<string> {
    this.changes++;
    this.allKeysChanged = this.changes;
    this.registryCache.clear();
    const affected = new Set<string>(this.sources.keys());
    for (const r of this.registries.keys()) affected.add(r);
    if (extra) affected.add(extra);
    const models = [...this.sources.values()];
    for (const m of models) this.unindex(m);
    for (const m of models) this.index(m, true);
    return affected;
  }

  /** Adds every file whose diagnostics depend on what `model` contributes. */
  private collectAffected(model: SourceModel, into: Set<string>): void {
    // Each key once: a source with several claims on a key of thousands of files walks them once.
    const keys = new Set<string>();
    for (const claim of model.claims) if (claim.key !== undefined) keys.add(claim.key);
    for (const key of keys) {
      const entry = this.keyClaims.get(key);
      if (entry) for (const uri of entry.files()) into.add(uri);
    }
    for (const uri of this.bySourceId.filesOf(model.id) ?? []) into.add(uri);
    // Links into this source: they may break or resolve when it changes.
    for (const refs of this.linksTo.get(model.id)?.values() ?? []) for (const r of refs) into.add(r.model.uri);
  }
}

const NO_GROUPS: ReadonlyMap<string, readonly never[]> = new Map();
const NO_REFS: ReadonlySet<ClaimRef> = new Set();

/**
 * Whether two models of one file contribute the same to other files'
 * diagnostics, positions aside: source id, title (shown in messages), and
 * each claim's key, value, as-of, id and links, in order. These are parts
 * 1–3 of the invalidation contract in features/diagnostics/crossFile.ts (the
 * list of what other files' diagnostics show of a file): a field added there
 * must be compared here.
 */
function sameContributions(a: SourceModel, b: SourceModel): boolean {
  if (!sameSourceFields(a, b) || a.claims.length !== b.claims.length) return false;
  for (let i = 0; i < a.claims.length; i++) if (!sameClaim(a.claims[i]!, b.claims[i]!)) return false;
  return true;
}

/** Parts 1 and 2 of the contract: the source id and title, and the language (how its numerals are read). */
function sameSourceFields(a: SourceModel, b: SourceModel): boolean {
  if (a.id !== b.id || a.meta.title !== b.meta.title) return false;
  // The language says how numerals are read (a decimal comma), and so which claims agree.
  return a.meta.language === b.meta.language || (a.claims.every(noValue) && b.claims.every(noValue));
}

const noValue = (c: Claim): boolean => c.value === undefined;

/** Part 3 of the contract, for one claim: key, value, as-of, id and links. */
function sameClaim(x: Claim, y: Claim): boolean {
  if (x.key !== y.key || x.value !== y.value || x.asOf !== y.asOf || x.id !== y.id) return false;
  if (x.links.length !== y.links.length) return false;
  for (let j = 0; j < x.links.length; j++) {
    const l = x.links[j]!;
    const m = y.links[j]!;
    if (l.kind !== m.kind || l.source !== m.source || l.claim !== m.claim) return false;
  }
  return true;
}

/** The positions in `model.claims` of the claims the key index holds (a key and a value), by key, in order. */
function indexedClaimsByKey(model: SourceModel): Map<string, number[]> {
  const out = new Map<string, number[]>();
  model.claims.forEach((c, i) => {
    if (c.key === undefined || c.value === undefined) return;
    const list = out.get(c.key);
    if (list) list.push(i);
    else out.set(c.key, [i]);
  });
  return out;
}

/** Whether [s1, e1) in `a` and [s2, e2) in `b` have the same line/character range. */
function samePlace(a: SourceModel, s1: number, e1: number, b: SourceModel, s2: number, e2: number): boolean {
  const r = a.lines.rangeAt(s1, e1);
  const q = b.lines.rangeAt(s2, e2);
  return (
    r.start.line === q.start.line &&
    r.start.character === q.start.character &&
    r.end.line === q.end.line &&
    r.end.character === q.end.character
  );
}

function disputes(from: ClaimRef, to: ClaimRef): boolean {
  if (to.claim.id === undefined) return false;
  return from.claim.links.some(
    (l) => l.kind === 'disputes' && l.claim === to.claim.id && (l.source ?? from.model.id) === to.model.id,
  );
}

const claimBy = (ref: ClaimRef): string | undefined => ref.claim.by;
const NO_KEYS: ReadonlyArray<string | undefined> = [];
const NO_LINK_TARGETS: Derived['linkTargets'] = [];

/** The reading of a claim without a value. */
const NO_READING: Reading = { key: '', label: '', fuzzy: false, approximate: false };

/** The actor each mention of a model designates (by `ref=`, or by a registry name), undefined for none. */
function mentionActors(model: SourceModel, registry: Registry | undefined): Array<string | undefined> {
  const names = registry?.names;
  return model.mentions.map((m) => m.ref ?? names?.get(m.text));
}

/**
 * key → file → that file's items with the key, in the file's order (actor →
 * file → mentions, or claims by the actor), with a version per key that
 * changes whenever the number of the key's items in some file changes. Caches
 * of what is derived from the groups' sizes (hover's actor summaries) stay
 * valid while files are edited without changing those numbers.
 *
 * A file's only item with a key (nine groups in ten: an actor named once in an article) is kept as itself, not in
 * a list of one: at 10,000 articles that is 190,000 arrays fewer (about 10 MiB). {@link of} shows every group as a
 * list; items are objects, never arrays, so a list and a lone item are told apart.
 */
class FileGroups<T extends object> {
  private readonly groups = new Map<string, Map<string, Group<T>>>();
  /** Entries outlive their key's groups, so that a version is never reused. */
  private readonly versions = new Map<string, number>();
  private counter = 0;

  get size(): number {
    return this.groups.size;
  }

  keys(): IterableIterator<string> {
    return this.groups.keys();
  }

  /** The key's groups by file (a view: it follows later updates). */
  of(key: string): ReadonlyMap<string, readonly T[]> | undefined {
    const byUri = this.groups.get(key);
    return byUri && new GroupsView(byUri);
  }

  version(key: string): number {
    return this.versions.get(key) ?? -1;
  }

  /**
   * Replaces the items of file `uri`: `before` are the keys of the items it
   * had (one per item, as `afterKeys` gave them then), `after` its items now
   * and `afterKeys` their keys (one per item, undefined for an item of no group).
   * Each list is allocated at its exact size: there are tens of thousands of
   * them, most with a few items, and a list grown by push keeps room for 16 more.
   */
  update(
    uri: string,
    before: ReadonlyArray<string | undefined>,
    after: readonly T[],
    afterKeys: ReadonlyArray<string | undefined>,
  ): void {
    // With no items before (loading), every key of the items now changes count: no deltas to keep.
    const delta = before.length > 0 ? new Map<string, number>() : undefined;
    for (const key of before) {
      if (key === undefined) continue;
      delta!.set(key, (delta!.get(key) ?? 0) - 1);
      const byUri = this.groups.get(key);
      if (!byUri) continue;
      byUri.delete(uri);
      if (byUri.size === 0) this.groups.delete(key);
    }
    const groups = new Map<string, Group<T>>();
    for (let i = 0; i < after.length; i++) {
      const item = after[i]!;
      const key = afterKeys[i];
      if (key === undefined) continue;
      delta?.set(key, (delta.get(key) ?? 0) + 1);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, item);
      else if (Array.isArray(group)) group.push(item);
      else groups.set(key, [group, item]);
    }
    for (const [key, group] of groups) {
      let byUri = this.groups.get(key);
      if (!byUri) this.groups.set(key, (byUri = new Map<string, Group<T>>()));
      byUri.set(uri, Array.isArray(group) ? group.slice() : group);
      if (!delta) this.versions.set(key, ++this.counter);
    }
    if (delta) for (const [key, d] of delta) if (d !== 0) this.versions.set(key, ++this.counter);
  }

  /** Forgets every group; every key's count is then zero, so every version changes. */
  clear(): void {
    this.groups.clear();
    for (const key of this.versions.keys()) this.versions.set(key, ++this.counter);
  }
}

/** A file's items with one key: the item itself when it is the only one. */
type Group<T> = T | T[];

const listOf = <T>(group: Group<T>): readonly T[] => (Array.isArray(group) ? group : [group]);

/** One key's groups as lists by file (see {@link FileGroups}): a read-only view of the map the index keeps. */
class GroupsView<T> implements ReadonlyMap<string, readonly T[]> {
  constructor(private readonly byUri: ReadonlyMap<string, Group<T>>) {}

  get size(): number {
    return this.byUri.size;
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  get(uri: string): readonly T[] | undefined {
    const group = this.byUri.get(uri);
    return group === undefined ? undefined : listOf(group);
  }

  keys(): MapIterator<string> {
    return this.byUri.keys();
  }

  *values(): MapIterator<readonly T[]> {
    for (const group of this.byUri.values()) yield listOf(group);
  }

  *entries(): MapIterator<[string, readonly T[]]> {
    for (const [uri, group] of this.byUri) yield [uri, listOf(group)];
  }

  [Symbol.iterator](): MapIterator<[string, readonly T[]]> {
    return this.entries();
  }

  forEach(callback: (list: readonly T[], uri: string, map: ReadonlyMap<string, readonly T[]>) => void): void {
    for (const [uri, group] of this.byUri) callback(listOf(group), uri, this);
  }
}

/** Source id → the files with that id, and the ids that several files share (see claims.ts, SourceIds). */
class SourceIdFiles implements SourceIds {
  private readonly byId = new Map<string, Set<string>>();
  readonly shared = new Set<string>();

  filesOf(id: string): ReadonlySet<string> | undefined {
    return this.byId.get(id);
  }

  keys(): MapIterator<string> {
    return this.byId.keys();
  }

  add(id: string, uri: string): void {
    const files = this.byId.get(id);
    if (!files) this.byId.set(id, new Set([uri]));
    else if (!files.has(uri)) {
      files.add(uri);
      this.shared.add(id);
    }
  }

  remove(id: string, uri: string): void {
    const files = this.byId.get(id);
    if (!files?.delete(uri)) return;
    if (files.size < 2) this.shared.delete(id);
    if (files.size === 0) this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
    this.shared.clear();
  }
}

/**
 * Where `item` is in `items`, -1 if it is not there: a binary search by start offset (a model's mentions, and its
 * claims, are in the order of their starts, one per offset), then a linear one should that order not hold. The index
 * finds a claim's ref and a mention's actor at the same position in the file's derived lists, instead of keeping a
 * map from every claim object to its ref.
 */
function positionOf<T extends { start: number }>(items: readonly T[], item: T): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = items[mid]!;
    if (at === item) return mid;
    if (at.start < item.start) lo = mid + 1;
    else hi = mid - 1;
  }
  return items.indexOf(item);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function normalizeFolder(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}
