/**
 * The palette and context-menu commands. The client only asks questions
 * (quick picks, input boxes); the markup itself is produced by the server's
 * `corroborate/annotate` request, so the CLI, the quick fixes and these
 * commands all write annotations the same way.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ACTOR_KINDS, slugify } from '../../common/actors';
import {
  ActorsRequest,
  AnnotateRequest,
  KeysRequest,
  ReindexRequest,
  TreeChildrenRequest,
  type AnnotateParams,
  type TreeNode,
} from '../../common/protocol';

async function applyAnnotation(client: LanguageClient, params: AnnotateParams): Promise<boolean> {
  const result = await client.sendRequest(AnnotateRequest, params);
  if (result.error || !result.edit) {
    void vscode.window.showWarningMessage(`Corroborate: ${result.error ?? 'nothing to annotate'}`);
    return false;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(
    result.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0],
  );
  return edit ? vscode.workspace.applyEdit(edit) : false;
}

function selectionParams(editor: vscode.TextEditor): { uri: string; range: AnnotateParams['range'] } | undefined {
  const sel = editor.selection;
  if (sel.isEmpty) {
    void vscode.window.showInformationMessage('Corroborate: select the text to annotate first.');
    return undefined;
  }
  return {
    uri: editor.document.uri.toString(),
    range: {
      start: { line: sel.start.line, character: sel.start.character },
      end: { line: sel.end.line, character: sel.end.character },
    },
  };
}

export async function annotateAsActor(
  client: LanguageClient,
  editor = vscode.window.activeTextEditor,
): Promise<boolean> {
  if (!editor) return false;
  const at = selectionParams(editor);
  if (!at) return false;
  const text = editor.document.getText(editor.selection).trim();
  const actors = await client.sendRequest(ActorsRequest, { uri: at.uri });
  type Item = vscode.QuickPickItem & { id?: string };
  const items: Item[] = [
    { label: `$(add) New actor “${text}”…`, alwaysShow: true },
    ...actors
      .sort((a, b) => Number(b.name === text) - Number(a.name === text) || b.mentions - a.mentions)
      .map((a) => ({ label: a.name, description: `${a.id} · ${a.kind}`, detail: a.description, id: a.id })),
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Annotate selection as actor',
    placeHolder: 'Who is this?',
    matchOnDescription: true,
  });
  if (!pick) return false;
  if (pick.id) return applyAnnotation(client, { ...at, kind: 'actor', ref: pick.id });
  const name = await vscode.window.showInputBox({
    title: 'New actor: name',
    value: text,
    validateInput: (v) => (v.trim() ? undefined : 'A name is needed'),
  });
  if (!name) return false;
  const kind = await vscode.window.showQuickPick(ACTOR_KINDS, { title: `New actor: what kind of actor is ${name}?` });
  if (!kind) return false;
  const id = await vscode.window.showInputBox({
    title: 'New actor: id',
    value: slugify(name),
    validateInput: (v) =>
      /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(v)
        ? actors.some((a) => a.id === v)
          ? `'${v}' is already an actor`
          : undefined
        : 'Letters, digits, ".", "_" and "-"',
  });
  if (!id) return false;
  return applyAnnotation(client, { ...at, kind: 'actor', ref: id, newActor: { name: name.trim(), kind } });
}

export async function annotateAsClaim(
  client: LanguageClient,
  editor = vscode.window.activeTextEditor,
): Promise<boolean> {
  if (!editor) return false;
  const at = selectionParams(editor);
  if (!at) return false;
  const actors = await client.sendRequest(ActorsRequest, { uri: at.uri });
  type ByItem = vscode.QuickPickItem & { by?: string };
  const byItems: ByItem[] = [
    { label: 'The outlet itself', description: 'by=outlet', by: 'outlet' },
    { label: 'An unnamed source', description: 'by=anonymous', by: 'anonymous' },
    { label: 'Unsourced', description: 'no by=' },
    ...actors
      .sort((a, b) => b.mentions - a.mentions)
      .map((a) => ({ label: a.name, description: `by=${a.id}`, by: a.id })),
  ];
  const by = await vscode.window.showQuickPick(byItems, {
    title: 'Annotate selection as claim: who asserts it?',
    matchOnDescription: true,
  });
  if (!by) return false;
  const keys = await client.sendRequest(KeysRequest, { uri: at.uri });
  type KeyItem = vscode.QuickPickItem & { key?: string; values?: string[] };
  const keyItems: KeyItem[] = [
    { label: '$(close) No key', description: 'an attributed statement without a comparable value' },
    { label: '$(add) New key…' },
    ...keys.map((k) => ({
      label: k.key,
      description: k.values.slice(0, 3).join(' · '),
      detail: k.description,
      key: k.key,
      values: k.values,
    })),
  ];
  const keyPick = await vscode.window.showQuickPick(keyItems, {
    title: 'Annotate selection as claim: what is it about?',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!keyPick) return false;
  let key = keyPick.key;
  if (!key && keyPick.label.includes('New key')) {
    key = await vscode.window.showInputBox({
      title: 'New claim key',
      placeHolder: 'e.g. nato.spending-target',
      validateInput: (v) =>
        /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(v) ? undefined : 'Letters, digits, ".", "_" and "-"',
    });
    if (!key) return false;
  }
  const params: AnnotateParams = { ...at, kind: 'claim' };
  if (by.by) params.by = by.by;
  if (key) {
    params.key = key;
    const value = await vscode.window.showInputBox({
      title: `Value of ${key} according to this source`,
      placeHolder: keyPick.values?.length ? `known values: ${keyPick.values.slice(0, 5).join(', ')}` : 'e.g. 5% of GDP',
      validateInput: (v) => (v.trim() ? undefined : 'A value is needed with a key'),
    });
    if (!value) return false;
    params.value = value.trim();
    const asOf = await vscode.window.showInputBox({
      title: 'As of (optional)',
      placeHolder: 'YYYY, YYYY-MM or YYYY-MM-DD; leave empty if the article gives no time',
      validateInput: (v) => (!v || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? undefined : 'YYYY, YYYY-MM or YYYY-MM-DD'),
    });
    if (asOf === undefined) return false;
    if (asOf) params.asOf = asOf;
  }
  return applyAnnotation(client, params);
}

/** Quick pick of an actor, then of its mentions across every source. */
export async function showActorAcrossSources(client: LanguageClient): Promise<void> {
  const kinds = await client.sendRequest(TreeChildrenRequest, { view: 'actors' });
  const actors = (
    await Promise.all(kinds.map((k) => client.sendRequest(TreeChildrenRequest, { view: 'actors', parent: k.id })))
  )
    .flat()
    .filter((a) => a.collapsible);
  const actor = await vscode.window.showQuickPick(
    actors.map((a) => ({ label: a.label, description: a.description, node: a })),
    { title: 'Show actor across sources', matchOnDescription: true },
  );
  if (!actor) return;
  const sources = await client.sendRequest(TreeChildrenRequest, { view: 'actors', parent: actor.node.id });
  const mentions: Array<vscode.QuickPickItem & { node?: TreeNode }> = [];
  for (const source of sources) {
    mentions.push({ label: source.label, kind: vscode.QuickPickItemKind.Separator });
    for (const m of await client.sendRequest(TreeChildrenRequest, { view: 'actors', parent: source.id }))
      mentions.push({ label: m.label, description: m.description, node: m });
  }
  const pick = await vscode.window.showQuickPick(mentions, {
    title: `${actor.label}: mentions across sources`,
    matchOnDescription: true,
  });
  const location = pick?.node?.location;
  if (!location) return;
  const r = location.range;
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
    selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
  });
}

export async function reindex(client: LanguageClient): Promise<void> {
  await client.sendRequest(ReindexRequest);
}
