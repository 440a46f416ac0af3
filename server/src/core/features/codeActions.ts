import * as lsp from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { computeDiagnostics } from './diagnostics/diagnostics';
import { applyOffsetEdits } from '../base/edits';
import { toLspDiagnostic } from '../base/lsp';
import type { Mention, SourceModel } from '../model/source';
import { asOfComparable } from '../model/normalize';
import { parseText, type ParsedText, type Span } from '../syntax/parser';
import { ACTOR_ID, RESERVED_BY, type Registry } from '../model/registry';
import { closest } from '../base/strings';
import { slugify } from '../../../../common/actors';
import type { LineIndex } from '../base/text';
import type { Diagnostic } from '../base/types';
import { excludedRegions, forEachWord } from '../syntax/words';
import { REGISTRY_FILE, type ClaimRef, type WorkspaceIndex } from '../workspace/workspace';

/**
 * Code actions: quick fixes for the diagnostics that have one, and two
 * refactorings on a selection of prose (annotate as actor, annotate as claim).
 *
 * Every edit only inserts markup (`[`, `]{…}`), changes attribute values or
 * adds registry entries: the prose of a source is never altered, except by
 * "Remove the repeated passage", whose purpose is to delete a copy.
 */

export const REMOVE_PASSAGE_TITLE = 'Remove the repeated passage';

/** An edit located by UTF-16 offsets in the current text of `uri` (a new file has none). */
interface OffsetEdit {
  uri: string;
  start: number;
  end: number;
  newText: string;
}

interface Plan {
  title: string;
  kind: string;
  diagnostic?: Diagnostic;
  preferred?: boolean;
  edits: OffsetEdit[];
  /** URI of a file the action creates (a new entities.yaml). */
  create?: string;
  /** Actions with the same key do the same thing: they are merged (their diagnostics are concatenated). */
  shareKey?: string;
}

/** The code actions for `range` of a file: quick fixes of the diagnostics it overlaps, then refactorings of the selection. */
export function codeActions(index: WorkspaceIndex, uri: string, range: lsp.Range, only?: string[]): lsp.CodeAction[] {
  const model = index.getSource(uri);
  if (!model) return [];
  const wants = (kind: string): boolean =>
    !only || only.length === 0 || only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
  const ctx = new Context(index, model);
  const plans: Plan[] = [];
  if (wants(lsp.CodeActionKind.QuickFix)) {
    const diagnostics = computeDiagnostics(index, uri);
    for (const d of diagnostics) {
      if (!overlaps(d.range, range)) continue;
      plans.push(...quickFixes(ctx, d, diagnostics));
    }
  }
  if (wants(lsp.CodeActionKind.RefactorRewrite)) {
    const s = model.lines.offsetAt(range.start);
    const e = model.lines.offsetAt(range.end);
    if (e > s) plans.push(...refactorings(ctx, s, e));
  }
  return toActions(ctx, mergeShared(plans));
}

// ---- context ------------------------------------------------------------------

class Context {
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

// ---- quick fixes ----------------------------------------------------------------

function quickFixes(ctx: Context, d: Diagnostic, all: Diagnostic[]): Plan[] {
  const start = ctx.offset(d.range.start);
  const end = ctx.offset(d.range.end);
  const data = d.data ?? {};
  const str = (k: string): string | undefined => (typeof data[k] === 'string' ? data[k] : undefined);
  const plans: Plan[] = [];
  const fix = (title: string, edits: OffsetEdit[], extra: Partial<Plan> = {}): void => {
    plans.push({ title, kind: lsp.CodeActionKind.QuickFix, diagnostic: d, edits, ...extra });
  };
  const uri = ctx.model.uri;

  switch (d.code) {
    case 'unknown-actor': {
      const actor = str('actor');
      const suggestion = str('suggestion');
      if (actor !== undefined) {
        if (suggestion !== undefined) {
          fix(`Change to '${suggestion}'`, [{ uri, start, end, newText: suggestion }], { preferred: true });
          break;
        }
        const mention = ctx.model.mentions.find((m) => m.refStart === start);
        // The text of the span may already name a registered actor: then the ref is a slip.
        const named = mention ? ctx.registry?.names.get(mention.text) : undefined;
        if (named !== undefined)
          fix(`Change to '${named}'`, [{ uri, start, end, newText: named }], { preferred: true });
        let name = mention && mention.text.trim() !== '' ? mention.text : actor;
        if (ctx.registry?.names.has(name)) name = actor;
        if (ctx.registry?.names.has(name) || (RESERVED_BY as readonly string[]).includes(actor)) break;
        const add = addRegistryEntry(ctx, 'actors', actor, [
          ['name', name],
          ['kind', 'other'],
        ]);
        if (add)
          fix(`Add '${actor}' to ${REGISTRY_FILE}`, add.edits, {
            ...(add.create ? { create: add.create } : {}),
            shareKey: `actors:${actor}`,
            preferred: named === undefined,
          });
        break;
      }
      const name = str('name');
      if (name === undefined || name.trim() === '') break;
      const mention = ctx.model.mentions.find((m) => m.start === start);
      const span = mention ? ctx.span(mention.start) : undefined;
      let guessed = false;
      if (mention && span && !span.attributes.some((a) => a.key === 'ref') && ctx.registry) {
        const close = closest(name, ctx.registry.names.keys());
        const id = close !== undefined ? ctx.registry.names.get(close) : undefined;
        if (id !== undefined) {
          guessed = true;
          fix(`Add ref=${id}`, [insertAttribute(ctx, span, `ref=${id}`)], { preferred: true });
        }
      }
      const id = freshActorId(ctx, name);
      const add = addRegistryEntry(ctx, 'actors', id, [
        ['name', name],
        ['kind', 'other'],
      ]);
      if (add)
        fix(`Add '${name}' to ${REGISTRY_FILE}`, add.edits, {
          ...(add.create ? { create: add.create } : {}),
          shareKey: `actors-name:${name}`,
          preferred: !guessed,
        });
      break;
    }

    case 'unknown-claim-key': {
      const key = str('key');
      const suggestion = str('suggestion');
      if (key === undefined) break;
      if (suggestion !== undefined) {
        fix(`Change to '${suggestion}'`, [{ uri, start, end, newText: suggestion }], { preferred: true });
        break;
      }
      const add = addRegistryEntry(ctx, 'claims', key, [['type', 'text']]);
      if (add)
        fix(`Add '${key}' to ${REGISTRY_FILE}`, add.edits, {
          ...(add.create ? { create: add.create } : {}),
          shareKey: `claims:${key}`,
          preferred: true,
        });
      break;
    }

    case 'malformed-attribute': {
      const written = ctx.text.slice(start, end);
      let replacement = str('replacement');
      // `{actor}`: a class written without its dot.
      if (replacement === undefined && /^[A-Za-z]+$/.test(written) && d.message.startsWith("expected '.class'"))
        replacement = closest(written, ['actor', 'claim']);
      if (replacement === undefined) break;
      if (!/^\.[^\s{}]+$/.test(written) && !/^[A-Za-z]+$/.test(written)) break;
      fix(`Change to '.${replacement}'`, [{ uri, start, end, newText: `.${replacement}` }], { preferred: true });
      break;
    }

    case 'unsourced-claim': {
      const claim = ctx.model.claims.find((c) => c.start === start);
      const span = claim ? ctx.span(claim.start) : undefined;
      if (!claim || !span) break;
      const [a, b] = ctx.sentence(claim.start, claim.end);
      const actors = ctx.actorsIn(a, b);
      for (const id of actors) {
        const name = ctx.registry?.actors.get(id)?.name ?? id;
        fix(`Attribute to ${name} (by=${id})`, [setAttribute(ctx, span, 'by', id)], { preferred: actors.length === 1 });
      }
      fix('Attribute to an unnamed source (by=anonymous)', [setAttribute(ctx, span, 'by', 'anonymous')]);
      fix('Attribute to the outlet (by=outlet)', [setAttribute(ctx, span, 'by', 'outlet')]);
      break;
    }

    case 'unannotated-mention': {
      const actor = str('actor');
      if (actor === undefined || !wrappable(ctx, start, end)) break;
      const text = ctx.text.slice(start, end);
      // An attribute list left open earlier in the paragraph would take the new '}' as its end: offered only if the span parses where it is written.
      const one = wrap(uri, start, end, `.actor ref=${actor}`);
      if (addsSpans(ctx, one)) fix(`Annotate '${text}' as actor ${actor}`, one, { preferred: true });
      let edits = ctx.annotateAll.get(actor);
      if (!edits) {
        edits = [];
        for (const o of all) {
          if (o.code !== 'unannotated-mention' || o.data?.actor !== actor) continue;
          const s = ctx.offset(o.range.start);
          const e = ctx.offset(o.range.end);
          if (wrappable(ctx, s, e)) edits.push(...wrap(uri, s, e, `.actor ref=${actor}`));
        }
        if (!addsSpans(ctx, edits)) edits = [];
        ctx.annotateAll.set(actor, edits);
      }
      if (edits.length > 2) {
        const name = ctx.registry?.actors.get(actor)?.name ?? actor;
        fix(`Annotate all ${edits.length / 2} mentions of ${name} in this file`, edits, {
          shareKey: `annotate-all:${actor}`,
        });
      }
      break;
    }

    case 'duplicate-passage': {
      const removal = passageRemoval(ctx, start, end);
      if (removal)
        fix(REMOVE_PASSAGE_TITLE, [{ uri, start: removal[0], end: removal[1], newText: '' }], { preferred: true });
      break;
    }

    case 'conflicting-claim': {
      const claim = ctx.model.claims.find((c) => c.start === start);
      const span = claim ? ctx.span(claim.start) : undefined;
      const ref = claim ? ctx.index.claimRef(uri, claim) : undefined;
      if (!claim || !span || !ref) break;
      const conflicting = ctx.index.corroboration(ref).conflicting;
      const before = plans.length;
      // A date can separate the claims: offered when it makes at least one of them incomparable.
      const published = /^(\d{4})-(\d{2})-\d{2}$/.exec(ctx.model.meta.published ?? '');
      if (claim.asOf === undefined && published) {
        for (const v of [published[1]!, `${published[1]}-${published[2]}`]) {
          let separates = false;
          for (const c of conflicting)
            if ((separates = c.claim.asOf !== undefined && !asOfComparable(v, c.claim.asOf))) break;
          if (!separates) continue;
          fix(`Add as-of=${v}`, [setAttribute(ctx, span, 'as-of', v)]);
        }
      }
      const seen = new Set<string>();
      for (const c of conflicting) {
        const target = linkTarget(c);
        if (target === undefined || seen.has(target)) continue;
        seen.add(target);
        fix(`Mark as disputing ${target}`, [addLink(ctx, span, 'disputes', target)]);
        // A claim on a popular key can conflict with thousands: offer the first few (in file order).
        if (seen.size >= MAX_DISPUTE_FIXES) break;
      }
      if (plans.length - before === 1) plans[before]!.preferred = true;
      break;
    }
  }
  return plans;
}

/** At most this many "Mark as disputing" fixes are offered for one conflict. */
export const MAX_DISPUTE_FIXES = 10;

function linkTarget(c: ClaimRef): string | undefined {
  if (c.claim.id === undefined || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(c.model.id) || /[\s#,"]/.test(c.claim.id))
    return undefined;
  return `${c.model.id}#${c.claim.id}`;
}

// ---- attribute edits ------------------------------------------------------------

/** Inserts an attribute before the closing `}` of a span's attribute list. */
function insertAttribute(ctx: Context, span: Span, attribute: string): OffsetEdit {
  const close = span.end - 1;
  const before = ctx.text[close - 1] ?? '';
  return { uri: ctx.model.uri, start: close, end: close, newText: /\s/.test(before) ? attribute : ` ${attribute}` };
}

/** Sets `key=value`: replaces the value if the key is written (even malformed), else adds it. */
function setAttribute(ctx: Context, span: Span, key: string, value: string): OffsetEdit {
  const a = span.attributes.find((x) => x.key === key);
  if (a) return { uri: ctx.model.uri, start: a.valueStart, end: a.valueEnd, newText: value };
  return insertAttribute(ctx, span, `${key}=${value}`);
}

/** Adds a link target to `supports=`/`disputes=`, extending an existing list. */
function addLink(ctx: Context, span: Span, key: 'supports' | 'disputes', target: string): OffsetEdit {
  const a = span.attributes.find((x) => x.key === key);
  if (!a) return insertAttribute(ctx, span, `${key}=${target}`);
  if (a.quoted) return { uri: ctx.model.uri, start: a.valueEnd - 1, end: a.valueEnd - 1, newText: ` ${target}` };
  return { uri: ctx.model.uri, start: a.valueEnd, end: a.valueEnd, newText: `,${target}` };
}

function wrap(uri: string, start: number, end: number, attributes: string): OffsetEdit[] {
  return [
    { uri, start, end: start, newText: '[' },
    { uri, start: end, end, newText: `]{${attributes}}` },
  ];
}

/** Whether the character at `offset` is escaped by an odd run of backslashes before it. */
function escaped(text: string, offset: number): boolean {
  let n = 0;
  for (let i = offset - 1; i >= 0 && text.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

function splitsSurrogate(text: string, offset: number): boolean {
  const lo = text.charCodeAt(offset);
  const hi = text.charCodeAt(offset - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff;
}

/** Whether plain text [start, end) can be bracketed without changing how anything else parses. */
function wrappable(ctx: Context, start: number, end: number): boolean {
  const { text } = ctx;
  if (end <= start || start < ctx.parsed.bodyStart) return false;
  if (escaped(text, start) || escaped(text, end) || splitsSurrogate(text, start) || splitsSurrogate(text, end))
    return false;
  return true;
}

// ---- the repeated passage ---------------------------------------------------------

/** Spans and code regions are each outside [a, b), inside it, or around it (the range is within a span's text). */
function structureIntact(parsed: ParsedText, a: number, b: number): boolean {
  if (a < parsed.bodyStart) return false;
  for (const s of parsed.spans) {
    if (s.end <= a || s.start >= b) continue;
    if (a <= s.start && s.end <= b) continue;
    if (s.contentStart <= a && b <= s.contentEnd) continue;
    return false;
  }
  for (const c of parsed.code) {
    if (c.end <= a || c.start >= b) continue;
    if (a <= c.start && c.end <= b) continue;
    return false;
  }
  return true;
}

function lineStartOf(text: string, i: number): number {
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset after the line break at `lineEnd` (the end of a line's content). */
function afterBreak(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return Math.min(text.length, lineEnd + 1);
}

function isBlank(text: string, from: number, to: number): boolean {
  return /^[ \t]*$/.test(text.slice(from, to));
}

/**
 * The range to delete for a repeated passage [start, end) (first to last
 * word). Markup at its edges is taken along when no other words are; whole
 * lines go with their line break (and one of the blank lines around them, if
 * they were a paragraph of their own); otherwise one adjacent space goes.
 */
function passageRemoval(ctx: Context, start: number, end: number): [number, number] | undefined {
  const { text, parsed } = ctx;
  let a = start;
  let b = end;
  // Take along spans that open before the passage or close after it, when they hold no other words.
  for (let changed = true, guard = 0; changed && guard < 1000; guard++) {
    changed = false;
    for (const s of parsed.spans) {
      if (s.end <= a || s.start >= b || (a <= s.start && s.end <= b) || (s.contentStart <= a && b <= s.contentEnd))
        continue;
      if (s.start < a && !ctx.hasProseWord(s.start, a)) {
        a = s.start;
        changed = true;
      } else if (s.end > b && !ctx.hasProseWord(b, s.end)) {
        b = s.end;
        changed = true;
      } else return undefined;
    }
  }
  if (!structureIntact(parsed, a, b)) return undefined;

  const candidates: Array<[number, number]> = [];
  const ls = lineStartOf(text, a);
  const le = lineEndOf(text, b);
  if (ls >= parsed.bodyStart && !ctx.hasProseWord(ls, a) && !ctx.hasProseWord(b, le)) {
    // Whole lines: they go with a line break.
    const breakBefore = (lineStart: number): number =>
      text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? 2 : 1;
    let from = ls;
    let to = afterBreak(text, le);
    if (to === le) {
      // The last line of the file: take the line break before it instead.
      if (from > parsed.bodyStart) from -= breakBefore(from);
    } else {
      // A paragraph of its own: one of the blank lines around it goes too.
      let prevBlank = from === parsed.bodyStart;
      if (!prevBlank) {
        const pe = from - breakBefore(from);
        prevBlank = isBlank(text, lineStartOf(text, pe), pe);
      }
      const nextEnd = lineEndOf(text, to);
      if (prevBlank && isBlank(text, to, nextEnd)) to = afterBreak(text, nextEnd);
    }
    candidates.push([from, to]);
  }
  if (text[b] === ' ') candidates.push([a, b + 1]);
  else if (text[a - 1] === ' ') candidates.push([a - 1, b]);
  candidates.push([a, b]);
  const problemsBefore = countSyntax(parsed);
  for (const [from, to] of candidates) {
    if (!structureIntact(parsed, from, to)) continue;
    const after = parseText(text.slice(0, from) + text.slice(to));
    const removedSpans = parsed.spans.filter((s) => from <= s.start && s.end <= to).length;
    if (after.spans.length === parsed.spans.length - removedSpans && countSyntax(after) <= problemsBefore)
      return [from, to];
  }
  return undefined;
}

function countSyntax(parsed: ParsedText): number {
  return parsed.problems.filter((p) => p.code === 'malformed-span' || p.code === 'malformed-attribute').length;
}

// ---- refactorings -------------------------------------------------------------------

/**
 * The trimmed range [start, end) if a selection can be wrapped in a new span
 * without changing how anything else parses, or why it cannot.
 */
function annotatable(
  ctx: Context,
  selStart: number,
  selEnd: number,
): { start: number; end: number } | { error: string } {
  const { text, parsed, model } = ctx;
  let s = selStart;
  let e = selEnd;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e <= s) return { error: 'select the text to annotate' };
  if (s < parsed.bodyStart) return { error: 'the front matter cannot be annotated' };
  if (!wrappable(ctx, s, e)) return { error: 'the selection starts or ends inside an escape or a character' };
  if (/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(text.slice(s, e)))
    return { error: 'a span cannot cross a paragraph break' };
  if (!structureIntact(parsed, s, e))
    return { error: 'the selection cuts through existing markup or code: select whole spans or text inside one' };
  // Markup that belongs to no span (an attribute list left open, an orphan one, brackets past the nesting limit):
  // a span written there would not be read as one, or its '}' would close the open list.
  if (parsed.skipped.some((k) => k.start < e && s < k.end))
    return { error: 'the selection is inside broken markup: fix the attribute list or brackets around it first' };
  // Brackets outside whole spans and code must balance, or the new span would pair with them.
  const skip = new Map<number, number>();
  for (const sp of parsed.spans)
    if (sp.start >= s && sp.end <= e) skip.set(sp.start, Math.max(skip.get(sp.start) ?? 0, sp.end));
  for (const c of parsed.code)
    if (c.start >= s && c.end <= e) skip.set(c.start, Math.max(skip.get(c.start) ?? 0, c.end));
  let depth = 0;
  for (let i = s; i < e; i++) {
    const jump = skip.get(i);
    if (jump !== undefined) {
      i = jump - 1;
      continue;
    }
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return { error: "the selection contains an unmatched ']'" };
  }
  if (depth !== 0) return { error: "the selection contains an unmatched '['" };
  // Actors are names: neither an actor nor a claim goes inside one.
  if (model.mentions.some((m) => m.contentStart <= s && e <= m.contentEnd))
    return { error: 'the selection is inside an actor mention' };
  return { start: s, end: e };
}

function refactorings(ctx: Context, selStart: number, selEnd: number): Plan[] {
  const { text, parsed, model } = ctx;
  const at = annotatable(ctx, selStart, selEnd);
  if ('error' in at) return [];
  const { start: s, end: e } = at;
  const selected = text.slice(s, e);

  const plans: Plan[] = [];
  const uri = model.uri;
  const kind = lsp.CodeActionKind.RefactorRewrite;
  const containsSpan = parsed.spans.some((sp) => sp.start >= s && sp.end <= e);

  // Annotate as actor.
  if (!containsSpan && !/[[\]\\`{}]/.test(selected)) {
    const name = selected.replace(/\s+/g, ' ');
    const registry = ctx.registry;
    let id = registry?.names.get(name);
    if (id === undefined && registry) {
      const lower = name.toLowerCase();
      for (const [n, a] of registry.names) {
        if (n.toLowerCase() !== lower) continue;
        id = a;
        break;
      }
    }
    if (id !== undefined) {
      plans.push({ title: `Annotate selection as actor ${id}`, kind, edits: wrap(uri, s, e, `.actor ref=${id}`) });
    } else {
      const fresh = freshActorId(ctx, name);
      const add = addRegistryEntry(ctx, 'actors', fresh, [
        ['name', name],
        ['kind', 'other'],
      ]);
      if (add)
        plans.push({
          title: `Annotate selection as new actor '${fresh}'`,
          kind,
          edits: [...wrap(uri, s, e, `.actor ref=${fresh}`), ...add.edits],
          ...(add.create ? { create: add.create } : {}),
        });
    }
  }

  // Annotate as claim.
  const ids = new Set<string>();
  for (const sp of parsed.spans) if (sp.id) ids.add(sp.id.value);
  let n = 1;
  while (ids.has(`claim-${n}`)) n++;
  let actors = ctx.actorsIn(s, e);
  if (actors.length === 0) actors = ctx.actorsIn(...ctx.sentence(s, e));
  const by = actors.length === 1 ? ` by=${actors[0]}` : '';
  plans.push({ title: 'Annotate selection as claim', kind, edits: wrap(uri, s, e, `.claim #claim-${n}${by}`) });

  return plans.filter((p) => addsSpans(ctx, p.edits));
}

/**
 * A check on wrapping edits (pairs of '[' and ']{…}' inserts in this file):
 * once applied, every new span parses where its '[' is written, no other
 * span appears or goes, and no syntax problem is added.
 */
function addsSpans(ctx: Context, edits: readonly OffsetEdit[]): boolean {
  const { text, parsed, model } = ctx;
  const own = edits.map((x, i) => ({ ...x, i })).filter((x) => x.uri === model.uri);
  if (own.length === 0) return true;
  // Applied as an editor applies a WorkspaceEdit: inserts sharing an offset keep their order.
  const after = parseText(applyOffsetEdits(text, own));
  const starts = new Set(after.spans.map((sp) => sp.start));
  const opens = own.filter((x) => x.newText === '[' && x.start === x.end);
  for (const open of opens) {
    let at = open.start;
    for (const x of own)
      if (x.start < open.start || (x.start === open.start && x.i < open.i)) at += x.newText.length - (x.end - x.start);
    if (!starts.has(at)) return false;
  }
  return after.spans.length === parsed.spans.length + opens.length && countSyntax(after) <= countSyntax(parsed);
}

/** What the annotate commands ask for (the client prompts; the markup is written here). */
export type AnnotateSpec =
  | { range: lsp.Range; kind: 'actor'; ref: string; newActor?: { name: string; kind: string } }
  | { range: lsp.Range; kind: 'claim'; by?: string; key?: string; value?: string; asOf?: string };

function attributeValue(v: string): string {
  return /^[^\s"{}\\]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Wraps a selection of prose in an actor or claim span, with the attributes
 * the user chose (and, for a new actor, its registry entry). The same checks
 * as the refactorings apply; a refusal says why.
 */
export function annotate(
  index: WorkspaceIndex,
  uri: string,
  spec: AnnotateSpec,
): { edit?: lsp.WorkspaceEdit; error?: string } {
  const model = index.getSource(uri);
  if (!model) return { error: 'this is not an annotated source (*.seed.md)' };
  const ctx = new Context(index, model);
  const at = annotatable(ctx, ctx.offset(spec.range.start), ctx.offset(spec.range.end));
  if ('error' in at) return { error: at.error };
  const plan: Plan = { title: 'Annotate', kind: lsp.CodeActionKind.RefactorRewrite, edits: [] };
  if (spec.kind === 'actor') {
    if (!ACTOR_ID.test(spec.ref) || (RESERVED_BY as readonly string[]).includes(spec.ref))
      return { error: `'${spec.ref}' is not a valid actor id` };
    plan.edits.push(...wrap(uri, at.start, at.end, `.actor ref=${spec.ref}`));
    if (spec.newActor && !ctx.registry?.actors.has(spec.ref)) {
      const add = addRegistryEntry(ctx, 'actors', spec.ref, [
        ['name', spec.newActor.name],
        ['kind', spec.newActor.kind],
      ]);
      if (!add)
        return {
          error: `'${spec.ref}' cannot be added to entities.yaml (is it broken, or is the id already written there?)`,
        };
      plan.edits.push(...add.edits);
      if (add.create) plan.create = add.create;
    }
  } else {
    const ids = new Set<string>();
    for (const sp of ctx.parsed.spans) if (sp.id) ids.add(sp.id.value);
    let n = 1;
    while (ids.has(`claim-${n}`)) n++;
    const attrs = [`.claim #claim-${n}`];
    if (spec.by) attrs.push(`by=${attributeValue(spec.by)}`);
    if (spec.key) attrs.push(`key=${attributeValue(spec.key)}`);
    if (spec.value !== undefined && spec.value !== '') attrs.push(`value=${attributeValue(spec.value)}`);
    if (spec.asOf) attrs.push(`as-of=${attributeValue(spec.asOf)}`);
    plan.edits.push(...wrap(uri, at.start, at.end, attrs.join(' ')));
  }
  if (!addsSpans(ctx, plan.edits))
    return { error: 'the selection cannot be wrapped in a span without changing the markup around it' };
  return { edit: toActions(ctx, [{ ...plan, diagnostics: [] }])[0]!.edit! };
}

// ---- registry edits ---------------------------------------------------------------

/** An actor id for a new actor named `name`: its slug, made unique. */
function freshActorId(ctx: Context, name: string): string {
  const base = slugify(name);
  const safe = ACTOR_ID.test(base) ? base : 'actor';
  const taken = (id: string): boolean =>
    (RESERVED_BY as readonly string[]).includes(id) ||
    (ctx.registry ? ctx.registry.actors.has(id) || keyWritten(ctx.registry.text, id) : false);
  if (!taken(safe)) return safe;
  for (let i = 2; ; i++) if (!taken(`${safe}-${i}`)) return `${safe}-${i}`;
}

/** Whether `key` is written as a mapping key anywhere in the YAML text (even in an entry the schema refused). */
function keyWritten(text: string, key: string): boolean {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s{,])(["']?)${k}\\1[ \\t]*:`, 'm').test(text);
}

const PLAIN_YAML = /^[\p{L}][\p{L}\p{N}\p{M} .'’_\-()]*$/u;

/** A YAML scalar for `s`: plain when that is unambiguous, else double-quoted. */
export function yamlScalar(s: string): string {
  if (PLAIN_YAML.test(s) && !/\s$/.test(s) && !/^(?:true|false|null|yes|no|on|off|y|n)$/i.test(s)) return s;
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfeff ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0xd800 && c <= 0xdfff)
    )
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
}

/**
 * Edits that add `key: {fields}` under `section:` of the registry governing
 * the model, in the style of the entries already there. Without a registry,
 * a new entities.yaml next to the file. Undefined when the registry cannot be
 * edited safely (it is broken, or the key is already written in it).
 */
function addRegistryEntry(
  ctx: Context,
  section: 'actors' | 'claims',
  key: string,
  fields: Array<[string, string]>,
): { edits: OffsetEdit[]; create?: string } | undefined {
  const registry = ctx.registry;
  const block = (indent: string, fieldIndent: string): string[] => [
    `${indent}${yamlScalar(key)}:`,
    ...fields.map(([f, v]) => `${fieldIndent}${f}: ${yamlScalar(v)}`),
  ];
  const flow = (): string => `${yamlScalar(key)}: {${fields.map(([f, v]) => `${f}: ${yamlScalar(v)}`).join(', ')}}`;

  if (!registry) {
    const uri = Utils.joinPath(Utils.dirname(URI.parse(ctx.model.uri)), REGISTRY_FILE).toString();
    const newText = [`${section}:`, ...block('  ', '    ')].join('\n') + '\n';
    return { edits: [{ uri, start: 0, end: 0, newText }], create: uri };
  }
  const text = registry.text;
  const uri = registry.uri;
  const eol = eolOf(text);
  if (keyWritten(text, key)) return undefined;
  const sectionKey = section === 'actors' ? registry.actorsKey : registry.claimsKey;

  if (!sectionKey) {
    // No such section: append one, unless the file is written in a way an append would break.
    if (new RegExp(`^\\s*["']?${section}["']?\\s*:`, 'm').test(text)) return undefined;
    const body = text.replace(/^\uFEFF/, '');
    if (/^\s*(?:#.*(?:\r\n|\r|\n|$)\s*)*[[{]/.test(body) || /^(?:---|\.\.\.)\s*$/m.test(body)) return undefined;
    const lead = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
    const newText = lead + [`${section}:`, ...block('  ', '    ')].join(eol) + eol;
    return { edits: [{ uri, start: text.length, end: text.length, newText }] };
  }

  const keyLine = lineStartOf(text, sectionKey.start);
  const keyCol = sectionKey.start - keyLine;
  let p = sectionKey.end;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] === '"' || text[p] === "'") p++;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text[p] !== ':') return undefined;
  p++;
  while (text[p] === ' ' || text[p] === '\t') p++;
  const lineEnd = lineEndOf(text, p);
  const rest = text
    .slice(p, lineEnd)
    .replace(/(?:^|\s)#.*$/, '')
    .trimEnd();

  if (rest.startsWith('{')) {
    const close = sectionKey.valueEnd - 1;
    if (text[close] !== '}') return undefined;
    const inner = text
      .slice(p + 1, close)
      .replace(/#.*$/gm, '')
      .trim();
    const sep = inner === '' ? '' : inner.endsWith(',') ? ' ' : ', ';
    return { edits: [{ uri, start: close, end: close, newText: sep + flow() }] };
  }
  if (rest !== '' && !/^(?:~|null|Null|NULL)$/.test(rest)) return undefined;

  // The first content line below the key, if it is indented under it, is the first entry.
  let first = -1;
  for (let at = afterBreak(text, lineEnd); at < text.length && at > lineEnd;) {
    const end = lineEndOf(text, at);
    const content = text.slice(at, end);
    if (content.trim() !== '' && !content.trim().startsWith('#')) {
      const indent = /^ */.exec(content)![0].length;
      if (indent > keyCol) first = at;
      break;
    }
    const next = afterBreak(text, end);
    if (next === end) break;
    at = next;
  }

  if (first < 0) {
    const indent = ' '.repeat(keyCol + 2);
    const lines = eol + block(indent, ' '.repeat(keyCol + 4)).join(eol);
    if (rest === '') return { edits: [{ uri, start: lineEnd, end: lineEnd, newText: lines }] };
    // `actors: ~`: the null goes, the entry comes.
    const restEnd = p + rest.length;
    if (restEnd === lineEnd) return { edits: [{ uri, start: p, end: lineEnd, newText: lines }] };
    return {
      edits: [
        { uri, start: p, end: restEnd, newText: '' },
        { uri, start: lineEnd, end: lineEnd, newText: lines },
      ],
    };
  }
  if (rest !== '') return undefined;

  const firstEnd = lineEndOf(text, first);
  const firstLine = text.slice(first, firstEnd);
  const childIndent = /^ */.exec(firstLine)![0].length;
  const isFlow = /:\s+\{/.test(firstLine);
  let fieldIndent = childIndent + 2;
  if (!isFlow) {
    for (let at = afterBreak(text, firstEnd); at < text.length && at > firstEnd;) {
      const end = lineEndOf(text, at);
      const content = text.slice(at, end);
      if (content.trim() !== '' && !content.trim().startsWith('#')) {
        const indent = /^ */.exec(content)![0].length;
        if (indent > childIndent) fieldIndent = indent;
        break;
      }
      const next = afterBreak(text, end);
      if (next === end) break;
      at = next;
    }
  }
  // After the last non-blank character of the section's value, at the end of its line.
  let last = sectionKey.valueEnd;
  while (last > lineEnd && /\s/.test(text[last - 1]!)) last--;
  const at = lineEndOf(text, Math.max(last - 1, lineEnd));
  const indent = ' '.repeat(childIndent);
  const newText = eol + (isFlow ? indent + flow() : block(indent, ' '.repeat(fieldIndent)).join(eol));
  return { edits: [{ uri, start: at, end: at, newText }] };
}

// ---- assembling -------------------------------------------------------------------

function overlaps(a: lsp.Range, b: lsp.Range): boolean {
  const le = (x: lsp.Position, y: lsp.Position): boolean =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

function mergeShared(plans: Plan[]): Array<Plan & { diagnostics: Diagnostic[] }> {
  const out: Array<Plan & { diagnostics: Diagnostic[] }> = [];
  const byKey = new Map<string, Plan & { diagnostics: Diagnostic[] }>();
  for (const p of plans) {
    const diagnostics = p.diagnostic ? [p.diagnostic] : [];
    if (p.shareKey !== undefined) {
      const prev = byKey.get(p.shareKey);
      if (prev) {
        prev.diagnostics.push(...diagnostics);
        continue;
      }
    }
    const merged = { ...p, diagnostics };
    if (p.shareKey !== undefined) byKey.set(p.shareKey, merged);
    out.push(merged);
  }
  return out;
}

function toActions(ctx: Context, plans: Array<Plan & { diagnostics: Diagnostic[] }>): lsp.CodeAction[] {
  const linesOf = (uri: string): LineIndex | undefined =>
    uri === ctx.model.uri ? ctx.model.lines : (ctx.index.getRegistry(uri)?.lines ?? ctx.index.getSource(uri)?.lines);
  return plans.map((p) => {
    const byUri = new Map<string, lsp.TextEdit[]>();
    const sorted = [...p.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const e of sorted) {
      const lines = linesOf(e.uri);
      const range = lines && e.uri !== p.create ? lines.rangeAt(e.start, e.end) : lsp.Range.create(0, 0, 0, 0);
      const list = byUri.get(e.uri);
      const edit = lsp.TextEdit.replace(range, e.newText);
      if (list) list.push(edit);
      else byUri.set(e.uri, [edit]);
    }
    let edit: lsp.WorkspaceEdit;
    if (p.create) {
      const documentChanges: Array<lsp.CreateFile | lsp.TextDocumentEdit> = [
        lsp.CreateFile.create(p.create, { ignoreIfExists: true }),
      ];
      for (const [uri, edits] of byUri)
        documentChanges.push(lsp.TextDocumentEdit.create({ uri, version: null }, edits));
      edit = { documentChanges };
    } else {
      edit = { changes: Object.fromEntries(byUri) };
    }
    const action: lsp.CodeAction = { title: p.title, kind: p.kind, edit };
    if (p.diagnostics.length > 0) action.diagnostics = p.diagnostics.map((d) => toLspDiagnostic(d));
    if (p.preferred) action.isPreferred = true;
    return action;
  });
}
