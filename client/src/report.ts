/**
 * *Corroborate: Export Report…*: asks where to save, gets the page from the
 * server (`corroborate/report`, the same page `corroborate report` writes),
 * writes it through `vscode.workspace.fs` (so that remote and virtual
 * workspaces work too), then offers to open it in the browser.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest } from '../../common/protocol';

const OPEN = 'Open in Browser';

/** The default target: report.html in the first workspace folder (or the home of an untitled window). */
function defaultTarget(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, 'report.html');
}

/** Runs the command; resolves to the file written, or undefined if the user cancelled. */
export async function exportReport(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const target = await vscode.window.showSaveDialog({
    title: 'Corroborate: Export Report',
    saveLabel: 'Export Report',
    filters: { 'HTML page': ['html', 'htm'] },
    ...(defaultTarget() && { defaultUri: defaultTarget() }),
  });
  if (!target) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Corroborate: building the report…' },
    () => client.sendRequest(ReportRequest, {}),
  );
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.html));
  } catch (e) {
    void vscode.window.showErrorMessage(
      `Corroborate: cannot write the report to ${target.fsPath || target.toString()}: ${e instanceof Error ? e.message : String(e)}`,
    );
    return undefined;
  }
  const where = vscode.workspace.asRelativePath(target);
  const note = result.complete ? '' : ' The workspace was still being indexed: some sources may be missing.';
  void vscode.window.showInformationMessage(`Corroborate: report written to ${where}.${note}`, OPEN).then((choice) => {
    if (choice === OPEN) void vscode.env.openExternal(target);
  });
  return target;
}
