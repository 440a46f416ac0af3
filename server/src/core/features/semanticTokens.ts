/**
 * Semantic tokens for `*.seed.md` files: what only the analysis knows and a
 * TextMate grammar cannot. The grammar (syntaxes/seed.tmLanguage.json)
 * colours the markup as it reads it; these tokens colour the span text by
 * what it is (an actor of some kind, a claim and its status) and repeat the
 * markup so that both agree.
 *
 * Token types:
 * - `actorPerson` … `actorOther`: the text of an actor span, by the registry
 *   kind of the actor it designates; `actorUnknown` when it designates none.
 * - `claim`: the text of a claim span, with modifiers `unsourced` (no `by=`),
 *   `anonymous` (`by=anonymous`), `conflicting` and `corroborated` (another
 *   source states a different / the same value at a comparable time).
 * - `spanPunctuation`: `[`, `]{` and `}`.
 * - `attributeName`: `.class`, `#id` and `key` in an attribute list;
 *   `attributeValue`: a value, quotes included.
 * - `frontMatterKey`: a top-level `key:` of the front matter.
 *
 * Nested spans are never covered twice: an outer span's text token is split
 * around every inner span (its markup included). Every token lies on one
 * line; tokens are sorted and never overlap.
 */

import type * as lsp from 'vscode-languageserver-types';
import type { Claim, SourceModel } from '../model/source';
import type { Span } from '../syntax/parser';
import type { ActorKind } from '../model/registry';
import { isRegistryUri, type WorkspaceIndex } from '../workspace/workspace';
import type { Range } from '../base/types';

export const SEMANTIC_TOKEN_TYPES = [
  'actorPerson',
  'actorOrganization',
  'actorCountry',
  'actorPlace',
  'actorGroup',
  'actorOther',
  'actorUnknown',
  'claim',
  'attributeName',
  'attributeValue',
  'spanPunctuation',
  'frontMatterKey',
] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_MODIFIERS = ['unsourced', 'conflicting', 'corroborated', 'anonymous'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** The legend the server announces; indices into these arrays are what the token data holds. */
export const SEMANTIC_TOKEN_LEGEND: lsp.SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

const T = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i])) as Record<SemanticTokenType, number>;
const M = Object.fromEntries(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<
  SemanticTokenModifier,
  number
>;

const KIND_TYPE: Record<ActorKind, number> = {
  person: T.actorPerson,
  organization: T.actorOrganization,
  country: T.actorCountry,
  place: T.actorPlace,
  group: T.actorGroup,
  other: T.actorOther,
};

/** No token for the span's text (a span that is neither an actor nor a claim, or both). */
const NONE = -1;

/**
 * Writes tokens in the LSP relative encoding. Tokens must come in document
 * order; each is split at line breaks and clipped so that it never overlaps
 * the previous one. With a range, only the pieces that intersect it are kept.
 * The line is found with a cursor that only moves forward, so a whole file
 * costs O(its length).
 */
class Encoder {
  readonly data: number[] = [];
  private line = 0;
  private lastEnd = 0;
  private prevLine = 0;
  private prevChar = 0;

  constructor(
    private readonly lineStarts: Uint32Array,
    private readonly lineEnds: Uint32Array,
    private readonly from: number,
    private readonly to: number,
  ) {}

  emit(start: number, end: number, type: number, modifiers = 0): void {
    if (type === NONE) return;
    let s = Math.max(start, this.lastEnd);
    if (s >= end) return;
    this.lastEnd = end;
    const starts = this.lineStarts;
    const count = starts.length;
    while (this.line + 1 < count && starts[this.line + 1]! <= s) this.line++;
    for (;;) {
      const lineStart = starts[this.line]!;
      const lineEnd = this.lineEnds[this.line]!;
      const e = Math.min(end, lineEnd);
      if (e > s && s < this.to && e > this.from) this.push(this.line, s - lineStart, e - s, type, modifiers);
      if (end <= lineEnd || this.line + 1 >= count) return;
      this.line++;
      s = starts[this.line]!;
      if (s >= end) return;
    }
  }

  private push(line: number, char: number, length: number, type: number, modifiers: number): void {
    const deltaLine = line - this.prevLine;
    this.data.push(deltaLine, deltaLine === 0 ? char - this.prevChar : char, length, type, modifiers);
    this.prevLine = line;
    this.prevChar = char;
  }
}

interface OpenSpan {
  span: Span;
  /** Start of the span text not yet emitted (after the last inner span). */
  cursor: number;
  type: number;
  modifiers: number;
}

/**
 * The semantic tokens of a source, in the LSP relative encoding
 * (deltaLine, deltaStart, length, type, modifiers), UTF-16 columns. With a
 * range, only the tokens that intersect it. A registry, or a file the index
 * does not hold, has none (its TextMate grammar colours it).
 *
 * Cost: linear in the file, plus one corroboration look-up (the size of the
 * key's bucket in the index) per distinct key, value and time among its
 * claims, and per claim that a disputes= link touches.
 */
export function semanticTokens(index: WorkspaceIndex, uri: string, range?: Range): number[] {
  if (isRegistryUri(uri)) return [];
  const model = index.getSource(uri);
  if (!model) return [];
  const { text, lines, parsed } = model;
  const from = range ? lines.offsetAt(range.start) : 0;
  const to = range ? lines.offsetAt(range.end) : text.length;
  const out = new Encoder(lines.lineStarts, lines.lineEnds, from, to);

  if (parsed.frontMatter && parsed.frontMatter.contentStart < to) frontMatterKeys(model, out);

  const kinds = spanKinds(index, model);
  const stack: OpenSpan[] = [];
  const close = (open: OpenSpan): void => {
    const { span } = open;
    out.emit(open.cursor, span.contentEnd, open.type, open.modifiers);
    out.emit(span.contentEnd, span.attrStart + 1, T.spanPunctuation); // `]{`
    attributes(span, out);
    out.emit(span.end - 1, span.end, T.spanPunctuation); // `}`
  };
  for (const span of parsed.spans) {
    while (stack.length > 0 && stack[stack.length - 1]!.span.end <= span.start) close(stack.pop()!);
    if (span.start >= to && stack.length === 0) break;
    const parent = stack[stack.length - 1];
    if (parent) {
      out.emit(parent.cursor, span.start, parent.type, parent.modifiers);
      parent.cursor = span.end;
    }
    out.emit(span.start, span.contentStart, T.spanPunctuation); // `[`
    const kind = kinds.get(span.start) ?? { type: NONE, modifiers: 0 };
    stack.push({ span, cursor: span.contentStart, type: kind.type, modifiers: kind.modifiers });
  }
  while (stack.length > 0) close(stack.pop()!);
  return out.data;
}

/** `.class`, `#id`, `key` and value tokens of a span's attribute list, in order. */
function attributes(span: Span, out: Encoder): void {
  const items: Array<[number, number, number]> = [];
  for (const c of span.classes) items.push([c.start - 1, c.end, T.attributeName]);
  if (span.id) items.push([span.id.start - 1, span.id.end, T.attributeName]);
  for (const a of span.attributes) {
    items.push([a.keyStart, a.keyEnd, T.attributeName]);
    items.push([a.valueStart, a.valueEnd, T.attributeValue]);
  }
  // Each list is in document order already; merge them (lists are short: at most 4,096 characters).
  items.sort((a, b) => a[0] - b[0]);
  for (const [s, e, type] of items) out.emit(s, e, type);
}

/**
 * Token type and modifiers of the text of each actor and claim span, by the
 * offset of its `[`.
 */
function spanKinds(index: WorkspaceIndex, model: SourceModel): Map<number, { type: number; modifiers: number }> {
  const kinds = new Map<number, { type: number; modifiers: number }>();
  const registry = index.registryFor(model.uri);
  const resolved = new Map<number, string>();
  for (const ref of index.mentionRefs(model.uri)) resolved.set(ref.mention.start, ref.actor);
  for (const mention of model.mentions) {
    const actor = resolved.get(mention.start);
    const kind = actor !== undefined ? registry?.actors.get(actor)?.kind : undefined;
    kinds.set(mention.start, { type: kind ? KIND_TYPE[kind] : T.actorUnknown, modifiers: 0 });
  }
  // A claim that no disputes= link touches has the status of every such claim with the same key,
  // value and time: compute it once (a file may repeat one key many times).
  const shared = new Map<string, number>();
  const disputed = (claim: Claim): boolean =>
    claim.links.some((l) => l.kind === 'disputes') ||
    (claim.id !== undefined &&
      index.linksToClaim(model.id, claim.id).some((r) => r.claim.links.some((l) => l.kind === 'disputes')));
  for (const claim of model.claims) {
    let modifiers = 0;
    if (claim.by === undefined) modifiers |= M.unsourced;
    else if (claim.by === 'anonymous') modifiers |= M.anonymous;
    const ref = claim.key !== undefined && claim.value !== undefined ? index.claimRef(model.uri, claim) : undefined;
    if (ref) {
      const cacheKey = !disputed(claim) ? `${claim.key}\u0000${ref.norm}\u0000${claim.asOf ?? ''}` : undefined;
      let status = cacheKey !== undefined ? shared.get(cacheKey) : undefined;
      if (status === undefined) {
        const view = index.corroboration(ref);
        status = (view.conflicting.size > 0 ? M.conflicting : 0) | (view.corroborating.size > 0 ? M.corroborated : 0);
        if (cacheKey !== undefined) shared.set(cacheKey, status);
      }
      modifiers |= status;
    }
    kinds.set(claim.start, { type: T.claim, modifiers });
  }
  return kinds;
}

/** A top-level key at the start of a front matter line: plain (`id:`) or quoted (`"id":`). */
const FRONT_MATTER_KEY =
  /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:[^\s#:?,[\]{}&*!|>'"%@`-]|[-?:](?=\S))[^\r\n]*?)(?=[ \t]*:(?:[ \t]|$))/;

function frontMatterKeys(model: SourceModel, out: Encoder): void {
  const block = model.parsed.frontMatter!;
  const { lineStarts, lineEnds } = model.lines;
  const first = model.lines.positionAt(block.contentStart).line;
  for (let line = first; line < lineStarts.length && lineStarts[line]! < block.contentEnd; line++) {
    const start = lineStarts[line]!;
    const m = FRONT_MATTER_KEY.exec(model.text.slice(start, lineEnds[line]));
    if (m && m[0].length > 0) out.emit(start, start + m[0].length, T.frontMatterKey);
  }
}
