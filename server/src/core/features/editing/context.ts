/**
 * What every code action works with: the file's model and registry with
 * lazily built lookups (spans by start, prose words, sentences), the plan of
 * an action before it becomes an LSP `CodeAction`, and {@link Fixes}, what
 * a diagnostic's quick-fix provider fills in.
 */
import * as lsp from 'vscode-languageserver-types';
import type { Mention, SourceModel } from '../../model/source';
import type { ParsedText, Span } from '../../syntax/parser';
import type { Registry } from '../../model/registry';
import type { Diagnostic, DiagnosticCode, DiagnosticDataOf } from '../../base/types';
import { excludedRegions, forEachWord } from '../../syntax/words';
import type { WorkspaceIndex } from '../../workspace/workspace';

/** An edit located by UTF-16 offsets in the current text of `uri` (a new file has none). */
export interface OffsetEdit {
  uri: string;
  start: number;
  end: number;
  newText: string;
}

/** A code action before it is assembled into an LSP `CodeAction` (assemble.ts). */
export interface Plan {
  title: string;
  kind: string;
  diagnostic?: Diagnostic;
  preferred?: boolean;
  edits: OffsetEdit[];
  /** URI of a file the action creates (a new entities.yaml). */
  create?: string;
  /** Actions with the same key do the same thing: they are merged (their diagnostics are concatenated). */
  shareKey?: string;
  /** A label: the edits carry one change annotation with it (the client's preview groups them under it). */
  group?: string;
}

/** One source file as the code actions see it, with lookups built on first use and kept for the request. */
export class Context {
  readonly registry: Registry | undefined;
  private spanByStart?: Map<number, Span>;
  private words?: { starts: number[]; ends: number[] };
  private attrByClose?: Map<number, number>;
  private attrByOpen?: Map<number, number>;
  private actorOf?: Map<Mention, string>;
  /** Per actor: the wrapping edits of all its unannotated mentions. */
  readonly annotateAll = new Map<string, OffsetEdit[]>();

  constructor(
    readonly index: WorkspaceIndex,
    readonly model: SourceModel,
  ) {
    this.registry = index.registryFor(model.uri);
  }

  get text(): string {
    return this.model.text;
  }

  get parsed(): ParsedText {
    return this.model.parsed;
  }

  span(start: number): Span | undefined {
    if (!this.spanByStart) {
      this.spanByStart = new Map();
      for (const s of this.parsed.spans) this.spanByStart.set(s.start, s);
    }
    return this.spanByStart.get(start);
  }

  offset(p: lsp.Position): number {
    return this.model.lines.offsetAt(p);
  }

  /** The actor a mention designates, if the registry knows it. */
  knownActor(m: Mention): string | undefined {
    if (!this.actorOf) {
      this.actorOf = new Map();
      for (const r of this.index.mentionRefs(this.model.uri)) this.actorOf.set(r.mention, r.actor);
    }
    const id = this.actorOf.get(m) ?? m.ref;
    return id !== undefined && this.registry?.actors.has(id) ? id : undefined;
  }

  /** Known actors mentioned in [from, to), in order of appearance, without repeats. */
  actorsIn(from: number, to: number): string[] {
    const out: string[] = [];
    for (const m of this.model.mentions) {
      if (m.start < from || m.end > to) continue;
      const id = this.knownActor(m);
      if (id !== undefined && !out.includes(id)) out.push(id);
    }
    return out;
  }

  /** Whether a prose word (not markup, code or front matter) starts or ends within [from, to). */
  hasProseWord(from: number, to: number): boolean {
    if (to <= from) return false;
    if (!this.words) {
      const starts: number[] = [];
      const ends: number[] = [];
      forEachWord(this.text, excludedRegions(this.parsed), (s, e) => {
        starts.push(s);
        ends.push(e);
      });
      this.words = { starts, ends };
    }
    const { starts, ends } = this.words;
    // First word that ends after `from`.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo]! < to;
  }

  /**
   * The sentence around [start, end): back to the previous sentence end
   * (`.`, `!`, `?` before whitespace) or line break, forward to the next.
   * Attribute lists are skipped (their `.class` is not punctuation).
   */
  sentence(start: number, end: number): [number, number] {
    const { text } = this;
    if (!this.attrByClose || !this.attrByOpen) {
      this.attrByClose = new Map();
      this.attrByOpen = new Map();
      for (const s of this.parsed.spans) {
        this.attrByClose.set(s.end - 1, s.contentEnd);
        this.attrByOpen.set(s.contentEnd, s.end);
      }
    }
    const bodyStart = this.parsed.bodyStart;
    let a = start;
    while (a > bodyStart) {
      const k = a - 1;
      const open = this.attrByClose.get(k);
      if (open !== undefined) {
        a = open;
        continue;
      }
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13 || isSentenceEnd(text, k)) break;
      a = k;
    }
    let b = end;
    while (b < text.length) {
      const close = this.attrByOpen.get(b);
      if (close !== undefined) {
        b = close;
        continue;
      }
      const c = text.charCodeAt(b);
      if (c === 10 || c === 13) break;
      b++;
      if (isSentenceEnd(text, b - 1)) break;
    }
    return [a, b];
  }
}

function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  let j = i + 1;
  while (j < text.length && /["'”’»)]/.test(text[j]!)) j++;
  return j >= text.length || /\s/.test(text[j]!);
}

/**
 * The quick fixes of one diagnostic, as its code's provider adds them. The
 * payload has been validated against the code's shape (undefined if absent or
 * malformed); `all` is every diagnostic of the file (for fix-all actions).
 */
export class Fixes<C extends DiagnosticCode> {
  readonly plans: Plan[] = [];
  /** The diagnostic's range as offsets into the file. */
  readonly start: number;
  readonly end: number;

  constructor(
    readonly ctx: Context,
    readonly diagnostic: Diagnostic<C>,
    readonly data: DiagnosticDataOf<C> | undefined,
    readonly all: readonly Diagnostic[],
  ) {
    this.start = ctx.offset(diagnostic.range.start);
    this.end = ctx.offset(diagnostic.range.end);
  }

  get uri(): string {
    return this.ctx.model.uri;
  }

  /** Offers a fix for this diagnostic. */
  add(title: string, edits: OffsetEdit[], extra: Partial<Plan> = {}): void {
    this.plans.push({ title, kind: lsp.CodeActionKind.QuickFix, diagnostic: this.diagnostic, edits, ...extra });
  }
}

/** The quick fixes of a diagnostic code: adds its fixes for one diagnostic. */
export type FixProvider<C extends DiagnosticCode> = (fixes: Fixes<C>) => void;
