/**
 * The analysed form of one source file: its metadata, its actor mentions and
 * claims, and the problems that can be found by looking at this file alone.
 * Everything that depends on other files or on the registry is computed by
 * the workspace index.
 */

import { Utils, URI } from 'vscode-uri';
import { readFrontMatter, type SourceMeta } from '../syntax/frontMatter';
import { AS_OF } from './normalize';
import {
  parseText,
  type Attribute,
  type FrontMatterBlock,
  type ParseOptions,
  type ParsedText,
  type Span,
  type Token,
} from '../syntax/parser';
import { isActorId, isClaimKey, RESERVED_BY } from './registry';
import { closest } from '../base/strings';
import { checkTextSize } from '../base/limits';
import { LineIndex, detach, intern, invisibleNote } from '../base/text';
import { problem, type Problem } from '../base/types';

export interface Mention {
  /** The actor id as written in `ref=`, if any (otherwise resolved by name). */
  ref?: string;
  refStart?: number;
  refEnd?: number;
  /** The mention's text (markup removed). */
  text: string;
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** Offset of the attribute list's closing `}`. */
  attrEnd: number;
}

export interface ClaimLink {
  kind: 'supports' | 'disputes';
  /** Target source id; undefined means the same file. */
  source?: string;
  claim: string;
  start: number;
  end: number;
}

export interface Claim {
  id?: string;
  idStart?: number;
  idEnd?: number;
  by?: string;
  byStart?: number;
  byEnd?: number;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  value?: string;
  valueStart?: number;
  valueEnd?: number;
  asOf?: string;
  /** A fact-checker's verdict on the claim (`verdict=`, one of {@link VERDICTS}). */
  verdict?: Verdict;
  links: ClaimLink[];
  /** The claim's text (markup removed, whitespace folded, at most 400 characters). */
  text: string;
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  attrEnd: number;
}

export interface SourceModel {
  uri: string;
  /** Source id: front matter `id`, or the file name without `.seed.md`. */
  id: string;
  meta: SourceMeta;
  text: string;
  lines: LineIndex;
  parsed: ParsedText;
  mentions: Mention[];
  claims: Claim[];
  /** Problems found in this file alone (syntax, attributes, duplicate ids, repeated passages). */
  problems: Problem[];
}

export const SEED_SUFFIX = '.seed.md';

export function isSeedUri(uri: string): boolean {
  return uri.toLowerCase().endsWith(SEED_SUFFIX);
}

/** The default source id of a file: its name without `.seed.md`. */
export function defaultSourceId(uri: string): string {
  const base = Utils.basename(URI.parse(uri));
  return base.toLowerCase().endsWith(SEED_SUFFIX) ? base.slice(0, -SEED_SUFFIX.length) : base;
}

const CLAIM_ATTRS = new Set(['by', 'key', 'value', 'as-of', 'supports', 'disputes', 'verdict']);

/**
 * The verdicts `verdict=` takes (docs/format.md), from worst to best: a fixed
 * five-point scale, exported as schema.org `ClaimReview` ratings 1 to 5.
 */
export const VERDICTS = ['false', 'mostly-false', 'mixed', 'mostly-true', 'true'] as const;
export type Verdict = (typeof VERDICTS)[number];
const LINK = /^(?:([A-Za-z0-9][A-Za-z0-9._-]*))?#([^\s#]+)$/;
const MAX_QUOTE = 400;

/** Whether text[from, to) needs whitespace folding (a break, a tab, two spaces, or space at an end). */
function needsFolding(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  if (text.charCodeAt(from) <= 32 || text.charCodeAt(to - 1) <= 32) return true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || (c === 32 && text.charCodeAt(i + 1) === 32)) return true;
    // Every other character JavaScript's \s matches.
    if (
      c >= 0xa0 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff)
    )
      return true;
  }
  return false;
}

/** Text of a span's content with nested markup removed and whitespace folded. */
function contentText(text: string, parsed: ParsedText, spanIndex: number): string {
  const span = parsed.spans[spanIndex]!;
  // The common case: no nested span and nothing to fold — the text as written.
  const next = parsed.spans[spanIndex + 1];
  if (
    (!next || next.start >= span.contentEnd) &&
    span.contentEnd - span.contentStart <= MAX_QUOTE &&
    !needsFolding(text, span.contentStart, span.contentEnd)
  ) {
    // A slice, not a copy: the model keeps the text (compactModel copies what a compacted model keeps).
    return text.slice(span.contentStart, span.contentEnd);
  }
  let out = '';
  let at = span.contentStart;
  for (let s = spanIndex + 1; s < parsed.spans.length; s++) {
    const inner = parsed.spans[s]!;
    if (inner.start >= span.contentEnd) break;
    if (inner.start < at) continue;
    out += text.slice(at, inner.start);
    // Inner content without its brackets; deeper levels are folded in by this same walk.
    out += text
      .slice(inner.contentStart, inner.contentEnd)
      .replace(/\]\{[^}]*\}/g, '')
      .replace(/(?<!\\)\[/g, '');
    at = inner.end;
  }
  out += text.slice(at, span.contentEnd);
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_QUOTE ? out.slice(0, MAX_QUOTE - 1) + '…' : out;
}

function attr(span: Span, key: string): Attribute | undefined {
  return span.attributes.find((a) => a.key === key);
}

export interface ModelOptions extends ParseOptions {
  /** Larger files (bytes of UTF-8) are not analysed: the model is that of an empty text, with one `file-too-large` problem. */
  maxFileSize?: number;
  /** Most nodes YAML aliases may stand for in the front matter (see limits.ts). */
  maxYamlAliases?: number;
}

/** Where a problem of the text may be: a NUL, or a surrogate (one of a valid pair is skipped). */
const SUSPECT = /[\0\uD800-\uDFFF]/g;

/**
 * Problems of the text itself: a NUL character, a lone UTF-16 surrogate (the
 * first of each). One native scan for both; most texts have neither.
 */
function textProblems(text: string, problems: Problem[]): void {
  let nul = -1;
  let lone = -1;
  SUSPECT.lastIndex = 0;
  while ((nul < 0 || lone < 0) && SUSPECT.test(text)) {
    const i = SUSPECT.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0) {
      if (nul < 0) nul = i;
    } else if (c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) SUSPECT.lastIndex = i + 2;
    else if (lone < 0) lone = i;
  }
  SUSPECT.lastIndex = 0;
  if (nul >= 0)
    problems.push(
      problem(
        'encoding',
        nul,
        nul + 1,
        'NUL character (U+0000) in the text: the file may be corrupt or binary (it is analysed as text)',
      ),
    );
  if (lone >= 0) {
    const hex = text.charCodeAt(lone).toString(16).toUpperCase();
    problems.push(
      problem(
        'encoding',
        lone,
        lone + 1,
        `lone UTF-16 surrogate U+${hex}: half of a character, which cannot be saved as UTF-8 (it would become U+FFFD)`,
      ),
    );
  }
}

/** Models whose spans (and, if possible, text) were dropped (see {@link compactModel}). */
const compacted = new WeakSet<SourceModel>();
/** Spans parsed again for compacted models (by the model, or what holds its text), least recently used first (a few are kept). */
const reparsed = new Map<{ readonly text: string }, Span[]>();
/** Texts decoded again for compacted models, least recently used first (a few are kept). */
const redecoded = new Map<SourceModel, string>();
const KEPT = 8;

function remember<K, T>(cache: Map<K, T>, model: K, make: () => T): T {
  let value = cache.get(model);
  if (value !== undefined) cache.delete(model);
  else value = make();
  cache.set(model, value);
  if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  return value;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The small form of a model that is not being edited (a file read from disk), with what every feature sees:
 *
 * - its spans, the largest part of its memory, are dropped; `model.parsed.spans`
 *   parses the text again when asked (only the file's own features and its
 *   first diagnostics ask), with the same options, so the same spans come back;
 * - its text is kept as UTF-8 bytes (JavaScript keeps a text with one curly
 *   quote as two bytes per character) and `model.text` decodes it again when
 *   asked. Every string the model keeps is copied out of the text first, so
 *   that no slice of it keeps the whole text alive. A text with an encoding
 *   problem is kept as it is (a lone surrogate would not come back the same).
 *   `utf8`, if given, must be the text's exact UTF-8 encoding (the bytes it
 *   was decoded from, without a BOM): a copy is kept instead of encoding the
 *   text again.
 *
 * Mentions, claims, problems, front matter and code regions are the model's own objects. A new model object is
 * returned (see {@link compactFromParts}): compact a model before indexing it, and use the model returned.
 */
export function compactModel(model: SourceModel, options: ModelOptions = {}, utf8?: Uint8Array): SourceModel {
  if (compacted.has(model)) return model;
  const text = compactText(model, utf8);
  if ('bytes' in text) detachStrings(model);
  const { spans: _spans, ...parts } = model.parsed;
  const { uri, id, meta, mentions, claims, problems } = model;
  return compactFromParts({ uri, id, meta, mentions, claims, problems }, parts, options, text);
}

/** A compacted model's text: its UTF-8 bytes and its length in UTF-16 code units, or the text itself. */
export type CompactText = { bytes: Uint8Array; length: number } | { text: string };

/**
 * The text a compacted model keeps: its UTF-8 bytes (with its length in UTF-16 code units), or, for an empty text or
 * one with an encoding problem (a lone surrogate would not come back the same), the text itself. `utf8`, if given,
 * must be the text's exact UTF-8 encoding: a copy of it is made instead of encoding the text again. For
 * {@link compactModel} and packed.ts.
 */
export function compactText(model: SourceModel, utf8?: Uint8Array): CompactText {
  const text = model.text;
  if (text.length === 0 || model.problems.some((p) => p.code === 'encoding')) return { text };
  // A real copy, of exactly these bytes: Buffer#slice would share the caller's memory (for a
  // small file, Node's whole 8 KiB allocation pool).
  return { bytes: utf8 ? new Uint8Array(utf8) : utf8Encoder.encode(text), length: text.length };
}

/** Copies every string the model keeps that may be a slice of its text (see {@link detach}). */
function detachStrings(model: SourceModel): void {
  for (const m of model.mentions) m.text = intern(m.text);
  for (const c of model.claims) {
    c.text = detach(c.text);
    if (c.asOf !== undefined) c.asOf = intern(c.asOf);
  }
  const meta = model.meta as unknown as Record<string, unknown>;
  for (const k of Object.keys(meta)) if (typeof meta[k] === 'string') meta[k] = detach(meta[k]);
  for (const p of model.problems) {
    p.message = detach(p.message);
    if (p.related) for (const r of p.related) r.message = detach(r.message);
    if (p.data !== undefined) (p as { data?: unknown }).data = detachDeep(p.data);
  }
}

/** A copy of a plain value (YAML data, a problem's data) whose strings are detached. */
function detachDeep(value: unknown): unknown {
  if (typeof value === 'string') return detach(value);
  if (Array.isArray(value)) return value.map(detachDeep);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // '__proto__' stays an own key, as in the original: defined, not assigned (only it: defining every key would
      // make every object a slow, larger dictionary).
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: detachDeep(v), enumerable: true, writable: true, configurable: true });
      else out[k] = detachDeep(v);
    }
    return out;
  }
  return value;
}

/**
 * Builds a compacted model from its parts (a model's fields, its parse without the spans and its
 * {@link compactText}): for {@link compactModel}, and for packed.ts (parts copied from another thread). A model
 * whose text is kept as bytes is a {@link CompactSource}: every such model has one shape, its text and spans
 * getters of the class (an object literal with getters costs a hidden class, getters and closures per model).
 */
export function compactFromParts(
  fields: Omit<SourceModel, 'text' | 'lines' | 'parsed'>,
  parts: Omit<ParsedText, 'spans'>,
  options: ModelOptions,
  text: CompactText,
): SourceModel {
  const { uri, id, meta, problems } = fields;
  // Copies at their exact length: a list grown by push keeps up to half its length spare (at 10,000 articles, 2.6 MiB
  // of the mentions' and claims' lists), and a compacted model is kept for as long as its file is closed.
  const mentions = fields.mentions.slice();
  const claims = fields.claims.slice();
  let model: SourceModel;
  if ('bytes' in text)
    model = new CompactSource(uri, id, meta, mentions, claims, problems, parts, options, text.bytes, text.length);
  else {
    const source = { text: text.text };
    const parsed = new CompactParse(parts, source, options);
    model = { uri, id, meta, text: text.text, lines: new LineIndex(text.text), parsed, mentions, claims, problems };
  }
  compacted.add(model);
  return model;
}

/**
 * How the text of a compacted model can be kept compressed ({@link keepCompressed}). The caller compresses (the
 * server with node:zlib, on other threads); the core only asks for the bytes back, when a feature reads the text.
 */
export interface TextCodec {
  /** The bytes `compressed` was made from. */
  decompress(compressed: Uint8Array): Uint8Array;
}

/** The UTF-8 bytes a compacted model keeps of its text, if it keeps them as they are (not compressed). */
export function uncompressedText(model: SourceModel): Uint8Array | undefined {
  return model instanceof CompactSource ? model.plainBytes() : undefined;
}

/**
 * Makes a compacted model keep `compressed` (what `codec` decompresses into `bytes`, the bytes
 * {@link uncompressedText} gave) instead of its text's bytes, its line table built first (from the bytes). False, and
 * nothing changed, if the model no longer keeps those bytes as they are.
 */
export function keepCompressed(
  model: SourceModel,
  bytes: Uint8Array,
  compressed: Uint8Array,
  codec: TextCodec,
): boolean {
  return model instanceof CompactSource && model.keepCompressed(bytes, compressed, codec);
}

/**
 * A compacted model whose text is kept as its UTF-8 bytes, or compressed ({@link keepCompressed}), and decoded again
 * when asked (a few are kept decoded).
 */
class CompactSource implements SourceModel {
  readonly lines: LineIndex;
  readonly parsed: ParsedText;
  #bytes: Uint8Array;
  /** Set once `#bytes` are compressed: how to get the text's bytes back. */
  #codec: TextCodec | undefined = undefined;

  constructor(
    public uri: string,
    public id: string,
    public meta: SourceMeta,
    public mentions: Mention[],
    public claims: Claim[],
    public problems: Problem[],
    parts: Omit<ParsedText, 'spans'>,
    options: ModelOptions,
    bytes: Uint8Array,
    length: number,
  ) {
    this.#bytes = bytes;
    this.lines = LineIndex.deferred(length, this);
    this.parsed = new CompactParse(parts, this, options);
  }

  get text(): string {
    return remember(redecoded, this, () =>
      utf8Decoder.decode(this.#codec ? this.#codec.decompress(this.#bytes) : this.#bytes),
    );
  }

  plainBytes(): Uint8Array | undefined {
    return this.#codec ? undefined : this.#bytes;
  }

  keepCompressed(bytes: Uint8Array, compressed: Uint8Array, codec: TextCodec): boolean {
    if (this.#codec || this.#bytes !== bytes) return false;
    // Positions (references, hover cards, diagnostics) then never need the text: the table is a few bytes a line.
    this.lines.buildFromUtf8(bytes);
    this.#bytes = compressed;
    this.#codec = codec;
    return true;
  }
}

/** The parse of a compacted model: its spans are parsed again from the model's text when asked (a few are kept). */
class CompactParse implements ParsedText {
  frontMatter: FrontMatterBlock | undefined;
  bodyStart: number;
  code: Array<{ start: number; end: number }>;
  skipped: Array<{ start: number; end: number }>;
  problems: Problem[];
  readonly #source: { readonly text: string };
  readonly #options: ModelOptions;

  constructor(parts: Omit<ParsedText, 'spans'>, source: { readonly text: string }, options: ModelOptions) {
    this.frontMatter = parts.frontMatter;
    this.bodyStart = parts.bodyStart;
    this.code = parts.code;
    this.skipped = parts.skipped;
    this.problems = parts.problems;
    this.#source = source;
    this.#options = options;
  }

  get spans(): Span[] {
    return remember(reparsed, this.#source, () => parseText(this.#source.text, this.#options).spans);
  }
}

export function isCompact(model: SourceModel): boolean {
  return compacted.has(model);
}

/** Analyses one source file. Pure and total: any string gives a model. */
export function buildSourceModel(uri: string, text: string, options: ModelOptions = {}): SourceModel {
  const tooLarge = options.maxFileSize !== undefined ? checkTextSize(text, options.maxFileSize) : undefined;
  if (tooLarge) text = '';
  const parsed = parseText(text, options);
  const lines = new LineIndex(text);
  const problems: Problem[] = [...parsed.problems];
  if (tooLarge) problems.push(tooLarge);
  textProblems(text, problems);
  const meta = readMeta(text, parsed, problems, options);
  const model: SourceModel = {
    uri,
    id: meta.id ?? defaultSourceId(uri),
    meta,
    text,
    lines,
    parsed,
    mentions: [],
    claims: [],
    problems,
  };
  const ids = new Map<string, Span>();
  for (let index = 0; index < parsed.spans.length; index++) readSpan(model, index, ids);
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return model;
}

/** The source's metadata, from its front matter if it has one. */
function readMeta(text: string, parsed: ParsedText, problems: Problem[], options: ModelOptions): SourceMeta {
  if (!parsed.frontMatter) return {};
  return readFrontMatter(
    text,
    parsed.frontMatter,
    problems,
    options.maxYamlAliases !== undefined ? { maxYamlAliases: options.maxYamlAliases } : {},
  );
}

/** Reads span `index` into the model: a mention, a claim, or problems (`ids` maps the ids seen so far to their span). */
function readSpan(model: SourceModel, index: number, ids: Map<string, Span>): void {
  const { text, parsed, problems } = model;
  const span = parsed.spans[index]!;
  if (span.id) checkUniqueId(model, span, span.id, ids);
  const isActor = span.classes.some((c) => c.value === 'actor');
  const isClaim = span.classes.some((c) => c.value === 'claim');
  checkClassNames(span, problems);
  if (isActor && isClaim) {
    problems.push(
      problem(
        'malformed-attribute',
        span.attrStart,
        span.end,
        "a span is either '.actor' or '.claim', not both: nest one inside the other",
      ),
    );
    return;
  }
  if (isActor) model.mentions.push(readMention(text, parsed, index, problems));
  else if (isClaim) model.claims.push(readClaim(text, parsed, index, problems));
  else checkUnclassedAttributes(span, problems);
}

/** Reports the span's id if an earlier span of the file has it, else records it in `ids`. */
function checkUniqueId(model: SourceModel, span: Span, id: Token, ids: Map<string, Span>): void {
  const first = ids.get(id.value);
  if (!first?.id) {
    ids.set(id.value, span);
    return;
  }
  model.problems.push(
    problem('duplicate-id', id.start - 1, id.end, `'#${id.value}' is already the id of another span in this file`, {
      related: [
        {
          uri: model.uri,
          range: model.lines.rangeAt(first.id.start - 1, first.id.end),
          message: `first '#${id.value}'`,
        },
      ],
    }),
  );
}

/** Reports classes that look like a misspelt '.actor' or '.claim'. */
function checkClassNames(span: Span, problems: Problem[]): void {
  for (const c of span.classes) {
    if (c.value === 'actor' || c.value === 'claim') continue;
    const guess = closest(c.value, ['actor', 'claim']);
    if (guess)
      problems.push(
        problem('malformed-attribute', c.start - 1, c.end, `unknown class '.${c.value}' (did you mean '.${guess}'?)`, {
          data: { replacement: guess },
        }),
      );
  }
}

/** Reports the attributes of a span that is neither '.actor' nor '.claim' that only have a meaning on one. */
function checkUnclassedAttributes(span: Span, problems: Problem[]): void {
  for (const a of span.attributes) {
    if (a.key !== 'ref' && !CLAIM_ATTRS.has(a.key)) continue;
    const cls = a.key === 'ref' ? '.actor' : '.claim';
    problems.push(
      problem(
        'malformed-attribute',
        a.keyStart,
        a.valueEnd,
        `'${a.key}=' only has a meaning on '${cls}' spans: add '${cls}'`,
      ),
    );
  }
}

/**
 * The links of a claim that has none: one shared, frozen array (most claims have no links, and an empty array per
 * claim is one more object each). A claim's first link replaces it with an array of its own.
 */
export const NO_LINKS: ClaimLink[] = Object.freeze([]) as unknown as ClaimLink[];

/**
 * A mention with every field of {@link Mention}, the absent ones `undefined`: all mentions have one shape, its
 * fields inside the object. (An object literal keeps inside it only the fields it is written with; each field set
 * later goes to a separate array, one more object per mention.) Here and in packed.ts.
 */
export function newMention(
  text: string,
  start: number,
  end: number,
  contentStart: number,
  contentEnd: number,
  attrEnd: number,
  ref?: string,
  refStart?: number,
  refEnd?: number,
): Mention {
  return { ref, refStart, refEnd, text, start, end, contentStart, contentEnd, attrEnd };
}

/** A claim with every field of {@link Claim}, the absent ones `undefined`, and no links (see {@link newMention}). */
export function newClaim(
  text: string,
  start: number,
  end: number,
  contentStart: number,
  contentEnd: number,
  attrEnd: number,
): Claim {
  return {
    id: undefined,
    idStart: undefined,
    idEnd: undefined,
    by: undefined,
    byStart: undefined,
    byEnd: undefined,
    key: undefined,
    keyStart: undefined,
    keyEnd: undefined,
    value: undefined,
    valueStart: undefined,
    valueEnd: undefined,
    asOf: undefined,
    verdict: undefined,
    links: NO_LINKS,
    text,
    start,
    end,
    contentStart,
    contentEnd,
    attrEnd,
  };
}

/** A mention or a claim (`make`) placed at span `index`, its text the span's content. */
function atSpan<T>(
  make: (text: string, start: number, end: number, contentStart: number, contentEnd: number, attrEnd: number) => T,
  text: string,
  parsed: ParsedText,
  index: number,
): T {
  const span = parsed.spans[index]!;
  // The attribute list ends with the span, at its closing `}`.
  return make(contentText(text, parsed, index), span.start, span.end, span.contentStart, span.contentEnd, span.end - 1);
}

function readMention(text: string, parsed: ParsedText, index: number, problems: Problem[]): Mention {
  const span = parsed.spans[index]!;
  const mention = atSpan(newMention, text, parsed, index);
  for (const a of span.attributes) {
    if (a.key === 'ref') {
      if (!isActorId(a.value)) {
        problems.push(
          problem(
            'malformed-attribute',
            a.valueStart,
            a.valueEnd,
            `'${a.value}' is not an actor id: ids are letters, digits, '.', '_' and '-'${invisibleNote(a.value)}`,
          ),
        );
      } else {
        mention.ref = intern(a.value);
        mention.refStart = a.valueStart;
        mention.refEnd = a.valueEnd;
      }
    } else if (CLAIM_ATTRS.has(a.key)) {
      problems.push(
        problem(
          'malformed-attribute',
          a.keyStart,
          a.valueEnd,
          `'${a.key}=' belongs on a '.claim' span, not on an '.actor' span`,
        ),
      );
    }
  }
  if (mention.text === '' && mention.ref === undefined) {
    problems.push(
      problem('malformed-attribute', span.start, span.end, "an empty '.actor' span needs 'ref=' to say who it is"),
    );
  }
  return mention;
}

function readClaim(text: string, parsed: ParsedText, index: number, problems: Problem[]): Claim {
  const span = parsed.spans[index]!;
  const claim = atSpan(newClaim, text, parsed, index);
  if (span.id) {
    claim.id = intern(span.id.value);
    claim.idStart = span.id.start;
    claim.idEnd = span.id.end;
  }
  for (const a of span.attributes) readClaimAttribute(a, claim, problems);
  checkKeyAndValue(span, claim, problems);
  return claim;
}

/** Reads one attribute of a claim span into `claim`, or reports it. */
function readClaimAttribute(a: Attribute, claim: Claim, problems: Problem[]): void {
  switch (a.key) {
    case 'by':
      readBy(a, claim, problems);
      break;
    case 'key':
      readKey(a, claim, problems);
      break;
    case 'value':
      if (a.value.trim() === '')
        problems.push(problem('malformed-attribute', a.valueStart, a.valueEnd, "'value=' is empty"));
      else {
        claim.value = intern(a.value);
        claim.valueStart = a.valueStart;
        claim.valueEnd = a.valueEnd;
      }
      break;
    case 'as-of':
      if (!AS_OF.test(a.value)) {
        problems.push(
          problem(
            'malformed-attribute',
            a.valueStart,
            a.valueEnd,
            `'as-of=' takes a date such as 2025, 2025-06 or 2025-06-25, not '${a.value}'`,
          ),
        );
      } else claim.asOf = a.value;
      break;
    case 'supports':
    case 'disputes':
      readLinks(a, claim, problems);
      break;
    case 'verdict':
      if ((VERDICTS as readonly string[]).includes(a.value)) claim.verdict = a.value as Verdict;
      else
        problems.push(
          problem(
            'malformed-attribute',
            a.valueStart,
            a.valueEnd,
            `'verdict=' takes one of ${VERDICTS.join(', ')}, not '${a.value}'${invisibleNote(a.value)}`,
          ),
        );
      break;
    case 'ref':
      problems.push(
        problem(
          'malformed-attribute',
          a.keyStart,
          a.valueEnd,
          "'ref=' belongs on an '.actor' span; a claim names who asserts it with 'by='",
        ),
      );
      break;
  }
}

function readBy(a: Attribute, claim: Claim, problems: Problem[]): void {
  if (!isActorId(a.value) && !(RESERVED_BY as readonly string[]).includes(a.value)) {
    problems.push(
      problem(
        'malformed-attribute',
        a.valueStart,
        a.valueEnd,
        `'by=' takes an actor id, 'anonymous' or 'outlet', not '${a.value}'${invisibleNote(a.value)}`,
      ),
    );
    return;
  }
  claim.by = intern(a.value);
  claim.byStart = a.valueStart;
  claim.byEnd = a.valueEnd;
}

function readKey(a: Attribute, claim: Claim, problems: Problem[]): void {
  if (!isClaimKey(a.value)) {
    problems.push(
      problem(
        'malformed-attribute',
        a.valueStart,
        a.valueEnd,
        `'${a.value}' is not a claim key: keys are letters, digits, '.', '_' and '-' (e.g. nato.spending-target)${invisibleNote(a.value)}`,
      ),
    );
    return;
  }
  claim.key = intern(a.value);
  claim.keyStart = a.valueStart;
  claim.keyEnd = a.valueEnd;
}

/** Reports a claim with a key but no value, or a value but no key. */
function checkKeyAndValue(span: Span, claim: Claim, problems: Problem[]): void {
  if (claim.key !== undefined && claim.value === undefined && !attr(span, 'value')) {
    problems.push(
      problem(
        'malformed-attribute',
        a0(span, 'key'),
        span.end - 1,
        `claim key '${claim.key}' needs a 'value=' (what the source asserts)`,
      ),
    );
  }
  if (claim.value !== undefined && claim.key === undefined && !attr(span, 'key')) {
    problems.push(
      problem(
        'malformed-attribute',
        a0(span, 'value'),
        span.end - 1,
        "'value=' needs a 'key=' saying what the value is of",
      ),
    );
  }
}

function a0(span: Span, key: string): number {
  return attr(span, key)?.keyStart ?? span.attrStart;
}

function readLinks(a: Attribute, claim: Claim, problems: Problem[]): void {
  const kind = a.key as 'supports' | 'disputes';
  // The value may list several targets separated by spaces or commas.
  const base = a.valueStart + (a.quoted ? 1 : 0);
  const re = /[^\s,]+/g;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(a.value))) {
    any = true;
    // Offsets are exact when the value has no escapes (the usual case).
    const start = a.value.length === a.valueEnd - a.valueStart - (a.quoted ? 2 : 0) ? base + m.index : a.valueStart;
    const end = start === a.valueStart && a.quoted ? a.valueEnd : start + m[0].length;
    const link = LINK.exec(m[0]);
    if (!link) {
      problems.push(
        problem(
          'malformed-attribute',
          start,
          end,
          `'${kind}=' takes '#claim-id' or 'source-id#claim-id', not '${m[0]}'`,
        ),
      );
      continue;
    }
    const l: ClaimLink = { kind, claim: intern(link[2]!), start, end };
    if (link[1]) l.source = intern(link[1]);
    if (claim.links === NO_LINKS) claim.links = [];
    claim.links.push(l);
  }
  if (!any) problems.push(problem('malformed-attribute', a.valueStart, a.valueEnd, `'${kind}=' is empty`));
}
