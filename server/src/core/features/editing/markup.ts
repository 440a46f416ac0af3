/**
 * Edits shared by the quick fixes and the refactorings, located by offsets:
 * attribute edits on a span, wrapping text in a new span, and the checks
 * that an edit keeps the markup around it intact (wrappable, structureIntact,
 * addsSpans). Line helpers for the edits that work on whole lines.
 */
import { applyOffsetEdits } from '../../base/edits';
import { parseText, type ParsedText, type Span } from '../../syntax/parser';
import type { Context, OffsetEdit } from './context';

/** Inserts an attribute before the closing `}` of a span's attribute list. */
export function insertAttribute(ctx: Context, span: Span, attribute: string): OffsetEdit {
  const close = span.end - 1;
  const before = ctx.text[close - 1] ?? '';
  return { uri: ctx.model.uri, start: close, end: close, newText: /\s/.test(before) ? attribute : ` ${attribute}` };
}

/** Sets `key=value`: replaces the value if the key is written (even malformed), else adds it. */
export function setAttribute(ctx: Context, span: Span, key: string, value: string): OffsetEdit {
  const a = span.attributes.find((x) => x.key === key);
  if (a) return { uri: ctx.model.uri, start: a.valueStart, end: a.valueEnd, newText: value };
  return insertAttribute(ctx, span, `${key}=${value}`);
}

/** Adds a link target to `supports=`/`disputes=`, extending an existing list. */
export function addLink(ctx: Context, span: Span, key: 'supports' | 'disputes', target: string): OffsetEdit {
  const a = span.attributes.find((x) => x.key === key);
  if (!a) return insertAttribute(ctx, span, `${key}=${target}`);
  if (a.quoted) return { uri: ctx.model.uri, start: a.valueEnd - 1, end: a.valueEnd - 1, newText: ` ${target}` };
  return { uri: ctx.model.uri, start: a.valueEnd, end: a.valueEnd, newText: `,${target}` };
}

export function wrap(uri: string, start: number, end: number, attributes: string): OffsetEdit[] {
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
export function wrappable(ctx: Context, start: number, end: number): boolean {
  const { text } = ctx;
  if (end <= start || start < ctx.parsed.bodyStart) return false;
  if (escaped(text, start) || escaped(text, end) || splitsSurrogate(text, start) || splitsSurrogate(text, end))
    return false;
  return true;
}

export function structureIntact(parsed: ParsedText, a: number, b: number): boolean {
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

export function lineStartOf(text: string, i: number): number {
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset after the line break at `lineEnd` (the end of a line's content). */
export function afterBreak(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return Math.min(text.length, lineEnd + 1);
}

export function isBlank(text: string, from: number, to: number): boolean {
  return /^[ \t]*$/.test(text.slice(from, to));
}

export function countSyntax(parsed: ParsedText): number {
  return parsed.problems.filter((p) => p.code === 'malformed-span' || p.code === 'malformed-attribute').length;
}

/**
 * A check on wrapping edits (pairs of '[' and ']{…}' inserts in this file):
 * once applied, every new span parses where its '[' is written, no other
 * span appears or goes, and no syntax problem is added.
 */
export function addsSpans(ctx: Context, edits: readonly OffsetEdit[]): boolean {
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

/**
 * The trimmed range [start, end) if a selection can be wrapped in a new span
 * without changing how anything else parses, or why it cannot.
 */
export function annotatable(
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

/** A span to write around [start, end) of a source's text: `[` before, `]{attributes}` after. */
export interface NewSpan {
  start: number;
  end: number;
  attributes: string;
}

/**
 * The edits that write several new spans at once, which may nest (one
 * holding another, even from the same offset) but never cross. At one
 * offset the closing brackets come first, inner before outer, then the
 * opening ones, outer before inner: the order in which an editor applies
 * inserts that share an offset.
 */
export function wrapEdits(uri: string, spans: readonly NewSpan[]): OffsetEdit[] {
  const marks = spans.flatMap((s) => [
    { at: s.start, close: false, s, newText: '[' },
    { at: s.end, close: true, s, newText: `]{${s.attributes}}` },
  ]);
  marks.sort(
    (a, b) =>
      a.at - b.at ||
      (a.close === b.close ? 0 : a.close ? -1 : 1) ||
      (a.close ? b.s.start - a.s.start : b.s.end - a.s.end),
  );
  return marks.map((m) => ({ uri, start: m.at, end: m.at, newText: m.newText }));
}

/**
 * The new spans among `spans` (which never cross) that can be written
 * together ({@link addsSpans}): all of them if they can, else, one by one in
 * the order given, each that still can with those kept before it.
 */
export function addableSpans(ctx: Context, spans: readonly NewSpan[]): NewSpan[] {
  const uri = ctx.model.uri;
  if (addsSpans(ctx, wrapEdits(uri, spans))) return [...spans];
  const kept: NewSpan[] = [];
  for (const s of spans) if (addsSpans(ctx, wrapEdits(uri, [...kept, s]))) kept.push(s);
  return kept;
}
