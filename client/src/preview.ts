/**
 * The rendered article in VS Code: the markdown-it plugin handed to the
 * built-in Markdown preview (`extendMarkdownIt`), and the dimming of
 * attribute lists in seed editors (`corroborate.editor.dimAttributes`). The
 * preview asks the server for `corroborate/renderedSource`, the dimming only
 * for `corroborate/attributeRanges`; the pure halves are in rendering.ts.
 */

import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AttributeRangesRequest, RenderedSourceRequest } from '../../common/protocol';
import type { Range } from '../../common/positions';
import { RenderedCache, corroboratePlugin, dimmedRanges } from './rendering';

/** What `activate` returns for the Markdown extension: the plugin, over a cache fed by the server. */
export function markdownItExtension(client: LanguageClient): {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** Claim statuses may have changed (another file changed): rendered sources are asked for again. */
  invalidatePreview(): void;
} {
  const cache = new RenderedCache(
    (uri, text) => client.sendRequest(RenderedSourceRequest, { uri: uri ?? 'untitled:preview', text }),
    () => void vscode.commands.executeCommand('markdown.preview.refresh'),
  );
  // The open seed whose text is the one being parsed (a length test first: most texts differ in length).
  const documentOf = (text: string): string | undefined =>
    vscode.workspace.textDocuments
      .find((d) => d.languageId === 'seed' && d.getText().length === text.length && d.getText() === text)
      ?.uri.toString();
  return {
    extendMarkdownIt: (md) => corroboratePlugin(md, cache, documentOf),
    invalidatePreview: () => {
      if (cache.size === 0) return;
      cache.invalidate();
      // A preview on screen renders again now, from the stale entries, which asks for them again (and refreshes
      // once more if a status changed); without one, nothing runs (a refresh could take the focus from the palette).
      if (markdownPreviewOpen()) void vscode.commands.executeCommand('markdown.preview.refresh');
    },
  };
}

/** Whether a Markdown preview is open in some editor group (a webview tab of the Markdown extension's preview). */
function markdownPreviewOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview')),
  );
}

/** How long edits and cursor moves settle before the dimming is recomputed, in milliseconds. */
const DIM_DELAY = 120;

/**
 * Dims every attribute list of the visible seed editors, except on the lines
 * holding a cursor. The ranges come from the server, once per document
 * version (`corroborate/attributeRanges`, no rendering); a cursor move only
 * filters them again. Returns the ranges last
 * dimmed per document (for the integration tests).
 */
export function registerDimming(
  context: vscode.ExtensionContext,
  client: LanguageClient,
): (uri: vscode.Uri) => Range[] | undefined {
  const decoration = vscode.window.createTextEditorDecorationType({ opacity: '0.4' });
  const ranges = new Map<string, { version: number; attributes: Range[] }>();
  const applied = new Map<string, Range[]>();
  let timer: NodeJS.Timeout | undefined;

  const update = async (editor: vscode.TextEditor): Promise<void> => {
    const doc = editor.document;
    const key = doc.uri.toString();
    if (!vscode.workspace.getConfiguration('corroborate', doc).get<boolean>('editor.dimAttributes', true)) {
      editor.setDecorations(decoration, []);
      applied.delete(key);
      return;
    }
    let known = ranges.get(key);
    if (known?.version !== doc.version) {
      const version = doc.version;
      // Only the ranges: the dimming needs no rendering (that is the preview's request).
      const attributes = await client.sendRequest(AttributeRangesRequest, { uri: key });
      if (!attributes || doc.version !== version) return;
      ranges.set(key, (known = { version, attributes }));
    }
    const cursorLines = new Set<number>();
    for (const s of editor.selections) for (let l = s.start.line; l <= s.end.line; l++) cursorLines.add(l);
    const dim = dimmedRanges(known.attributes, cursorLines);
    applied.set(key, dim);
    editor.setDecorations(
      decoration,
      dim.map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)),
    );
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      for (const editor of vscode.window.visibleTextEditors)
        if (editor.document.languageId === 'seed') update(editor).catch(() => undefined);
    }, DIM_DELAY);
  };

  context.subscriptions.push(
    decoration,
    vscode.window.onDidChangeVisibleTextEditors(schedule),
    vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor.document.languageId === 'seed' && schedule()),
    vscode.workspace.onDidChangeTextDocument((e) => e.document.languageId === 'seed' && schedule()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corroborate.editor') && schedule()),
    vscode.workspace.onDidCloseTextDocument((d) => ranges.delete(d.uri.toString())),
    { dispose: () => timer && clearTimeout(timer) },
  );
  schedule();
  return (uri) => applied.get(uri.toString());
}
