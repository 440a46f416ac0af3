/**
 * Every diagnostic of one file: the problems its model found while parsing
 * (syntax, front matter, span ids), repeated passages, and the cross-file
 * checks, one per code in `<code>.ts` beside that code's quick fixes. What
 * other files' diagnostics may show of a file, and so what an edit must
 * invalidate, is written down in crossFile.ts.
 *
 * Policy is an input ({@link DiagnosticOptions}): a code switched off is not
 * checked at all, and severity overrides are applied here, not by the caller.
 */
import type { LineIndex } from '../../base/text';
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode, type Problem, type Severity } from '../../base/types';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { CheckContext, type Check } from './check';
import { repeatedPassages } from './duplicatePassage';
import * as unknownActor from './unknownActor';
import * as duplicateId from './duplicateId';
import * as unsourcedClaim from './unsourcedClaim';
import * as anonymousSource from './anonymousSource';
import * as unknownClaimKey from './unknownClaimKey';
import * as brokenLink from './brokenLink';
import * as conflictingClaim from './conflictingClaim';
import * as ambiguousValue from './ambiguousValue';
import * as corroboratedClaim from './corroboratedClaim';
import * as unannotatedMention from './unannotatedMention';

export { MAX_RELATED, sourceLabel } from './crossFile';

/** What to report: the diagnostic policy of a caller (the server's settings, the CLI's defaults). */
export interface DiagnosticOptions {
  /** Severity per code, overriding the code's default; `'off'`: the code is not checked or reported. */
  severity?: Partial<Record<DiagnosticCode, Severity | 'off'>>;
  /** Look for registry names in plain text (unannotated-mention). Default true. */
  unannotatedMentions?: boolean;
  /**
   * Suggest actors in plain text (suggested-actor hints, which `computeDiagnostics` never computes: see
   * suggestedActor.ts). Default true.
   */
  suggestedActors?: boolean;
  /**
   * Suggest claims from attributions (suggested-claim hints, which `computeDiagnostics` never computes either: see
   * suggestedClaim.ts). Default true.
   */
  suggestedClaims?: boolean;
}

/**
 * The cross-file checks, in the order their problems are collected (problems
 * at the same range keep this order after sorting).
 */
const CHECKS: ReadonlyArray<readonly [DiagnosticCode, Check]> = [
  ['unknown-actor', unknownActor.check],
  ['duplicate-id', duplicateId.check],
  ['unsourced-claim', unsourcedClaim.check],
  ['anonymous-source', anonymousSource.check],
  ['unknown-claim-key', unknownClaimKey.check],
  ['broken-link', brokenLink.check],
  ['conflicting-claim', conflictingClaim.check],
  ['ambiguous-value', ambiguousValue.check],
  ['corroborated-claim', corroboratedClaim.check],
  ['unannotated-mention', unannotatedMention.check],
];

/** Whether `options` let `code` be checked and reported. */
export function isEnabled(code: DiagnosticCode, options: DiagnosticOptions): boolean {
  if (options.severity?.[code] === 'off') return false;
  if (code === 'suggested-actor') return options.suggestedActors !== false;
  if (code === 'suggested-claim') return options.suggestedClaims !== false;
  return code !== 'unannotated-mention' || options.unannotatedMentions !== false;
}

/** A problem as a diagnostic, at the severity `severity` (default: the problem's own, else its code's). */
export function toDiagnostic(p: Problem, lines: LineIndex, severity?: Severity): Diagnostic {
  const d = {
    range: lines.rangeAt(p.start, p.end),
    severity: severity ?? p.severity ?? DIAGNOSTIC_CODES[p.code].severity,
    code: p.code,
    message: p.message,
  } as Diagnostic;
  if (p.related && p.related.length > 0) d.related = p.related;
  if (p.data) d.data = p.data;
  return d;
}

/**
 * Every diagnostic of one file of the workspace: a source or a registry,
 * as `options` ask (default: every code, at its default severity).
 * Cost: O(size of the file + claims sharing its keys), less the checks
 * switched off.
 */
export function computeDiagnostics(index: WorkspaceIndex, uri: string, options: DiagnosticOptions = {}): Diagnostic[] {
  const report = (problems: readonly Problem[], lines: LineIndex): Diagnostic[] => {
    const out: Diagnostic[] = [];
    for (const p of problems)
      if (isEnabled(p.code, options)) out.push(toDiagnostic(p, lines, asSeverity(options.severity?.[p.code])));
    return out;
  };
  const registry = index.getRegistry(uri);
  if (registry) return report(registry.problems, registry.lines);
  const model = index.getSource(uri);
  if (!model) return [];
  // Repeated passages are found here, not when the file is indexed: only diagnostics need them.
  const problems: Problem[] = [...model.problems];
  if (isEnabled('duplicate-passage', options)) problems.push(...repeatedPassages(model));
  const ctx = new CheckContext(index, model);
  for (const [code, check] of CHECKS) if (isEnabled(code, options)) check(ctx, problems);
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return report(problems, model.lines);
}

function asSeverity(s: Severity | 'off' | undefined): Severity | undefined {
  return s === 'off' ? undefined : s;
}
