/**
 * What changed between two states of a workspace, for review (`corroborate
 * diff A B`, docs/interop.md): the claims added, removed and changed, the
 * conflicts that appeared and that were resolved, and the registry's actors
 * added, removed and renamed. Pure: it compares two indexes; the CLI builds
 * them from two folders or two git revisions and prints the result.
 *
 * Files move between the two sides (another folder, another checkout), so
 * claims are matched by source id, never by URI: first by claim id, then, for
 * the claims left, by key in the order they appear. Conflicts are pairs of
 * source ids on a key, from the index's own answer on each side (claimView),
 * so a conflict is "resolved" exactly when the editor stops showing it.
 */

import type { ActorDef } from '../model/registry';
import type { Claim, SourceModel } from '../model/source';
import type { WorkspaceIndex } from '../workspace/workspace';

/** A claim as the diff shows it. */
export interface DiffClaim {
  source: string;
  uri: string;
  /** 1-based. */
  line: number;
  claim?: string;
  key?: string;
  value?: string;
  asOf?: string;
  by?: string;
}

/** The attributes whose change makes a matched claim "changed". */
export type ClaimField = 'key' | 'value' | 'asOf' | 'by';

export interface ClaimChange {
  before: DiffClaim;
  after: DiffClaim;
  /** What differs, as written. */
  fields: ClaimField[];
}

/** Two sources that contradict each other on a key (`sources` sorted), with a value each states. */
export interface ConflictPair {
  key: string;
  sources: [string, string];
  values: [string, string];
}

export interface DiffActor {
  id: string;
  name: string;
  kind: string;
  wikidata?: string;
}

export interface ActorRename {
  before: DiffActor;
  after: DiffActor;
}

export interface WorkspaceDiff {
  claims: { added: DiffClaim[]; removed: DiffClaim[]; changed: ClaimChange[] };
  conflicts: { appeared: ConflictPair[]; resolved: ConflictPair[] };
  actors: { added: DiffActor[]; removed: DiffActor[]; renamed: ActorRename[] };
}

interface Located {
  model: SourceModel;
  claim: Claim;
}

function diffClaim({ model, claim }: Located): DiffClaim {
  const out: DiffClaim = { source: model.id, uri: model.uri, line: model.lines.positionAt(claim.start).line + 1 };
  if (claim.id !== undefined) out.claim = claim.id;
  if (claim.key !== undefined) out.key = claim.key;
  if (claim.value !== undefined) out.value = claim.value;
  if (claim.asOf !== undefined) out.asOf = claim.asOf;
  if (claim.by !== undefined) out.by = claim.by;
  return out;
}

/** Every claim, by source id, each list in (uri, text) order. */
function claimsBySource(index: WorkspaceIndex): Map<string, Located[]> {
  const out = new Map<string, Located[]>();
  for (const uri of index.sourceUris().sort()) {
    const model = index.getSource(uri)!;
    let list = out.get(model.id);
    if (!list) out.set(model.id, (list = []));
    for (const claim of model.claims) list.push({ model, claim });
  }
  return out;
}

/** Pairs the claims of one source id: by claim id, then by key in order. Returns the pairs and the unpaired. */
function pairClaims(
  before: readonly Located[],
  after: readonly Located[],
): { pairs: Array<[Located, Located]>; removed: Located[]; added: Located[] } {
  const pairs: Array<[Located, Located]> = [];
  const left = new Set(before);
  const right = new Set(after);
  const byId = new Map<string, Located>();
  for (const b of before) if (b.claim.id !== undefined && !byId.has(b.claim.id)) byId.set(b.claim.id, b);
  for (const a of after) {
    const b = a.claim.id !== undefined ? byId.get(a.claim.id) : undefined;
    if (b && left.has(b)) {
      pairs.push([b, a]);
      left.delete(b);
      right.delete(a);
    }
  }
  const byKey = new Map<string, Located[]>();
  for (const b of left) {
    const k = b.claim.key ?? '';
    byKey.set(k, [...(byKey.get(k) ?? []), b]);
  }
  for (const a of [...right]) {
    const b = byKey.get(a.claim.key ?? '')?.shift();
    if (!b) continue;
    pairs.push([b, a]);
    left.delete(b);
    right.delete(a);
  }
  return { pairs, removed: [...left], added: [...right] };
}

const FIELDS: ReadonlyArray<[ClaimField, (c: Claim) => string | undefined]> = [
  ['key', (c) => c.key],
  ['value', (c) => c.value],
  ['asOf', (c) => c.asOf],
  ['by', (c) => c.by],
];

/** The claims added, removed and changed, in source id then line order. */
export function diffClaims(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff['claims'] {
  const out: WorkspaceDiff['claims'] = { added: [], removed: [], changed: [] };
  const b = claimsBySource(before);
  const a = claimsBySource(after);
  for (const id of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const { pairs, removed, added } = pairClaims(b.get(id) ?? [], a.get(id) ?? []);
    out.removed.push(...removed.map(diffClaim));
    out.added.push(...added.map(diffClaim));
    for (const [x, y] of pairs) {
      const fields = FIELDS.filter(([, get]) => get(x.claim) !== get(y.claim)).map(([f]) => f);
      if (fields.length > 0) out.changed.push({ before: diffClaim(x), after: diffClaim(y), fields });
    }
  }
  const order = (x: DiffClaim, y: DiffClaim): number =>
    x.source < y.source ? -1 : x.source > y.source ? 1 : x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.line - y.line;
  out.added.sort(order);
  out.removed.sort(order);
  out.changed.sort((x, y) => order(x.after, y.after));
  return out;
}

/** Every pair of sources that conflict on a key, by `key\0a\0b`, from the index's own views. */
export function conflictPairs(index: WorkspaceIndex): Map<string, ConflictPair> {
  const out = new Map<string, ConflictPair>();
  for (const key of index.claimKeys().sort()) {
    for (const refs of index.claimsOfKey(key).values()) {
      for (const ref of refs) {
        for (const other of index.corroboration(ref).conflicting) {
          const [x, y] = ref.model.id < other.model.id ? [ref, other] : [other, ref];
          const id = `${key}\u0000${x.model.id}\u0000${y.model.id}`;
          if (!out.has(id))
            out.set(id, { key, sources: [x.model.id, y.model.id], values: [x.claim.value!, y.claim.value!] });
        }
      }
    }
  }
  return out;
}

/** The conflicts of `after` that `before` did not have, and the reverse, in key then source order. */
export function diffConflicts(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff['conflicts'] {
  const b = conflictPairs(before);
  const a = conflictPairs(after);
  const only = (x: Map<string, ConflictPair>, y: Map<string, ConflictPair>): ConflictPair[] =>
    [...x.keys()]
      .filter((k) => !y.has(k))
      .sort()
      .map((k) => x.get(k)!);
  return { appeared: only(a, b), resolved: only(b, a) };
}

/** Every registry actor of an index (the first registry by URI wins for an id several define). */
function actorsOf(index: WorkspaceIndex): Map<string, DiffActor> {
  const out = new Map<string, DiffActor>();
  for (const uri of index.registryUris().sort()) {
    for (const def of index.getRegistry(uri)?.actors.values() ?? []) if (!out.has(def.id)) out.set(def.id, actor(def));
  }
  return out;
}

function actor(def: ActorDef): DiffActor {
  const out: DiffActor = { id: def.id, name: def.name, kind: def.kind };
  if (def.wikidata !== undefined) out.wikidata = def.wikidata;
  return out;
}

/**
 * The actors added, removed and renamed: a rename keeps the id and changes the name, or changes the id of an
 * entry with the same Wikidata id or, failing that, the same name.
 */
export function diffActors(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff['actors'] {
  const b = actorsOf(before);
  const a = actorsOf(after);
  const renamed: ActorRename[] = [];
  for (const [id, x] of b) {
    const y = a.get(id);
    if (y && y.name !== x.name) renamed.push({ before: x, after: y });
  }
  const removed = [...b.values()].filter((x) => !a.has(x.id));
  const added = [...a.values()].filter((y) => !b.has(y.id));
  const match = (same: (x: DiffActor, y: DiffActor) => boolean): void => {
    for (const x of [...removed]) {
      const y = added.find((y) => same(x, y));
      if (!y) continue;
      renamed.push({ before: x, after: y });
      removed.splice(removed.indexOf(x), 1);
      added.splice(added.indexOf(y), 1);
    }
  };
  match((x, y) => x.wikidata !== undefined && x.wikidata === y.wikidata);
  match((x, y) => x.name === y.name);
  const byId = (x: DiffActor, y: DiffActor): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  renamed.sort((x, y) => byId(x.before, y.before));
  return { added: added.sort(byId), removed: removed.sort(byId), renamed };
}

/** What changed from `before` to `after`. */
export function diffWorkspaces(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff {
  return {
    claims: diffClaims(before, after),
    conflicts: diffConflicts(before, after),
    actors: diffActors(before, after),
  };
}

/** Inline code that survives any text: backticks fenced by a longer run, line breaks folded. */
function code(text: string): string {
  const s = text.replace(/\s+/g, ' ');
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One claim in a line: where it is, then key = value, as-of and by. */
function claimLine(c: DiffClaim, file: (uri: string) => string): string {
  const what = [
    c.key !== undefined ? code(c.key) : '(no key)',
    c.value !== undefined ? `= ${code(c.value)}` : '',
    c.asOf !== undefined ? `as of ${c.asOf}` : '',
    c.by !== undefined ? `by ${code(c.by)}` : '',
  ].filter(Boolean);
  const id = c.claim !== undefined ? ` ${code(`#${c.claim}`)}` : '';
  return `${code(c.source)}${id}: ${what.join(' ')} (${code(`${file(c.uri)}:${c.line}`)})`;
}

function changeLine(c: ClaimChange, file: (uri: string) => string): string {
  const show = (v: string | undefined): string => (v === undefined ? '(none)' : code(v));
  const parts = c.fields.map((f) => `${f === 'asOf' ? 'as-of' : f} ${show(c.before[f])} → ${show(c.after[f])}`);
  const id = c.after.claim !== undefined ? ` ${code(`#${c.after.claim}`)}` : '';
  const key = c.after.key !== undefined ? ` ${code(c.after.key)}` : '';
  return `${code(c.after.source)}${id}${key}: ${parts.join('; ')} (${code(`${file(c.after.uri)}:${c.after.line}`)})`;
}

const conflictLine = (p: ConflictPair): string =>
  `${code(p.key)}: ${code(p.sources[0])} says ${code(p.values[0])}, ${code(p.sources[1])} says ${code(p.values[1])}`;

const actorLine = (a: DiffActor): string =>
  `${code(a.id)} ${a.name.replace(/[\\`*_[\]<>|]/g, '\\$&')} (${a.kind}${a.wikidata ? `, ${a.wikidata}` : ''})`;

/** The diff as Markdown for a pull-request comment; `file` shows a claim's URI (a path relative to the workspace). */
export function diffMarkdown(d: WorkspaceDiff, file: (uri: string) => string = (u) => u): string {
  const { claims, conflicts, actors } = d;
  const sections: Array<[string, string[]]> = [
    ['Claims added', claims.added.map((c) => claimLine(c, file))],
    ['Claims removed', claims.removed.map((c) => claimLine(c, file))],
    ['Claims changed', claims.changed.map((c) => changeLine(c, file))],
    ['Conflicts that appeared', conflicts.appeared.map(conflictLine)],
    ['Conflicts resolved', conflicts.resolved.map(conflictLine)],
    ['Actors added', actors.added.map(actorLine)],
    ['Actors removed', actors.removed.map(actorLine)],
    ['Actors renamed', actors.renamed.map((r) => `${actorLine(r.before)} → ${actorLine(r.after)}`)],
  ];
  const summary = [
    `${plural(claims.added.length, 'claim')} added, ${claims.removed.length} removed, ${claims.changed.length} changed`,
    `${plural(conflicts.appeared.length, 'conflict')} appeared, ${conflicts.resolved.length} resolved`,
    `${plural(actors.added.length, 'actor')} added, ${actors.removed.length} removed, ${actors.renamed.length} renamed`,
  ].join(' · ');
  const out = ['## Claims: what changed', '', summary];
  for (const [title, lines] of sections) {
    if (lines.length === 0) continue;
    out.push('', `### ${title}`, '', ...lines.map((l) => `- ${l}`));
  }
  return out.join('\n') + '\n';
}
