/**
 * unannotated-mention: a registry name or alias in plain text, a candidate
 * for annotation (a hint, and a check the settings can switch off). The
 * matching ({@link findUnannotatedMentions}), the check, and its fixes:
 * annotate this mention, or all mentions of the actor in the file.
 */
import type { SourceModel } from '../../model/source';
import type { Registry } from '../../model/registry';
import { excludedRegions, WordOffsets, WORD_PATTERN } from '../../syntax/words';

import { problem, type Problem } from '../../base/types';
import type { Fixes, OffsetEdit } from '../editing/context';
import { addsSpans, wrap, wrappable } from '../editing/markup';
import type { CheckContext } from './check';

interface NameEntry {
  words: string[];
  actor: string;
  /** The name ends with a '.' that the word tokenizer leaves out (e.g. "U.S."). */
  trailingDot: boolean;
}

interface Matcher {
  /** The names by their first word, longest first. */
  byFirst: Map<string, NameEntry[]>;
  /** The first code unit of every name's first word: a word that starts with another is no name's start. */
  firstUnits: Set<number>;
}

const matchers = new WeakMap<Registry, Matcher>();

function matcherFor(registry: Registry): Matcher {
  let m = matchers.get(registry);
  if (m) return m;
  m = { byFirst: new Map(), firstUnits: new Set() };
  for (const [name, actor] of registry.names) {
    const words = name.match(WORD_PATTERN);
    if (!words || words.length === 0) continue;
    const list = m.byFirst.get(words[0]);
    const entry = { words, actor, trailingDot: name.endsWith('.') };
    if (list) list.push(entry);
    else m.byFirst.set(words[0], [entry]);
    m.firstUnits.add(words[0].charCodeAt(0));
  }
  for (const list of m.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  matchers.set(registry, m);
  return m;
}

/** The words of the file being scanned (kept between calls: the check runs on every edit of a file). */
const words = new WordOffsets();

export interface UnannotatedMention {
  start: number;
  end: number;
  actor: string;
}

/** Results per model (a model is never changed, only replaced) for the registry they were found with. */
const found = new WeakMap<SourceModel, { registry: Registry; mentions: readonly UnannotatedMention[] }>();

/**
 * Registry names in the prose that are not annotated. Cached per model and
 * registry: a change elsewhere in the workspace re-reports a file's
 * diagnostics without scanning its words again.
 *
 * Finds registry names and aliases in plain text: candidates for annotation.
 * Matching is by whole words, case-sensitive (names are proper nouns), with
 * multi-word names matched across single runs of whitespace; the longest
 * name wins. Text inside actor spans, attribute lists, code and front matter
 * is skipped. Cost: O(words of the file), independent of the registry size; a string is made only of the words
 * that begin as a name does.
 */
export function findUnannotatedMentions(model: SourceModel, registry: Registry): readonly UnannotatedMention[] {
  const cached = found.get(model);
  if (cached?.registry === registry) return cached.mentions;
  const mentions = scanUnannotated(model, registry);
  found.set(model, { registry, mentions });
  return mentions;
}

function scanUnannotated(model: SourceModel, registry: Registry): UnannotatedMention[] {
  if (registry.names.size === 0) return [];
  const matcher = matcherFor(registry);
  const { text, parsed } = model;
  const actorContents: Array<[number, number]> = model.mentions.map((m) => [m.start, m.end]);
  const n = words.collect(text, excludedRegions(parsed, actorContents));
  const { starts, ends } = words;
  const found: UnannotatedMention[] = [];
  for (let i = 0; i < n; i++) {
    // Most words cannot start a name: no string is made of them.
    if (!matcher.firstUnits.has(text.charCodeAt(starts[i]!))) continue;
    const candidates = matcher.byFirst.get(text.slice(starts[i], ends[i]));
    if (!candidates) continue;
    for (const c of candidates) {
      let ok = i + c.words.length <= n;
      for (let k = 1; ok && k < c.words.length; k++) {
        ok =
          text.slice(starts[i + k], ends[i + k]) === c.words[k] &&
          /^[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*$/.test(text.slice(ends[i + k - 1], starts[i + k])) &&
          ends[i + k - 1]! < starts[i + k]!;
      }
      if (!ok) continue;
      let end = ends[i + c.words.length - 1]!;
      if (c.trailingDot && text.charCodeAt(end) === 46) end++;
      found.push({ start: starts[i]!, end, actor: c.actor });
      i += c.words.length - 1;
      break;
    }
  }
  return found;
}

export function check(ctx: CheckContext, out: Problem[]): void {
  const { model, registry } = ctx;
  if (!registry) return;
  for (const u of findUnannotatedMentions(model, registry)) {
    const actor = registry.actors.get(u.actor)!;
    out.push(
      problem(
        'unannotated-mention',
        u.start,
        u.end,
        `'${model.text.slice(u.start, u.end)}' is ${actor.name === model.text.slice(u.start, u.end) ? `actor '${actor.id}'` : `'${actor.name}' (${actor.id})`} but is not annotated`,
        {
          data: { actor: actor.id },
        },
      ),
    );
  }
}

export function fixes(f: Fixes<'unannotated-mention'>): void {
  const { ctx, uri, start, end } = f;
  const actor = f.data?.actor;
  if (actor === undefined || !wrappable(ctx, start, end)) return;
  const text = ctx.text.slice(start, end);
  // An attribute list left open earlier in the paragraph would take the new '}' as its end: offered only if the span parses where it is written.
  const one = wrap(uri, start, end, `.actor ref=${actor}`);
  // The same fix as a suggested-actor hint's on this name: shown once (the key is annotateKey's).
  if (addsSpans(ctx, one))
    f.add(`Annotate '${text}' as actor ${actor}`, one, { preferred: true, shareKey: annotateKey(start, end, actor) });
  let edits = ctx.annotateAll.get(actor);
  if (!edits) ctx.annotateAll.set(actor, (edits = annotateAll(f, actor)));
  if (edits.length > 2) {
    const name = ctx.registry?.actors.get(actor)?.name ?? actor;
    f.add(`Annotate all ${edits.length / 2} mentions of ${name} in this file`, edits, {
      shareKey: `annotate-all:${actor}`,
    });
  }
}

/** The share key of "annotate this name as actor `id`" (unannotated-mention and suggested-actor offer it both). */
export function annotateKey(start: number, end: number, id: string): string {
  return `annotate:${start}:${end}:${id}`;
}

/** The wrapping edits of every unannotated mention of `actor` in the file, or none if they do not all parse. */
function annotateAll(f: Fixes<'unannotated-mention'>, actor: string): OffsetEdit[] {
  const { ctx, uri } = f;
  const edits: OffsetEdit[] = [];
  for (const o of f.all) {
    if (o.code !== 'unannotated-mention' || o.data?.actor !== actor) continue;
    const s = ctx.offset(o.range.start);
    const e = ctx.offset(o.range.end);
    if (wrappable(ctx, s, e)) edits.push(...wrap(uri, s, e, `.actor ref=${actor}`));
  }
  return addsSpans(ctx, edits) ? edits : [];
}
