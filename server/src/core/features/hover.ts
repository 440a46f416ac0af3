/**
 * Hovers: an actor's card (who it is, where it is mentioned, what it
 * asserts), a claim's card (who asserts it, who agrees and who does not), a
 * claim key's values across the workspace, a link's target. Every list comes
 * from one of the index's maps, so a hover costs what it shows.
 */

import * as lsp from 'vscode-languageserver-types';
import type { ClaimLink, SourceModel } from '../model/source';
import { code, escapeMarkdown, linkDestination, plural, positionLinkTo, quote, sourceName, urlLink } from './markdown';
import { isReservedBy, linksFromTo, targetAt, type ClaimAt } from './navigation';
import { describeInterval } from '../model/normalize';
import { TOLERANCE } from '../model/quantity';
import type { Registry } from '../model/registry';
import type { ClaimList } from '../workspace/claims';
import type { ClaimRef, WorkspaceIndex } from '../workspace/workspace';
import type { Position } from '../base/types';

/** Lists longer than this end with "and N more". */
export const HOVER_LIST_LIMIT = 10;

const esc = escapeMarkdown;

export function hover(index: WorkspaceIndex, uri: string, position: Position): lsp.Hover | undefined {
  const at = targetAt(index, uri, position);
  if (!at) return undefined;
  const t = at.target;
  let value: string;
  switch (t.kind) {
    case 'mention':
      value =
        t.actor === undefined
          ? unknownMentionCard(t.mention.text, index.registryFor(uri))
          : actorCard(index, t.actor, index.registryFor(uri));
      break;
    case 'actor-ref':
      value = isReservedBy(t.actor)
        ? reservedCard(t.model, t.actor)
        : actorCard(index, t.actor, index.registryFor(uri));
      break;
    case 'registry-actor':
      value = actorCard(index, t.actor.id, t.registry);
      break;
    case 'claim':
      value = claimCard(index, t.model, t.claim);
      break;
    case 'claim-key':
      value = keyCard(index, t.key, index.registryFor(uri), { model: t.model, claim: t.claim });
      break;
    case 'registry-key':
      value = keyCard(index, t.def.key, t.registry);
      break;
    case 'claim-link':
      value = linkCard(index, t.model, t.link);
      break;
  }
  return { contents: { kind: lsp.MarkupKind.Markdown, value }, range: at.lines.rangeAt(t.start, t.end) };
}

// ---- pieces -------------------------------------------------------------------------

function paragraphs(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');
}

/** A bulleted list capped at {@link HOVER_LIST_LIMIT} items. */
function list<T>(items: readonly T[], render: (item: T) => string): string {
  return cappedList(items.slice(0, HOVER_LIST_LIMIT), items.length, render);
}

/** The bulleted list of `size` items of which `head` are the first (at most {@link HOVER_LIST_LIMIT}). */
function cappedList<T>(head: readonly T[], size: number, render: (item: T) => string): string {
  const shown = head.map((i) => `- ${render(i)}`);
  if (size > HOVER_LIST_LIMIT) shown.push(`- and ${size - HOVER_LIST_LIMIT} more`);
  return shown.join('\n');
}

/**
 * The first {@link HOVER_LIST_LIMIT} of the items offered, in the order
 * `before` (a strict total order), without sorting them all: each offer costs
 * one comparison with the last kept item, plus an insertion into at most
 * HOVER_LIST_LIMIT items if it is kept.
 */
class FirstItems<T> {
  readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  offer(item: T): void {
    const top = this.items;
    const k = HOVER_LIST_LIMIT;
    if (top.length === k && !this.before(item, top[k - 1]!)) return;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && this.before(item, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = item;
  }
}

/** Like {@link list}, for a lazily produced list of claims: only the shown ones are produced. */
function claimList(claims: ClaimList, render: (item: ClaimRef) => string): string {
  return cappedList(claims.take(HOVER_LIST_LIMIT), claims.size, render);
}

/**
 * What lists show of a source, escaped once per model rather than once per
 * row of every hover: its name, its title, and its URI as a link
 * destination. A model is replaced when its file changes, so this is exact.
 */
interface Labels {
  name: string;
  title: string;
  destination: string;
}
const labels = new WeakMap<SourceModel, Labels>();

function labelsOf(model: SourceModel): Labels {
  let l = labels.get(model);
  if (!l) {
    l = {
      name: esc(sourceName(model)),
      title: esc(model.meta.title ?? model.id),
      destination: linkDestination(model.uri),
    };
    labels.set(model, l);
  }
  return l;
}

/** A link that opens a source at an offset. */
function linkAt(label: string, model: SourceModel, offset: number): string {
  return positionLinkTo(label, labelsOf(model).destination, model.lines.positionAt(offset));
}

function claimLink(at: ClaimAt): string {
  return linkAt(labelsOf(at.model).name, at.model, at.claim.start);
}

/** quote(claim.text, 60), which lists of claims show, once per claim. */
const shortQuotes = new WeakMap<ClaimAt['claim'], string>();
function shortQuote(claim: ClaimAt['claim']): string {
  let q = shortQuotes.get(claim);
  if (q === undefined) shortQuotes.set(claim, (q = quote(claim.text, 60)));
  return q;
}

function asOf(at: ClaimAt): string {
  return at.claim.asOf !== undefined ? ` · as of ${esc(at.claim.asOf)}` : '';
}

function actorName(registry: Registry | undefined, actor: string): string | undefined {
  return registry?.actors.get(actor)?.name;
}

/** "Asserted by Mark Rutte", "Unnamed source (anonymous)", "The outlet's own assertion", "**Unsourced**". */
function assertion(index: WorkspaceIndex, at: ClaimAt): string {
  const by = at.claim.by;
  if (by === undefined) return '**Unsourced**: no `by=` says who asserts this';
  if (by === 'anonymous') return 'Unnamed source (anonymous)';
  if (by === 'outlet')
    return `The outlet's own assertion${at.model.meta.outlet !== undefined ? ` (${esc(at.model.meta.outlet)})` : ''}`;
  const name = actorName(index.registryFor(at.model.uri), by);
  return name !== undefined ? `Asserted by **${esc(name)}**` : `Asserted by ${code(by)} (not in the registry)`;
}

function keyValue(at: ClaimAt): string | undefined {
  const { key, value } = at.claim;
  if (key === undefined) return undefined;
  return `${code(key)} = ${value !== undefined ? `**${esc(value)}**` : '_no value_'}${asOf(at)}`;
}

// ---- actors -------------------------------------------------------------------------

interface ActorCardData {
  mentionsVersion: number;
  claimsVersion: number;
  /** Sources that mention the actor, and its mentions in all. */
  sources: number;
  total: number;
  /** The sources of the shown rows: most mentions first, then by URI. */
  rows: readonly string[];
  /** Claims whose `by=` is the actor. */
  claims: number;
  /** The first sources (by URI) with such claims: the first claims by (URI, position) are theirs. */
  claimSources: readonly string[];
}
const actorCardData = new WeakMap<WorkspaceIndex, Map<string, ActorCardData>>();

/**
 * Where an actor is mentioned and how many claims it makes, as the card
 * shows them. A popular actor is mentioned in thousands of sources: the
 * counts and the sources of the shown rows are kept per actor until the
 * number of its mentions or claims in some source changes (the index's
 * version numbers say when), so typing prose never invalidates them. The
 * rows themselves are read from the index at each hover.
 */
function cardData(index: WorkspaceIndex, actor: string): ActorCardData {
  let byActor = actorCardData.get(index);
  if (!byActor) actorCardData.set(index, (byActor = new Map<string, ActorCardData>()));
  const mentionsVersion = index.mentionCountsVersion(actor);
  const claimsVersion = index.claimsByCountsVersion(actor);
  const cached = byActor.get(actor);
  if (cached?.mentionsVersion === mentionsVersion && cached.claimsVersion === claimsVersion) return cached;
  const mentions = index.mentionsOf(actor);
  let total = 0;
  // Most mentions first, then by URI (URIs are unique, so the order is total).
  const rows = new FirstItems<readonly [string, number]>((a, b) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]));
  for (const [uri, refs] of mentions) {
    total += refs.length;
    rows.offer([uri, refs.length]);
  }
  let claims = 0;
  const claimSources = new FirstItems<string>((a, b) => a < b);
  for (const [uri, refs] of index.claimsByActor(actor)) {
    claims += refs.length;
    claimSources.offer(uri);
  }
  const data: ActorCardData = {
    mentionsVersion,
    claimsVersion,
    sources: mentions.size,
    total,
    rows: rows.items.map(([uri]) => uri),
    claims,
    claimSources: claimSources.items,
  };
  byActor.set(actor, data);
  return data;
}

/**
 * Computes what the card of each actor needs from the whole workspace, so
 * that the first hover on a popular actor does not walk its thousands of
 * sources. Stops, returning false, as soon as `stop()` says so (between
 * actors); call it again with the actors not yet done.
 */
export function primeActorCards(index: WorkspaceIndex, actors: Iterator<string>, stop: () => boolean): boolean {
  for (let next = actors.next(); !next.done; next = actors.next()) {
    cardData(index, next.value);
    if (stop()) return false;
  }
  return true;
}

/** The first paragraphs of an actor's card: who it is, from its registry entry (which does not depend on the workspace's sources). */
export function actorIdentity(actor: string, registry: Registry | undefined): Array<string | undefined> {
  const def = registry?.actors.get(actor);
  const parts: Array<string | undefined> = [];
  if (def) {
    parts.push(`**${esc(def.name)}** · ${def.kind} · ${code(actor)}`);
    if (def.aliases.length > 0) parts.push(`Also called ${def.aliases.map(esc).join(', ')}`);
    parts.push(def.description !== undefined ? esc(def.description) : undefined);
    const links: string[] = [];
    if (def.wikidata !== undefined)
      links.push(urlLink(`Wikidata ${def.wikidata}`, `https://www.wikidata.org/wiki/${def.wikidata}`));
    if (def.url !== undefined) links.push(urlLink(esc(def.url), def.url));
    if (links.length > 0) parts.push(links.join(' · '));
  } else {
    parts.push(`**${code(actor)}**`);
    parts.push(registry ? '_Not in the registry_' : '_No entities.yaml governs this file_');
  }
  return parts;
}

function actorCard(index: WorkspaceIndex, actor: string, registry: Registry | undefined): string {
  const name = registry?.actors.get(actor)?.name ?? actor;
  const parts = actorIdentity(actor, registry);

  // Cost: O(sources that mention the actor or have its claims) once per change to its counts; otherwise what is shown.
  const data = cardData(index, actor);
  if (data.sources === 0) parts.push('Not mentioned in any source');
  else {
    const mentions = index.mentionsOf(actor);
    parts.push(`Mentioned in ${plural(data.sources, 'source')} (${plural(data.total, 'time')})`);
    parts.push(
      cappedList(data.rows, data.sources, (uri) => {
        const refs = mentions.get(uri)!;
        const model = index.getSource(uri)!;
        let first = refs[0]!.start;
        for (const m of refs) if (m.start < first) first = m.start;
        const title = linkAt(labelsOf(model).title, model, first);
        const outlet = model.meta.outlet !== undefined ? ` — ${esc(model.meta.outlet)}` : '';
        return `${title}${outlet} · ${plural(refs.length, 'time')}`;
      }),
    );
  }

  if (data.claims > 0) {
    const groups = index.claimsByActor(actor);
    const claims: ClaimAt[] = [];
    // Each source's group is in the source's order.
    for (const uri of data.claimSources) {
      for (const r of groups.get(uri)!)
        if (claims.length < HOVER_LIST_LIMIT) claims.push({ model: r.model, claim: r.claim });
      if (claims.length === HOVER_LIST_LIMIT) break;
    }
    parts.push(`Claims by ${esc(name)} (${data.claims})`);
    parts.push(
      cappedList(
        claims,
        data.claims,
        (c) => `${c.claim.key !== undefined ? `${keyValue(c)} — ` : ''}${shortQuote(c.claim)} — ${claimLink(c)}`,
      ),
    );
  }
  return paragraphs(parts);
}

function unknownMentionCard(text: string, registry: Registry | undefined): string {
  return paragraphs([
    `**${esc(text)}**`,
    registry ? '_Not in the registry_: add `ref=` or register this name' : '_No entities.yaml governs this file_',
  ]);
}

function reservedCard(model: SourceModel, by: string): string {
  if (by === 'anonymous') return paragraphs(['**anonymous**', 'Unnamed source: a source the article does not name']);
  const outlet = model.meta.outlet ?? model.meta.title;
  return paragraphs(['**outlet**', `The outlet's own assertion${outlet !== undefined ? `: ${esc(outlet)}` : ''}`]);
}

// ---- claims -------------------------------------------------------------------------

function claimHeader(at: ClaimAt): string {
  return `**Claim**${at.claim.id !== undefined ? ` ${code('#' + at.claim.id)}` : ''} in ${claimLink(at)}`;
}

function claimCard(index: WorkspaceIndex, model: SourceModel, claim: ClaimAt['claim']): string {
  const at: ClaimAt = { model, claim };
  const parts: Array<string | undefined> = [claimHeader(at), assertion(index, at), keyValue(at)];

  if (claim.key !== undefined && claim.value !== undefined) {
    const ref = index.claimRef(model.uri, claim);
    if (ref) {
      parts.push(readAs(ref));
      const view = index.corroboration(ref);
      if (view.corroborating.size + view.conflicting.size + view.acknowledged.size === 0) {
        parts.push(`No other source states ${code(claim.key)} at a comparable time`);
      }
      if (view.corroborating.size > 0) {
        parts.push(`Corroborated by ${plural(view.corroborating.sources, 'source')}`);
        parts.push(claimList(view.corroborating, (c) => `${claimLink(c)}: ${shortQuote(c.claim)}${asOf(c)}`));
      }
      if (view.conflicting.size > 0) {
        parts.push(`Contradicted by ${plural(view.conflicting.sources, 'source')}`);
        parts.push(
          claimList(
            view.conflicting,
            (c) => `${claimLink(c)} says **${esc(c.claim.value!)}**: ${shortQuote(c.claim)}${asOf(c)}`,
          ),
        );
      }
      if (view.acknowledged.size > 0) {
        parts.push('Acknowledged disputes');
        parts.push(
          claimList(
            view.acknowledged,
            (c) => `${claimLink(c)} says **${esc(c.claim.value!)}**: ${shortQuote(c.claim)}${asOf(c)}`,
          ),
        );
      }
    }
  }

  const links: string[] = [];
  for (const link of claim.links)
    links.push(`${link.kind === 'supports' ? 'Supports' : 'Disputes'} ${linkTargetText(index, model, link)}`);
  if (claim.id !== undefined) {
    for (const ref of index.linksToClaim(model.id, claim.id)) {
      for (const l of linksFromTo(ref, model.id, claim.id)) {
        links.push(
          `${l.kind === 'supports' ? 'Supported by' : 'Disputed by'} ${claimLink(ref)}: ${shortQuote(ref.claim)}`,
        );
      }
    }
  }
  if (links.length > 0) parts.push(list(links, (l) => l));
  parts.push(quote(claim.text, 200));
  return paragraphs(parts);
}

/**
 * How a quantity, date or actor value was read: `"five percent"` → **5%**,
 * with the interval of a qualified value, the tolerance of an approximate
 * one, the actor a place names, and why a numeral is ambiguous. Nothing for
 * text, which is read as itself.
 */
function readAs(ref: ClaimRef): string | undefined {
  const r = ref.reading;
  // Text is read as itself (folded): nothing to show.
  if (r.interval === undefined && r.actor === undefined && r.ambiguous === undefined) return undefined;
  const notes: string[] = [];
  const interval = describeInterval(r);
  if (interval !== undefined) notes.push(`allows ${esc(interval)}`);
  if (r.approximate) notes.push(`approximate: ±${TOLERANCE * 100}%${r.key.startsWith('nearly') ? ' below' : ''}`);
  if (r.actor !== undefined) notes.push(`the registry actor ${code(r.actor)}`);
  if (r.unit === 'money:') notes.push('no currency: compatible with any');
  if (notes.length === 0 && r.ambiguous === undefined && r.label === ref.claim.value) return undefined;
  const line = `Read as: ${code(ref.claim.value!)} → **${esc(r.label)}**${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  return r.ambiguous !== undefined ? `${line}\n\n⚠ Ambiguous: ${esc(r.ambiguous)}` : line;
}

/** A link target as written: `source#claim` or `#claim`. */
function linkText(link: ClaimLink): string {
  return code(`${link.source ?? ''}#${link.claim}`);
}

/** A link's target, one line: where it is and what it says, or why it is not found. */
function linkTargetText(index: WorkspaceIndex, model: SourceModel, link: ClaimLink): string {
  const resolved = index.resolveLink(model, link.source, link.claim);
  if (!resolved) return `${linkText(link)}: _not found_`;
  return `${claimLink(resolved)} ${code('#' + link.claim)}: ${shortQuote(resolved.claim)}`;
}

function linkCard(index: WorkspaceIndex, model: SourceModel, link: ClaimLink): string {
  const head = `**${link.kind === 'supports' ? 'Supports' : 'Disputes'}** ${linkText(link)}`;
  const resolved = index.resolveLink(model, link.source, link.claim);
  if (!resolved) {
    const why =
      link.source !== undefined && index.sourcesWithId(link.source).length === 0
        ? `no source has the id ${code(link.source)}`
        : `no claim ${code('#' + link.claim)} in ${link.source !== undefined ? code(link.source) : 'this file'}`;
    return paragraphs([head, `_Not found_: ${why}`]);
  }
  return paragraphs([
    head,
    claimHeader(resolved),
    assertion(index, resolved),
    keyValue(resolved),
    quote(resolved.claim.text, 200),
  ]);
}

// ---- claim keys -----------------------------------------------------------------------

function keyCard(index: WorkspaceIndex, key: string, registry: Registry | undefined, current?: ClaimAt): string {
  const def = registry?.claimKeys.get(key);
  const parts: Array<string | undefined> = [];
  const facts = [`**${code(key)}**`];
  if (def?.type !== undefined) facts.push(`type ${def.type}`);
  if (def?.unit !== undefined) facts.push(`unit ${esc(def.unit)}`);
  parts.push(facts.join(' · '));
  if (def?.description !== undefined) parts.push(esc(def.description));
  else if (!def) parts.push(registry ? '_Not described in the registry_' : '_No entities.yaml governs this file_');

  const rows: Array<{ value: string; sources: number; claims: number; current: boolean }> = [];
  const currentRef = current ? index.claimRef(current.model.uri, current.claim) : undefined;
  for (const v of index.valuesOfKey(key)) {
    rows.push({
      value: v.first.claim.value ?? '',
      sources: v.sources,
      claims: v.claims,
      current: currentRef !== undefined && currentRef.claim.key === key && currentRef.norm === v.norm,
    });
  }
  rows.sort(
    (a, b) => b.sources - a.sources || b.claims - a.claims || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  if (rows.length === 0) parts.push('No claim in the workspace states this key');
  else {
    parts.push(`Values across the workspace (${plural(rows.length, 'value')})`);
    parts.push(
      list(
        rows,
        (r) =>
          `**${esc(r.value)}** — ${plural(r.sources, 'source')}${r.claims !== r.sources ? ` (${plural(r.claims, 'claim')})` : ''}${r.current ? ' ← this claim' : ''}`,
      ),
    );
  }
  return paragraphs(parts);
}
