import type * as lsp from 'vscode-languageserver-types';
import type { TreeNode, TreeView } from '../../../common/tree';
import type { Diagnostic, Position, Range, Refusal } from './base/types';
import { annotate, codeActions, type AnnotateSpec, type CodeActionContext } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { computeDiagnostics, type DiagnosticOptions } from './features/diagnostics/diagnostics';
import { hover, primeActorCards } from './features/hover';
import { definition, documentHighlights, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { semanticTokens } from './features/semanticTokens';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { treeChildren } from './features/tree';
import { actorSummaries, keySummaries } from './features/summaries';
import { renderedSource, sourceAttributeRanges } from './features/render';
import { claimsMatrix, matrixCell, MatrixJsonWriter } from './features/matrix';
import { reportChunks, type ReportOptions } from './features/report/report';
import type { RenderedSource } from '../../../common/rendering';
import type { ClaimsMatrix, MatrixClaimDetail } from '../../../common/matrix';
import type { ActorSuggestion } from './features/suggest/suggest';
import type { ClaimSuggestion } from './features/suggest/attributions';
import {
  primeKnownNames,
  primeSuggester,
  workspaceClaimSuggestions,
  workspaceSuggestions,
  type ActorSuggestionOptions,
} from './features/suggest/inWorkspace';
import { acceptInWorkspace, type AcceptedFiles } from './features/suggest/accept';
import { suggestionHints, type SuggestionHintOptions } from './features/diagnostics/suggestedActor';
import { allSuggestionHints, allSuggestionHintsSteps, claimHints } from './features/diagnostics/suggestedClaim';
import type { ActorSummary, KeySummary } from '../../../common/summaries';
import { WorkspaceIndex } from './workspace/workspace';

/**
 * The Corroborate language service: everything an editor, the CLI or a test
 * can ask about annotated sources, as one object. It is the API boundary of
 * the core (server/src/core/index.ts exports it and the types its methods
 * use); the modules behind it are internal and may change shape.
 *
 * The model is vscode-markdown-languageservice's `IMdLanguageService`: the
 * service holds no connection and does no I/O. Callers tell it what the
 * files say through {@link LanguageService.workspace} (`setSource`,
 * `setRegistry`, `removeSource`…, which return the files whose diagnostics
 * may have changed) and ask it questions; every answer is plain data in LSP
 * shapes (`vscode-languageserver-types`), computed from the index as it is at
 * the call. Methods never throw on odd input: a position outside a file, or
 * a file the index does not know, gets an empty answer.
 *
 * Positions and ranges are LSP's: 0-based lines and UTF-16 code units
 * ({@link Position}, {@link Range}). Inside the core, `offset`, `start` and
 * `end` are UTF-16 offsets into a file's text; `LineIndex` converts.
 *
 * A request the service declines to carry out (a rename to an invalid id, an
 * annotation across a span boundary) returns a {@link Refusal}: `{ error }`,
 * one sentence saying why, for the editor to show as it is.
 */
export interface LanguageService {
  /**
   * The workspace index the service answers from: every source and registry,
   * and the cross-file maps derived from them. Its `set…`/`remove…` methods
   * are the service's inputs.
   */
  readonly workspace: WorkspaceIndex;

  /**
   * The diagnostics of one file (a source or a registry), in file order:
   * problems of the file itself and those that depend on other files
   * (conflicting or corroborated claims, unknown actors, broken links).
   * `options` set the policy: severity overrides, codes switched off (never
   * computed, where the check is separate from parsing) and the
   * unannotated-mention switch. Default: every code at its default severity.
   */
  diagnostics(uri: string, options?: DiagnosticOptions): Diagnostic[];

  /** The hover card at a position: an actor across sources, a claim and who corroborates or contradicts it, a key, a link. */
  hover(uri: string, position: Position): lsp.Hover | undefined;

  /** Where the thing at a position is defined: an actor's registry entry, a link's target claim, a key's description. */
  definition(uri: string, position: Position): lsp.Location[];

  /** Every place in the workspace that names the same actor, claim key or claim as the position. */
  references(uri: string, position: Position, includeDeclaration: boolean): lsp.Location[];

  /** The places in this file that name the same thing as the position. */
  documentHighlights(uri: string, position: Position): lsp.DocumentHighlight[];

  /** Whether the position can be renamed: the range and current name, a refusal saying why not, or nothing there. */
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | Refusal | undefined;

  /** Renames an actor id or claim key across the workspace (registry and every source), or refuses. */
  rename(uri: string, position: Position, newName: string): lsp.WorkspaceEdit | Refusal;

  /** Completions at a position: actor ids in `ref=`/`by=`, keys, values, attribute names, registry fields. */
  completion(uri: string, position: Position): lsp.CompletionItem[];

  /** Code lenses: mentions and sources of each registry actor; corroboration of each claim. */
  codeLenses(uri: string): lsp.CodeLens[];

  /**
   * Code actions for a range: quick fixes for the diagnostics there,
   * refactorings that annotate the selection, and source actions. `only`
   * filters by kind as LSP's `CodeActionContext.only` does. `context.hints`
   * are the file's {@link suggestionHints} and {@link claimHints} for its
   * current text, if the caller keeps them: their quick fixes, "Annotate all
   * N suggested actors in this file" (kind
   * `source.corroborate.annotateSuggestedActors`) and "Annotate all N
   * attributed statements" (`source.corroborate.annotateSuggestedClaims`)
   * are offered; with `context.changeAnnotations` (the client supports them)
   * the source actions' edits ask for confirmation, so the client previews them.
   */
  codeActions(uri: string, range: Range, only?: string[], context?: CodeActionContext): lsp.CodeAction[];

  /** Wraps a range of prose in an actor or claim span (and adds a new actor to the registry), or refuses. */
  annotate(uri: string, spec: AnnotateSpec): { edit: lsp.WorkspaceEdit } | Refusal;

  /** Semantic tokens of a source (whole file, or a range), encoded as LSP's relative integers. */
  semanticTokens(uri: string, range?: Range): number[];

  /** The outline of a file: a source's sections, actors and claims; a registry's actors and keys. */
  documentSymbols(uri: string): lsp.DocumentSymbol[];

  /** Actors, claim keys and sources whose names match a query, best first. */
  workspaceSymbols(query: string): lsp.WorkspaceSymbol[];

  /** One level of a sidebar tree (Actors, Claims, Sources): the roots, or the children of `parentId`. */
  treeChildren(view: TreeView, parentId?: string): TreeNode[];

  /** The actors of the registry governing a file, with their mentions in the workspace (the annotate-as-actor pick). */
  actorSummaries(uri: string): ActorSummary[];

  /** The claim keys of the workspace and the registry governing a file, with the values stated (the annotate-as-claim prompts). */
  keySummaries(uri: string): KeySummary[];

  /**
   * A source rendered for a reading view: its spans as HTML tags with statuses, and its attribute lists' ranges.
   * With `text` other than the indexed text, that text without cross-file statuses; undefined if neither.
   */
  renderedSource(uri: string, text?: string): RenderedSource | undefined;

  /** The ranges of a source's attribute lists, as {@link renderedSource} gives them, without rendering it. */
  attributeRanges(uri: string): Range[] | undefined;

  /** The claims × sources matrix of the workspace: claim keys down the side, sources across, statuses in the cells. */
  claimsMatrix(): ClaimsMatrix;

  /**
   * {@link claimsMatrix} as the JSON text of its wire format (what `corroborate/claimsMatrix` sends), in steps of a
   * few milliseconds (each `next()` does one; the last returns the text), for a caller that lets other work run
   * between them. Kept per index revision (unchanged, the same answer at once), and row by row per claim key
   * (after an edit, only the rows of the keys the edited source claims are written again).
   */
  claimsMatrixJsonSteps(): Generator<void, string>;

  /** The claims of source `uri` about `key` with their ranges and links (a matrix cell's details). */
  matrixCell(key: string, uri: string): MatrixClaimDetail[];

  /**
   * The report of the workspace: one self-contained HTML page (overview, matrix, conflicts, unsourced claims, every
   * article rendered), as chunks to write one after the other (features/report/report.ts).
   */
  report(options: ReportOptions): Iterable<string>;

  /**
   * Names in the prose of a source that could become actor spans, in text
   * order: registry names and aliases, names annotated as actors in other
   * sources, and names the suggester's classifier finds (docs/suggestions.md).
   * Each has its offsets, a kind, the registry id it designates or a proposed
   * new id, and a confidence. Costs a pass over the file and the workspace's
   * mentions: ask for it on demand, never on the keystroke path.
   */
  suggestActors(uri: string, options?: ActorSuggestionOptions): ActorSuggestion[];

  /**
   * The `suggested-actor` hints of a source: its suggestions at or above
   * `minConfidence` (default 0.5) that can be annotated where they are, less
   * those an `unannotated-mention` already reports; each carries in `data`
   * what its quick fix needs. Not part of {@link diagnostics}: as costly as
   * {@link suggestActors}, so computed when the caller chooses (the server:
   * when the document is idle). None if `options` switch the code off.
   */
  suggestionHints(uri: string, options?: SuggestionHintOptions): Diagnostic[];

  /**
   * The `suggested-claim` hints of a source: its claim suggestions
   * ({@link suggestClaims}) at or above `minConfidence` (default 0.5) whose
   * content can be wrapped in a span where it is, each over the attributed
   * content with `by`, whether it is new, and the speaker's words in `data`
   * (and, for a new `by`, the registry entry its quick fix adds). Not part of
   * {@link diagnostics}: it runs the actor suggester and the attribution
   * rules, so computed when the caller chooses (the server: when the
   * document is idle). None if `options` switch the code off.
   */
  claimHints(uri: string, options?: SuggestionHintOptions): Diagnostic[];

  /**
   * {@link suggestionHints} and {@link claimHints} together, in that order,
   * at the cost of one run of the actor suggester (each alone runs it): what
   * the server computes for a document once it is idle.
   */
  allSuggestionHints(uri: string, options?: SuggestionHintOptions): Diagnostic[];

  /** {@link allSuggestionHints} a step at a time (`next()`), the last returning the hints; see `allSuggestionHintsSteps`. */
  allSuggestionHintsSteps(uri: string, options?: SuggestionHintOptions): Generator<void, Diagnostic[]>;

  /**
   * Accepts suggestions of a source (as {@link suggestActors} gave them): the
   * new texts of the source and of its registry (created beside the source if
   * none governs it), with each name wrapped as an actor span and one entry
   * per new id. The prose is unchanged. Undefined if nothing can be accepted.
   */
  acceptSuggestions(uri: string, suggestions: readonly ActorSuggestion[]): AcceptedFiles | undefined;

  /**
   * Passages of a source's prose that report what someone said or thought
   * (quotations, "X said that …", "according to X"), in text order, each a
   * claim to be: its offsets over the attributed content, the speaker's words,
   * `by` (the speaker's actor id, a proposed new id, or `anonymous` for an
   * unnamed source), the cue and a confidence. Never over an existing claim
   * span; never cutting a span's brackets. `key` and `value` are left to the
   * person (docs/suggestions.md, "Suggested claims"). Runs the actor
   * suggester too: ask for it on demand, never on the keystroke path.
   */
  suggestClaims(uri: string, options?: ActorSuggestionOptions): ClaimSuggestion[];

  /**
   * Computes the hover cards of `actors` ahead of time, until `stop()` says
   * the caller's time slice is over. Returns whether every actor was done.
   */
  primeActorCards(actors: Iterator<string>, stop: () => boolean): boolean;

  /**
   * Reads the names annotated in the sources `uris` ahead of time, for the actor suggestions (the suggested-actor
   * and suggested-claim hints), until `stop()` says the caller's time slice is over. Returns whether every source
   * was read.
   */
  primeKnownNames(uris: Iterator<string>, stop: () => boolean): boolean;

  /**
   * Loads the actor suggester's classifier and builds its dictionary of the known names for the sources `uris` (the
   * open documents) ahead of time, after {@link primeKnownNames}, until `stop()` says the caller's time slice is
   * over. Returns whether all is ready.
   */
  primeSuggester(uris: readonly string[], stop: () => boolean): boolean;
}

/** A language service over `workspace` (a new, empty index if none is given). */
export function createLanguageService(workspace: WorkspaceIndex = new WorkspaceIndex()): LanguageService {
  /** The matrix view's answers: rows kept while their claims do not change, and the whole text per revision. */
  const matrixWriter = new MatrixJsonWriter();
  let matrixJson: { revision: number; json: string } | undefined;
  return {
    workspace,
    diagnostics: (uri, options) => computeDiagnostics(workspace, uri, options),
    hover: (uri, position) => hover(workspace, uri, position),
    definition: (uri, position) => definition(workspace, uri, position),
    references: (uri, position, includeDeclaration) => references(workspace, uri, position, includeDeclaration),
    documentHighlights: (uri, position) => documentHighlights(workspace, uri, position),
    prepareRename: (uri, position) => prepareRename(workspace, uri, position),
    rename: (uri, position, newName) => rename(workspace, uri, position, newName),
    completion: (uri, position) => completion(workspace, uri, position),
    codeLenses: (uri) => codeLenses(workspace, uri),
    codeActions: (uri, range, only, context) => codeActions(workspace, uri, range, only, context),
    annotate: (uri, spec) => annotate(workspace, uri, spec),
    semanticTokens: (uri, range) => semanticTokens(workspace, uri, range),
    documentSymbols: (uri) => documentSymbols(workspace, uri),
    workspaceSymbols: (query) => workspaceSymbols(workspace, query),
    treeChildren: (view, parentId) => treeChildren(workspace, view, parentId),
    actorSummaries: (uri) => actorSummaries(workspace, uri),
    keySummaries: (uri) => keySummaries(workspace, uri),
    renderedSource: (uri, text) => renderedSource(workspace, uri, text),
    attributeRanges: (uri) => sourceAttributeRanges(workspace, uri),
    claimsMatrix: () => claimsMatrix(workspace),
    claimsMatrixJsonSteps: function* () {
      // The view asks again after every change the server announces; unchanged, it is the same answer.
      if (matrixJson?.revision === workspace.revision) return matrixJson.json;
      const revision = workspace.revision;
      const json = yield* matrixWriter.steps(workspace);
      // Kept only if nothing changed between the steps: otherwise it may mix two states of the index.
      if (workspace.revision === revision) matrixJson = { revision, json };
      return json;
    },
    matrixCell: (key, uri) => matrixCell(workspace, key, uri),
    report: (options) => reportChunks(workspace, options),
    suggestActors: (uri, options) => workspaceSuggestions(workspace, uri, options),
    suggestionHints: (uri, options) => suggestionHints(workspace, uri, options),
    claimHints: (uri, options) => claimHints(workspace, uri, options),
    allSuggestionHints: (uri, options) => allSuggestionHints(workspace, uri, options),
    allSuggestionHintsSteps: (uri, options) => allSuggestionHintsSteps(workspace, uri, options),
    acceptSuggestions: (uri, suggestions) => acceptInWorkspace(workspace, uri, suggestions),
    suggestClaims: (uri, options) => workspaceClaimSuggestions(workspace, uri, options),
    primeActorCards: (actors, stop) => primeActorCards(workspace, actors, stop),
    primeKnownNames: (uris, stop) => primeKnownNames(workspace, uris, stop),
    primeSuggester: (uris, stop) => primeSuggester(workspace, uris, stop),
  };
}
