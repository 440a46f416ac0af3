/**
 * A compacted source model as plain data that is cheap to copy between threads: what a worker that read and
 * analysed a file sends to the thread that indexes it (server/src/sourcePool.ts).
 *
 * A model's mentions and claims are most of its objects (about 20 mentions and 5 claims a file), and copying
 * objects one by one (the structured clone of `postMessage`) costs on the receiving side a third of building the
 * model from its text. So their numbers travel in one `Int32Array` each and their strings in one array each, and
 * {@link unpackModel} makes the objects again, all of one shape, in a quarter to a half of the time the structured clone
 * takes. The text's UTF-8 bytes (a copy of exactly them, so a buffer of their own) travel by transfer:
 * {@link packModel} lists their buffer in `transfer`. The rest (metadata, problems, code regions) is small and copied as it is.
 */

import { intern } from '../base/text';
import type { Problem } from '../base/types';
import type { ParsedText } from '../syntax/parser';
import type { SourceMeta } from '../syntax/frontMatter';
import {
  compactFromParts,
  compactText,
  isCompact,
  newClaim,
  newMention,
  type Claim,
  type ClaimLink,
  type CompactText,
  type Mention,
  type ModelOptions,
  type SourceModel,
  type Verdict,
} from './source';

export interface PackedModel {
  uri: string;
  id: string;
  meta: SourceMeta;
  problems: Problem[];
  parsed: Omit<ParsedText, 'spans'>;
  /** {@link MENTION_INTS} numbers per mention (an absent offset is -1). */
  mentionInts: Int32Array;
  /** Per mention: its text and its `ref` (or undefined). */
  mentionStrings: Array<string | undefined>;
  /** {@link CLAIM_INTS} numbers per claim (an absent offset is -1). */
  claimInts: Int32Array;
  /** Per claim: {@link CLAIM_STRINGS} strings (or undefined). */
  claimStrings: Array<string | undefined>;
  /** The links of the claims that have any, by claim index. */
  links: Array<[number, ClaimLink[]]>;
  /** The text (see compactModel). */
  text: CompactText;
}

const MENTION_INTS = 7;
/** A claim's numbers and strings, in the order {@link unpackClaims} reads them. */
const CLAIM_OFFSET_FIELDS = [
  'start',
  'end',
  'contentStart',
  'contentEnd',
  'attrEnd',
  'idStart',
  'idEnd',
  'byStart',
  'byEnd',
  'keyStart',
  'keyEnd',
  'valueStart',
  'valueEnd',
] as const;
const CLAIM_STRING_FIELDS = ['text', 'id', 'by', 'key', 'value', 'asOf', 'verdict'] as const;
const CLAIM_INTS = CLAIM_OFFSET_FIELDS.length;
const CLAIM_STRINGS = CLAIM_STRING_FIELDS.length;

/**
 * Packs a model as the compacted model it would become (see compactModel), from the bytes its text was decoded
 * from, if given (its exact UTF-8 encoding, without a BOM). `transfer` lists the buffers the receiver may take over:
 * the packed model must not be used by the sender afterwards.
 */
export function packModel(model: SourceModel, utf8?: Uint8Array): { packed: PackedModel; transfer: ArrayBuffer[] } {
  if (isCompact(model)) throw new Error(`packModel: ${model.uri} is compact already`);
  const { spans: _spans, ...parsed } = model.parsed;
  const text = compactText(model, utf8);
  const mentions = packMentions(model.mentions);
  const claims = packClaims(model.claims);
  const packed: PackedModel = {
    uri: model.uri,
    id: model.id,
    meta: model.meta,
    problems: model.problems,
    parsed,
    mentionInts: mentions.ints,
    mentionStrings: mentions.strings,
    claimInts: claims.ints,
    claimStrings: claims.strings,
    links: claims.links,
    text,
  };
  const transfer = [mentions.ints.buffer as ArrayBuffer, claims.ints.buffer as ArrayBuffer];
  if ('bytes' in text) transfer.push(text.bytes.buffer as ArrayBuffer);
  return { packed, transfer };
}

/** The compacted model a {@link PackedModel} was packed from, analysed with `options`. */
export function unpackModel(packed: PackedModel, options: ModelOptions): SourceModel {
  return compactFromParts(
    {
      uri: packed.uri,
      id: packed.id,
      meta: packed.meta,
      problems: packed.problems,
      mentions: unpackMentions(packed.mentionInts, packed.mentionStrings),
      claims: unpackClaims(packed),
    },
    packed.parsed,
    options,
    packed.text,
  );
}

function packMentions(mentions: Mention[]): { ints: Int32Array; strings: Array<string | undefined> } {
  const ints = new Int32Array(mentions.length * MENTION_INTS);
  const strings = new Array<string | undefined>(mentions.length * 2);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const o = i * MENTION_INTS;
    ints[o] = m.start;
    ints[o + 1] = m.end;
    ints[o + 2] = m.contentStart;
    ints[o + 3] = m.contentEnd;
    ints[o + 4] = m.attrEnd;
    ints[o + 5] = m.refStart ?? -1;
    ints[o + 6] = m.refEnd ?? -1;
    strings[i * 2] = m.text;
    strings[i * 2 + 1] = m.ref;
  }
  return { ints, strings };
}

function unpackMentions(ints: Int32Array, strings: Array<string | undefined>): Mention[] {
  const n = ints.length / MENTION_INTS;
  const out = new Array<Mention>(n);
  for (let i = 0; i < n; i++) {
    const o = i * MENTION_INTS;
    const ref = strings[i * 2 + 1];
    out[i] = newMention(
      intern(strings[i * 2]!),
      ints[o]!,
      ints[o + 1]!,
      ints[o + 2]!,
      ints[o + 3]!,
      ints[o + 4]!,
      ref === undefined ? undefined : intern(ref),
      offset(ints[o + 5]!),
      offset(ints[o + 6]!),
    );
  }
  return out;
}

function packClaims(claims: Claim[]): {
  ints: Int32Array;
  strings: Array<string | undefined>;
  links: Array<[number, ClaimLink[]]>;
} {
  const ints = new Int32Array(claims.length * CLAIM_INTS);
  const strings = new Array<string | undefined>(claims.length * CLAIM_STRINGS);
  const links: Array<[number, ClaimLink[]]> = [];
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    CLAIM_OFFSET_FIELDS.forEach((f, k) => (ints[i * CLAIM_INTS + k] = c[f] ?? -1));
    CLAIM_STRING_FIELDS.forEach((f, k) => (strings[i * CLAIM_STRINGS + k] = c[f]));
    if (c.links.length > 0) links.push([i, c.links]);
  }
  return { ints, strings, links };
}

function unpackClaims(packed: PackedModel): Claim[] {
  const { claimInts: ints, claimStrings: strings } = packed;
  const n = ints.length / CLAIM_INTS;
  const out = new Array<Claim>(n);
  for (let i = 0; i < n; i++) {
    const o = i * CLAIM_INTS;
    const s = i * CLAIM_STRINGS;
    const c = newClaim(strings[s]!, ints[o]!, ints[o + 1]!, ints[o + 2]!, ints[o + 3]!, ints[o + 4]!);
    optional(c, 'id', strings[s + 1], 'idStart', ints[o + 5]!, 'idEnd', ints[o + 6]!);
    optional(c, 'by', strings[s + 2], 'byStart', ints[o + 7]!, 'byEnd', ints[o + 8]!);
    optional(c, 'key', strings[s + 3], 'keyStart', ints[o + 9]!, 'keyEnd', ints[o + 10]!);
    optional(c, 'value', strings[s + 4], 'valueStart', ints[o + 11]!, 'valueEnd', ints[o + 12]!);
    if (strings[s + 5] !== undefined) c.asOf = intern(strings[s + 5]!);
    if (strings[s + 6] !== undefined) c.verdict = strings[s + 6] as Verdict;
    out[i] = c;
  }
  for (const [i, links] of packed.links) out[i]!.links = links;
  return out;
}

type ClaimString = 'id' | 'by' | 'key' | 'value';

/** An offset as the model has it: -1 (packed for an absent one) is undefined. */
function offset(n: number): number | undefined {
  return n >= 0 ? n : undefined;
}

/** Sets a claim's optional attribute and its offsets, as the model has them: only those present. */
function optional(
  c: Claim,
  name: ClaimString,
  value: string | undefined,
  startName: `${ClaimString}Start`,
  start: number,
  endName: `${ClaimString}End`,
  end: number,
): void {
  if (value !== undefined) c[name] = intern(value);
  c[startName] = offset(start);
  c[endName] = offset(end);
}
