/**
 * suggested-claim: reported speech or thought with a source that the
 * attribution rules (features/suggest/attributions.ts) propose as a claim, a
 * hint over the attributed content with its quick fix (wrap it as
 * `[…]{.claim by=…}`, adding the speaker to the registry when `by` is new).
 * Like `suggested-actor` it is not computed by `computeDiagnostics`:
 * {@link claimHints} is asked for separately (the server does so when a
 * document has been idle, docs/lsp.md) and its hints are handed back to the
 * code actions. `key` and `value` are left to the person: a claim with `by=`
 * and neither is valid markup (docs/format.md), so nothing is invented.
 */
import { finish } from '../../base/steps';
import { ACTOR_KINDS } from '../../../../../common/actors';
import { problem, type Diagnostic, type DiagnosticDataOf } from '../../base/types';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { Context, type Fixes, type OffsetEdit } from '../editing/context';
import { annotatable, addableSpans, wrapEdits, type NewSpan } from '../editing/markup';
import { addRegistryEntries, freshActorId } from '../editing/registry';
import { actorFields, newActors, unifyNewIds, type NewActor } from '../suggest/accept';
import type { ClaimSuggestion } from '../suggest/attributions';
import { knownNamesSteps, workspaceClaimSuggestions, workspaceSuggestions } from '../suggest/inWorkspace';
import type { ActorSuggestion } from '../suggest/suggest';
import { isEnabled, toDiagnostic } from './diagnostics';
import { HINT_MIN_CONFIDENCE, suggestionHints, type SuggestionHintOptions } from './suggestedActor';

/** Whitespace runs as one space. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The `suggested-claim` hints of a source, in text order: the claim
 * suggestions at or above the minimum confidence (default
 * {@link HINT_MIN_CONFIDENCE}, as for actors) whose content can be wrapped
 * where it is. None when the options switch the code off. Cost: the actor
 * suggester once (its suggestions give the speakers), the attribution rules
 * and a parse per suggestion (docs/suggestions.md, "Speed"); not the actor
 * suggester when the caller passes the file's `actors` (`workspaceSuggestions`,
 * every confidence).
 */
export function claimHints(
  index: WorkspaceIndex,
  uri: string,
  options: SuggestionHintOptions = {},
  given?: readonly ActorSuggestion[],
): Diagnostic[] {
  const model = index.getSource(uri);
  if (!model || !isEnabled('suggested-claim', options)) return [];
  const actors = given ?? workspaceSuggestions(index, uri);
  const claims = workspaceClaimSuggestions(index, uri, {
    minConfidence: options.minConfidence ?? HINT_MIN_CONFIDENCE,
    actorSuggestions: actors,
  });
  const ctx = new Context(index, model);
  // One new id per surface form, as the actor hints have it (unifyNewIds): no name is given to two new actors.
  const unified = unifyNewIds(actors);
  const renamed = new Map<string, string>();
  actors.forEach((a, i) => {
    if (unified[i]!.id !== a.id) renamed.set(a.id, unified[i]!.id);
  });
  const entries = newActors(unified);
  const severity = options.severity?.['suggested-claim'];
  const out: Diagnostic[] = [];
  for (const found of claims) {
    const s = found.byIsNew && renamed.has(found.by) ? { ...found, by: renamed.get(found.by)! } : found;
    const at = annotatable(ctx, s.start, s.end);
    if ('error' in at || at.start !== s.start || at.end !== s.end) continue;
    const speaker = oneLine(s.speaker.text);
    const data: DiagnosticDataOf<'suggested-claim'> = { by: s.by, byIsNew: s.byIsNew, speaker };
    if (s.byIsNew) Object.assign(data, newSpeaker(ctx, s, unified, entries));
    const p = problem('suggested-claim', s.start, s.end, message(ctx, data), { data });
    out.push(toDiagnostic(p, model.lines, severity === 'off' ? undefined : severity));
  }
  return out;
}

/**
 * The `suggested-actor` and `suggested-claim` hints of a source, in that
 * order: {@link suggestionHints} and {@link claimHints} with the actor
 * suggester run once for both (what the server computes when a document is
 * idle). None for a code the options switch off.
 */
export function allSuggestionHints(
  index: WorkspaceIndex,
  uri: string,
  options: SuggestionHintOptions = {},
): Diagnostic[] {
  return finish(allSuggestionHintsSteps(index, uri, options));
}

/**
 * {@link allSuggestionHints} in steps (`next()`): the names known in the workspace brought up to date
 * (`knownNamesSteps`, a thousand sources a step), the actor suggestions, the actor hints, the claim hints; the
 * last returns the hints. A server runs one step at a time between other work (one step of the suggester at
 * 10,000 articles is 5–15 ms, all three up to 45 ms). The caller must not change the source in between (the
 * server drops a computation whose document changed meanwhile).
 */
export function* allSuggestionHintsSteps(
  index: WorkspaceIndex,
  uri: string,
  options: SuggestionHintOptions = {},
): Generator<void, Diagnostic[]> {
  if (!index.getSource(uri)) return [];
  if (!isEnabled('suggested-actor', options) && !isEnabled('suggested-claim', options)) return [];
  yield* knownNamesSteps(index);
  const actors = workspaceSuggestions(index, uri);
  yield;
  const actorHints = suggestionHints(index, uri, options, actors);
  yield;
  return [...actorHints, ...claimHints(index, uri, options, actors)];
}

/**
 * `Attributed to Mark Rutte (by=rutte): annotate as a claim?`; for an
 * unnamed source `Attributed to an unnamed source, a NATO official
 * (by=anonymous): …`; for a pronoun, the actor's name and the pronoun
 * (`Attributed to Mark Rutte, "he" (by=rutte): …`); `, a new actor` after a
 * new id.
 */
function message(ctx: Context, d: DiagnosticDataOf<'suggested-claim'>): string {
  const by = `(by=${d.by}${d.byIsNew ? ', a new actor' : ''})`;
  let who = `${d.speaker} ${by}`;
  if (d.by === 'anonymous') who = `an unnamed source, ${d.speaker} ${by}`;
  else if (/^(?:he|she)$/i.test(d.speaker))
    who = `${d.name ?? ctx.registry?.actors.get(d.by)?.name ?? d.by}, "${d.speaker.toLowerCase()}" ${by}`;
  return `Attributed to ${who}: annotate as a claim?`;
}

/**
 * For a claim whose `by` is a new id: the registry entry to add (the actor
 * suggester's name, aliases and kind for that id, else the speaker's words
 * as the name of a person) and the speaker's name, when it is plain text that
 * can be annotated as an actor (an actor suggestion of that id inside the
 * speaker's words, else the words themselves when they are a capitalised
 * name). A pronoun's antecedent is elsewhere: it is left to its own hint.
 */
function newSpeaker(
  ctx: Context,
  s: ClaimSuggestion,
  actors: readonly ActorSuggestion[],
  entries: ReadonlyMap<string, NewActor>,
): { name: string; aliases: string[]; kind: string; nameStart?: number; nameEnd?: number } {
  const words = oneLine(s.speaker.text);
  const entry = entries.get(s.by) ?? { name: words, aliases: [], kind: 'person' };
  const inside = actors.filter((a) => a.id === s.by && a.start >= s.speaker.start && a.end <= s.speaker.end);
  let name: { start: number; end: number } | undefined = inside[inside.length - 1];
  if (!name && !/^(?:he|she)$/i.test(words) && /^\p{Lu}/u.test(words)) name = s.speaker;
  const out = { name: entry.name, aliases: entry.aliases, kind: entry.kind };
  if (!name || /[[\]\\`{}]/.test(ctx.text.slice(name.start, name.end))) return out;
  const at = annotatable(ctx, name.start, name.end);
  if ('error' in at || at.start !== name.start || at.end !== name.end) return out;
  return { ...out, nameStart: name.start, nameEnd: name.end };
}

/** What accepting a claim hint needs of it. */
interface AcceptedClaim {
  start: number;
  end: number;
  by: string;
  byIsNew: boolean;
  entry?: NewActor;
  name?: { start: number; end: number };
}

/** The claim a hint stands for, read from its range and data. */
function acceptedClaim(ctx: Context, d: Diagnostic): AcceptedClaim | undefined {
  if (d.code !== 'suggested-claim' || !d.data) return undefined;
  const { by, byIsNew, name, aliases, kind, nameStart, nameEnd } = d.data;
  const c: AcceptedClaim = { start: ctx.offset(d.range.start), end: ctx.offset(d.range.end), by, byIsNew };
  if (!byIsNew) return c;
  if (name === undefined || kind === undefined || !(ACTOR_KINDS as readonly string[]).includes(kind)) return undefined;
  c.entry = { name, aliases: aliases ?? [], kind };
  if (nameStart !== undefined && nameEnd !== undefined && nameStart < nameEnd)
    c.name = { start: nameStart, end: nameEnd };
  return c;
}

/** The edits of accepting claims, and what they do. */
interface ClaimAcceptance {
  edits: OffsetEdit[];
  create?: string;
  /** How many claims are annotated. */
  annotated: number;
}

/**
 * The edits that accept `claims`: each content wrapped as `[…]{.claim
 * by=…}`, and for each new `by` (once, however many claims it has) its
 * registry entry and its name in the speaker's words annotated as an actor.
 * Claims may nest, never cross; a span that cannot be written with the
 * others is left out ({@link addableSpans}), and so is a claim whose new id
 * the registry cannot take. Undefined when nothing can be accepted.
 */
function acceptClaims(ctx: Context, given: readonly AcceptedClaim[]): ClaimAcceptance | undefined {
  const known = (c: AcceptedClaim): boolean =>
    c.byIsNew
      ? freshActorId(ctx, c.by) === c.by && c.entry !== undefined
      : c.by === 'anonymous' || c.by === 'outlet' || ctx.registry?.actors.has(c.by) === true;
  const claims = given.filter(known);
  const spans: Array<NewSpan & { claim?: AcceptedClaim }> = [];
  const names = new Set<string>();
  for (const c of claims) {
    spans.push({ start: c.start, end: c.end, attributes: `.claim by=${c.by}`, claim: c });
    if (!c.name || names.has(`${c.name.start}:${c.name.end}`)) continue;
    names.add(`${c.name.start}:${c.name.end}`);
    spans.push({ ...c.name, attributes: `.actor ref=${c.by}` });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = addableSpans(ctx, spans) as typeof spans;
  const annotated = kept.filter((s) => s.claim);
  if (annotated.length === 0) return undefined;
  const entries = new Map<string, NewActor>();
  for (const { claim } of annotated) if (claim?.entry && !entries.has(claim.by)) entries.set(claim.by, claim.entry);
  const add = addRegistryEntries(
    ctx,
    'actors',
    [...entries].map(([id, entry]) => ({ key: id, fields: actorFields(ctx, entry) })),
  );
  if (entries.size > 0 && !add) {
    // The registry cannot take new entries safely: the claims by known ids only.
    const old = claims.filter((c) => !c.byIsNew);
    return old.length > 0 && old.length < given.length ? acceptClaims(ctx, old) : undefined;
  }
  const out: ClaimAcceptance = {
    edits: [...wrapEdits(ctx.model.uri, kept), ...(entries.size > 0 ? add!.edits : [])],
    annotated: annotated.length,
  };
  if (entries.size > 0 && add?.create) out.create = add.create;
  return out;
}

export function fixes(f: Fixes<'suggested-claim'>): void {
  const c = acceptedClaim(f.ctx, f.diagnostic);
  const done = c && acceptClaims(f.ctx, [c]);
  if (!c || !done) return;
  f.add(`Annotate as a claim by ${c.by}${c.byIsNew ? ' (new actor)' : ''}`, done.edits, {
    preferred: true,
    ...(done.create ? { create: done.create } : {}),
  });
}

/** The code action kind of {@link annotateAllClaims}. */
export const ANNOTATE_CLAIMS_KIND = 'source.corroborate.annotateSuggestedClaims';

/**
 * "Annotate all N attributed statements": every `suggested-claim` hint among
 * `hints` accepted at once, with one registry entry per new id.
 */
export function annotateAllClaims(
  ctx: Context,
  hints: readonly Diagnostic[],
): { title: string; edits: OffsetEdit[]; create?: string } | undefined {
  const all: AcceptedClaim[] = [];
  for (const d of hints) {
    const c = acceptedClaim(ctx, d);
    if (c) all.push(c);
  }
  const done = all.length > 0 ? acceptClaims(ctx, all) : undefined;
  if (!done) return undefined;
  const n = done.annotated;
  return {
    title: `Annotate all ${n} attributed statement${n === 1 ? '' : 's'}`,
    edits: done.edits,
    ...(done.create ? { create: done.create } : {}),
  };
}
