/**
 * The request handlers. Each looks the document up by its canonical URI,
 * delegates to the language service (or to the diagnostics manager, or the indexer) and
 * returns; none computes anything itself. Not here: notifications, which
 * change the state (openDocuments.ts, diskSync.ts, server.ts).
 */
import {
  LSPErrorCodes,
  ResponseError,
  WorkspaceDiagnosticRequest,
  type CancellationToken,
} from 'vscode-languageserver/node';
import { importArticleRequest } from './importArticle';
import { reportRequest } from './report';
import { exportFormats, exportRequest } from './exporting';
import { reindex } from './indexing';
import { runInSlices } from './timeSlice';
import type { ServerState } from './state';
import { canonicalUri as norm } from './uris';
import {
  ActorsRequest,
  AnnotateRequest,
  ImportArticleRequest,
  KeysRequest,
  ReindexRequest,
  RenderedSourceRequest,
  ReportRequest,
  ClaimsMatrixRequest,
  MatrixCellRequest,
  AttributeRangesRequest,
  StatusRequest,
  TreeChildrenRequest,
  ExportFormatsRequest,
  ExportRequest,
} from '../../common/protocol';

export function registerRequestHandlers(state: ServerState): void {
  registerDiagnosticRequests(state);
  registerFeatureRequests(state);
  registerCorroborateRequests(state);
}

/** Pulled diagnostics: a document's, and the workspace's (answered by diagnosticsManager.ts). */
function registerDiagnosticRequests(state: ServerState): void {
  const { connection, perf } = state;
  connection.languages.diagnostics.on(
    perf.timed(
      'diagnostic',
      (params, token) =>
        state.diagnostics!.documentReport(norm(params.textDocument.uri), params.previousResultId, token),
      (params) => norm(params.textDocument.uri),
    ),
  );
  // Registered as a plain request, not with languages.diagnostics.onWorkspace: its partial
  // result reporter drops the promise of each send, so a pull would queue every file's report
  // in memory as fast as it computes them, whatever the client reads (one pull of 10k files
  // peaked 145 MiB higher), and answers to other requests waited behind that queue. Each partial
  // result is awaited instead: the pull goes at the pace at which the client reads.
  connection.onRequest(WorkspaceDiagnosticRequest.type, (params, token) => {
    const partialToken = params.partialResultToken;
    return state.diagnostics!.workspaceReport(
      params.previousResultIds.map((p) => ({ uri: norm(p.uri), value: p.value })),
      token,
      partialToken === undefined
        ? undefined
        : { report: (chunk) => connection.sendProgress(WorkspaceDiagnosticRequest.partialResult, partialToken, chunk) },
    );
  });
}

/** The LSP language features. */
function registerFeatureRequests(state: ServerState): void {
  const { connection, service, perf } = state;
  connection.onHover(perf.timed('hover', (p) => service.hover(norm(p.textDocument.uri), p.position)));
  connection.onDefinition((p) => service.definition(norm(p.textDocument.uri), p.position));
  connection.onReferences(
    perf.timed('references', (p, token: CancellationToken) =>
      token.isCancellationRequested
        ? []
        : service.references(norm(p.textDocument.uri), p.position, p.context.includeDeclaration),
    ),
  );
  connection.onDocumentHighlight((p) => service.documentHighlights(norm(p.textDocument.uri), p.position));
  connection.onDocumentSymbol((p) => service.documentSymbols(norm(p.textDocument.uri)));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? [] : service.workspaceSymbols(p.query)));
  connection.onCompletion(perf.timed('completion', (p) => service.completion(norm(p.textDocument.uri), p.position)));
  // The suggestion hints computed for the document's current text (none if not yet): their fixes and the source action.
  connection.onCodeAction((p) => {
    const uri = norm(p.textDocument.uri);
    return service.codeActions(uri, p.range, p.context.only, {
      hints: state.suggestions?.current(uri) ?? [],
      changeAnnotations: state.clientCapabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
    });
  });
  connection.onCodeLens((p) => service.codeLenses(norm(p.textDocument.uri)));
  connection.onPrepareRename((p) => {
    const r = service.prepareRename(norm(p.textDocument.uri), p.position);
    // A refusal (a value, mention text, `anonymous`…) is a request failure with its reason, not an internal error.
    if (r && 'error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r ?? null;
  });
  connection.onRenameRequest((p) => {
    const r = service.rename(norm(p.textDocument.uri), p.position, p.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r;
  });
  connection.languages.semanticTokens.on(
    perf.timed('semanticTokens', (p) => ({ data: service.semanticTokens(norm(p.textDocument.uri)) })),
  );
  connection.languages.semanticTokens.onRange((p) => ({
    data: service.semanticTokens(norm(p.textDocument.uri), p.range),
  }));
}

/** Corroborate's own requests (common/protocol.ts): the sidebar, the status, the annotate and import commands. */
function registerCorroborateRequests(state: ServerState): void {
  const { connection, service } = state;
  connection.onRequest(TreeChildrenRequest, (p) => service.treeChildren(p.view, p.parent));
  connection.onRequest(StatusRequest, () => state.status());
  connection.onRequest(ReindexRequest, () => reindex(state));
  connection.onRequest(ActorsRequest, (p) => service.actorSummaries(norm(p.uri)));
  connection.onRequest(KeysRequest, (p) => service.keySummaries(norm(p.uri)));
  connection.onRequest(RenderedSourceRequest, (p) => service.renderedSource(norm(p.uri), p.text) ?? null);
  connection.onRequest(AttributeRangesRequest, (p) => service.attributeRanges(norm(p.uri)) ?? null);
  // Built and written as JSON in slices: at 10,000 sources that takes hundreds of milliseconds, which no other request
  // should wait for.
  connection.onRequest(
    ClaimsMatrixRequest,
    state.perf.timed('claimsMatrix', (token: CancellationToken) =>
      runInSlices(
        service.claimsMatrixJsonSteps(),
        token,
        () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled'),
      ),
    ),
  );
  connection.onRequest(MatrixCellRequest, (p) => service.matrixCell(p.key, norm(p.uri)));
  connection.onRequest(ReportRequest, (p) => reportRequest(state, p));
  connection.onRequest(AnnotateRequest, (p) => service.annotate(norm(p.uri), p));
  connection.onRequest(ImportArticleRequest, (p) => importArticleRequest(p));
  connection.onRequest(ExportFormatsRequest, () => exportFormats());
  connection.onRequest(ExportRequest, (p) => exportRequest(service.workspace, p));
}
