/**
 * *Corroborate: Export Annotations…*: the user picks a format (the server's
 * `corroborate/exportFormats`), then a file (a one-file format) or a folder
 * (a format of several files); the server's `corroborate/export` returns the
 * files and the client writes them with `vscode.workspace.fs`
 * (docs/interop.md).
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportFormatsRequest, ExportRequest, type ExportFormatInfo } from '../../common/protocol';

/** Where to write: a file for a one-file format, a folder otherwise; undefined if the user cancels. */
async function destination(format: ExportFormatInfo): Promise<vscode.Uri | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!format.multiFile) {
    const ext = format.extension ?? 'txt';
    return vscode.window.showSaveDialog({
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, `annotations.${ext}`) } : {}),
      filters: { [format.name]: [ext] },
      saveLabel: 'Export',
    });
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    ...(base ? { defaultUri: base } : {}),
    openLabel: `Export ${format.name} Here`,
  });
  return picked?.[0];
}

/** Runs the command; resolves to the files written (none if cancelled or refused). */
export async function exportAnnotations(client: LanguageClient): Promise<vscode.Uri[]> {
  const formats = await client.sendRequest(ExportFormatsRequest);
  const choice = await vscode.window.showQuickPick(
    formats.map((f) => ({ label: f.name, detail: f.description, format: f })),
    { title: 'Corroborate: Export Annotations', placeHolder: 'Format' },
  );
  if (!choice) return [];
  const target = await destination(choice.format);
  if (!target) return [];
  const result = await client.sendRequest(ExportRequest, { format: choice.format.name });
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Corroborate: cannot export: ${result.error}`);
    return [];
  }
  const written: vscode.Uri[] = [];
  const encoder = new TextEncoder();
  for (const f of result.files) {
    const uri = choice.format.multiFile ? vscode.Uri.joinPath(target, ...f.path.split('/')) : target;
    await vscode.workspace.fs.writeFile(uri, encoder.encode(f.text));
    written.push(uri);
  }
  void vscode.window.showInformationMessage(
    `Corroborate: exported ${choice.format.name} to ${choice.format.multiFile ? `${written.length} files in ` : ''}${target.fsPath}`,
  );
  return written;
}
