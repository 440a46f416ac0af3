/**
 * unsourced-claim: a claim without `by=`. Fixes: attribute it to each known
 * actor mentioned in its sentence (preferred when there is one), to an
 * unnamed source, or to the outlet.
 */
import { problem, type Problem } from '../../base/types';
import type { Fixes } from '../editing/context';
import { setAttribute } from '../editing/markup';
import type { CheckContext } from './check';

export function check(ctx: CheckContext, out: Problem[]): void {
  for (const claim of ctx.model.claims) {
    if (claim.by !== undefined) continue;
    out.push(
      problem(
        'unsourced-claim',
        claim.start,
        claim.end,
        'unsourced claim: say who asserts it with by=<actor>, by=anonymous or by=outlet',
        { data: { claim: claim.start } },
      ),
    );
  }
}

export function fixes(f: Fixes<'unsourced-claim'>): void {
  const { ctx, start } = f;
  const claim = ctx.model.claims.find((c) => c.start === start);
  const span = claim ? ctx.span(claim.start) : undefined;
  if (!claim || !span) return;
  const [a, b] = ctx.sentence(claim.start, claim.end);
  const actors = ctx.actorsIn(a, b);
  for (const id of actors) {
    const name = ctx.registry?.actors.get(id)?.name ?? id;
    f.add(`Attribute to ${name} (by=${id})`, [setAttribute(ctx, span, 'by', id)], { preferred: actors.length === 1 });
  }
  f.add('Attribute to an unnamed source (by=anonymous)', [setAttribute(ctx, span, 'by', 'anonymous')]);
  f.add('Attribute to the outlet (by=outlet)', [setAttribute(ctx, span, 'by', 'outlet')]);
}
