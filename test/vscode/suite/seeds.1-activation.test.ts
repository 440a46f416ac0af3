import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID, waitFor, wsUri } from './helpers';
import { SERVER_NODE_FLAGS } from '../../../common/nodeFlags';

describe('activation (a copy of seeds/)', () => {
  it('assigns the seed language to *.seed.md', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('002-new-nato.seed.md'));
    assert.equal(doc.languageId, 'seed');
  });

  it('gives seeds the editor defaults of prose: word wrap, and no boxes around curly quotes', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('002-new-nato.seed.md'));
    assert.ok(/[\u2018\u2019\u201c\u201d]/.test(doc.getText()), 'the seed has no curly quotes to test with');
    const editor = vscode.workspace.getConfiguration('editor', doc);
    assert.equal(editor.get('wordWrap'), 'on');
    assert.equal(editor.get('unicodeHighlight.ambiguousCharacters'), false);
    // Only for seeds: other files keep VS Code's defaults.
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get('wordWrap'), 'off');
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
    // The server's Node runs with the flags that keep its peak memory down (common/nodeFlags.ts).
    // (Linux: the command lines of the processes, from /proc.)
    const servers = fs
      .readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .map((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        } catch {
          return []; // ended meanwhile
        }
      })
      .filter((args) => args.some((a) => a.endsWith('dist/server.js')) && args.includes('--node-ipc'));
    assert.ok(servers.length > 0, 'the language server runs in a process of its own');
    for (const args of servers)
      for (const flag of SERVER_NODE_FLAGS) assert.ok(args.includes(flag), `${flag} in ${args.join(' ')}`);
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
      'corroborate.openMatrix',
      'corroborate.exportAnnotations',
    ]) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });
});
