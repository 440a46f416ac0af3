/**
 * The core's API boundary: what the language server and the CLI may use
 * (a lint rule keeps them to this module). The language service
 * (languageService.ts) answers every question; the workspace index is its
 * input; the rest are the plain types its answers use and the few functions
 * the edges need beside it: the limits and their settings, the registry's
 * transfer form for the worker thread, the LSP form of a diagnostic, and the
 * URI tests that say what a file is. Tests may import a core module
 * directly, to test it alone.
 */
export { createLanguageService, type LanguageService } from './languageService';
export {
  WorkspaceIndex,
  isRegistryUri,
  prepareSourceBytes,
  REGISTRY_FILE,
  type PreparedSource,
  type WorkspaceOptions,
} from './workspace/workspace';
export {
  buildSourceModel,
  isSeedUri,
  keepCompressed,
  SEED_SUFFIX,
  uncompressedText,
  type SourceModel,
  type TextCodec,
} from './model/source';
export { stripMarkup } from './syntax/parser';
export {
  DIAGNOSTIC_CODES,
  type Diagnostic,
  type DiagnosticCode,
  type Position,
  type Range,
  type Refusal,
  type RelatedInformation,
  type Severity,
} from './base/types';
export type { DiagnosticOptions } from './features/diagnostics/diagnostics';
export { MAX_RELATED } from './features/diagnostics/diagnostics';
export type { AnnotateSpec, CodeActionContext } from './features/codeActions';
export type { ActorSuggestion } from './features/suggest/suggest';
export type { ClaimSuggestion } from './features/suggest/attributions';
export type { ActorSuggestionOptions } from './features/suggest/inWorkspace';
export type { AcceptedFiles } from './features/suggest/accept';
export {
  ANNOTATE_SUGGESTED_KIND,
  HINT_MIN_CONFIDENCE,
  type SuggestionHintOptions,
} from './features/diagnostics/suggestedActor';
export { ANNOTATE_CLAIMS_KIND } from './features/diagnostics/suggestedClaim';
export { DEFAULT_LIMITS, LIMIT_INFO, sanitizeLimits, sameLimits, type Limits } from './base/limits';
export {
  parseRegistryBytes,
  toPlainRegistry,
  fromPlainRegistry,
  type PlainRegistry,
  type Registry,
  type RegistryOptions,
} from './model/registry';
export { toLspDiagnostic } from './base/lsp';
export { SEMANTIC_TOKEN_LEGEND } from './features/semanticTokens';
export type { ReportOptions, ReportOverview } from './features/report/report';
export type { ActorSummary, KeySummary } from '../../../common/summaries';
export type { TreeIcon, TreeNode, TreeView } from '../../../common/tree';
export type { ExportFile, ExportInput, Exporter } from './features/export/types';
export { EXPORT_FORMATS, exportFormatNamed, type ExportFormat } from './features/export/formats';
export { exportCsv } from './features/export/csv';
export { exportBrat } from './features/export/brat';
export { exportW3c } from './features/export/w3c';
export { exportSchemaOrg } from './features/export/schemaOrg';
export { exportJsonl, type JsonlClaim } from './features/export/jsonl';
export {
  diffWorkspaces,
  diffMarkdown,
  type WorkspaceDiff,
  type DiffClaim,
  type ClaimChange,
  type ConflictPair,
  type DiffActor,
  type ActorRename,
} from './features/diff';
