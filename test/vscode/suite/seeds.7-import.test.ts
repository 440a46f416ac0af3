import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, openEditor, REPO, stub, waitFor, wsUri } from './helpers';

/**
 * *Import Article…* and *New Source from Clipboard*: the client reads the
 * input (the open dialog and the clipboard are stubbed, as a user's choice),
 * the server extracts the article, and the new source is written beside the
 * open seed under a free name, never over a file, and opened.
 */
describe('importing an article (a copy of seeds/)', () => {
  const created: string[] = [];
  const activePath = (): string | undefined => vscode.window.activeTextEditor?.document.uri.fsPath;

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of created) fs.rmSync(f, { force: true });
  });

  it('New Source from Clipboard writes <id>.seed.md beside the open seed, then <id>-2.seed.md, and opens each', async () => {
    await activeApi();
    await openEditor('001-transatlantic-rift.seed.md');
    const text = 'Scholz Meets Macron\n\nOlaf Scholz met Emmanuel Macron in Paris on Monday.\n';
    const clipboard = stub(vscode.env, 'clipboard', { ...vscode.env.clipboard, readText: () => Promise.resolve(text) });
    try {
      const first = wsUri('scholz-meets-macron.seed.md').fsPath;
      const second = wsUri('scholz-meets-macron-2.seed.md').fsPath;
      created.push(first, second);
      await vscode.commands.executeCommand('corroborate.newSourceFromClipboard');
      await waitFor(() => activePath() === first, 'the new source to open');
      const written = fs.readFileSync(first, 'utf8');
      assert.match(written, /^---\nid: scholz-meets-macron\ntitle: Scholz Meets Macron\n---\n/);
      assert.ok(written.includes('\nOlaf Scholz met Emmanuel Macron in Paris on Monday.\n'), written);

      await vscode.commands.executeCommand('corroborate.newSourceFromClipboard');
      await waitFor(() => activePath() === second, 'the second source to open');
      assert.equal(fs.readFileSync(first, 'utf8'), written, 'the first import was changed');
      assert.match(fs.readFileSync(second, 'utf8'), /^---\nid: scholz-meets-macron-2\n/);
    } finally {
      clipboard.restore();
    }
  });

  it('Import Article… turns a saved web page into a source with its metadata', async () => {
    await openEditor('001-transatlantic-rift.seed.md');
    const page = vscode.Uri.file(path.join(REPO, 'test/fixtures/html/bbc-1/source.html'));
    const dialog = stub(vscode.window, 'showOpenDialog', () => Promise.resolve([page]));
    try {
      const target = wsUri('obama-admits-us-gun-laws-are-his-biggest-frustration.seed.md').fsPath;
      created.push(target);
      await vscode.commands.executeCommand('corroborate.importArticle');
      await waitFor(() => activePath() === target, 'the imported source to open');
      const written = fs.readFileSync(target, 'utf8');
      for (const field of ['published: 2015-07-24', 'outlet: BBC News', 'language: en'])
        assert.ok(written.includes(`\n${field}\n`), `no '${field}' in:\n${written.slice(0, 400)}`);
      assert.ok(written.includes('President Barack Obama has admitted'), written.slice(0, 800));
    } finally {
      dialog.restore();
    }
  });
});
