/**
 * The Corroborate language service: pure functions and data structures over
 * document texts. No I/O, no LSP connection, no `vscode`: the server, the
 * CLI and the tests all drive this same core.
 */
export { createLanguageService, type LanguageService } from './languageService';
export * from './base/types';
export { LineIndex, decodeText, type DecodedText } from './base/text';
export {
  DEFAULT_LIMITS,
  LIMIT_INFO,
  YAML_MAX_DEPTH,
  sanitizeLimits,
  sameLimits,
  checkTextSize,
  checkByteSize,
  utf8Length,
  type Limits,
} from './base/limits';
export {
  parseText,
  stripMarkup,
  type ParsedText,
  type Span,
  type Attribute,
  type Token,
  type ParseOptions,
} from './syntax/parser';
export {
  parseRegistry,
  parseRegistryBytes,
  toPlainRegistry,
  fromPlainRegistry,
  type PlainRegistry,
  type RegistryOptions,
  ACTOR_KINDS,
  CLAIM_TYPES,
  type Registry,
  type ActorDef,
  type ClaimKeyDef,
  type ActorKind,
  type ClaimType,
} from './model/registry';
export { normalizeValue, normalizeText, asOfComparable } from './model/normalize';
export {
  buildSourceModel,
  defaultSourceId,
  isSeedUri,
  SEED_SUFFIX,
  type SourceModel,
  type Mention,
  type Claim,
  type ClaimLink,
} from './model/source';
export {
  WorkspaceIndex,
  isRegistryUri,
  REGISTRY_FILE,
  type ClaimRef,
  type MentionRef,
  type WorkspaceOptions,
} from './workspace/workspace';
export {
  computeDiagnostics,
  toDiagnostic,
  sourceLabel,
  type DiagnosticOptions,
} from './features/diagnostics/diagnostics';
export { findUnannotatedMentions } from './features/diagnostics/unannotatedMention';
export * from './features/suggest/index';
export { closest, editDistance } from './base/strings';
export { slugify } from '../../../common/actors';
export { locate, type Target } from './workspace/locate';
export { toLspDiagnostic, LSP_SEVERITY, DIAGNOSTIC_SOURCE } from './base/lsp';
export { hover, primeActorCards } from './features/hover';
export { definition, references, documentHighlights } from './features/navigation';
export { codeLenses } from './features/codeLens';
export { prepareRename, rename } from './features/rename';
export { completion } from './features/completion';
export { documentSymbols, workspaceSymbols } from './features/symbols';
export { codeActions, annotate, type AnnotateSpec } from './features/codeActions';
export { semanticTokens, SEMANTIC_TOKEN_LEGEND } from './features/semanticTokens';
export { treeChildren } from './features/tree';
export { actorSummaries, keySummaries } from './features/summaries';
export type { ActorSummary, KeySummary } from '../../../common/summaries';
export type { TreeNode, TreeView, TreeIcon } from '../../../common/tree';
export { applyEdits, applyWorkspaceEdit } from './base/edits';
