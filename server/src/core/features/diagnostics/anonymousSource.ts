/**
 * anonymous-source: a claim attributed with `by=anonymous`. Informational,
 * without a quick fix.
 */
import { problem, type Problem } from '../../base/types';
import type { CheckContext } from './check';

export function check(ctx: CheckContext, out: Problem[]): void {
  for (const claim of ctx.model.claims)
    if (claim.by === 'anonymous')
      out.push(problem('anonymous-source', claim.byStart!, claim.byEnd!, 'attributed to an unnamed source'));
}
