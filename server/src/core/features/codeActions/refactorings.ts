/**
 * The refactorings on a selection of prose (annotate as actor, annotate as
 * claim) and the `annotate` command behind the client's prompts. Both wrap
 * the selection in a new span only where that changes nothing else.
 */
import * as lsp from 'vscode-languageserver-types';
import { ACTOR_ID, RESERVED_BY } from '../../model/registry';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { Context, type Plan } from '../editing/context';
import { addsSpans, annotatable, wrap } from '../editing/markup';
import { addRegistryEntry, freshActorId } from '../editing/registry';
import { toActions } from './assemble';
import type { Range, Refusal } from '../../base/types';

export function refactorings(ctx: Context, selStart: number, selEnd: number): Plan[] {
  const { text, parsed, model } = ctx;
  const at = annotatable(ctx, selStart, selEnd);
  if ('error' in at) return [];
  const { start: s, end: e } = at;
  const selected = text.slice(s, e);

  const plans: Plan[] = [];
  const uri = model.uri;
  const kind = lsp.CodeActionKind.RefactorRewrite;
  const containsSpan = parsed.spans.some((sp) => sp.start >= s && sp.end <= e);

  // Annotate as actor.
  if (!containsSpan && !/[[\]\\`{}]/.test(selected)) {
    const name = selected.replace(/\s+/g, ' ');
    const registry = ctx.registry;
    let id = registry?.names.get(name);
    if (id === undefined && registry) {
      const lower = name.toLowerCase();
      for (const [n, a] of registry.names) {
        if (n.toLowerCase() !== lower) continue;
        id = a;
        break;
      }
    }
    if (id !== undefined) {
      plans.push({ title: `Annotate selection as actor ${id}`, kind, edits: wrap(uri, s, e, `.actor ref=${id}`) });
    } else {
      const fresh = freshActorId(ctx, name);
      const add = addRegistryEntry(ctx, 'actors', fresh, [
        ['name', name],
        ['kind', 'other'],
      ]);
      if (add)
        plans.push({
          title: `Annotate selection as new actor '${fresh}'`,
          kind,
          edits: [...wrap(uri, s, e, `.actor ref=${fresh}`), ...add.edits],
          ...(add.create ? { create: add.create } : {}),
        });
    }
  }

  // Annotate as claim.
  const ids = new Set<string>();
  for (const sp of parsed.spans) if (sp.id) ids.add(sp.id.value);
  let n = 1;
  while (ids.has(`claim-${n}`)) n++;
  let actors = ctx.actorsIn(s, e);
  if (actors.length === 0) actors = ctx.actorsIn(...ctx.sentence(s, e));
  const by = actors.length === 1 ? ` by=${actors[0]}` : '';
  plans.push({ title: 'Annotate selection as claim', kind, edits: wrap(uri, s, e, `.claim #claim-${n}${by}`) });

  return plans.filter((p) => addsSpans(ctx, p.edits));
}
/** What the annotate commands ask for (the client prompts; the markup is written here). */
export type AnnotateSpec =
  | { range: Range; kind: 'actor'; ref: string; newActor?: { name: string; kind: string } }
  | { range: Range; kind: 'claim'; by?: string; key?: string; value?: string; asOf?: string };

function attributeValue(v: string): string {
  return /^[^\s"{}\\]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Wraps a selection of prose in an actor or claim span, with the attributes
 * the user chose (and, for a new actor, its registry entry). The same checks
 * as the refactorings apply; a refusal says why.
 */
export function annotate(
  index: WorkspaceIndex,
  uri: string,
  spec: AnnotateSpec,
): { edit: lsp.WorkspaceEdit } | Refusal {
  const model = index.getSource(uri);
  if (!model) return { error: 'this is not an annotated source (*.seed.md)' };
  const ctx = new Context(index, model);
  const at = annotatable(ctx, ctx.offset(spec.range.start), ctx.offset(spec.range.end));
  if ('error' in at) return { error: at.error };
  const plan: Plan = { title: 'Annotate', kind: lsp.CodeActionKind.RefactorRewrite, edits: [] };
  if (spec.kind === 'actor') {
    if (!ACTOR_ID.test(spec.ref) || (RESERVED_BY as readonly string[]).includes(spec.ref))
      return { error: `'${spec.ref}' is not a valid actor id` };
    plan.edits.push(...wrap(uri, at.start, at.end, `.actor ref=${spec.ref}`));
    if (spec.newActor && !ctx.registry?.actors.has(spec.ref)) {
      const add = addRegistryEntry(ctx, 'actors', spec.ref, [
        ['name', spec.newActor.name],
        ['kind', spec.newActor.kind],
      ]);
      if (!add)
        return {
          error: `'${spec.ref}' cannot be added to entities.yaml (is it broken, or is the id already written there?)`,
        };
      plan.edits.push(...add.edits);
      if (add.create) plan.create = add.create;
    }
  } else {
    const ids = new Set<string>();
    for (const sp of ctx.parsed.spans) if (sp.id) ids.add(sp.id.value);
    let n = 1;
    while (ids.has(`claim-${n}`)) n++;
    const attrs = [`.claim #claim-${n}`];
    if (spec.by) attrs.push(`by=${attributeValue(spec.by)}`);
    if (spec.key) attrs.push(`key=${attributeValue(spec.key)}`);
    if (spec.value !== undefined && spec.value !== '') attrs.push(`value=${attributeValue(spec.value)}`);
    if (spec.asOf) attrs.push(`as-of=${attributeValue(spec.asOf)}`);
    plan.edits.push(...wrap(uri, at.start, at.end, attrs.join(' ')));
  }
  if (!addsSpans(ctx, plan.edits))
    return { error: 'the selection cannot be wrapped in a span without changing the markup around it' };
  return { edit: toActions(ctx, [{ ...plan, diagnostics: [] }])[0]!.edit! };
}
