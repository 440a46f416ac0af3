import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/base/text';

/**
 * Applies LSP edits to texts, as an editor would: ranges refer to the text
 * before any edit, edits may not overlap, and inserts at the same position
 * keep their order.
 */
export function applyTextEdits(text: string, edits: lsp.TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits.map((e, i) => ({
    start: lines.offsetAt(e.range.start),
    end: lines.offsetAt(e.range.end),
    newText: e.newText,
    i,
  }));
  located.sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  for (let k = 1; k < located.length; k++) {
    assert.ok(
      located[k - 1]!.end <= located[k]!.start,
      `overlapping edits: ${JSON.stringify(located[k - 1])} and ${JSON.stringify(located[k])}`,
    );
  }
  let out = text;
  for (let k = located.length - 1; k >= 0; k--) {
    const e = located[k]!;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** Applies a workspace edit (`changes` or `documentChanges` with CreateFile) to a map of URI → text; returns a new map. */
export function applyWorkspaceEdit(files: ReadonlyMap<string, string>, edit: lsp.WorkspaceEdit): Map<string, string> {
  const out = new Map(files);
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const text = out.get(uri);
    assert.ok(text !== undefined, `edit to a file that does not exist: ${uri}`);
    out.set(uri, applyTextEdits(text, edits));
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', `unexpected resource operation ${change.kind}`);
      if (out.has(change.uri) && !change.options?.overwrite) {
        assert.ok(change.options?.ignoreIfExists, `creating ${change.uri}, which exists`);
        continue;
      }
      out.set(change.uri, '');
    } else {
      const uri = change.textDocument.uri;
      const text = out.get(uri);
      assert.ok(text !== undefined, `edit to a file that does not exist: ${uri}`);
      out.set(uri, applyTextEdits(text, change.edits as lsp.TextEdit[]));
    }
  }
  return out;
}
