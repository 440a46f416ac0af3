import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import { actorIdentity, hover, HOVER_LIST_LIMIT } from '../../server/src/core/features/hover';
import {
  code,
  escapeMarkdown as esc,
  plural,
  positionLink,
  quote,
  sourceName,
} from '../../server/src/core/features/markdown';
import type { SourceModel } from '../../server/src/core/model/source';
import { claimsBy, isReservedBy, targetAt, type ClaimAt } from '../../server/src/core/features/navigation';
import type { Registry } from '../../server/src/core/model/registry';

/**
 * The actor card reads the index's actor → mentions and actor → claims maps
 * and orders only the rows it shows. These properties hold it, and
 * `claimsBy`, to the definitions they replaced (kept below verbatim): a row
 * per source that mentions the actor, all sorted; every source of the
 * workspace walked for claims, all sorted. Workspaces have more sources per
 * actor than a card shows, ties in mention counts, URIs whose string order
 * is not their creation order, and edits that change only `by=` (a prose
 * edit for the index: its claims keep their index entries).
 */

const ROOT = 'file:///ws';
const REGISTRY = `actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: "Secretary *General*.", wikidata: Q57792}
  nato: {name: NATO, kind: organization, url: https://www.nato.int/}
  un: {name: United Nations, kind: organization}
claims:
  k1: {type: percent}
`;
const registryUri = `${ROOT}/entities.yaml`;
const ACTORS = ['rutte', 'nato', 'un', 'ghost'];

const fragment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '[Rutte]{.actor} ',
      '[Mark Rutte]{.actor} ',
      '[NATO]{.actor} ',
      '[him]{.actor ref=rutte} ',
      '[it]{.actor ref=nato} ',
      '[who]{.actor ref=ghost} ',
      '[United Nations]{.actor} ',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('Prose. ', '\n\n', 'Rutte again, unannotated. ') },
  {
    weight: 3,
    arbitrary: fc
      .record({
        key: fc.constantFrom('', ' key=k1 value=5%', ' key=k1 value=7%', ' key=k2 value=x'),
        by: fc.constantFrom(' by=rutte', ' by=nato', ' by=un', ' by=ghost', ' by=outlet', ' by=anonymous', ''),
        text: fc.constantFrom(
          'claim text',
          'a *longer* claim text that the card shortens to sixty characters or so, and more',
          '[NATO]{.actor} agreed',
        ),
        asOf: fc.constantFrom('', ' as-of=2024'),
      })
      .map((c) => `[${c.text}]{.claim${c.key}${c.asOf}${c.by}} `),
  },
);
const sourceText = fc
  .record({
    id: fc.integer({ min: 0, max: 9 }),
    title: fc.constantFrom('', 'title: A *title*\n', 'title: Other\n'),
    outlet: fc.constantFrom('', 'outlet: The Times\n'),
    body: fc.array(fragment, { maxLength: 10 }),
  })
  .map((s) => `---\nid: s${s.id}\n${s.title}${s.outlet}---\n${s.body.join('')}\n`);

/** Unpadded numbers and two folders: string order differs from creation order. */
const fileUri = (i: number): string => `${ROOT}/${i % 3 === 0 ? 'b/' : ''}f${i}.seed.md`;

type Op =
  | { kind: 'set'; file: number; text: string }
  | { kind: 'by'; file: number; from: string; to: string }
  | { kind: 'type'; file: number; at: number }
  | { kind: 'remove'; file: number }
  | { kind: 'registry'; text: string | null };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), file: fc.nat(39), text: sourceText }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('by' as const),
      file: fc.nat(39),
      from: fc.constantFrom(...ACTORS, 'outlet'),
      to: fc.constantFrom(...ACTORS, 'anonymous'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('type' as const), file: fc.nat(39), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), file: fc.nat(39) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('registry' as const),
      text: fc.constantFrom(REGISTRY, null, REGISTRY.replace('name: NATO', 'name: North Atlantic Treaty Organization')),
    }),
  },
);

// ---- the definitions the index replaced (before it had a by= map and bounded selection) ----

/** Every claim of the workspace whose `by=` is `actor`: walk every source, sort. */
function claimsByReference(index: WorkspaceIndex, actor: string): ClaimAt[] {
  const out: ClaimAt[] = [];
  for (const uri of index.sourceUris()) {
    const model = index.getSource(uri);
    if (!model) continue;
    for (const claim of model.claims) if (claim.by === actor) out.push({ model, claim });
  }
  return out.sort((a, b) =>
    a.model.uri < b.model.uri ? -1 : a.model.uri > b.model.uri ? 1 : a.claim.start - b.claim.start,
  );
}

function paragraphs(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');
}

function list<T>(items: readonly T[], render: (item: T) => string): string {
  const shown = items.slice(0, HOVER_LIST_LIMIT).map((i) => `- ${render(i)}`);
  if (items.length > HOVER_LIST_LIMIT) shown.push(`- and ${items.length - HOVER_LIST_LIMIT} more`);
  return shown.join('\n');
}

function linkAt(label: string, model: SourceModel, offset: number): string {
  return positionLink(label, model.uri, model.lines.positionAt(offset));
}

function claimLink(at: ClaimAt): string {
  return linkAt(esc(sourceName(at.model)), at.model, at.claim.start);
}

function asOf(at: ClaimAt): string {
  return at.claim.asOf !== undefined ? ` · as of ${esc(at.claim.asOf)}` : '';
}

function keyValue(at: ClaimAt): string | undefined {
  const { key, value } = at.claim;
  if (key === undefined) return undefined;
  return `${code(key)} = ${value !== undefined ? `**${esc(value)}**` : '_no value_'}${asOf(at)}`;
}

/** The actor card as it was: a row for every source that mentions the actor, all sorted. */
function actorCardReference(index: WorkspaceIndex, actor: string, registry: Registry | undefined): string {
  const name = registry?.actors.get(actor)?.name ?? actor;
  // Who the actor is comes from the registry alone; what is defined here is the rest, from the sources.
  const parts = actorIdentity(actor, registry);

  const rows = [...index.mentionsOf(actor)].map(([uri, mentions]) => {
    let first = mentions[0]!.start;
    for (const m of mentions) if (m.start < first) first = m.start;
    return { model: index.getSource(uri)!, count: mentions.length, first };
  });
  rows.sort((a, b) => b.count - a.count || (a.model.uri < b.model.uri ? -1 : a.model.uri > b.model.uri ? 1 : 0));
  const total = rows.reduce((n, r) => n + r.count, 0);
  if (rows.length === 0) parts.push('Not mentioned in any source');
  else {
    parts.push(`Mentioned in ${plural(rows.length, 'source')} (${plural(total, 'time')})`);
    parts.push(
      list(rows, (r) => {
        const title = linkAt(esc(r.model.meta.title ?? r.model.id), r.model, r.first);
        const outlet = r.model.meta.outlet !== undefined ? ` — ${esc(r.model.meta.outlet)}` : '';
        return `${title}${outlet} · ${plural(r.count, 'time')}`;
      }),
    );
  }

  const claims = claimsByReference(index, actor);
  if (claims.length > 0) {
    parts.push(`Claims by ${esc(name)} (${claims.length})`);
    parts.push(
      list(
        claims,
        (c) => `${c.claim.key !== undefined ? `${keyValue(c)} — ` : ''}${quote(c.claim.text, 60)} — ${claimLink(c)}`,
      ),
    );
  }
  return paragraphs(parts);
}

// ---- the properties -----------------------------------------------------------------

function apply(index: WorkspaceIndex, texts: Map<string, string>, o: Op): void {
  const uri = fileUri(o.kind === 'registry' ? 0 : o.file);
  switch (o.kind) {
    case 'set':
      texts.set(uri, o.text);
      index.setSource(uri, o.text);
      break;
    case 'by': {
      // Only by= changes: key, value, as-of, id and links stay, so the index keeps the claims' entries.
      const text = texts.get(uri);
      if (text === undefined) return;
      const next = text.replaceAll(`by=${o.from}}`, `by=${o.to}}`);
      texts.set(uri, next);
      index.setSource(uri, next);
      break;
    }
    case 'type': {
      const text = texts.get(uri);
      if (text === undefined) return;
      const at = o.at % (text.length + 1);
      const next = `${text.slice(0, at)} x${text.slice(at)}`;
      texts.set(uri, next);
      index.setSource(uri, next);
      break;
    }
    case 'remove':
      texts.delete(uri);
      index.removeSource(uri);
      break;
    case 'registry':
      if (o.text === null) index.removeRegistry(registryUri);
      else index.setRegistry(registryUri, o.text);
      break;
  }
}

/** Every actor hover of the workspace (mentions, ref=/by= values, registry entries) against the reference card. */
function checkActorHovers(index: WorkspaceIndex): number {
  let checked = 0;
  const compare = (uri: string, position: lsp.Position): void => {
    const at = targetAt(index, uri, position);
    if (!at) return;
    const t = at.target;
    let want: string | undefined;
    if (t.kind === 'mention' && t.actor !== undefined)
      want = actorCardReference(index, t.actor, index.registryFor(uri));
    else if (t.kind === 'actor-ref' && !isReservedBy(t.actor))
      want = actorCardReference(index, t.actor, index.registryFor(uri));
    else if (t.kind === 'registry-actor') want = actorCardReference(index, t.actor.id, t.registry);
    if (want === undefined) return;
    const got = hover(index, uri, position);
    assert.equal((got?.contents as lsp.MarkupContent | undefined)?.value, want, `${uri} ${JSON.stringify(position)}`);
    checked++;
  };
  for (const uri of index.sourceUris()) {
    const model = index.getSource(uri)!;
    for (const m of model.mentions) compare(uri, model.lines.positionAt(m.start));
    for (const c of model.claims) if (c.byStart !== undefined) compare(uri, model.lines.positionAt(c.byStart));
  }
  const registry = index.getRegistry(registryUri);
  if (registry)
    for (const def of registry.actors.values()) compare(registryUri, registry.lines.positionAt(def.keyStart));
  return checked;
}

const at = (c: ClaimAt): string => `${c.model.uri}@${c.claim.start}`;

describe('actor hover card and claimsBy', () => {
  it('equal their definitions (every source walked, every row sorted) on random workspaces after random edits', () => {
    let checked = 0;
    let cappedMentions = 0;
    let cappedClaims = 0;
    fc.assert(
      fc.property(
        fc.array(sourceText, { minLength: 1, maxLength: 40, size: 'max' }),
        fc.array(op, { maxLength: 12 }),
        (initial, ops) => {
          const index = new WorkspaceIndex({ folders: [ROOT] });
          index.setRegistry(registryUri, REGISTRY);
          assert.deepEqual(index.getRegistry(registryUri)!.problems, []);
          const texts = new Map<string, string>();
          initial.forEach((t, i) => apply(index, texts, { kind: 'set', file: i, text: t }));
          checked += checkActorHovers(index);
          // After every edit: the cached counts and rows must never show a stale state.
          for (const o of ops) {
            apply(index, texts, o);
            checked += checkActorHovers(index);
          }
          for (const actor of [...ACTORS, 'outlet', 'anonymous']) {
            const want = claimsByReference(index, actor);
            assert.deepEqual(claimsBy(index, actor).map(at), want.map(at), `claimsBy ${actor}`);
            if (want.length > HOVER_LIST_LIMIT) cappedClaims++;
            if (index.mentionsOf(actor).size > HOVER_LIST_LIMIT) cappedMentions++;
          }
          // The by= map (in snapshot()) equals that of an index built from the final texts.
          const fresh = new WorkspaceIndex({ folders: [ROOT] });
          const registry = index.getRegistry(registryUri);
          if (registry) fresh.setRegistry(registryUri, registry.text);
          for (const [uri, text] of [...texts].reverse()) fresh.setSource(uri, text);
          assert.deepEqual(index.snapshot(), fresh.snapshot());
        },
      ),
      { seed: 20261123, numRuns: 150 },
    );
    // The workspaces are large enough for both lists to be cut off.
    assert.ok(
      checked > 1000 && cappedMentions > 50 && cappedClaims > 50,
      `checked ${checked} hovers; cut-off lists: ${cappedMentions} of mentions, ${cappedClaims} of claims`,
    );
  });
});
