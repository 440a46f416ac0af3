/**
 * corroborated-claim: a claim that other sources state with the same value
 * (a hint, listing them). No quick fix.
 */
import { problem, type Problem } from '../../base/types';
import type { CheckContext } from './check';
import { MAX_RELATED, related } from './crossFile';

export function check(ctx: CheckContext, out: Problem[]): void {
  for (const claim of ctx.model.claims) {
    const found = ctx.corroboration(claim);
    if (!found || found.view.corroborating.size === 0) continue;
    const { corroborating } = found.view;
    const ids = corroborating.sourceIds(5);
    const count = corroborating.idCount;
    out.push(
      problem(
        'corroborated-claim',
        claim.start,
        claim.end,
        `corroborated by ${count === 1 ? '1 other source' : `${count} other sources`}: ${ids.join(', ')}${count > 5 ? ', …' : ''}`,
        {
          related: corroborating.take(MAX_RELATED).map((c) => related(c, 'corroborating')),
        },
      ),
    );
  }
}
