/**
 * unknown-claim-key: a claim key the registry does not describe (only when a
 * registry governs the file). Fixes: change to the close key, or describe
 * the key in entities.yaml.
 */
import { closest } from '../../base/strings';
import { problem, type Problem } from '../../base/types';
import { REGISTRY_FILE } from '../../workspace/workspace';
import type { Fixes } from '../editing/context';
import { addRegistryEntry } from '../editing/registry';
import type { CheckContext } from './check';

export function check(ctx: CheckContext, out: Problem[]): void {
  const { registry } = ctx;
  if (!registry) return;
  for (const claim of ctx.model.claims) {
    if (claim.key === undefined || registry.claimKeys.has(claim.key)) continue;
    const guess = closest(claim.key, registry.claimKeys.keys());
    out.push(
      problem(
        'unknown-claim-key',
        claim.keyStart!,
        claim.keyEnd!,
        `claim key '${claim.key}' is not described in entities.yaml${guess ? ` (did you mean '${guess}'?)` : ''}`,
        {
          data: guess ? { key: claim.key, suggestion: guess } : { key: claim.key },
        },
      ),
    );
  }
}

export function fixes(f: Fixes<'unknown-claim-key'>): void {
  const { ctx, data, uri, start, end } = f;
  if (data === undefined) return;
  const { key, suggestion } = data;
  if (suggestion !== undefined) {
    f.add(`Change to '${suggestion}'`, [{ uri, start, end, newText: suggestion }], { preferred: true });
    return;
  }
  const add = addRegistryEntry(ctx, 'claims', key, [['type', 'text']]);
  if (add)
    f.add(`Add '${key}' to ${REGISTRY_FILE}`, add.edits, {
      ...(add.create ? { create: add.create } : {}),
      shareKey: `claims:${key}`,
      preferred: true,
    });
}
