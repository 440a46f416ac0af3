import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, codeOf, EXTENSION_ID, hoverText, positionOf, waitFor, wsUri } from './helpers';

/**
 * A copy of seeds/ opened in Restricted Mode (scripts/vscode/run-tests.mjs, group `untrusted`):
 * workspace trust on, the folder not trusted. package.json declares untrusted workspaces
 * `limited`, with `corroborate.registry` restricted. The copy's .vscode/settings.json sets
 * `corroborate.registry` to a file that does not exist: were it applied, every actor would be
 * unknown.
 */
describe('Restricted Mode (an untrusted copy of seeds/)', () => {
  it('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it(`${EXTENSION_ID} activates and its server indexes the sources`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const api = await activeApi();
    assert.ok(ext.isActive && api.client.isRunning());
    const status = await api.ready;
    assert.equal(status.sources, 5);
  });

  it('serves diagnostics and hovers', async () => {
    const uri = wsUri('001-transatlantic-rift.seed.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const ds = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.some((d) => codeOf(d) === 'conflicting-claim') ? list : undefined;
    }, 'conflicting-claim diagnostics in 001');
    assert.ok(
      !ds.some((d) => codeOf(d) === 'unknown-actor' && d.message.includes("'rutte'")),
      'rutte is known: the registry setting was not applied',
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      positionOf(doc, 'Mark Rutte', 2),
    );
    assert.match(hoverText(hovers), /Mentioned in 5 sources/);
  });

  it('ignores the workspace value of the restricted setting corroborate.registry', async () => {
    const file = new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri('.vscode', 'settings.json')));
    assert.match(file, /"corroborate\.registry": "missing\/entities\.yaml"/, 'the copy sets it');
    const inspected = vscode.workspace.getConfiguration('corroborate').inspect<string>('registry');
    assert.equal(inspected?.workspaceValue, undefined, 'Restricted Mode hides the workspace value');
    assert.equal(vscode.workspace.getConfiguration('corroborate').get<string>('registry'), '');
  });
});
