/**
 * suggested-actor: a name in plain text that the suggester
 * (features/suggest/) proposes as an actor, a hint with its quick fix
 * (annotate it, adding the registry entry of a new actor). Unlike the other
 * codes it is not computed by `computeDiagnostics`, so never on the
 * keystroke path: {@link suggestionHints} is asked for separately (the
 * server does so when a document has been idle, docs/lsp.md) and its hints
 * are handed back to the code actions. `suggested-claim` (suggestedClaim.ts)
 * follows the same pattern.
 */
import { ACTOR_KINDS } from '../../../../../common/actors';
import { problem, type Diagnostic, type Problem } from '../../base/types';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { Context, type Fixes } from '../editing/context';
import { annotatable } from '../editing/markup';
import {
  acceptSuggestions,
  newActors,
  unifyNewIds,
  type Acceptance,
  type Accepted,
  type NewActor,
} from '../suggest/accept';
import { workspaceSuggestions } from '../suggest/inWorkspace';
import type { ActorSuggestion } from '../suggest/suggest';
import { isEnabled, toDiagnostic, type DiagnosticOptions } from './diagnostics';
import { annotateKey, findUnannotatedMentions } from './unannotatedMention';

/** The confidence below which a suggestion is not shown as a hint (the CLI's default too). */
export const HINT_MIN_CONFIDENCE = 0.5;

/** Options of {@link suggestionHints}. */
export interface SuggestionHintOptions extends DiagnosticOptions {
  /** Suggestions below this confidence are not hinted. Default {@link HINT_MIN_CONFIDENCE}. */
  minConfidence?: number;
}

/**
 * The `suggested-actor` hints of a source, in text order: the suggestions at
 * or above the minimum confidence that can be annotated where they are,
 * except those an `unannotated-mention` already reports (when that check is
 * on). None when the options switch the code off. Cost: the suggester on the
 * file (milliseconds per 5 KB once its weights are loaded) plus the names
 * annotated in the workspace; none of it when the caller passes the file's
 * `actors` (`workspaceSuggestions`, every confidence) it already has.
 */
export function suggestionHints(
  index: WorkspaceIndex,
  uri: string,
  options: SuggestionHintOptions = {},
  actors?: readonly ActorSuggestion[],
): Diagnostic[] {
  const model = index.getSource(uri);
  if (!model || !isEnabled('suggested-actor', options)) return [];
  const min = options.minConfidence ?? HINT_MIN_CONFIDENCE;
  const suggestions = unifyNewIds((actors ?? workspaceSuggestions(index, uri)).filter((s) => s.confidence >= min));
  const ctx = new Context(index, model);
  const reported = new Set<string>();
  if (ctx.registry && isEnabled('unannotated-mention', options))
    for (const u of findUnannotatedMentions(model, ctx.registry)) reported.add(`${u.start}:${u.end}`);
  const entries = newActors(suggestions);
  const severity = options.severity?.['suggested-actor'];
  const out: Diagnostic[] = [];
  for (const s of suggestions) {
    if (reported.has(`${s.start}:${s.end}`)) continue;
    const at = annotatable(ctx, s.start, s.end);
    if ('error' in at || at.start !== s.start || at.end !== s.end) continue;
    const entry = s.isNew ? entries.get(s.id) : undefined;
    const p: Problem<'suggested-actor'> = problem(
      'suggested-actor',
      s.start,
      s.end,
      s.isNew
        ? `'${s.text}' may be a new actor, ${s.id} (${s.kind})`
        : `'${s.text}' may be actor ${s.id} (${Math.round(s.confidence * 100)} %)`,
      {
        data: {
          id: s.id,
          kind: s.kind,
          isNew: s.isNew,
          ...(entry ? { name: entry.name, aliases: entry.aliases } : {}),
        },
      },
    );
    out.push(toDiagnostic(p, model.lines, severity === 'off' ? undefined : severity));
  }
  return out;
}

/**
 * The suggestion a hint stands for, and the registry entry of its id if it is new. An
 * `unannotated-mention` (a registry name left plain) stands for a suggestion of its actor.
 */
function accepted(ctx: Context, d: Diagnostic): { s: Accepted; entry?: NewActor } | undefined {
  const start = ctx.offset(d.range.start);
  const end = ctx.offset(d.range.end);
  if (d.code === 'unannotated-mention') {
    const actor = d.data ? ctx.registry?.actors.get(d.data.actor) : undefined;
    return (
      actor && { s: { start, end, text: ctx.text.slice(start, end), id: actor.id, kind: actor.kind, isNew: false } }
    );
  }
  if (d.code !== 'suggested-actor' || !d.data) return undefined;
  const { id, kind, isNew, name, aliases } = d.data;
  if (!(ACTOR_KINDS as readonly string[]).includes(kind)) return undefined;
  const s = { start, end, text: ctx.text.slice(start, end), id, kind, isNew };
  return isNew ? { s, entry: { name: name ?? s.text, aliases: aliases ?? [], kind } } : { s };
}

export function fixes(f: Fixes<'suggested-actor'>): void {
  const one = accepted(f.ctx, f.diagnostic);
  if (!one) return;
  const { s, entry } = one;
  const done = acceptSuggestions(f.ctx, [s], new Map(entry ? [[s.id, entry]] : []));
  if (!done) return;
  const title = s.isNew
    ? `Annotate '${s.text}' as new actor ${s.id} (${s.kind})`
    : `Annotate '${s.text}' as actor ${s.id}`;
  f.add(title, done.edits, {
    preferred: true,
    ...(done.create ? { create: done.create } : {}),
    ...(s.isNew ? {} : { shareKey: annotateKey(s.start, s.end, s.id) }),
  });
}

/** The code action kind of {@link annotateAllSuggested}. */
export const ANNOTATE_SUGGESTED_KIND = 'source.corroborate.annotateSuggestedActors';

/**
 * "Annotate all N suggested actors in this file": every `suggested-actor`
 * hint and `unannotated-mention` among `hints` accepted at once, with one
 * registry entry per new id.
 */
export function annotateAllSuggested(
  ctx: Context,
  hints: readonly Diagnostic[],
): { title: string; edits: Acceptance['edits']; create?: string } | undefined {
  const all: Accepted[] = [];
  const entries = new Map<string, NewActor>();
  for (const d of hints) {
    const one = accepted(ctx, d);
    if (!one) continue;
    all.push(one.s);
    if (one.entry && !entries.has(one.s.id)) entries.set(one.s.id, one.entry);
  }
  const done = all.length > 0 ? acceptSuggestions(ctx, all, entries) : undefined;
  if (!done) return undefined;
  const n = done.annotated;
  return {
    title: `Annotate all ${n} suggested actor${n === 1 ? '' : 's'} in this file`,
    edits: done.edits,
    ...(done.create ? { create: done.create } : {}),
  };
}
