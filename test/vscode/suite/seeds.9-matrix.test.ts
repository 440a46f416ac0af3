import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, waitFor, wsUri } from './helpers';

const matrixTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && /corroborate\.matrix/.test(t.input.viewType)),
  );

describe('the claims matrix (a copy of seeds/)', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Corroborate: Open Claims Matrix opens one panel whose webview draws every key and source', async () => {
    const api = await activeApi();
    await vscode.commands.executeCommand('corroborate.openMatrix');
    await waitFor(() => matrixTabs().length === 1, 'a Claims Matrix tab');
    assert.equal(matrixTabs()[0]!.label, 'Claims Matrix');
    // The first webview of a session may wait for the workbench's service worker: allow it longer.
    const shown = await waitFor(() => api.matrixView(), 'the webview to report what it draws', 45_000);
    assert.ok(shown.keys.includes('nato.spending-target'), shown.keys.join(', '));
    assert.ok(shown.keys.includes('trump.office'), shown.keys.join(', '));
    // Every seed with a claim is a column; the keys come sorted (the default), group by group.
    for (const id of ['transatlantic-rift', 'rutte-strategy', 'can-nato-survive'])
      assert.ok(shown.columns.includes(id), shown.columns.join(', '));
    assert.deepEqual(shown.keys, [...shown.keys].sort());
    // A second run of the command reuses the panel.
    await vscode.commands.executeCommand('corroborate.openMatrix');
    assert.equal(matrixTabs().length, 1);
  });

  it("a claim's code lens opens the matrix at its key, focused and highlighted", async () => {
    const api = await activeApi();
    const doc = await vscode.workspace.openTextDocument(wsUri('001-transatlantic-rift.seed.md'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find(
      (l) => l.command?.command === 'corroborate.openMatrix' && l.command.arguments?.[0] === 'nato.member-count',
    );
    assert.ok(lens, lenses.map((l) => `${l.command?.title} ${JSON.stringify(l.command?.arguments)}`).join(' | '));
    assert.equal(lens.command!.title, 'Claims matrix');
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments as unknown[]));
    const shown = await waitFor(() => {
      const v = api.matrixView();
      return v?.highlighted === 'nato.member-count' && v.focus?.key === 'nato.member-count' ? v : undefined;
    }, 'the matrix to reveal nato.member-count');
    assert.equal(shown.focus?.key, 'nato.member-count');
    assert.equal(matrixTabs().length, 1);
  });

  it('follows an edit in an editor: a new key appears, and goes again when the edit is undone', async () => {
    const api = await activeApi();
    // The matrix stays in view: the editor opens beside it.
    await vscode.commands.executeCommand('corroborate.openMatrix');
    const doc = await vscode.workspace.openTextDocument(wsUri('001-transatlantic-rift.seed.md'));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    assert.ok(matrixTabs()[0]!.group.activeTab === matrixTabs()[0], 'the matrix is still the visible tab of its group');
    const at = editor.document.positionAt(editor.document.getText().indexOf('key=nato.member-count'));
    const range = new vscode.Range(at.translate(0, 'key='.length), at.translate(0, 'key=nato.member-count'.length));
    assert.ok(await editor.edit((e) => e.replace(range, 'nato.member-tally')));
    await waitFor(() => api.matrixView()?.keys.includes('nato.member-tally'), 'the matrix to show the edited key');
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => api.matrixView() && !api.matrixView()!.keys.includes('nato.member-tally'),
      'the matrix to drop the key again',
    );
    assert.ok(editor.document.getText().includes('key=nato.member-count'), 'the undo restored the key');
  });
});
