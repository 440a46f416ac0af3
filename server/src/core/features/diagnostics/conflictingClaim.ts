/**
 * conflicting-claim: a claim whose value differs from what other sources say
 * of the same key at a comparable time. Fixes: an as-of taken from the
 * publication date when it separates the claims, or a `disputes=` link to
 * each of the first few conflicting claims (preferred when only one fix is
 * offered).
 */
import { asOfComparable } from '../../model/normalize';
import { problem, type Problem } from '../../base/types';
import type { ConflictValue } from '../../workspace/claims';
import type { ClaimRef } from '../../workspace/workspace';
import type { Fixes } from '../editing/context';
import { addLink, setAttribute } from '../editing/markup';
import type { CheckContext } from './check';
import { MAX_RELATED, quote, related } from './crossFile';

export function check(ctx: CheckContext, out: Problem[]): void {
  for (const claim of ctx.model.claims) {
    const found = ctx.corroboration(claim);
    if (!found || found.view.conflicting.size === 0) continue;
    const { conflicting } = found.view;
    const values = conflicting.values(3);
    const parts = values
      .slice(0, 3)
      .map(
        (v) =>
          `${quote(v.first.claim.value!)} in ${v.ids.join(', ')}${v.idCount > 3 ? ` and ${v.idCount - 3} more` : ''}`,
      );
    const sourceCount = conflicting.sources;
    const own = ctx.index.claimRef(ctx.model.uri, claim);
    const readings = own ? readAs(own, values.slice(0, 3)) : '';
    out.push(
      problem(
        'conflicting-claim',
        claim.start,
        claim.end,
        `${claim.key} = ${quote(claim.value!)}${claim.asOf ? ` (as of ${claim.asOf})` : ''} conflicts with ${sourceCount === 1 ? '1 other source' : `${sourceCount} other sources`}: ${parts.join('; ')}${values.length > 3 ? `; and ${values.length - 3} more values` : ''}${readings}`,
        {
          related: conflicting.take(MAX_RELATED).map((c) => related(c, 'conflicting')),
          data: { key: claim.key!, values: values.map((v) => v.norm) },
        },
      ),
    );
  }
}

/**
 * How the values were read, when one is an interval or a quantity, date or
 * actor was read from other words than its canonical form: " — read as more
 * than 30 vs 25", " — read as 5% vs 2%". Empty for text, whose reading is its
 * value.
 */
function readAs(own: ClaimRef, values: readonly ConflictValue[]): string {
  const shown = [own, ...values.map((v) => v.first)];
  const read = (r: ClaimRef): boolean =>
    r.reading.fuzzy ||
    ((r.reading.interval !== undefined || r.reading.actor !== undefined) && r.reading.label !== r.claim.value);
  if (!shown.some(read)) return '';
  return ` — read as ${own.reading.label} vs ${values.map((v) => v.first.reading.label).join(', ')}`;
}

/** At most this many "Mark as disputing" fixes are offered for one conflict. */
export const MAX_DISPUTE_FIXES = 10;

export function fixes(f: Fixes<'conflicting-claim'>): void {
  const { ctx, uri, start } = f;
  const claim = ctx.model.claims.find((c) => c.start === start);
  const span = claim ? ctx.span(claim.start) : undefined;
  const ref = claim ? ctx.index.claimRef(uri, claim) : undefined;
  if (!claim || !span || !ref) return;
  const conflicting = ctx.index.corroboration(ref).conflicting;
  // A date can separate the claims: offered when it makes at least one of them incomparable.
  const published = /^(\d{4})-(\d{2})-\d{2}$/.exec(ctx.model.meta.published ?? '');
  if (claim.asOf === undefined && published) {
    for (const v of [published[1]!, `${published[1]}-${published[2]}`]) {
      let separates = false;
      for (const c of conflicting)
        if ((separates = c.claim.asOf !== undefined && !asOfComparable(v, c.claim.asOf))) break;
      if (!separates) continue;
      f.add(`Add as-of=${v}`, [setAttribute(ctx, span, 'as-of', v)]);
    }
  }
  const seen = new Set<string>();
  for (const c of conflicting) {
    const target = linkTarget(c);
    if (target === undefined || seen.has(target)) continue;
    seen.add(target);
    f.add(`Mark as disputing ${target}`, [addLink(ctx, span, 'disputes', target)]);
    // A claim on a popular key can conflict with thousands: offer the first few (in file order).
    if (seen.size >= MAX_DISPUTE_FIXES) break;
  }
  if (f.plans.length === 1) f.plans[0]!.preferred = true;
}

function linkTarget(c: ClaimRef): string | undefined {
  if (c.claim.id === undefined || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(c.model.id) || /[\s#,"]/.test(c.claim.id))
    return undefined;
  return `${c.model.id}#${c.claim.id}`;
}
