import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stripMarkup } from '../../../server/src/core/syntax/parser';
import { activeApi, diagnostics, hoverText, positionOf, waitFor, wsUri } from './helpers';

const SEEDS = [
  '000-turkey-summit',
  '001-transatlantic-rift',
  '002-new-nato',
  '003-rutte-strategy',
  '004-can-nato-survive',
].map((s) => `${s}.seed.md`);

describe('rename across files (a copy of seeds/)', () => {
  it('refuses to rename the text of a mention, with the reason', async () => {
    await activeApi();
    const doc = await vscode.workspace.openTextDocument(wsUri(SEEDS[0]!));
    const at = positionOf(doc, '[Mark Rutte]{.actor ref=rutte}', 3);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at, 'Someone Else'),
      ),
      /rename its id in ref=rutte/,
    );
  });

  it('renames an actor id in every source and the registry, and never the prose', async () => {
    const docs = await Promise.all(SEEDS.map((f) => vscode.workspace.openTextDocument(wsUri(f))));
    const before = new Map(docs.map((d) => [d.uri.toString(), d.getText()]));
    const doc = docs[0]!;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      positionOf(doc, 'ref=rutte}', 4),
      'mark-rutte',
    );
    const touched = edit
      .entries()
      .map(([uri]) => uri.path.split('/').pop())
      .sort();
    assert.deepEqual(touched, [...SEEDS, 'entities.yaml'].sort());
    assert.ok(await vscode.workspace.applyEdit(edit));

    for (const d of docs) {
      const old = before.get(d.uri.toString())!;
      const now = d.getText();
      assert.notEqual(now, old);
      assert.equal(stripMarkup(now), stripMarkup(old), `the prose of ${d.uri.path} is unchanged`);
      assert.doesNotMatch(now, /(ref|by)=rutte\b/);
      assert.match(now, /ref=mark-rutte\}/);
    }
    const registry = await vscode.workspace.openTextDocument(wsUri('entities.yaml'));
    assert.match(registry.getText(), /^ {2}mark-rutte:\n {4}name: Mark Rutte$/m);

    const hover = await waitFor(async () => {
      const text = hoverText(
        await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          positionOf(doc, '[Mark Rutte]', 3),
        ),
      );
      return text.includes('`mark-rutte`') && text;
    }, 'the hover to show the new id');
    assert.match(hover, /Mentioned in 5 sources/);
    for (const f of SEEDS)
      await waitFor(() => diagnostics(wsUri(f), 'unknown-actor').length === 0, `no unknown actor in ${f}`);
  });
});
