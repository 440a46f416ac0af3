/**
 * *Corroborate: Import Article…* and *Corroborate: New Source from Clipboard*.
 * The client reads the input and chooses the folder; the server's
 * `corroborate/importArticle` request extracts the article and renders the
 * seed (no extraction here). The file is created, never over another, and opened.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MAX_NAME_ATTEMPTS } from '../../common/importing';
import { ImportArticleRequest, type ImportArticleParams } from '../../common/protocol';

/**
 * The folder a new source goes to: the folder of the active seed (`*.seed.md`, where the sources
 * are), else the first workspace folder, else one the user picks.
 */
async function targetFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme === 'file' && active.path.endsWith('.seed.md')) return vscode.Uri.joinPath(active, '..');
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (first) return first;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    openLabel: 'Write the New Source Here',
  });
  return picked?.[0];
}

/** The names in `folder` (none if it cannot be read). */
async function namesIn(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
  } catch {
    return [];
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the server for the seed, creates it in `folder` under a free name and opens it. A file created
 * meanwhile under the same name is not overwritten: the name is added to the taken ones and asked again.
 */
async function createSource(
  client: LanguageClient,
  input: ImportArticleParams,
  folder: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const taken = await namesIn(folder);
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const result = await client.sendRequest(ImportArticleRequest, { ...input, taken });
    if ('error' in result) {
      void vscode.window.showErrorMessage(`Corroborate: cannot import: ${result.error}`);
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder, result.fileName);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(result.text) });
    if (await vscode.workspace.applyEdit(edit)) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      return uri;
    }
    // Not created: taken meanwhile (try the next name), or not writable (give up).
    if (!(await exists(uri))) {
      void vscode.window.showErrorMessage(`Corroborate: cannot create ${uri.fsPath}`);
      return undefined;
    }
    taken.push(result.fileName);
  }
  void vscode.window.showErrorMessage('Corroborate: cannot import: no free file name');
  return undefined;
}

/** *Import Article…*: a saved page (.html, .htm) or a text (.txt) → a new source, opened. */
export async function importArticle(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Import',
    filters: { 'Articles (web pages, texts)': ['html', 'htm', 'txt'] },
  });
  const file = picked?.[0];
  if (!file) return undefined;
  const folder = await targetFolder();
  if (!folder) return undefined;
  const bytes = await vscode.workspace.fs.readFile(file);
  const name = file.path.split('/').pop() ?? '';
  return createSource(
    client,
    { content: Buffer.from(bytes).toString('base64'), encoding: 'base64', fileName: name },
    folder,
  );
}

/** *New Source from Clipboard*: the clipboard's text (read as plain text, never HTML) → a new source, opened. */
export async function newSourceFromClipboard(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') {
    void vscode.window.showInformationMessage('Corroborate: the clipboard holds no text to import.');
    return undefined;
  }
  const folder = await targetFolder();
  return folder ? createSource(client, { content: text, kind: 'text' }, folder) : undefined;
}
