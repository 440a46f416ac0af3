import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import type { SourceModel } from '../../server/src/core/model/source';
import {
  claimsBy,
  claimsByIn,
  documentHighlights,
  linksFromTo,
  references,
  subjectOf,
  targetAt,
  type Subject,
} from '../../server/src/core/features/navigation';
import type { Registry } from '../../server/src/core/model/registry';

/**
 * Find references and document highlights are held to their definition,
 * kept below as written when this test was added: every place given a range,
 * all sorted by URI then position, duplicates merged. A faster collection
 * (grouping places by file, sorting offsets) was tried and measured no faster
 * (docs/benchmarks.md); the definition stays here for the next attempt. What
 * a position is about (`subjectOf`) is not part of the definition and is
 * shared. Workspaces have several files sharing keys,
 * actors and source ids, two registries, links (repeated, to the same
 * claim), CRLF and lone CR line breaks, emoji, URIs whose string order is not
 * their creation order, and sometimes a source at a registry's URI (its
 * places and the registry entry then have different line indexes).
 */

const ROOT = 'file:///ws';
const registryText = (eol: string): string =>
  [
    '# 😀 registry',
    'actors:',
    '  rutte: {name: Mark Rutte 😀, kind: person, aliases: [Rutte]}',
    '  nato: {name: NATO, kind: organization}',
    '  un: {name: United Nations, kind: organization}',
    'claims:',
    '  k1: {type: percent}',
    '  k2: {type: text}',
    '',
  ].join(eol);
const registryUris = [`${ROOT}/entities.yaml`, `${ROOT}/b/entities.yaml`];

const fragment = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '[Rutte]{.actor}',
      '[Mark Rutte 😀]{.actor}',
      '[NATO]{.actor}',
      '[him]{.actor ref=rutte}',
      '[it]{.actor ref=nato}',
      '[who]{.actor ref=ghost}',
      '[United Nations]{.actor}',
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        text: fc.constantFrom('claim 😀 text', '[NATO]{.actor} agreed', 'x'),
        id: fc.constantFrom('', ' #a', ' #b', ' #c'),
        key: fc.constantFrom(
          '',
          ' key=k1 value=5%',
          ' key=k1 value=7%',
          ' key=k2 value=x',
          ' key=k2',
          ' key=k3 value=1',
        ),
        by: fc.constantFrom('', ' by=rutte', ' by=nato', ' by=ghost', ' by=outlet', ' by=anonymous'),
        link: fc.constantFrom(
          '',
          '',
          ' supports=s1#a',
          ' disputes=s2#a',
          ' supports=#a',
          ' supports="s1#a, s1#a"',
          ' supports=s1#a disputes=s1#a',
          ' disputes="#b, s0#c"',
        ),
      })
      .map((c) => `[${c.text}]{.claim${c.id}${c.key}${c.by}${c.link}}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('Prose 😀.', 'Rutte, unannotated.', '', 'é') },
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const sourceText = fc
  .record({
    id: fc.integer({ min: 0, max: 3 }),
    eol,
    body: fc.array(fc.tuple(fragment, fc.constantFrom(' ', ' ', '\n', '\r\n', '\r\n\r\n', '\r')), { maxLength: 10 }),
  })
  .map((s) => `---${s.eol}id: s${s.id}${s.eol}---${s.eol}${s.body.map(([f, sep]) => f + sep).join('')}${s.eol}`);

/** Unpadded numbers and two folders (each with a registry): string order differs from creation order. */
const fileUri = (i: number): string => `${ROOT}/${i % 3 === 0 ? 'b/' : ''}f${i}.seed.md`;

const workspace = fc.record({
  sources: fc.array(sourceText, { minLength: 1, maxLength: 14 }),
  registries: fc.tuple(fc.option(eol, { nil: undefined }), fc.option(eol, { nil: undefined })),
  /** A source at the first registry's URI. */
  atRegistry: fc.option(sourceText, { nil: undefined, freq: 4 }),
});

// ---- the definition (before places were grouped by file) ------------------------------

interface Item {
  uri: string;
  range: lsp.Range;
  write: boolean;
}

const stats = { merged: 0, mixed: 0 };

function collect(index: WorkspaceIndex, subject: Subject, includeDeclaration: boolean, scope?: string): Item[] {
  const items: Item[] = [];
  const inSource = (model: SourceModel, start: number, end: number, write = false): void => {
    items.push({ uri: model.uri, range: model.lines.rangeAt(start, end), write });
  };
  const declaration = (registry: Registry, start: number, end: number): void => {
    if (items.some((i) => i.uri === registry.uri) || index.getSource(registry.uri)) stats.mixed++;
    items.push({ uri: registry.uri, range: registry.lines.rangeAt(start, end), write: true });
  };
  switch (subject.kind) {
    case 'actor': {
      const byUri = index.mentionsOf(subject.actor);
      const groups = scope !== undefined ? [[scope, byUri.get(scope) ?? []] as const] : byUri;
      for (const [uri, mentions] of groups) {
        const model = index.getSource(uri)!;
        for (const m of mentions) inSource(model, m.start, m.end);
      }
      if (scope !== undefined) {
        const model = index.getSource(scope);
        if (model) for (const c of claimsByIn(model).get(subject.actor) ?? []) inSource(model, c.byStart!, c.byEnd!);
      } else {
        for (const { model, claim } of claimsBy(index, subject.actor)) inSource(model, claim.byStart!, claim.byEnd!);
      }
      const def = subject.registry?.actors.get(subject.actor);
      if (includeDeclaration && def && (scope === undefined || scope === subject.registry!.uri))
        declaration(subject.registry!, def.keyStart, def.keyEnd);
      break;
    }
    case 'key': {
      if (scope !== undefined) {
        const model = index.getSource(scope);
        for (const c of model?.claims ?? [])
          if (c.key === subject.key && c.value !== undefined) inSource(model!, c.start, c.end);
      } else {
        for (const refs of index.claimsOfKey(subject.key).values())
          for (const r of refs) inSource(r.model, r.claim.start, r.claim.end);
      }
      const def = subject.registry?.claimKeys.get(subject.key);
      if (includeDeclaration && def && (scope === undefined || scope === subject.registry!.uri))
        declaration(subject.registry!, def.keyStart, def.keyEnd);
      break;
    }
    case 'link': {
      for (const ref of index.linksToClaim(subject.sourceId, subject.claimId)) {
        if (scope !== undefined && ref.model.uri !== scope) continue;
        for (const l of linksFromTo(ref, subject.sourceId, subject.claimId)) inSource(ref.model, l.start, l.end);
      }
      const t = subject.target;
      if (t && (scope === undefined || t.model.uri === scope)) inSource(t.model, t.claim.start, t.claim.end, true);
      break;
    }
    case 'claim':
      if (scope === undefined || subject.model.uri === scope)
        inSource(subject.model, subject.claim.start, subject.claim.end, true);
      break;
  }
  return sortUnique(items);
}

function comparePositions(a: lsp.Position, b: lsp.Position): number {
  return a.line - b.line || a.character - b.character;
}

function sortUnique(items: Item[]): Item[] {
  items.sort((a, b) =>
    a.uri < b.uri
      ? -1
      : a.uri > b.uri
        ? 1
        : comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end),
  );
  const out: Item[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (
      last &&
      last.uri === item.uri &&
      comparePositions(last.range.start, item.range.start) === 0 &&
      comparePositions(last.range.end, item.range.end) === 0
    ) {
      last.write ||= item.write;
      stats.merged++;
      continue;
    }
    out.push(item);
  }
  return out;
}

function referencesReference(
  index: WorkspaceIndex,
  uri: string,
  position: lsp.Position,
  includeDeclaration: boolean,
): lsp.Location[] {
  const at = targetAt(index, uri, position);
  if (!at) return [];
  const subject = subjectOf(index, uri, at.target);
  if (!subject) return [];
  return collect(index, subject, includeDeclaration).map((i) => lsp.Location.create(i.uri, i.range));
}

function documentHighlightsReference(
  index: WorkspaceIndex,
  uri: string,
  position: lsp.Position,
): lsp.DocumentHighlight[] {
  const at = targetAt(index, uri, position);
  if (!at) return [];
  const subject = subjectOf(index, uri, at.target);
  if (!subject) return [];
  return collect(index, subject, true, uri).map((i) =>
    lsp.DocumentHighlight.create(i.range, i.write ? lsp.DocumentHighlightKind.Write : lsp.DocumentHighlightKind.Read),
  );
}

// ---- the property ------------------------------------------------------------------------

/** Offsets at and just inside every span a query can start from. */
function queryOffsets(index: WorkspaceIndex, uri: string): number[] {
  const out: number[] = [0];
  const registry = index.getRegistry(uri);
  if (registry) {
    for (const d of [...registry.actors.values(), ...registry.claimKeys.values()]) out.push(d.keyStart, d.keyStart + 1);
    return out;
  }
  const model = index.getSource(uri)!;
  for (const m of model.mentions) out.push(m.start, m.start + 1, m.refStart ?? 0);
  for (const c of model.claims) {
    out.push(c.start, c.start + 1, c.contentEnd + 2, c.byStart ?? 0, c.keyStart ?? 0);
    for (const l of c.links) out.push(l.start, l.end);
  }
  return out;
}

describe('references and highlights property', () => {
  it('equal their definition (every place given a range, all sorted by URI and position) on random workspaces', () => {
    let queries = 0;
    let found = 0;
    let highlighted = 0;
    stats.merged = 0;
    stats.mixed = 0;
    fc.assert(
      fc.property(workspace, ({ sources, registries, atRegistry }) => {
        const index = new WorkspaceIndex({ folders: [ROOT] });
        registries.forEach((e, i) => {
          if (e !== undefined) index.setRegistry(registryUris[i]!, registryText(e));
        });
        sources.forEach((t, i) => index.setSource(fileUri(i), t));
        if (atRegistry !== undefined) index.setSource(registryUris[0]!, atRegistry);
        const uris = [...new Set([...index.sourceUris(), ...index.registryUris()])];
        for (const uri of uris) {
          const lines = index.getRegistry(uri)?.lines ?? index.getSource(uri)!.lines;
          for (const offset of queryOffsets(index, uri)) {
            const position = lines.positionAt(offset);
            const label = `${uri} ${JSON.stringify(position)}`;
            for (const includeDeclaration of [true, false]) {
              const want = referencesReference(index, uri, position, includeDeclaration);
              assert.deepStrictEqual(
                references(index, uri, position, includeDeclaration),
                want,
                `references ${label} ${includeDeclaration}`,
              );
              found += want.length;
            }
            const want = documentHighlightsReference(index, uri, position);
            assert.deepStrictEqual(documentHighlights(index, uri, position), want, `highlights ${label}`);
            highlighted += want.length;
            queries++;
          }
        }
      }),
      { seed: 20261124, numRuns: 150 },
    );
    assert.ok(
      queries > 5000 && found > 20000 && highlighted > 5000 && stats.mixed > 50,
      `${queries} queries, ${found} references, ${highlighted} highlights, ${stats.mixed} with a registry entry in a file that is also a source, ${stats.merged} merged`,
    );
  });
});
