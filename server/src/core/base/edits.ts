/**
 * Applying LSP text edits to plain strings: what an editor does with a
 * `WorkspaceEdit`. Used by features that must check their own edits and by
 * the tests. Pure; positions are LSP positions (UTF-16).
 */

import type * as lsp from 'vscode-languageserver-types';
import { LineIndex } from './text';

/** Applies non-overlapping edits to `text` (in any order). Edits sharing a start are applied in the order given. */
export function applyEdits(text: string, edits: readonly lsp.TextEdit[]): string {
  const lines = new LineIndex(text);
  return applyOffsetEdits(
    text,
    edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })),
  );
}

/** {@link applyEdits} for edits located by UTF-16 offsets. */
export function applyOffsetEdits(
  text: string,
  edits: ReadonlyArray<{ start: number; end: number; newText: string }>,
): string {
  const located = edits.map((e, i) => ({ ...e, i }));
  // Descending, so that splicing one edit never moves the offsets of the next.
  located.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of located) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies the `changes` of a workspace edit to a map of texts by URI; returns a new map. */
export function applyWorkspaceEdit(texts: ReadonlyMap<string, string>, edit: lsp.WorkspaceEdit): Map<string, string> {
  const out = new Map(texts);
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const text = out.get(uri);
    if (text === undefined) continue;
    out.set(uri, applyEdits(text, edits));
  }
  return out;
}
