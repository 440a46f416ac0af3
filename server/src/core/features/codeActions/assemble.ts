/**
 * Turning plans into LSP code actions: plans that do the same thing are
 * merged, offset edits become text edits (or document changes when a file is
 * created).
 */
import * as lsp from 'vscode-languageserver-types';
import { toLspDiagnostic } from '../../base/lsp';
import type { LineIndex } from '../../base/text';
import type { Diagnostic } from '../../base/types';
import type { Context, Plan } from '../editing/context';

export function overlaps(a: lsp.Range, b: lsp.Range): boolean {
  const le = (x: lsp.Position, y: lsp.Position): boolean =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

export function mergeShared(plans: Plan[]): Array<Plan & { diagnostics: Diagnostic[] }> {
  const out: Array<Plan & { diagnostics: Diagnostic[] }> = [];
  const byKey = new Map<string, Plan & { diagnostics: Diagnostic[] }>();
  for (const p of plans) {
    const diagnostics = p.diagnostic ? [p.diagnostic] : [];
    if (p.shareKey !== undefined) {
      const prev = byKey.get(p.shareKey);
      if (prev) {
        prev.diagnostics.push(...diagnostics);
        continue;
      }
    }
    const merged = { ...p, diagnostics };
    if (p.shareKey !== undefined) byKey.set(p.shareKey, merged);
    out.push(merged);
  }
  return out;
}

export function toActions(ctx: Context, plans: Array<Plan & { diagnostics: Diagnostic[] }>): lsp.CodeAction[] {
  const linesOf = (uri: string): LineIndex | undefined =>
    uri === ctx.model.uri ? ctx.model.lines : (ctx.index.getRegistry(uri)?.lines ?? ctx.index.getSource(uri)?.lines);
  return plans.map((p) => {
    const byUri = new Map<string, lsp.TextEdit[]>();
    const sorted = [...p.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const e of sorted) {
      const lines = linesOf(e.uri);
      const range = lines && e.uri !== p.create ? lines.rangeAt(e.start, e.end) : lsp.Range.create(0, 0, 0, 0);
      const list = byUri.get(e.uri);
      const edit = lsp.TextEdit.replace(range, e.newText);
      if (list) list.push(edit);
      else byUri.set(e.uri, [edit]);
    }
    let edit: lsp.WorkspaceEdit;
    if (p.group !== undefined) {
      edit = annotated(byUri, p.create, p.group);
    } else if (p.create) {
      const documentChanges: Array<lsp.CreateFile | lsp.TextDocumentEdit> = [
        lsp.CreateFile.create(p.create, { ignoreIfExists: true }),
      ];
      for (const [uri, edits] of byUri)
        documentChanges.push(lsp.TextDocumentEdit.create({ uri, version: null }, edits));
      edit = { documentChanges };
    } else {
      edit = { changes: Object.fromEntries(byUri) };
    }
    const action: lsp.CodeAction = { title: p.title, kind: p.kind, edit };
    if (p.diagnostics.length > 0) action.diagnostics = p.diagnostics.map((d) => toLspDiagnostic(d));
    if (p.preferred) action.isPreferred = true;
    return action;
  });
}

/** The id of the one change annotation of an action whose edits are grouped under one label. */
const ANNOTATION_ID = 'corroborate.annotateAll';

/**
 * Edits as document changes whose every edit carries one change annotation: its label names the
 * group in the client's preview (VS Code: Ctrl+Enter on the action). Not `needsConfirmation`: VS
 * Code would then force the preview with every edit unticked, and Apply would apply nothing.
 */
function annotated(byUri: Map<string, lsp.TextEdit[]>, create: string | undefined, label: string): lsp.WorkspaceEdit {
  const documentChanges: Array<lsp.CreateFile | lsp.TextDocumentEdit> = [];
  if (create) documentChanges.push(lsp.CreateFile.create(create, { ignoreIfExists: true }, ANNOTATION_ID));
  for (const [uri, edits] of byUri)
    documentChanges.push(
      lsp.TextDocumentEdit.create(
        { uri, version: null },
        edits.map((e) => lsp.AnnotatedTextEdit.replace(e.range, e.newText, ANNOTATION_ID)),
      ),
    );
  return { documentChanges, changeAnnotations: { [ANNOTATION_ID]: { label, needsConfirmation: false } } };
}
