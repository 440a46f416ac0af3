/**
 * The Corroborate language service: pure functions and data structures over
 * document texts. No I/O, no LSP connection, no `vscode`: the server, the
 * CLI and the tests all drive this same core.
 */
export * from './types';
export { LineIndex, decodeText, type DecodedText } from './text';
export { DEFAULT_LIMITS, LIMIT_INFO, YAML_MAX_DEPTH, sanitizeLimits, sameLimits, checkTextSize, checkByteSize, utf8Length, type Limits } from './limits';
export { parseText, stripMarkup, type ParsedText, type Span, type Attribute, type Token, type ParseOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTE_LENGTH } from './parser';
export { parseRegistry, parseRegistryBytes, toPlainRegistry, fromPlainRegistry, type PlainRegistry, type RegistryOptions, ACTOR_KINDS, CLAIM_TYPES, type Registry, type ActorDef, type ClaimKeyDef, type ActorKind, type ClaimType } from './registry';
export { normalizeValue, normalizeText, asOfComparable } from './normalize';
export { buildSourceModel, defaultSourceId, isSeedUri, SEED_SUFFIX, type SourceModel, type Mention, type Claim, type ClaimLink } from './model';
export { WorkspaceIndex, isRegistryUri, REGISTRY_FILE, type ClaimRef, type MentionRef, type WorkspaceOptions, type CorroborationView } from './workspace';
export { computeDiagnostics, toDiagnostic, sourceLabel } from './diagnostics';
export { findUnannotatedMentions } from './mentions';
export { closest, editDistance, slugify } from './strings';
export { locate, type Target } from './locate';
export { toLspDiagnostic, LSP_SEVERITY, DIAGNOSTIC_SOURCE } from './lsp';
export { hover, primeActorSummaries } from './hover';
export { definition, references, documentHighlights } from './navigation';
export { codeLenses } from './codeLens';
export { prepareRename, rename } from './rename';
export { completion } from './completion';
export { documentSymbols, workspaceSymbols } from './symbols';
export { codeActions, annotate, type AnnotateSpec } from './codeActions';
export { semanticTokens, SEMANTIC_TOKEN_LEGEND } from './semanticTokens';
export { treeChildren, type TreeNode, type TreeView, type TreeIcon } from './tree';
export { applyEdits, applyWorkspaceEdit } from './edits';
