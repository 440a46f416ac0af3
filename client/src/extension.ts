/**
 * The VS Code side of Corroborate: starts the language server (Node IPC),
 * and adds what LSP has no words for — the sidebar, the status bar item and
 * the annotate commands. Everything about the sources themselves is asked of
 * the server.
 */

import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  IndexChangedNotification,
  SHOW_REFERENCES_COMMAND,
  StatusRequest,
  type IndexStatus,
  type TreeView,
} from '../../common/protocol';
import { annotateAsActor, annotateAsClaim, reindex, showActorAcrossSources } from './commands';
import { importArticle, newSourceFromClipboard } from './importArticle';
import { exportReport } from './report';
import { exportAnnotations } from './exportAnnotations';
import { markdownItExtension, registerDimming } from './preview';
import { CorroborateTree } from './trees';
import { MatrixPanel, registerMatrix, type MatrixRendered } from './matrixPanel';
import type MarkdownIt from 'markdown-it';
import type { Range } from '../../common/positions';
import { SERVER_NODE_FLAGS } from '../../common/nodeFlags';

/** What the extension exports (used by the integration tests; stable API). */
export interface CorroborateApi {
  client: LanguageClient;
  trees: Record<TreeView, CorroborateTree>;
  /** The latest index status the server announced. */
  status(): IndexStatus | undefined;
  /** Resolves once the server has finished its initial indexing. */
  ready: Promise<IndexStatus>;
  /** The markdown-it plugin for the built-in Markdown preview (`markdown.markdownItPlugins`). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The attribute lists last dimmed in a seed editor (`corroborate.editor.dimAttributes`). */
  dimmedAttributes(uri: vscode.Uri): Range[] | undefined;
  /** What the open Claims Matrix panel last reported it shows (keys, columns, focus), if a panel is open. */
  matrixView(): MatrixRendered | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CorroborateApi> {
  client = createClient(context);
  const trees: Record<TreeView, CorroborateTree> = {
    actors: new CorroborateTree(client, 'actors'),
    claims: new CorroborateTree(client, 'claims'),
    sources: new CorroborateTree(client, 'sources'),
  };
  for (const [view, tree] of Object.entries(trees)) {
    context.subscriptions.push(
      tree,
      vscode.window.createTreeView(`corroborate.${view}`, { treeDataProvider: tree, showCollapseAll: true }),
    );
  }
  const status = createStatusItem(context);

  const markdown = markdownItExtension(client);
  let refreshTimer: NodeJS.Timeout | undefined;
  const indexChanged = new vscode.EventEmitter<IndexStatus>();
  context.subscriptions.push(
    indexChanged,
    client.onNotification(IndexChangedNotification, (s) => {
      status.show(s);
      indexChanged.fire(s);
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(
        () => {
          Object.values(trees).forEach((t) => t.refresh());
          if (!s.indexing) markdown.invalidatePreview();
        },
        s.indexing ? 1000 : 200,
      );
    }),
  );
  registerCommands(context);
  registerMatrix(context, client, indexChanged.event);

  await client.start();
  const dimmedAttributes = registerDimming(context, client);
  status.show(await client.sendRequest(StatusRequest));
  return {
    client,
    trees,
    status: () => status.latest,
    ready: status.ready,
    ...markdown,
    dimmedAttributes,
    matrixView: () => MatrixPanel.open?.rendered,
  };
}

/** The language client, running dist/server.js over Node IPC with SERVER_NODE_FLAGS (and an inspector port when debugging). */
function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6013'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'seed' },
      { scheme: 'file', pattern: '**/entities.yaml' },
    ],
    synchronize: { configurationSection: 'corroborate' },
    diagnosticPullOptions: { onChange: true, onSave: true },
    // The server writes the claims matrix while idle after indexing: the matrix view opens from its cache.
    initializationOptions: { prepareClaimsMatrix: true },
  };
  return new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions);
}

/** The status bar item: indexing progress, then the index's counts; `ready` resolves at the first status not indexing. */
function createStatusItem(context: vscode.ExtensionContext): {
  show(s: IndexStatus): void;
  readonly latest: IndexStatus | undefined;
  ready: Promise<IndexStatus>;
} {
  const statusItem = vscode.window.createStatusBarItem('corroborate.status', vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'Corroborate';
  statusItem.command = 'workbench.view.extension.corroborate';
  context.subscriptions.push(statusItem);

  let latest: IndexStatus | undefined;
  let resolveReady!: (s: IndexStatus) => void;
  const ready = new Promise<IndexStatus>((r) => (resolveReady = r));
  const show = (s: IndexStatus): void => {
    latest = s;
    if (s.indexing) {
      statusItem.text = `$(sync~spin) Corroborate: indexing ${s.done.toLocaleString()} / ${s.total.toLocaleString()}`;
      statusItem.tooltip = 'Corroborate is reading the workspace; open files are answered first.';
    } else {
      statusItem.text = `$(book) ${s.sources.toLocaleString()} sources · ${s.actors.toLocaleString()} actors · ${s.claims.toLocaleString()} claims${s.conflicts > 0 ? ` · $(warning) ${s.conflicts}` : ''}`;
      statusItem.tooltip = `Corroborate: ${s.sources} sources, ${s.actors} actors, ${s.claims} claims on ${s.keys} keys; ${s.conflicts} keys on which sources conflict. Click to open the sidebar.`;
      resolveReady(s);
    }
    statusItem.show();
  };
  return {
    show,
    get latest() {
      return latest;
    },
    ready,
  };
}

/** The commands: the code lenses' references peek, and the annotate, show-actor, reindex, import, report and preview commands. */
function registerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      SHOW_REFERENCES_COMMAND,
      (
        uri: string,
        position: { line: number; character: number },
        locations: Array<{
          uri: string;
          range: { start: { line: number; character: number }; end: { line: number; character: number } };
        }>,
      ) =>
        vscode.commands.executeCommand(
          'editor.action.showReferences',
          vscode.Uri.parse(uri),
          new vscode.Position(position.line, position.character),
          locations.map(
            (l) =>
              new vscode.Location(
                vscode.Uri.parse(l.uri),
                new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character),
              ),
          ),
        ),
    ),
    vscode.commands.registerCommand('corroborate.annotateActor', () => (client ? annotateAsActor(client) : false)),
    vscode.commands.registerCommand('corroborate.annotateClaim', () => (client ? annotateAsClaim(client) : false)),
    vscode.commands.registerCommand('corroborate.showActor', () =>
      client ? showActorAcrossSources(client) : undefined,
    ),
    vscode.commands.registerCommand('corroborate.reindex', () => (client ? reindex(client) : undefined)),
    vscode.commands.registerCommand('corroborate.importArticle', () => (client ? importArticle(client) : undefined)),
    vscode.commands.registerCommand('corroborate.exportReport', () => (client ? exportReport(client) : undefined)),
    vscode.commands.registerCommand('corroborate.exportAnnotations', () =>
      client ? exportAnnotations(client) : undefined,
    ),
    vscode.commands.registerCommand('corroborate.newSourceFromClipboard', () =>
      client ? newSourceFromClipboard(client) : undefined,
    ),
    // The built-in command offers itself for Markdown editors only; a seed is Markdown underneath.
    vscode.commands.registerCommand('corroborate.openPreview', (uri?: vscode.Uri) =>
      vscode.commands.executeCommand('markdown.showPreviewToSide', uri ?? vscode.window.activeTextEditor?.document.uri),
    ),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
