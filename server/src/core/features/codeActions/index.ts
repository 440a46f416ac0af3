/**
 * Code actions: quick fixes for the diagnostics that have one, two
 * refactorings on a selection of prose (annotate as actor, annotate as claim),
 * and the source actions that accept every suggested actor, or every
 * suggested claim, of the file.
 *
 * Each diagnostic code's quick fixes live beside its check, in
 * `features/diagnostics/<code>.ts`; {@link quickFixes} maps a code to them.
 * This folder holds the dispatcher (quickFixes.ts), the refactorings and the
 * `annotate` command (refactorings.ts), and the assembly into LSP actions
 * (assemble.ts); what the fixes and the refactorings share is in
 * `features/editing/`.
 *
 * Every edit only inserts markup (`[`, `]{…}`), changes attribute values or
 * adds registry entries: the prose of a source is never altered, except by
 * "Remove the repeated passage", whose purpose is to delete a copy.
 */
import * as lsp from 'vscode-languageserver-types';
import { computeDiagnostics } from '../diagnostics/diagnostics';
import type { WorkspaceIndex } from '../../workspace/workspace';
import { Context, type Plan } from '../editing/context';
import { quickFixes } from './quickFixes';
import { refactorings } from './refactorings';
import { mergeShared, overlaps, toActions } from './assemble';
import type { Diagnostic, Range } from '../../base/types';
import { ANNOTATE_SUGGESTED_KIND, annotateAllSuggested } from '../diagnostics/suggestedActor';
import { ANNOTATE_CLAIMS_KIND, annotateAllClaims } from '../diagnostics/suggestedClaim';

export { REMOVE_PASSAGE_TITLE } from '../diagnostics/duplicatePassage';
export { annotate, type AnnotateSpec } from './refactorings';

/** What a caller knows besides the request: the file's hints, and what its client can show. */
export interface CodeActionContext {
  /** The file's suggestion hints (`suggestionHints`) for its current text, if the caller keeps them. */
  hints?: readonly Diagnostic[];
  /** The client shows change annotations: the "Annotate all …" source actions then group their edits under one label. */
  changeAnnotations?: boolean;
}

/**
 * The code actions for `range` of a file: quick fixes of the diagnostics it
 * overlaps, refactorings of the selection, then "Annotate all suggested
 * actors" and "Annotate all attributed statements". Suggestion hints are
 * never computed here: they come in `context`.
 */
export function codeActions(
  index: WorkspaceIndex,
  uri: string,
  range: Range,
  only?: string[],
  context: CodeActionContext = {},
): lsp.CodeAction[] {
  const hints = context.hints ?? [];
  const model = index.getSource(uri);
  if (!model) return [];
  const wants = (kind: string): boolean =>
    !only || only.length === 0 || only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
  const ctx = new Context(index, model);
  const plans: Plan[] = [];
  let computed: Diagnostic[] | undefined;
  const regular = (): Diagnostic[] => (computed ??= computeDiagnostics(index, uri));
  if (wants(lsp.CodeActionKind.QuickFix)) {
    const diagnostics = [...regular(), ...hints];
    for (const d of diagnostics) {
      if (!overlaps(d.range, range)) continue;
      plans.push(...quickFixes(ctx, d, diagnostics));
    }
  }
  if (wants(lsp.CodeActionKind.RefactorRewrite)) {
    const s = model.lines.offsetAt(range.start);
    const e = model.lines.offsetAt(range.end);
    if (e > s) plans.push(...refactorings(ctx, s, e));
  }
  if (hints.length > 0 && wants(ANNOTATE_SUGGESTED_KIND)) {
    // Registry names left plain are suggested actors too: "all" takes them with the hints.
    const all = annotateAllSuggested(ctx, [...hints, ...regular().filter((d) => d.code === 'unannotated-mention')]);
    if (all)
      plans.push({
        kind: ANNOTATE_SUGGESTED_KIND,
        ...all,
        ...(context.changeAnnotations ? { group: 'Annotate suggested actors' } : {}),
      });
  }
  if (hints.length > 0 && wants(ANNOTATE_CLAIMS_KIND)) {
    const all = annotateAllClaims(ctx, hints);
    if (all)
      plans.push({
        kind: ANNOTATE_CLAIMS_KIND,
        ...all,
        ...(context.changeAnnotations ? { group: 'Annotate attributed statements' } : {}),
      });
  }
  return toActions(ctx, mergeShared(plans));
}
