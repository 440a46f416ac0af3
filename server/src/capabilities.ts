/**
 * What the server tells the client at `initialize`: the features it offers
 * (each answered by a handler in handlers.ts) and who it is. Diagnostics are
 * offered for pulling only to a client that can pull; others get them pushed
 * (diagnosticsManager.ts). Not here: what is registered dynamically after
 * `initialized` (file watchers, server.ts).
 */
import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { ANNOTATE_CLAIMS_KIND, ANNOTATE_SUGGESTED_KIND, SEMANTIC_TOKEN_LEGEND } from './core';
import { version } from '../../package.json';

export function initializeResult(client: ClientCapabilities): InitializeResult {
  return { capabilities: serverCapabilities(client), serverInfo: { name: 'corroborate-language-server', version } };
}

function serverCapabilities(client: ClientCapabilities): ServerCapabilities {
  const pull = client.textDocument?.diagnostic !== undefined;
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: ['=', '.', '#', ' ', '{', ',', '"', ':'] },
    codeActionProvider: {
      codeActionKinds: ['quickfix', 'refactor.rewrite', ANNOTATE_SUGGESTED_KIND, ANNOTATE_CLAIMS_KIND],
    },
    codeLensProvider: { resolveProvider: false },
    semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (pull)
    capabilities.diagnosticProvider = {
      identifier: 'corroborate',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    };
  return capabilities;
}
