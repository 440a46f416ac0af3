import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RenderedSource } from '../../../common/rendering';
import { activeApi, openEditor, waitFor, wsUri } from './helpers';

describe('the annotated article, rendered (a copy of seeds/)', () => {
  it('gives the built-in Markdown preview a markdown-it plugin that renders spans as chips', async () => {
    const api = await activeApi();
    assert.equal(typeof api.extendMarkdownIt, 'function');
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    const doc = await vscode.workspace.openTextDocument(wsUri('002-new-nato.seed.md'));
    const text = doc.getText();
    // The first render asks the server; the preview is refreshed when it answers and the next render has the spans.
    const html = await waitFor(async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', text);
      return out.includes('corroborate-actor') ? out : undefined;
    }, 'markdown.api.render to render the seed with corroborate-actor spans');
    // A string has no document: its spans are rendered without the index (no kinds, no cross-file statuses).
    // (An earlier test renames the actor rutte: ids are matched loosely.)
    assert.match(html, /<span class="corroborate-actor" title="[a-z-]+">Rutte<\/span>/);
    assert.match(html, /<span class="corroborate-claim corroborate-claim-anonymous" title="[^"]+">/);
    assert.doesNotMatch(html, /\{\.actor|\{\.claim/);
    // A document (as the preview renders it, with env.currentDocument): kinds and statuses from the index.
    const rendered = await waitFor(async () => {
      const out = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
      return out.includes('corroborate-actor-') ? out : undefined;
    }, 'markdown.api.render to render the seed document with actor kinds');
    assert.match(rendered, /<span class="corroborate-actor corroborate-actor-person" title="Mark Rutte \([a-z-]+\)">/);
    assert.match(rendered, /corroborate-claim-(conflicting|corroborated|single-source)/);
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
