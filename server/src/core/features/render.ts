/**
 * The annotated article, rendered: a source's text with every span's markup
 * replaced by an HTML `<span>` (actors as chips coloured by kind, claims as
 * underlines coloured by status, each with a tooltip), for VS Code's Markdown
 * preview and the HTML report (features/report/). The prose is kept exactly: outside
 * spans nothing changes (front matter, code and the Markdown stay as
 * written, for the Markdown renderer that comes next); inside a span, `<` and
 * `&` are escaped outside code so that the text cannot open a tag. Spans are
 * found by the parser and read from the model, never re-scanned here.
 *
 * Two layers: {@link renderSpans} is pure over one text (a parse and a
 * function that says how each span opens); {@link renderedSource} answers
 * for a file of the index, with the statuses the index knows (the same
 * `corroboration` the hover and the code lenses read).
 */

import type { Range } from '../base/types';
import type { RenderedSource } from '../../../../common/rendering';
import type { ParsedText, Span } from '../syntax/parser';
import { buildSourceModel, type Claim, type SourceModel } from '../model/source';
import type { WorkspaceIndex } from '../workspace/workspace';
import { claimStatus } from './claimStatus';

/** The HTML that replaces a span's `[` and its `]{…}`. */
export interface SpanTags {
  open: string;
  close: string;
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * `text` with each span of `parsed` replaced by `tags(span)` around its
 * content: `[` becomes `open`, `]{…}` becomes `close`. Nested spans nest.
 * Inside spans, `<` and `&` outside code (and not after a backslash) become
 * entities; everything else is kept as written.
 */
export function renderSpans(text: string, parsed: ParsedText, tags: (span: Span) => SpanTags): string {
  const cuts: Array<{ from: number; to: number; html: string; open: boolean }> = [];
  for (const span of parsed.spans) {
    const t = tags(span);
    cuts.push({ from: span.start, to: span.contentStart, html: t.open, open: true });
    cuts.push({ from: span.contentEnd, to: span.end, html: t.close, open: false });
  }
  cuts.sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  let depth = 0;
  for (const cut of cuts) {
    const between = text.slice(at, cut.from);
    out += depth > 0 ? escapeOutsideCode(between, at, parsed.code) : between;
    out += cut.html;
    depth += cut.open ? 1 : -1;
    at = cut.to;
  }
  return out + text.slice(at);
}

/** `<` and `&` of `text` (which starts at `offset`) as entities, except inside code regions and after a backslash. */
function escapeOutsideCode(text: string, offset: number, code: ReadonlyArray<{ start: number; end: number }>): string {
  return text.replace(/(\\?)([<&])/g, (m, slash: string, c: string, i: number) => {
    if (slash !== '') return m;
    const at = offset + i;
    if (code.some((r) => r.start <= at && at < r.end)) return m;
    return c === '<' ? '&lt;' : '&amp;';
  });
}

/**
 * The tags of a span without the index: actor and claim classes, the
 * statuses a single file can tell (unsourced, anonymous), and the ids as
 * written. What {@link renderedSource} falls back to for a text the index
 * does not hold.
 */
export function plainTags(span: Span): SpanTags {
  const classes = span.classes.map((c) => c.value);
  const attr = (k: string): string | undefined => span.attributes.find((a) => a.key === k)?.value;
  if (classes.includes('actor')) {
    const ref = attr('ref');
    return tagsFor('corroborate-actor', ref !== undefined ? ref : '');
  }
  if (classes.includes('claim')) {
    const by = attr('by');
    const status = by === undefined ? 'unsourced' : by === 'anonymous' ? 'anonymous' : undefined;
    return tagsFor(
      `corroborate-claim${status ? ` corroborate-claim-${status}` : ''}`,
      claimTitle(attr('key'), attr('value'), by),
    );
  }
  return tagsFor('corroborate-span', '');
}

function tagsFor(classes: string, title: string): SpanTags {
  return { open: `<span class="${classes}"${title !== '' ? ` title="${escapeHtml(title)}"` : ''}>`, close: '</span>' };
}

function claimTitle(key: string | undefined, value: string | undefined, by: string | undefined, rest = ''): string {
  const kv = key !== undefined ? `${key} = ${value ?? '(no value)'}` : 'claim';
  const who = by === undefined ? 'unsourced' : `by ${by}`;
  return `${kv} · ${who}${rest}`.replace(/\s+/g, ' ');
}

/**
 * The rendered form of a file of the index. With `text` (what the preview
 * shows) that differs from the indexed text, that text is rendered with
 * {@link plainTags}: its spans, no cross-file status. Undefined for a file
 * that is neither indexed nor given.
 */
export function renderedSource(index: WorkspaceIndex, uri: string, text?: string): RenderedSource | undefined {
  const model = index.getSource(uri);
  if (model && (text === undefined || text === model.text)) {
    const parsed = model.parsed;
    const markdown = renderSpans(model.text, parsed, indexedTags(index, model));
    return { text: model.text, markdown, attributes: attributeRanges(model, parsed) };
  }
  if (text === undefined) return undefined;
  const own = buildSourceModel(uri, text);
  return { text, markdown: renderSpans(text, own.parsed, plainTags), attributes: attributeRanges(own, own.parsed) };
}

/**
 * The tags of the spans of an indexed source, with what the index knows:
 * actors by kind with their registry name, claims by status with who
 * corroborates or contradicts them. With `claimId`, a claim's open tag also
 * carries `id="…"` (the report's anchors; the id must be HTML-safe).
 */
export function indexedTags(
  index: WorkspaceIndex,
  model: SourceModel,
  claimId?: (claim: Claim) => string,
): (span: Span) => SpanTags {
  const mentions = new Map(model.mentions.map((m) => [m.start, m]));
  const actors = new Map(index.mentionRefs(model.uri).map((r) => [r.mention, r.actor]));
  const claims = new Map(model.claims.map((c) => [c.start, c]));
  return (span) => {
    const mention = mentions.get(span.start);
    if (mention) return actorTags(index, model, actors.get(mention) ?? mention.ref);
    const claim = claims.get(span.start);
    if (!claim) return plainTags(span);
    const tags = claimTags(index, model, claim);
    return claimId ? { ...tags, open: tags.open.replace('<span ', `<span id="${claimId(claim)}" `) } : tags;
  };
}

/** The ranges of the attribute lists of a file of the index; undefined if the index does not hold it. */
export function sourceAttributeRanges(index: WorkspaceIndex, uri: string): Range[] | undefined {
  const model = index.getSource(uri);
  return model && attributeRanges(model, model.parsed);
}

function attributeRanges(model: SourceModel, parsed: ParsedText): Range[] {
  return parsed.spans.map((s) => model.lines.rangeAt(s.attrStart, s.end));
}

function actorTags(index: WorkspaceIndex, model: SourceModel, actor: string | undefined): SpanTags {
  const def = actor !== undefined ? index.registryFor(model.uri)?.actors.get(actor) : undefined;
  const kind = def?.kind ?? 'unknown';
  const title = def
    ? `${def.name} (${actor})`
    : actor !== undefined
      ? `${actor} (not in the registry)`
      : 'unknown actor';
  return tagsFor(`corroborate-actor corroborate-actor-${kind}`, title);
}

function claimTags(index: WorkspaceIndex, model: SourceModel, claim: Claim): SpanTags {
  const registry = index.registryFor(model.uri);
  const by = claim.by === undefined ? undefined : (registry?.actors.get(claim.by)?.name ?? claim.by);
  const ref = claim.key !== undefined && claim.value !== undefined ? index.claimRef(model.uri, claim) : undefined;
  const view = ref ? index.corroboration(ref) : undefined;
  const status = claimStatus(claim, view);
  let rest = '';
  if (view && view.corroborating.size > 0) rest += ` · corroborated by ${view.corroborating.sourceIds(5).join(', ')}`;
  if (view && view.conflicting.size > 0) {
    const values = view.conflicting.values(3).map((v) => `${v.ids.join(', ')} (${v.first.claim.value ?? v.norm})`);
    rest += ` · conflicts with ${values.join('; ')}`;
  }
  return tagsFor(`corroborate-claim corroborate-claim-${status}`, claimTitle(claim.key, claim.value, by, rest));
}
