/**
 * Accepting actor suggestions: the edits that wrap each suggested name in an
 * actor span (`[Christine Lagarde]{.actor ref=lagarde}`) and add one registry
 * entry per new id, with the name and aliases the article writes for it and
 * no description. One implementation behind the `suggested-actor` quick fix,
 * the "Annotate all suggested actors" source action and
 * `corroborate suggest --write`.
 *
 * Only markup is inserted: the prose is unchanged (`stripMarkup` gives it
 * back), and a suggestion whose range could not be wrapped without changing
 * how the text around it parses (inside an attribute list, code, front
 * matter or an actor span, across a paragraph, after an escape) is left out.
 */
import { applyOffsetEdits } from '../../base/edits';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { Context, type OffsetEdit } from '../editing/context';
import { addsSpans, annotatable, wrap } from '../editing/markup';
import { addRegistryEntries, freshActorId, type FieldValue } from '../editing/registry';
import type { ActorSuggestion } from './suggest';

/** What accepting a suggestion needs of it. */
export type Accepted = Pick<ActorSuggestion, 'start' | 'end' | 'text' | 'id' | 'isNew'> & { kind: string };

/** The registry entry of a new actor: the fullest name the article writes for it, the others, and its kind. */
export interface NewActor {
  name: string;
  aliases: string[];
  kind: string;
}

/** The edits of an acceptance, and what they do. */
export interface Acceptance {
  /** Wrapping edits in the source, then registry edits. */
  edits: OffsetEdit[];
  /** URI of the entities.yaml the edits create, when none governs the source. */
  create?: string;
  /** How many names are annotated. */
  annotated: number;
  /** The registry ids added, in order of first mention. */
  added: string[];
}

/**
 * The suggestions with one id per surface form among the new ids: a form
 * proposed under two new ids (the suggester may propose `scholz` for one
 * "Olaf Scholz" and `olaf-scholz` for another) takes the id of its first
 * occurrence, and so does every form of the later id. A registry entry may
 * then carry the form, which must name one actor only.
 */
export function unifyNewIds<T extends Accepted>(suggestions: readonly T[]): T[] {
  const owner = new Map<string, string>();
  const renamed = new Map<string, string>();
  for (const s of suggestions) {
    if (!s.isNew) continue;
    const form = s.text.replace(/\s+/g, ' ');
    const id = renamed.get(s.id) ?? owner.get(form) ?? s.id;
    if (!renamed.has(s.id)) renamed.set(s.id, id);
    if (!owner.has(form)) owner.set(form, id);
  }
  return suggestions.map((s) => (s.isNew && renamed.get(s.id) !== s.id ? { ...s, id: renamed.get(s.id)! } : s));
}

/**
 * The registry entry of each new id among `suggestions`: `name` is its longest
 * surface form (the first of equal length), `aliases` its other distinct
 * forms, `kind` that of the name. Whitespace runs are written as one space.
 */
export function newActors(suggestions: readonly Accepted[]): Map<string, NewActor> {
  const forms = new Map<string, { forms: string[]; kinds: string[] }>();
  for (const s of suggestions) {
    if (!s.isNew) continue;
    const form = s.text.replace(/\s+/g, ' ');
    let f = forms.get(s.id);
    if (!f) forms.set(s.id, (f = { forms: [], kinds: [] }));
    if (!f.forms.includes(form)) {
      f.forms.push(form);
      f.kinds.push(s.kind);
    }
  }
  const out = new Map<string, NewActor>();
  for (const [id, f] of forms) {
    let best = 0;
    for (let i = 1; i < f.forms.length; i++) if (f.forms[i]!.length > f.forms[best]!.length) best = i;
    out.set(id, { name: f.forms[best]!, aliases: f.forms.filter((_, i) => i !== best), kind: f.kinds[best]! });
  }
  return out;
}

/** The registry fields of a new actor: name, the aliases no other actor has, kind. Never a description. */
export function actorFields(ctx: Context, actor: NewActor): Array<[string, FieldValue]> {
  const taken = (n: string): boolean => ctx.registry?.names.has(n) === true;
  const aliases = actor.aliases.filter((a) => a !== actor.name && !taken(a));
  return [
    ['name', actor.name],
    ...(aliases.length > 0 ? [['aliases', aliases] as [string, FieldValue]] : []),
    ['kind', actor.kind],
  ];
}

/**
 * The edits that accept `suggestions` in the source of `ctx`: each one's name
 * wrapped as an actor span, and one registry entry per new id (`entries`
 * gives it; by default {@link newActors} of the suggestions, their new ids
 * unified by {@link unifyNewIds}). Overlapping
 * suggestions keep the first; those that cannot be wrapped safely, and those
 * of a new id the registry cannot take (its key is already written there,
 * or the registry is written in a way an insert could break), are left out. Undefined when nothing can be accepted.
 */
export function acceptSuggestions(
  ctx: Context,
  given: readonly Accepted[],
  newEntries?: ReadonlyMap<string, NewActor>,
): Acceptance | undefined {
  const uri = ctx.model.uri;
  const suggestions = unifyNewIds(given);
  const entries = newEntries ?? newActors(suggestions);
  const ids = new Map<string, string | undefined>();
  const idFor = (s: Accepted): string | undefined => {
    if (!s.isNew) return ctx.registry?.actors.has(s.id) ? s.id : undefined;
    if (!ids.has(s.id)) ids.set(s.id, freshActorId(ctx, s.id) === s.id && entries.has(s.id) ? s.id : undefined);
    return ids.get(s.id);
  };
  const wraps: Array<{ s: Accepted; id: string; edits: OffsetEdit[] }> = [];
  let last = -1;
  for (const s of [...suggestions].sort((a, b) => a.start - b.start)) {
    if (s.start < last || ctx.text.slice(s.start, s.end) !== s.text || /[[\]\\`{}]/.test(s.text)) continue;
    const at = annotatable(ctx, s.start, s.end);
    const id = idFor(s);
    if ('error' in at || at.start !== s.start || at.end !== s.end || id === undefined) continue;
    wraps.push({ s, id, edits: wrap(uri, s.start, s.end, `.actor ref=${id}`) });
    last = s.end;
  }
  // Together, or one by one if some wrap would change how another parses.
  let kept = wraps;
  if (
    !addsSpans(
      ctx,
      wraps.flatMap((w) => w.edits),
    )
  ) {
    kept = [];
    for (const w of wraps)
      if (
        addsSpans(
          ctx,
          [...kept, w].flatMap((k) => k.edits),
        )
      )
        kept.push(w);
  }
  if (kept.length === 0) return undefined;
  const added = [...new Set(kept.filter((w) => w.s.isNew).map((w) => w.id))];
  const add = addRegistryEntries(
    ctx,
    'actors',
    added.map((id) => ({ key: id, fields: actorFields(ctx, entries.get(id)!) })),
  );
  if (added.length > 0 && !add) {
    // The registry cannot take new entries safely (written in a way an insert could break): the known ids only.
    const known = given.filter((s) => !s.isNew);
    return known.length > 0 && known.length < given.length ? acceptSuggestions(ctx, known) : undefined;
  }
  const acceptance: Acceptance = {
    edits: [...kept.flatMap((w) => w.edits), ...(added.length > 0 ? add!.edits : [])],
    annotated: kept.length,
    added,
  };
  if (added.length > 0 && add?.create) acceptance.create = add.create;
  return acceptance;
}

/** What accepting a source's suggestions writes: the new text of each file changed or created, and the counts. */
export interface AcceptedFiles {
  files: Array<{ uri: string; text: string; created: boolean }>;
  annotated: number;
  added: string[];
}

/**
 * Accepts `suggestions` (of the source at `uri`, as `workspaceSuggestions`
 * gave them) and applies the edits to the texts the index holds: the source
 * and the registry that governs it, or a new entities.yaml beside the source.
 * For a caller that writes files (`corroborate suggest --write`). Undefined
 * when there is nothing to accept.
 */
export function acceptInWorkspace(
  index: WorkspaceIndex,
  uri: string,
  suggestions: readonly Accepted[],
): AcceptedFiles | undefined {
  const model = index.getSource(uri);
  if (!model || suggestions.length === 0) return undefined;
  const done = acceptSuggestions(new Context(index, model), suggestions);
  if (!done) return undefined;
  const byUri = new Map<string, OffsetEdit[]>();
  for (const e of done.edits) {
    const list = byUri.get(e.uri);
    if (list) list.push(e);
    else byUri.set(e.uri, [e]);
  }
  const files: AcceptedFiles['files'] = [];
  for (const [file, edits] of byUri) {
    const created = file === done.create;
    const before = created ? '' : file === uri ? model.text : (index.getRegistry(file)?.text ?? '');
    files.push({ uri: file, text: applyOffsetEdits(before, edits), created });
  }
  return { files, annotated: done.annotated, added: done.added };
}
