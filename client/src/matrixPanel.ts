/**
 * The claims matrix panel (`corroborate.matrix`), the extension side: opens
 * one webview panel (or revives it after a reload, through a
 * WebviewPanelSerializer), asks the server for `corroborate/claimsMatrix`
 * and sends it to the webview (client/webview/matrix.ts, bundled into
 * dist/matrix.js), asks again when the index changes (debounced), opens the
 * cells the webview asks for, and saves its CSV export where the user says.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimsMatrixRequest, MatrixCellRequest, type IndexStatus } from '../../common/protocol';
import type { MatrixClaimDetail } from '../../common/matrix';
import type { Range } from '../../common/positions';
import type { FromWebview, ToWebview } from './matrixModel';

export const MATRIX_VIEW_TYPE = 'corroborate.matrix';
export const OPEN_MATRIX_COMMAND = 'corroborate.openMatrix';

/** How long the panel waits after an index change before asking for the matrix again. */
const REFRESH_DELAY_MS = 300;

/** What the webview last reported it shows (the integration tests read it). */
export type MatrixRendered = Extract<FromWebview, { type: 'rendered' }>;

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** The page: a strict CSP (no remote resource, the bundled script by nonce, the stylesheet from the extension). */
export function matrixHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'matrix.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'media', 'matrix.css'));
  const n = nonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Claims Matrix</title>
</head>
<body>
<div id="root"></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

export class MatrixPanel implements vscode.Disposable {
  private static current: MatrixPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** The latest matrix, as JSON text (what the webview is sent). */
  private matrix: string | undefined;
  private pendingReveal: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asking = false;
  private askAgain = false;
  rendered: MatrixRendered | undefined;

  /** The open panel, if any. */
  static get open(): MatrixPanel | undefined {
    return MatrixPanel.current;
  }

  /** Shows the panel (creating it beside the editor if needed); with a key, scrolls to its row and highlights it. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, key?: string): MatrixPanel {
    let panel = MatrixPanel.current;
    if (panel) panel.panel.reveal(undefined, false);
    else {
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const webview = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Claims Matrix', column, options(context));
      panel = new MatrixPanel(webview, context, client);
    }
    if (key !== undefined) panel.reveal(key);
    return panel;
  }

  /** Takes over a panel VS Code restored after a reload (the webview restores its own filters and scroll). */
  static revive(webview: vscode.WebviewPanel, context: vscode.ExtensionContext, client: LanguageClient): MatrixPanel {
    MatrixPanel.current?.dispose();
    webview.webview.options = options(context);
    return new MatrixPanel(webview, context, client);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    MatrixPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'corroborate.svg');
    panel.webview.html = matrixHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
    );
    void this.refresh();
  }

  /** The index changed: ask for the matrix again once changes settle (not while indexing). */
  indexChanged(status: IndexStatus): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.refresh();
      },
      status.indexing ? 1000 : REFRESH_DELAY_MS,
    );
  }

  reveal(key: string): void {
    if (this.ready && this.matrix) void this.post({ type: 'reveal', key });
    else this.pendingReveal = key;
  }

  /** Asks the server for the matrix and sends it; one request at a time, the last change always answered. */
  async refresh(): Promise<void> {
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    try {
      if (!this.client.isRunning()) await this.client.start().catch(() => undefined);
      // JSON text, handed to the webview as it is (common/protocol.ts).
      this.matrix = await this.client.sendRequest(ClaimsMatrixRequest);
      this.flush();
    } catch (e) {
      const message = `The claims matrix could not be computed: ${e instanceof Error ? e.message : String(e)}`;
      void this.post({ type: 'error', message });
    } finally {
      this.asking = false;
      if (this.askAgain) {
        this.askAgain = false;
        void this.refresh();
      }
    }
  }

  private flush(): void {
    if (!this.ready || !this.matrix) return;
    void this.post({ type: 'matrix', json: this.matrix });
    if (this.pendingReveal !== undefined) {
      void this.post({ type: 'reveal', key: this.pendingReveal });
      this.pendingReveal = undefined;
    }
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.flush();
        break;
      case 'open':
        void this.open(message.uri, message.key, message.start);
        break;
      case 'detail':
        void this.detail(message.key, message.uri);
        break;
      case 'export':
        void saveCsv(message.csv);
        break;
      case 'rendered':
        this.rendered = message;
        break;
    }
  }

  /** A cell's claims in detail, from the server (none if it cannot answer). */
  private async cell(key: string, uri: string): Promise<MatrixClaimDetail[]> {
    try {
      return await this.client.sendRequest(MatrixCellRequest, { key, uri });
    } catch {
      return [];
    }
  }

  private async detail(key: string, uri: string): Promise<void> {
    const claims = await this.cell(key, uri);
    void this.post({ type: 'detail', key, uri, claims });
  }

  /** Opens the claim of `key` at `start` in `uri`, where the server now places it (the file may have changed since). */
  private async open(uri: string, key: string, start: number): Promise<void> {
    const claims = await this.cell(key, uri);
    const claim = claims.find((c) => c.start === start) ?? claims[0];
    if (!claim) {
      void vscode.window.showWarningMessage(
        `${vscode.workspace.asRelativePath(vscode.Uri.parse(uri))} no longer claims ${key}.`,
      );
      return;
    }
    await openAt(uri, claim.range, this.panel.viewColumn);
  }

  dispose(): void {
    if (MatrixPanel.current === this) MatrixPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(context.extensionUri, 'dist'),
      vscode.Uri.joinPath(context.extensionUri, 'client', 'media'),
    ],
  };
}

/** Opens a source at a claim, selected, in the editor group beside the matrix (not over it). */
async function openAt(uri: string, range: Range, panelColumn?: number) {
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const viewColumn = panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, viewColumn });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function saveCsv(csv: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the Claims Matrix as CSV',
    filters: { CSV: ['csv'] },
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, 'claims-matrix.csv') }),
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    void vscode.window.showInformationMessage(`Claims matrix saved to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not save the CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Registers the command, the serializer and the live refresh. */
export function registerMatrix(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  onIndexChanged: vscode.Event<IndexStatus>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_MATRIX_COMMAND, (key?: unknown) => {
      MatrixPanel.show(context, client, typeof key === 'string' ? key : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(MATRIX_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
        MatrixPanel.revive(panel, context, client);
        return Promise.resolve();
      },
    }),
    onIndexChanged((s) => MatrixPanel.open?.indexChanged(s)),
    { dispose: () => MatrixPanel.open?.dispose() },
  );
}
