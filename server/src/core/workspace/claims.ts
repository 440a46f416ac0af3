/**
 * The claims of one key, grouped by normalised value, and the summaries that
 * make "which claims corroborate or contradict this one" cost O(what is
 * shown) instead of O(claims of the key).
 *
 * A key can be claimed by half of a 100,000-file workspace. Every diagnostic,
 * lens, hover and semantic token of a claim on it asks the same question,
 * and before this index each answer walked and sorted the whole key. Now:
 *
 * - each value group is an array sorted by (uri, start): an edit inserts in
 *   place; bulk loading appends and sorts once, when the group is next read;
 * - for each `as-of` asked about, a {@link Comparable} summary (the claims
 *   at a comparable time, per value, with claim counts per file and per
 *   source id) is built once and then kept true in place as claims come and
 *   go (a bulk load drops it);
 * - a claim's view ({@link ClaimView}) is then that summary minus the few
 *   claims the asking claim excludes (its own file, files with its source
 *   id, disputes it acknowledges), counted with O(excluded) arithmetic, and
 *   its lists are produced lazily, merged in order, as far as asked.
 *
 * Values that are intervals ("more than 30", "about 5%", a month) are
 * compared by interval as well as by key: a claim of another value that can
 * be true with it (model/normalize.ts, `compatible`) neither corroborates nor
 * contradicts it. Exact values (one number, day or text) still compare by
 * key alone; only the few interval values are checked against the others,
 * once per view and value ({@link compatibleGroups}).
 *
 * A prose edit that leaves a file's claims the same keeps their ClaimRef
 * objects (see WorkspaceIndex), so it does not invalidate anything here.
 */

import { asOfComparable, compatible, type Reading } from '../model/normalize';
import type { ClaimRef } from './refs';

/** At most this many related locations are attached to one diagnostic. */
export const MAX_RELATED = 20;

export function compareRefs(a: ClaimRef, b: ClaimRef): number {
  const ua = a.model.uri;
  const ub = b.model.uri;
  return ua < ub ? -1 : ua > ub ? 1 : a.claim.start - b.claim.start;
}

/** The claims of one value at times comparable with some as-of. */
interface Group {
  norm: string;
  /** The value's reading (every claim of the group has the same key, and so the same interval). */
  reading: Reading;
  /** Sorted by (uri, start). Without an as-of, the key's own group array (shared, not copied). */
  refs: ClaimRef[];
  /** How many files the claims are in. (A file's claims are counted in `refs` itself: {@link inFile}.) */
  files: number;
  /**
   * How many distinct source ids the files have ({@link distinctIds}), -1 until counted or after a change. (A file's
   * source id changes only with its claims indexed again, which changes the groups they are in.)
   */
  ids: number;
}

/**
 * The files of each source id (the workspace's), for counting the distinct source ids of a value's claims: files
 * and ids are one to one but for the ids that several files share, so a value needs no map of its ids.
 */
export interface SourceIds {
  /** The files whose source id is `id`. */
  filesOf(id: string): ReadonlySet<string> | undefined;
  /** The ids that more than one file has. */
  readonly shared: ReadonlySet<string>;
}

/** The claims of a key at times comparable with one as-of. */
interface Comparable {
  groups: Map<string, Group>;
  total: number;
  /** How many files the claims are in, all values. (A file's claims: {@link fileInView}.) */
  files: number;
  /** Per value: how many files claim only that value. */
  pure: Map<string, number>;
  /** Per value: the first PREFIX claims of all other values, merged (see {@link list}). */
  prefixes: Map<string, ClaimRef[]>;
  /** The groups whose reading is compared by interval (Reading.fuzzy), by value. */
  fuzzy: Map<string, Group>;
  /** Per value: the other groups that can be true with it (see {@link compatibleGroups}). */
  compat: Map<string, Group[]>;
  /** Per value with compatible others: the groups that conflict with it, their claims per file, and their total. */
  besides: Map<string, Besides>;
}

/** The claims of a view that conflict with one value that has compatible others (see {@link besidesOf}). */
interface Besides {
  /** The groups that conflict with the value. */
  others: Group[];
  /** How many claims, and files, the other groups have. */
  total: number;
  sources: number;
  /** The first PREFIX claims of `others`, merged (see {@link list}). */
  prefix?: ClaimRef[];
}

/** How many claims of a merged list are kept ready (the related-information lists take 20). */
const PREFIX = 64;

export class KeyClaims {
  private readonly groups = new Map<string, ClaimRef[]>();
  private readonly unsorted = new Set<string>();
  private readonly views = new Map<string, Comparable>();
  /** How many claims have each as-of ('' for none). */
  private readonly asOfs = new Map<string, number>();
  /** Claims per file. */
  private readonly uris = new Map<string, number>();
  /** Per value: how many of its claims have each as-of ('' for none), kept in step with `groups`. */
  private readonly groupAsOfs = new Map<string, Map<string, number>>();
  /** Whether two values conflict (see {@link hasConflict}); undefined once a removal may have ended a conflict. */
  private conflict: boolean | undefined;
  private stats: { perId: number; links: number } | undefined;
  size = 0;

  /**
   * Adds a claim. In `bulk` mode (loading a workspace) it is appended and
   * the group sorted when next read; otherwise it is inserted in place, so
   * that one edit never costs a sort of a large group.
   */
  add(ref: ClaimRef, bulk = false): void {
    let refs = this.groups.get(ref.norm);
    if (!refs) this.groups.set(ref.norm, (refs = []));
    const last = refs[refs.length - 1];
    if (last === undefined || compareRefs(last, ref) <= 0) refs.push(ref);
    else if (bulk || this.unsorted.has(ref.norm)) {
      refs.push(ref);
      this.unsorted.add(ref.norm);
    } else refs.splice(countBefore(refs, ref), 0, ref);
    adjustCount(this.uris, ref.model.uri, 1);
    adjustCount(this.asOfs, ref.claim.asOf ?? '', 1);
    let asOfs = this.groupAsOfs.get(ref.norm);
    if (!asOfs) this.groupAsOfs.set(ref.norm, (asOfs = new Map<string, number>()));
    adjustCount(asOfs, ref.claim.asOf ?? '', 1);
    this.size++;
    this.stats = undefined;
    // A claim added never ends a conflict; if there was none, only the pairs with the claim's value can start one.
    if (this.conflict === false) this.conflict = this.valueConflicts(ref.norm);
    if (bulk) this.views.clear();
    else this.updateViews(ref, 1);
  }

  remove(ref: ClaimRef): void {
    const refs = this.groups.get(ref.norm);
    if (!refs) return;
    const i = this.unsorted.has(ref.norm) ? refs.indexOf(ref) : findRef(refs, ref);
    if (i < 0) return;
    refs.splice(i, 1);
    adjustCount(this.uris, ref.model.uri, -1);
    adjustCount(this.asOfs, ref.claim.asOf ?? '', -1);
    const asOfs = this.groupAsOfs.get(ref.norm)!;
    adjustCount(asOfs, ref.claim.asOf ?? '', -1);
    this.size--;
    if (refs.length === 0) {
      this.groups.delete(ref.norm);
      this.groupAsOfs.delete(ref.norm);
      this.unsorted.delete(ref.norm);
    }
    this.stats = undefined;
    // A claim removed never starts a conflict; it may end one, which is decided when next asked.
    if (this.conflict === true) this.conflict = undefined;
    this.updateViews(ref, -1);
  }

  /**
   * Keeps the cached summaries true after one claim was added (+1) or
   * removed (-1): O(views × (values + log claims)), so that an edit to a key
   * of thousands of claims never rebuilds them. (Views exist only once the
   * groups were sorted, and a bulk add drops them, so every array is sorted.)
   */
  private updateViews(ref: ClaimRef, delta: 1 | -1): void {
    const uri = ref.model.uri;
    for (const [cacheKey, view] of this.views) {
      const asOf = cacheKey === '' ? undefined : cacheKey;
      if (!asOfComparable(asOf, ref.claim.asOf)) continue;
      // Without an as-of, the value's group is the key's own array, which add/remove changed already: its count in
      // the file before the change is the count now minus the change.
      const changedAlready = asOf === undefined ? ref.norm : undefined;
      const before = fileInView(view, uri, changedAlready, delta);
      let group = view.groups.get(ref.norm);
      const base = this.groups.get(ref.norm);
      if (!group) {
        if (delta < 0) continue;
        group = {
          norm: ref.norm,
          reading: ref.reading,
          refs: asOf === undefined ? base! : [],
          files: 0,
          ids: -1,
        };
        view.groups.set(ref.norm, group);
        if (ref.reading.fuzzy) view.fuzzy.set(ref.norm, group);
      }
      if (asOf !== undefined) {
        if (delta > 0) group.refs.splice(countBefore(group.refs, ref), 0, ref);
        else {
          const i = findRef(group.refs, ref);
          if (i >= 0) group.refs.splice(i, 1);
        }
      }
      const inGroup = inFile(group.refs, uri);
      if (delta > 0 && inGroup === 1) group.files++;
      else if (delta < 0 && inGroup === 0) group.files--;
      if (delta > 0 && before.claims === 0) view.files++;
      else if (delta < 0 && before.claims === 1) view.files--;
      group.ids = -1;
      view.total += delta;
      view.prefixes.clear();
      view.compat.clear();
      view.besides.clear();
      if (group.refs.length === 0) {
        view.groups.delete(ref.norm);
        view.fuzzy.delete(ref.norm);
      }
      const after = fileInView(view, uri).pure;
      if (before.pure !== after) {
        if (before.pure !== undefined) adjustCount(view.pure, before.pure, -1);
        if (after !== undefined) adjustCount(view.pure, after, 1);
      }
    }
  }

  /** The files that claim this key. */
  files(): IterableIterator<string> {
    return this.uris.keys();
  }

  /** The distinct as-of values of the key's claims (undefined for claims without one). */
  asOfValues(): Array<string | undefined> {
    return [...this.asOfs.keys()].map((a) => (a === '' ? undefined : a));
  }

  private computeStats(): { perId: number; links: number } {
    if (this.stats) return this.stats;
    const perId = new Map<string, number>();
    let links = 0;
    for (const refs of this.groups.values()) {
      for (const r of refs) {
        adjustCount(perId, r.model.id, 1);
        for (const l of r.claim.links) if (l.kind === 'disputes') links++;
      }
    }
    return (this.stats = { perId: Math.max(0, ...perId.values()), links });
  }

  /** The most claims of this key in the files of one source id. */
  maxClaimsPerSourceId(): number {
    return this.computeStats().perId;
  }

  /** How many disputes= links the key's claims carry. */
  disputeLinks(): number {
    return this.computeStats().links;
  }

  /** The value groups, each sorted by (uri, start). */
  values(): ReadonlyMap<string, readonly ClaimRef[]> {
    // Sorted, and copied at their exact length (a list grown by push keeps up to half its length spare). Views hold
    // groups' arrays, but none exists while a group is unsorted (see add), so none holds the array replaced.
    for (const norm of this.unsorted) {
      const refs = this.groups.get(norm);
      if (refs) this.groups.set(norm, refs.sort(compareRefs).slice());
    }
    this.unsorted.clear();
    return this.groups;
  }

  /**
   * Whether sources disagree on this key: two values that cannot both be true, at comparable times, not both
   * from one and the same file (a value's files and as-ofs are taken as a whole). Cached and kept true as claims
   * are added; O(values² × as-ofs²) when recomputed after a removal, never a walk of the claims, so that the
   * server's status (every 150 ms while indexing, and after edits) costs nothing that grows with the key.
   */
  hasConflict(): boolean {
    if (this.conflict !== undefined) return this.conflict;
    let conflict = false;
    for (const norm of this.groups.keys()) if ((conflict = this.valueConflicts(norm))) break;
    return (this.conflict = conflict);
  }

  /** Whether a value's claims come from more than one file: stops at the first claim of a second file. */
  private manyFiles(norm: string): boolean {
    const refs = this.groups.get(norm)!;
    const first = refs[0]!.model.uri;
    return refs.some((r) => r.model.uri !== first);
  }

  /** Whether the value `norm` conflicts with another value of the key (see {@link hasConflict}). */
  private valueConflicts(norm: string): boolean {
    const a = this.groups.get(norm);
    if (!a || this.groups.size < 2) return false;
    const aAsOfs = this.groupAsOfs.get(norm)!;
    const aOneFile = !this.manyFiles(norm);
    for (const [other, b] of this.groups) {
      if (other === norm) continue;
      // Both values from one and the same file: a source that changed its figure does not disagree with itself.
      if (aOneFile && a[0]!.model.uri === b[0]!.model.uri && !this.manyFiles(other)) continue;
      if (compatible(a[0]!.reading, b[0]!.reading)) continue;
      const bAsOfs = this.groupAsOfs.get(other)!;
      for (const x of aAsOfs.keys())
        for (const y of bAsOfs.keys())
          if (asOfComparable(x === '' ? undefined : x, y === '' ? undefined : y)) return true;
    }
    return false;
  }

  /** The summary of the claims comparable with `asOf` (built once per key change). */
  comparable(asOf: string | undefined): Comparable {
    const cacheKey = asOf ?? '';
    let view = this.views.get(cacheKey);
    if (view) return view;
    view = {
      groups: new Map(),
      total: 0,
      files: 0,
      pure: new Map(),
      prefixes: new Map(),
      fuzzy: new Map(),
      compat: new Map(),
      besides: new Map(),
    };
    const normsOfUri = new Map<string, string | null>();
    this.values();
    for (const [norm, all] of this.groups) {
      const refs = asOf === undefined ? all : all.filter((r) => asOfComparable(asOf, r.claim.asOf));
      if (refs.length === 0) continue;
      const group: Group = { norm, reading: refs[0]!.reading, refs, files: 0, ids: -1 };
      let last: string | undefined;
      for (const r of refs) {
        const uri = r.model.uri;
        if (uri !== last) group.files++;
        last = uri;
        const seen = normsOfUri.get(uri);
        if (seen === undefined) normsOfUri.set(uri, norm);
        else if (seen !== norm) normsOfUri.set(uri, null);
      }
      view.total += refs.length;
      view.groups.set(norm, group);
      if (group.reading.fuzzy) view.fuzzy.set(norm, group);
    }
    view.files = normsOfUri.size;
    for (const norm of normsOfUri.values()) if (norm !== null) adjustCount(view.pure, norm, 1);
    this.views.set(cacheKey, view);
    return view;
  }
}

/** Adds `by` to a count kept in a map; a count that reaches 0 leaves the map. */
function adjustCount(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/**
 * How many claims of a sorted array are in file `uri`: two binary searches (the array is in (uri, start) order), so
 * that a group needs no map of its files.
 */
function inFile(refs: readonly ClaimRef[], uri: string): number {
  const first = boundOfFile(refs, uri, 0, false);
  return boundOfFile(refs, uri, first, true) - first;
}

/**
 * In a sorted array, from `from` on: the index of the first ref whose uri is not before `uri` (`after` false), or
 * the first whose uri is after it (`after` true).
 */
function boundOfFile(refs: readonly ClaimRef[], uri: string, from: number, after: boolean): number {
  let lo = from;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = refs[mid]!.model.uri;
    if (at < uri || (after && at === uri)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * File `uri` in a view, in one pass over its values: how many claims it has there, and the one value it claims, if
 * it claims exactly one. `changed` names a group whose array was changed already by `delta` claims of that file
 * (see updateViews): the figures before the change are given.
 */
function fileInView(
  view: Comparable,
  uri: string,
  changed?: string,
  delta = 0,
): { claims: number; pure: string | undefined } {
  let claims = 0;
  let values = 0;
  let pure: string | undefined;
  for (const g of view.groups.values()) {
    const n = inFile(g.refs, uri) - (g.norm === changed ? delta : 0);
    if (n <= 0) continue;
    claims += n;
    values++;
    pure = g.norm;
  }
  return { claims, pure: values === 1 ? pure : undefined };
}

/** The files of a sorted array, in order. */
function* filesOf(refs: readonly ClaimRef[]): Generator<string> {
  let i = 0;
  while (i < refs.length) {
    const uri = refs[i]!.model.uri;
    yield uri;
    i = boundOfFile(refs, uri, i, true);
  }
}

/** How many refs of a sorted array come before `ref` in (uri, start) order. */
export function countBefore(refs: readonly ClaimRef[], ref: ClaimRef): number {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRefs(refs[mid]!, ref) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary search for a ref in an array sorted by (uri, start); -1 if absent. */
function findRef(refs: readonly ClaimRef[], ref: ClaimRef): number {
  const lo = countBefore(refs, ref);
  // Equal (uri, start) pairs cannot come from two claims of one model, but a stale ref could share them.
  for (let i = lo; i < refs.length && compareRefs(refs[i]!, ref) === 0; i++) if (refs[i] === ref) return i;
  return refs.indexOf(ref);
}

/**
 * Claims in (uri, start) order, produced lazily. `size` and `sources` are
 * exact and O(1) to read.
 */
export interface ClaimList extends Iterable<ClaimRef> {
  /** Number of claims. */
  readonly size: number;
  /** Number of distinct files. */
  readonly sources: number;
  /** The first `limit` claims (all if omitted). */
  take(limit?: number): ClaimRef[];
}

/** One conflicting value, for messages. */
export interface ConflictValue {
  norm: string;
  /** The first claim with this value (its `value` is the spelling shown). */
  first: ClaimRef;
  /** The first few distinct source ids, in order. */
  ids: string[];
  /** How many distinct source ids state this value. */
  idCount: number;
}

/** Which claims of other sources corroborate or contradict a claim (`WorkspaceIndex.corroboration`). */
export interface ClaimView {
  /** Claims in other sources with the same key and value, at a comparable time. */
  corroborating: ClaimList & { sourceIds(limit: number): string[]; readonly idCount: number };
  /** Claims in other sources with the same key and a different value, at a comparable time, not linked by disputes=. */
  conflicting: ClaimList & { values(idLimit: number): ConflictValue[] };
  /** Conflicting claims that a disputes= link (in either direction) already acknowledges. */
  acknowledged: ClaimList;
}

const EMPTY: ClaimList & { sourceIds(): string[]; idCount: number; values(): ConflictValue[] } = {
  size: 0,
  sources: 0,
  idCount: 0,
  take: () => [],
  sourceIds: () => [],
  values: () => [],
  [Symbol.iterator]: () => [][Symbol.iterator](),
};

const NO_READING: Reading = { key: '', label: '', fuzzy: false, approximate: false };

export function emptyView(): ClaimView {
  return { corroborating: EMPTY, conflicting: EMPTY, acknowledged: EMPTY };
}

/** Merges sorted groups lazily, skipping what `skip` rejects. */
function* merged(groups: readonly Group[], skip: (r: ClaimRef) => boolean): Generator<ClaimRef> {
  const pos = groups.map(() => 0);
  for (;;) {
    let best = -1;
    for (let g = 0; g < groups.length; g++) {
      const refs = groups[g]!.refs;
      while (pos[g]! < refs.length && skip(refs[pos[g]!]!)) pos[g]!++;
      if (pos[g]! < refs.length && (best < 0 || compareRefs(refs[pos[g]!]!, groups[best]!.refs[pos[best]!]!) < 0))
        best = g;
    }
    if (best < 0) return;
    yield groups[best]!.refs[pos[best]!++]!;
  }
}

/**
 * A lazily produced list: `groups` merged in (uri, start) order, minus what
 * `skip` rejects. With `prefix` (the first PREFIX claims of the unfiltered
 * merge, cached per view and shared by every claim that asks the same
 * question), the first claims come from an array scan; the merge resumes
 * past it only if more are wanted.
 */
function list(
  groups: readonly Group[],
  skip: (r: ClaimRef) => boolean,
  size: number,
  sources: number,
  prefix?: () => readonly ClaimRef[],
): ClaimList {
  function* iterate(): Generator<ClaimRef> {
    if (groups.length === 1) {
      for (const r of groups[0]!.refs) if (!skip(r)) yield r;
      return;
    }
    if (!prefix) {
      yield* merged(groups, skip);
      return;
    }
    const head = prefix();
    for (const r of head) if (!skip(r)) yield r;
    if (head.length < PREFIX) return;
    const seen = new Set(head);
    yield* merged(groups, (r) => seen.has(r) || skip(r));
  }
  return {
    size,
    sources,
    take(limit = Infinity): ClaimRef[] {
      const out: ClaimRef[] = [];
      if (limit <= 0) return out;
      for (const r of iterate()) {
        out.push(r);
        if (out.length >= limit) break;
      }
      return out;
    },
    [Symbol.iterator]: iterate,
  };
}

/** The first `limit` distinct source ids of a lazily merged list. */
function firstIds(refs: Iterable<ClaimRef>, limit: number): string[] {
  const ids: string[] = [];
  if (limit <= 0) return ids;
  for (const r of refs) {
    if (!ids.includes(r.model.id)) ids.push(r.model.id);
    if (ids.length >= limit) break;
  }
  return ids;
}

/**
 * The view of one claim: `key` holds it; `excluded` are the files whose
 * claims never count (its own and every file with its source id);
 * `acknowledged` are comparable claims of other values linked to it by
 * disputes= (outside the excluded files); `ids` the workspace's files of each source id.
 */
export function claimView(
  key: KeyClaims,
  ref: ClaimRef,
  excluded: ReadonlySet<string>,
  acknowledged: ReadonlySet<ClaimRef>,
  ids: SourceIds,
): ClaimView {
  const c = key.comparable(ref.claim.asOf);
  const own = c.groups.get(ref.norm);
  return {
    corroborating: own ? corroboratingList(own, excluded, ids) : EMPTY,
    conflicting: conflictingList(c, ref, own, excluded, acknowledged, ids),
    acknowledged: acknowledgedList(acknowledged),
  };
}

/**
 * How many claims of other sources corroborate and contradict a claim: the
 * sizes of its {@link claimView}, without the lists (for views that colour
 * every claim of a workspace, such as the claims matrix).
 */
export function claimCounts(
  key: KeyClaims,
  ref: ClaimRef,
  excluded: ReadonlySet<string>,
  acknowledged: ReadonlySet<ClaimRef>,
): { corroborating: number; conflicting: number } {
  const c = key.comparable(ref.claim.asOf);
  const own = c.groups.get(ref.norm);
  return {
    corroborating: own ? corroboratingSizes(own, excluded).size : 0,
    conflicting: conflictingSizes(c, ref, own, excluded, acknowledged).size,
  };
}

/** How many claims a list holds, and in how many files. */
interface Sizes {
  size: number;
  sources: number;
}

/** The sizes of the corroborating list: the claim's own value group `own` minus the excluded files. */
function corroboratingSizes(own: Group, excluded: ReadonlySet<string>): Sizes {
  let size = own.refs.length;
  let sources = own.files;
  for (const uri of excluded) {
    const n = inFile(own.refs, uri);
    if (n > 0) {
      size -= n;
      sources--;
    }
  }
  return { size, sources };
}

/** Corroborating: the claim's own value group `own` minus the excluded files (those of its own source id). */
function corroboratingList(own: Group, excluded: ReadonlySet<string>, ids: SourceIds): ClaimView['corroborating'] {
  const { size, sources } = corroboratingSizes(own, excluded);
  if (size <= 0) return EMPTY;
  const base = list([own], (r) => excluded.has(r.model.uri), size, sources);
  return {
    ...base,
    // Fewer sources than files: some had the claim's own source id (the excluded files).
    idCount: distinctIds(own, ids) - (sources < own.files ? 1 : 0),
    sourceIds: (limit) => firstIds(base, limit),
  };
}

/**
 * The sizes of the conflicting list: every value group of the view but the
 * claim's own (and, when some values can be true with it, those: `besides`,
 * see {@link besidesOf}), minus the excluded files and the
 * acknowledged claims. O(excluded + acknowledged).
 */
function conflictingSizes(
  c: Comparable,
  ref: ClaimRef,
  own: Group | undefined,
  excluded: ReadonlySet<string>,
  acknowledged: ReadonlySet<ClaimRef>,
): Sizes & { besides?: Besides } {
  const compat = compatibleGroups(c, ref.reading);
  const besides = compat.length > 0 ? besidesOf(c, ref.norm, [own, ...compat]) : undefined;
  // Claims of the conflicting groups in a file.
  const count = besides
    ? (uri: string): number => besides.others.reduce((n, g) => n + inFile(g.refs, uri), 0)
    : (uri: string): number => fileInView(c, uri).claims - (own ? inFile(own.refs, uri) : 0);
  let size = (besides ? besides.total : c.total - (own?.refs.length ?? 0)) - acknowledged.size;
  let sources = besides ? besides.sources : c.files - (c.pure.get(ref.norm) ?? 0);
  for (const uri of excluded) {
    const n = count(uri);
    if (n > 0) {
      size -= n;
      sources--;
    }
  }
  // Acknowledged claims are conflicting ones (workspace.ts), outside the excluded files.
  if (acknowledged.size > 0) {
    const ackByUri = new Map<string, number>();
    for (const r of acknowledged) adjustCount(ackByUri, r.model.uri, 1);
    for (const [uri, n] of ackByUri) if (count(uri) === n) sources--;
  }
  return besides ? { size, sources, besides } : { size, sources };
}

/** Conflicting: every other value group than `own` minus the excluded files and the acknowledged claims. */
function conflictingList(
  c: Comparable,
  ref: ClaimRef,
  own: Group | undefined,
  excluded: ReadonlySet<string>,
  acknowledged: ReadonlySet<ClaimRef>,
  ids: SourceIds,
): ClaimView['conflicting'] {
  const { size, sources, besides } = conflictingSizes(c, ref, own, excluded, acknowledged);
  if (size <= 0) return EMPTY;
  const skip = (r: ClaimRef): boolean => excluded.has(r.model.uri) || acknowledged.has(r);
  const values = (others: Group[], idLimit: number): ConflictValue[] =>
    conflictValues(others, skip, excluded, acknowledged, ids, idLimit);
  if (besides) return conflictingBesides(besides, skip, size, sources, values);
  const others = [...c.groups.values()].filter((g) => g !== own);
  const prefix = (): readonly ClaimRef[] => {
    let head = c.prefixes.get(ref.norm);
    if (!head) {
      head = [];
      for (const r of merged(others, () => false)) if (head.push(r) >= PREFIX) break;
      c.prefixes.set(ref.norm, head);
    }
    return head;
  };
  return {
    ...list(others, skip, size, sources, prefix),
    values: (idLimit: number) => values(others, idLimit),
  };
}

/**
 * The groups of a view, other than the value's own, that can be true with it:
 * for an exact value, the interval values that contain it; for an interval,
 * every value it overlaps. Cost: O(interval values), or O(values) for an
 * interval, once per view change and value.
 */
function compatibleGroups(c: Comparable, reading: Reading): Group[] {
  let out = c.compat.get(reading.key);
  if (out) return out;
  out = [];
  if (reading.interval) {
    const candidates = reading.fuzzy ? c.groups.values() : c.fuzzy.values();
    for (const g of candidates) if (g.norm !== reading.key && compatible(reading, g.reading)) out.push(g);
  }
  c.compat.set(reading.key, out);
  return out;
}

/**
 * The groups of view `c` that conflict with value `norm` when some values
 * can be true with it (`besides`: its own group and those), with their
 * claims and files counted. Built once per view change and value, in
 * O(claims of the other groups + values); then each claim costs
 * O((excluded + acknowledged) × log claims), as on the common path.
 */
function besidesOf(c: Comparable, norm: string, besides: ReadonlyArray<Group | undefined>): Besides {
  let entry = c.besides.get(norm);
  if (!entry) {
    let total = c.total;
    for (const g of besides) if (g) total -= g.refs.length;
    const others = [...c.groups.values()].filter((g) => !besides.includes(g));
    // The files with a claim outside the besides groups.
    const files = new Set<string>();
    for (const g of others) for (const uri of filesOf(g.refs)) files.add(uri);
    const sources = files.size;
    c.besides.set(norm, (entry = { others, total, sources }));
  }
  return entry;
}

/** The conflicting list of a claim whose value has compatible others (`entry`: {@link besidesOf}). */
function conflictingBesides(
  entry: Besides,
  skip: (r: ClaimRef) => boolean,
  size: number,
  sources: number,
  values: (others: Group[], idLimit: number) => ConflictValue[],
): ClaimView['conflicting'] {
  const { others } = entry;
  const prefix = (): readonly ClaimRef[] => {
    if (!entry.prefix) {
      const head: ClaimRef[] = (entry.prefix = []);
      for (const r of merged(others, () => false)) if (head.push(r) >= PREFIX) break;
    }
    return entry.prefix;
  };
  return {
    ...list(others, skip, size, sources, prefix),
    values: (idLimit: number) => values(others, idLimit),
  };
}

/**
 * The conflicting values, one per group of `others`, ordered by their first claim. A value's distinct source ids
 * leave out the claim's own (the `excluded` files') and those whose every claim of the value is acknowledged.
 */
function conflictValues(
  others: Group[],
  skip: (r: ClaimRef) => boolean,
  excluded: ReadonlySet<string>,
  acknowledged: ReadonlySet<ClaimRef>,
  ids: SourceIds,
  idLimit: number,
): ConflictValue[] {
  const out: Array<ConflictValue & { order: ClaimRef }> = [];
  for (const g of others) {
    const refs = list([g], skip, 0, 0);
    const first = refs.take(1)[0];
    if (!first) continue;
    let idCount = distinctIds(g, ids) - (claimsIn(g, excluded) > 0 ? 1 : 0);
    const ackIds = new Map<string, number>();
    for (const r of acknowledged) if (r.norm === g.norm) adjustCount(ackIds, r.model.id, 1);
    for (const [id, n] of ackIds) if (claimsIn(g, ids.filesOf(id)) === n) idCount--;
    out.push({ norm: g.norm, first, ids: firstIds(refs, idLimit), idCount, order: first });
  }
  out.sort((a, b) => compareRefs(a.order, b.order));
  return out.map(({ norm, first, ids, idCount }) => ({ norm, first, ids, idCount }));
}

/** How many claims of a group are in the files `uris`. */
function claimsIn(g: Group, uris: Iterable<string> | undefined): number {
  let n = 0;
  for (const uri of uris ?? []) n += inFile(g.refs, uri);
  return n;
}

/**
 * How many distinct source ids a group's files have: its files, less those beyond the first of each id that several
 * files share. Counted when first asked after the group changed, in O(files of the shared ids × log claims): O(1)
 * when no two files share an id.
 */
function distinctIds(g: Group, ids: SourceIds): number {
  if (g.ids >= 0) return g.ids;
  let count = g.files;
  for (const id of ids.shared) {
    let files = 0;
    for (const uri of ids.filesOf(id) ?? []) if (inFile(g.refs, uri) > 0) files++;
    if (files > 1) count -= files - 1;
  }
  return (g.ids = count);
}

/** The acknowledged claims as a list, in claim order. */
function acknowledgedList(acknowledged: ReadonlySet<ClaimRef>): ClaimList {
  if (acknowledged.size === 0) return EMPTY;
  const sorted = [...acknowledged].sort(compareRefs);
  const group: Group = { norm: '', reading: NO_READING, refs: sorted, files: 0, ids: -1 };
  return list([group], () => false, sorted.length, new Set(sorted.map((r) => r.model.uri)).size);
}
