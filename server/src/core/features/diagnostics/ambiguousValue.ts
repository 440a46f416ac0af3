/**
 * ambiguous-value: a claim value that can be read two ways, so that what it
 * agrees or conflicts with is a guess: a numeral whose separator the source's
 * language does not use so ("5,5" in English, "1.5" in German), or a date
 * whose day and month can be swapped ("10/3/2024"). The reading is shown in
 * the claim's hover. Fixes: write the value unambiguously, one fix per
 * reading (the one taken first, preferred when it is the only one).
 */
import { problem, type Problem } from '../../base/types';
import type { Fixes } from '../editing/context';
import { setAttribute } from '../editing/markup';
import type { CheckContext } from './check';

export function check(ctx: CheckContext, out: Problem[]): void {
  for (const claim of ctx.model.claims) {
    if (claim.key === undefined || claim.value === undefined) continue;
    const ref = ctx.index.claimRef(ctx.model.uri, claim);
    const reading = ref?.reading;
    if (reading?.ambiguous === undefined) continue;
    out.push(
      problem(
        'ambiguous-value',
        claim.start,
        claim.end,
        `${claim.key} = "${claim.value}" can be read two ways: ${reading.ambiguous}; read as ${reading.label}`,
        { data: { claim: claim.start, values: reading.choices ?? [] } },
      ),
    );
  }
}

export function fixes(f: Fixes<'ambiguous-value'>): void {
  const { ctx, start, data } = f;
  const claim = ctx.model.claims.find((c) => c.start === start);
  const span = claim ? ctx.span(claim.start) : undefined;
  if (!claim || !span || !data || !span.attributes.some((a) => a.key === 'value')) return;
  for (const value of data.values) {
    if (value === claim.value) continue;
    f.add(`Write value=${attributeValue(value)}`, [setAttribute(ctx, span, 'value', attributeValue(value))], {
      preferred: data.values.length === 1,
    });
  }
}

/** A value as an attribute writes it: bare when it can be, else quoted. */
function attributeValue(v: string): string {
  return /^[^\s"{}\\]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
