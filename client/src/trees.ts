/**
 * The sidebar's tree views. Each is a thin adapter over the server's
 * `corroborate/treeChildren` request: the server computes one level at a
 * time (core/tree.ts), the client maps nodes to TreeItems.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TreeChildrenRequest, type TreeIcon, type TreeNode, type TreeView } from '../../common/protocol';

const ICONS: Record<TreeIcon, { id: string; color?: string }> = {
  'kind-person': { id: 'person' },
  'kind-organization': { id: 'organization' },
  'kind-country': { id: 'globe' },
  'kind-place': { id: 'location' },
  'kind-group': { id: 'people' },
  'kind-other': { id: 'symbol-misc' },
  'kind-unknown': { id: 'question', color: 'problemsWarningIcon.foreground' },
  actor: { id: 'account' },
  source: { id: 'file-text' },
  mention: { id: 'mention' },
  key: { id: 'key' },
  value: { id: 'symbol-string' },
  corroborated: { id: 'pass', color: 'testing.iconPassed' },
  conflicting: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  unsourced: { id: 'circle-slash', color: 'problemsWarningIcon.foreground' },
  anonymous: { id: 'eye-closed' },
  claim: { id: 'quote' },
};

/** Maps a server tree node to a VS Code TreeItem (pure apart from vscode constructors). */
export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.label,
    node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  if (node.description !== undefined) item.description = node.description;
  if (node.tooltip !== undefined) item.tooltip = node.tooltip;
  const icon = ICONS[node.icon];
  item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
  item.contextValue = node.icon;
  if (node.location) {
    const { uri, range } = node.location;
    item.command = {
      command: 'vscode.open',
      title: 'Reveal',
      arguments: [
        vscode.Uri.parse(uri),
        {
          selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
        } satisfies vscode.TextDocumentShowOptions,
      ],
    };
  }
  return item;
}

export class CorroborateTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    readonly view: TreeView,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!this.client.isRunning()) return [];
    const params = node ? { view: this.view, parent: node.id } : { view: this.view };
    return this.client.sendRequest(TreeChildrenRequest, params);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
