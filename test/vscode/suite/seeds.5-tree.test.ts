import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../common/protocol';
import { activeApi, waitFor, wsUri } from './helpers';

const labels = (nodes: TreeNode[]): string[] => nodes.map((n) => n.label);

describe('the sidebar trees, through the exported API (a copy of seeds/)', () => {
  it('Actors: kinds, then actors, then sources, then mentions that open the file', async () => {
    const api = await activeApi();
    const tree = api.trees.actors;
    const kinds = await tree.getChildren();
    assert.deepEqual(labels(kinds).slice(0, 4), ['People', 'Organisations', 'Countries', 'Places']);
    const people = await tree.getChildren(kinds[0]);
    const rutte = people.find((p) => p.label === 'Mark Rutte');
    assert.ok(rutte, labels(people).join(', '));
    assert.equal(rutte.description, '50 mentions · 5 sources');
    const sources = await tree.getChildren(rutte);
    assert.equal(sources.length, 5);
    const mentions = await tree.getChildren(sources.find((s) => s.label.startsWith('Mark Rutte braces')));
    assert.equal(mentions.length, 6);
    const item = tree.getTreeItem(mentions[0]!);
    assert.equal(item.label, 'Mark Rutte');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal(
      (item.command?.arguments?.[0] as vscode.Uri).toString(),
      wsUri('000-turkey-summit.seed.md').toString(),
    );
    assert.equal(tree.getTreeItem(rutte).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('Claims: keys, values that conflict, and the claims of each value', async () => {
    const api = await activeApi();
    const tree = api.trees.claims;
    const keys = await tree.getChildren();
    const office = keys.find((k) => k.label === 'trump.office');
    assert.ok(office, labels(keys).join(', '));
    assert.equal(office.icon, 'conflicting');
    const values = await tree.getChildren(office);
    assert.deepEqual(labels(values).sort(), [
      'President of the United States',
      'former President of the United States',
    ]);
    assert.ok(values.every((v) => v.description?.endsWith('conflicts')));
    const claims = await tree.getChildren(values[0]);
    assert.ok(claims.length >= 2 && claims.every((c) => c.location !== undefined));
  });

  it('Sources: the five articles by title', async () => {
    const api = await activeApi();
    const sources = await api.trees.sources.getChildren();
    assert.deepEqual(labels(sources), [
      'Can NATO Survive Trump and Russia’s Threat?',
      'Mark Rutte braces as Trump-pressed NATO unity faces a Turkey summit reckoning',
      'NATO Chief Navigates Transatlantic Rift as US Questions European Reliability',
      "Rutte Stands Alone in the 'New NATO'",
      "Rutte's Strategy: Navigating NATO and Trump's Influence",
    ]);
    const claims = await api.trees.sources.getChildren(sources[1]);
    assert.equal(claims.length, 5);
  });

  it('refreshes when an edit adds a new actor to a source and to entities.yaml', async () => {
    const api = await activeApi();
    let refreshed = 0;
    const listener = api.trees.actors.onDidChangeTreeData(() => refreshed++);
    try {
      const source = await vscode.workspace.openTextDocument(wsUri('003-rutte-strategy.seed.md'));
      const registry = await vscode.workspace.openTextDocument(wsUri('entities.yaml'));
      const actorsLine = registry.getText().split('\n').indexOf('actors:');
      assert.ok(actorsLine >= 0);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(
        source.uri,
        source.lineAt(source.lineCount - 1).range.end,
        '\n\n[Jens Stoltenberg]{.actor ref=stoltenberg} led the alliance before.\n',
      );
      edit.insert(
        registry.uri,
        new vscode.Position(actorsLine + 1, 0),
        '  stoltenberg:\n    name: Jens Stoltenberg\n    kind: person\n',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));

      const person = await waitFor(async () => {
        const kinds = await api.trees.actors.getChildren();
        const people = await api.trees.actors.getChildren(kinds.find((k) => k.label === 'People'));
        return people.find((p) => p.label === 'Jens Stoltenberg' && p.description === '1 mention · 1 source');
      }, 'Jens Stoltenberg among the people of the Actors tree');
      assert.equal(person.tooltip, 'Jens Stoltenberg (stoltenberg)');
      await waitFor(() => refreshed > 0, 'the Actors tree to fire onDidChangeTreeData');
      await waitFor(() => api.status()?.actors === 53, 'the status to count 53 actors');
    } finally {
      listener.dispose();
    }
  });
});
