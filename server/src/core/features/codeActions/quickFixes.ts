/**
 * The quick-fix dispatcher: a table from diagnostic code to the code's fix
 * provider, which lives with the code's check in
 * `features/diagnostics/<code>.ts`. A code missing from the table has no
 * quick fix. The diagnostic's payload is validated against its code's shape
 * before a provider reads it.
 */
import { readDiagnosticData, type Diagnostic, type DiagnosticCode } from '../../base/types';
import { Fixes, type Context, type FixProvider, type Plan } from '../editing/context';
import * as unknownActor from '../diagnostics/unknownActor';
import * as unknownClaimKey from '../diagnostics/unknownClaimKey';
import * as malformedAttribute from '../diagnostics/malformedAttribute';
import * as unsourcedClaim from '../diagnostics/unsourcedClaim';
import * as unannotatedMention from '../diagnostics/unannotatedMention';
import * as duplicatePassage from '../diagnostics/duplicatePassage';
import * as conflictingClaim from '../diagnostics/conflictingClaim';
import * as ambiguousValue from '../diagnostics/ambiguousValue';
import * as suggestedActor from '../diagnostics/suggestedActor';
import * as suggestedClaim from '../diagnostics/suggestedClaim';

/** Each code's fixes, in no particular order (a diagnostic has one code). */
const FIXES: { [C in DiagnosticCode]?: FixProvider<C> } = {
  'unknown-actor': unknownActor.fixes,
  'unknown-claim-key': unknownClaimKey.fixes,
  'malformed-attribute': malformedAttribute.fixes,
  'unsourced-claim': unsourcedClaim.fixes,
  'unannotated-mention': unannotatedMention.fixes,
  'duplicate-passage': duplicatePassage.fixes,
  'conflicting-claim': conflictingClaim.fixes,
  'ambiguous-value': ambiguousValue.fixes,
  'suggested-actor': suggestedActor.fixes,
  'suggested-claim': suggestedClaim.fixes,
};

/** The quick fixes of one diagnostic of the file (`all` is every diagnostic of the file). */
export function quickFixes(ctx: Context, d: Diagnostic, all: readonly Diagnostic[]): Plan[] {
  const provide = FIXES[d.code] as FixProvider<DiagnosticCode> | undefined;
  if (!provide) return [];
  const fixes = new Fixes<DiagnosticCode>(ctx, d, readDiagnosticData(d.code, d.data), all);
  provide(fixes);
  return fixes.plans;
}
