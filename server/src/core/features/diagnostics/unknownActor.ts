/**
 * unknown-actor: an actor reference (`ref=`, `by=`) that is not in the
 * registry, or a mention without `ref=` whose text is no registered name.
 * Fixes: change to the close id, add `ref=` with the closest name's id, or
 * add the actor to entities.yaml.
 */
import { RESERVED_BY, type Registry } from '../../model/registry';
import { closest } from '../../base/strings';
import { problem, type Problem } from '../../base/types';
import { REGISTRY_FILE } from '../../workspace/workspace';
import type { Fixes } from '../editing/context';
import { insertAttribute } from '../editing/markup';
import { addRegistryEntry, freshActorId } from '../editing/registry';
import { NO_REGISTRY, type CheckContext } from './check';

/** Mentions first (their `ref=` or name), then each claim's `by=`. */
export function check(ctx: CheckContext, out: Problem[]): void {
  const { model, registry } = ctx;
  for (const m of model.mentions) {
    if (m.ref !== undefined) checkActor(registry, out, m.ref, m.refStart!, m.refEnd!, '');
    else if (!registry?.names.has(m.text)) {
      out.push(
        problem(
          'unknown-actor',
          m.start,
          m.end,
          registry
            ? `no actor is named '${m.text}' in entities.yaml: add 'ref=' or register the name`
            : `'${m.text}' cannot be resolved: ${NO_REGISTRY}`,
          {
            data: { name: m.text },
          },
        ),
      );
    }
  }
  for (const claim of model.claims) {
    if (claim.by === undefined || claim.by === 'anonymous') continue;
    if (!(RESERVED_BY as readonly string[]).includes(claim.by))
      checkActor(registry, out, claim.by, claim.byStart!, claim.byEnd!, ' in by=');
  }
}

function checkActor(
  registry: Registry | undefined,
  out: Problem[],
  id: string,
  start: number,
  end: number,
  what: string,
): void {
  if (registry?.actors.has(id)) return;
  if (!registry) {
    out.push(problem('unknown-actor', start, end, `unknown actor '${id}': ${NO_REGISTRY}`, { data: { actor: id } }));
    return;
  }
  const guess = closest(id, registry.actors.keys()) ?? nameMatch(registry, id);
  out.push(
    problem(
      'unknown-actor',
      start,
      end,
      `unknown actor '${id}'${what}${guess ? `: did you mean '${guess}'?` : ': add it to entities.yaml'}`,
      {
        data: guess ? { actor: id, suggestion: guess } : { actor: id },
      },
    ),
  );
}

/** An actor whose name or alias matches `word` case-insensitively (e.g. ref=Rutte → rutte). */
function nameMatch(registry: Registry, word: string): string | undefined {
  const w = word.toLowerCase();
  for (const [name, id] of registry.names) if (name.toLowerCase() === w) return id;
  return undefined;
}

export function fixes(f: Fixes<'unknown-actor'>): void {
  const data = f.data;
  if (data === undefined) return;
  if ('actor' in data) referenceFixes(f, data.actor, data.suggestion);
  else nameFixes(f, data.name);
}

/** An unknown id in `ref=` or `by=`. */
function referenceFixes(f: Fixes<'unknown-actor'>, actor: string, suggestion: string | undefined): void {
  const { ctx, uri, start, end } = f;
  if (suggestion !== undefined) {
    f.add(`Change to '${suggestion}'`, [{ uri, start, end, newText: suggestion }], { preferred: true });
    return;
  }
  const mention = ctx.model.mentions.find((m) => m.refStart === start);
  // The text of the span may already name a registered actor: then the ref is a slip.
  const named = mention ? ctx.registry?.names.get(mention.text) : undefined;
  if (named !== undefined) f.add(`Change to '${named}'`, [{ uri, start, end, newText: named }], { preferred: true });
  let name = mention && mention.text.trim() !== '' ? mention.text : actor;
  if (ctx.registry?.names.has(name)) name = actor;
  if (ctx.registry?.names.has(name) || (RESERVED_BY as readonly string[]).includes(actor)) return;
  const add = addRegistryEntry(ctx, 'actors', actor, [
    ['name', name],
    ['kind', 'other'],
  ]);
  if (add)
    f.add(`Add '${actor}' to ${REGISTRY_FILE}`, add.edits, {
      ...(add.create ? { create: add.create } : {}),
      shareKey: `actors:${actor}`,
      preferred: named === undefined,
    });
}

/** A mention without `ref=` whose text names no registered actor. */
function nameFixes(f: Fixes<'unknown-actor'>, name: string): void {
  const { ctx, start } = f;
  if (name.trim() === '') return;
  const mention = ctx.model.mentions.find((m) => m.start === start);
  const span = mention ? ctx.span(mention.start) : undefined;
  let guessed = false;
  if (mention && span && !span.attributes.some((a) => a.key === 'ref') && ctx.registry) {
    const close = closest(name, ctx.registry.names.keys());
    const id = close !== undefined ? ctx.registry.names.get(close) : undefined;
    if (id !== undefined) {
      guessed = true;
      f.add(`Add ref=${id}`, [insertAttribute(ctx, span, `ref=${id}`)], { preferred: true });
    }
  }
  const id = freshActorId(ctx, name);
  const add = addRegistryEntry(ctx, 'actors', id, [
    ['name', name],
    ['kind', 'other'],
  ]);
  if (add)
    f.add(`Add '${name}' to ${REGISTRY_FILE}`, add.edits, {
      ...(add.create ? { create: add.create } : {}),
      shareKey: `actors-name:${name}`,
      preferred: !guessed,
    });
}
