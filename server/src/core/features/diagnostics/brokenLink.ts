/**
 * broken-link: a `supports=`/`disputes=` link that leads to no claim, or to
 * the claim that holds it. No quick fix.
 */
import { problem, type Problem } from '../../base/types';
import type { CheckContext } from './check';

export function check(ctx: CheckContext, out: Problem[]): void {
  const { index, model } = ctx;
  for (const claim of model.claims) {
    for (const link of claim.links) {
      const target = index.resolveLink(model, link.source, link.claim);
      const label = `${link.source ?? ''}#${link.claim}`;
      if (!target) {
        const why =
          link.source !== undefined && index.sourcesWithId(link.source).length === 0
            ? `no source has the id '${link.source}'`
            : `there is no claim '#${link.claim}' in ${link.source ?? 'this file'}`;
        out.push(problem('broken-link', link.start, link.end, `${link.kind}=${label} leads nowhere: ${why}`));
      } else if (target.claim === claim) {
        out.push(
          problem(
            'broken-link',
            link.start,
            link.end,
            `a claim cannot ${link.kind === 'supports' ? 'support' : 'dispute'} itself`,
          ),
        );
      }
    }
  }
}
