/**
 * Helpers shared by the in-VS-Code tests. They run inside the extension
 * host, against the real extension and language server: everything is
 * asynchronous, so the tests wait for conditions (`waitFor`) and never
 * sleep for a fixed time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorroborateApi } from '../../../client/src/extension';
import type { TreeNode } from '../../../common/protocol';

export const EXTENSION_ID = 'corroborate.corroborate';

/** The repository (the extension's development path): out/test/vscode/suite → ../../../.. */
export const REPO = path.resolve(__dirname, '../../../..');

export type Truthy<T> = Exclude<T, false | null | undefined | '' | 0>;

/**
 * Polls `predicate` until it returns a truthy value (which is returned), or
 * fails after `timeout` ms with `what` and the last value or error seen.
 */
export async function waitFor<T>(
  predicate: () => T | PromiseLike<T>,
  what: string,
  timeout = 20_000,
  interval = 50,
): Promise<Truthy<T>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as Truthy<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() - started > timeout) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 500);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The extension, activated, with its API; waits for the initial indexing. */
export async function activeApi(): Promise<CorroborateApi> {
  const ext = vscode.extensions.getExtension<CorroborateApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await api.ready;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Opens a workspace file in an editor (documents that are open override the disk in the server). */
export async function openEditor(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc);
}

export function diagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => code === undefined || codeOf(d) === code);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The text a range covers in a file on disk (for files that are not open). */
export function textAt(file: string, range: vscode.Range): string {
  const lines = fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line)
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  const out = [lines[range.start.line]!.slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) out.push(lines[l]!);
  out.push(lines[range.end.line]!.slice(0, range.end.character));
  return out.join('\n');
}

/** The position of the first occurrence of `needle` in a document (plus `delta` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is not in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + delta);
}

/** Hover contents flattened to one markdown string. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Every node of a sidebar tree, depth first, to `depth` levels. */
export async function treeNodes(
  api: CorroborateApi,
  view: keyof CorroborateApi['trees'],
  depth: number,
  parent?: TreeNode,
): Promise<TreeNode[]> {
  const tree = api.trees[view];
  const children = await tree.getChildren(parent);
  if (depth <= 1) return children;
  const out: TreeNode[] = [];
  for (const c of children) {
    out.push(c);
    if (c.collapsible) out.push(...(await treeNodes(api, view, depth - 1, c)));
  }
  return out;
}

/** Replaces a property of an object (e.g. `vscode.window.showQuickPick`) until `restore()` is called. */
export function stub<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): { restore(): void } {
  const original = target[key];
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return { restore: () => Object.defineProperty(target, key, { value: original, configurable: true, writable: true }) };
}
