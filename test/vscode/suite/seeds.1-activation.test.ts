import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID, waitFor, wsUri } from './helpers';

describe('activation (a copy of seeds/)', () => {
  it('assigns the seed language to *.seed.md', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('002-new-nato.seed.md'));
    assert.equal(doc.languageId, 'seed');
  });

  it(`activates ${EXTENSION_ID}, exports its API and runs the server`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const api = await activeApi();
    assert.ok(ext.isActive);
    assert.equal(typeof api.status, 'function');
    assert.deepEqual(Object.keys(api.trees).sort(), ['actors', 'claims', 'sources']);
    assert.ok(api.client.isRunning(), 'the language client is running');
    assert.equal(api.client.initializeResult?.serverInfo?.name, 'corroborate-language-server');
  });

  it('resolves api.ready once the 5 sources are indexed', async () => {
    const api = await activeApi();
    const status = await api.ready;
    assert.equal(status.indexing, false);
    assert.equal(status.sources, 5);
    assert.equal(status.actors, 52);
    assert.equal(status.claims, 51);
    assert.ok(status.conflicts > 0, 'the seeds conflict on some keys');
    await waitFor(() => api.status()?.sources === 5 && !api.status()?.indexing, 'the latest status to show 5 sources');
  });

  it('registers the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'corroborate.annotateActor',
      'corroborate.annotateClaim',
      'corroborate.showActor',
      'corroborate.reindex',
      'corroborate.showReferences',
      'corroborate.importArticle',
      'corroborate.newSourceFromClipboard',
    ]) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });
});
