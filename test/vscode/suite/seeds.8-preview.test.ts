import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RenderedSource } from '../../../common/rendering';
import { activeApi, openEditor, waitFor, wsUri } from './helpers';

describe('the annotated article, rendered (a copy of seeds/)', () => {
  it('gives the built-in Markdown preview a markdown-it plugin that renders spans as chips', async () => {
    const api = await activeApi();
    assert.equal(typeof api.extendMarkdownIt, 'function');
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    // A string that is no open document: its spans without the index (no kinds, no cross-file statuses).
    const snippet = 'Said [Mark Rutte]{.actor ref=rutte} and [x < y]{.claim by=anonymous}.\n';
    const plain = await waitFor(async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', snippet);
      return out.includes('corroborate-actor') ? out : undefined;
    }, 'markdown.api.render to render a snippet with corroborate-actor spans');
    assert.match(plain, /<span class="corroborate-actor" title="rutte">Mark Rutte<\/span>/);
    assert.match(plain, /<span class="corroborate-claim corroborate-claim-anonymous" title="[^"]+">x &lt; y<\/span>/);
    // An open seed, as a document and as its text (VS Code parses with no document: it is found by its text):
    // kinds and statuses from the index. (An earlier test renames the actor rutte: ids are matched loosely.)
    const doc = await vscode.workspace.openTextDocument(wsUri('002-new-nato.seed.md'));
    for (const input of [doc, doc.getText()]) {
      const html = await waitFor(async () => {
        const out = await vscode.commands.executeCommand<string>('markdown.api.render', input);
        return out.includes('corroborate-actor-') ? out : undefined;
      }, 'markdown.api.render to render the seed with actor kinds');
      assert.match(html, /<span class="corroborate-actor corroborate-actor-person" title="Mark Rutte \([a-z-]+\)">/);
      assert.match(html, /corroborate-claim-(conflicting|corroborated|single-source)/);
      assert.doesNotMatch(html, /\{\.actor|\{\.claim/);
    }
  });

  it('opens the preview of a seed beside it (Corroborate: Open Preview to the Side)', async () => {
    await openEditor('002-new-nato.seed.md');
    await vscode.commands.executeCommand('corroborate.openPreview');
    await waitFor(
      () =>
        vscode.window.tabGroups.all.some((g) =>
          g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
        ),
      'a Markdown preview tab',
    );
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  it("dims the attribute lists the server reports, except on the cursor's line", async () => {
    const api = await activeApi();
    const editor = await openEditor('002-new-nato.seed.md');
    const uri = editor.document.uri;
    // By method name: the bundle's jsonrpc message types are not the test's.
    const answer = await api.client.sendRequest<RenderedSource | null>('corroborate/renderedSource', {
      uri: uri.toString(),
    });
    assert.ok(answer && answer.attributes.length > 1);
    const line = answer.attributes[0]!.start.line;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const expected = answer.attributes.filter((r) => r.start.line !== line && r.end.line !== line);
    await waitFor(
      () => JSON.stringify(api.dimmedAttributes(uri)) === JSON.stringify(expected),
      'the dimmed ranges to be the server’s minus the cursor line',
    );
    const other = expected[expected.length - 1]!.start.line;
    editor.selection = new vscode.Selection(other, 0, other, 0);
    await waitFor(
      () => api.dimmedAttributes(uri)?.some((r) => r.start.line === line) === true,
      'the first line to be dimmed once the cursor has left it',
    );
  });
});
