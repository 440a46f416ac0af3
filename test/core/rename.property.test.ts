import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { buildIndex } from '../helpers/workspace';

/**
 * Rename on random annotated workspaces: whatever identifier is renamed, the
 * article texts do not change, no reference breaks, and everything that
 * resolved to the old name resolves to the new one.
 */

const ROOT = 'file:///ws';
const ACTORS = ['rutte', 'nato', 'trump', 'us'];
const KEYS = ['k.one', 'k.two', 'k.three'];
const ACTOR_ENTRIES: Record<string, string[]> = {
  rutte: [
    '  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}',
    '  "rutte": {name: Mark Rutte, aliases: [Rutte]}',
  ],
  nato: ['  nato: {name: NATO, kind: organization}', "  'nato':\n    name: NATO\n    kind: organization"],
  trump: ['  trump:\n    name: Donald Trump\n    aliases: [Trump]'],
  us: ['  us: {name: United States, kind: country, aliases: [U.S.]}'],
};
const KEY_ENTRIES: Record<string, string[]> = {
  'k.one': ['  k.one: {type: percent}', '  "k.one":\n    type: percent'],
  'k.two': ['  k.two: {type: number}'],
  'k.three': ['  k.three:\n    description: A third proposition.'],
};

const registryText = (actors: string[], keys: string[], variant: number): string =>
  `# registry\nactors:\n${actors.map((a, i) => ACTOR_ENTRIES[a]![(variant + i) % ACTOR_ENTRIES[a]!.length]).join('\n')}\n` +
  (keys.length > 0
    ? `claims:\n${keys.map((k, i) => KEY_ENTRIES[k]![(variant + i) % KEY_ENTRIES[k]!.length]).join('\n')}\n`
    : '');

const registry = fc.record({
  actors: fc.subarray(ACTORS, { minLength: 1 }),
  keys: fc.subarray(KEYS),
  variant: fc.nat(3),
});

const actorId = fc.constantFrom(...ACTORS, 'ghost');
const prose = fc.constantFrom(
  'Plain prose. ',
  'Rutte spoke. ',
  '😀 ',
  '🇳🇱 flags. ',
  'The rutte word and k.one. ',
  '\r\n',
  '\n\n',
  'NATO met. ',
  '#c0 and s1#c0 in text. ',
);
const mention = fc.oneof(
  fc
    .record({ text: fc.constantFrom('Mark Rutte', 'him', '😀 NATO', 'the US'), ref: actorId, quoted: fc.boolean() })
    .map((m) => `[${m.text}]{.actor ref=${m.quoted ? `"${m.ref}"` : m.ref}} `),
  fc.constantFrom('[Rutte]{.actor} ', '[NATO]{.actor} ', '[Trump]{.actor} ', '[Nobody]{.actor} '),
);
const target = fc
  .record({ source: fc.constantFrom('', 's0', 's1', 's2', 's3', 'f2', 'nowhere'), claim: fc.nat(5) })
  .map((t) => `${t.source}#c${t.claim}`);
const claim = fc
  .record({
    inner: fc.oneof(fc.constant(''), mention),
    by: fc.oneof(actorId, fc.constantFrom('outlet', 'anonymous', '')),
    key: fc.constantFrom(...KEYS, 'k.unknown', ''),
    value: fc.constantFrom('5%', '"5 per cent"', '32'),
    id: fc.boolean(),
    links: fc.array(
      fc.record({
        kind: fc.constantFrom('supports', 'disputes'),
        targets: fc.array(target, { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
  })
  .map((c) => {
    const attrs = ['.claim'];
    if (c.id) attrs.push('#@ID@');
    if (c.by) attrs.push(`by=${c.by}`);
    if (c.key) attrs.push(`key=${c.key}`, `value=${c.value}`);
    const kinds = new Set<string>();
    for (const l of c.links) {
      if (kinds.has(l.kind)) continue;
      kinds.add(l.kind);
      attrs.push(l.targets.length === 1 ? `${l.kind}=${l.targets[0]}` : `${l.kind}="${l.targets.join(', ')}"`);
    }
    return `[claim 😀 ${c.inner}text]{${attrs.join(' ')}} `;
  });
const source = fc.record({
  frontMatter: fc.constantFrom('id', 'quoted', 'none'),
  body: fc.array(
    fc.oneof({ weight: 2, arbitrary: prose }, { weight: 3, arbitrary: mention }, { weight: 4, arbitrary: claim }),
    { maxLength: 14 },
  ),
});

const workspace = fc.record({
  root: registry,
  sub: fc.option(registry, { nil: undefined }),
  sources: fc.array(source, { minLength: 1, maxLength: 4 }),
});

type Workspace = typeof workspace extends fc.Arbitrary<infer T> ? T : never;

const sourceUri = (i: number): string => `${ROOT}/${i % 3 === 1 ? 'sub/' : ''}f${i}.seed.md`;

function texts(ws: Workspace): Map<string, string> {
  const out = new Map<string, string>();
  out.set(`${ROOT}/entities.yaml`, registryText(ws.root.actors, ws.root.keys, ws.root.variant));
  if (ws.sub) out.set(`${ROOT}/sub/entities.yaml`, registryText(ws.sub.actors, ws.sub.keys, ws.sub.variant));
  ws.sources.forEach((s, i) => {
    let n = 0;
    const body = s.body.join('').replace(/@ID@/g, () => `c${n++}`);
    const fm =
      s.frontMatter === 'id'
        ? `---\nid: s${i}\n---\n`
        : s.frontMatter === 'quoted'
          ? `---\ntitle: Source ${i}\nid: "s${i}" # quoted\n---\n`
          : '';
    out.set(sourceUri(i), fm + body + '\n');
  });
  return out;
}

const build = (files: Map<string, string>): WorkspaceIndex => buildIndex(files, ROOT);

/** Sorts edits descending and splices them in, after checking they are sorted and do not overlap. */
function applyEdits(text: string, edits: lsp.TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({
    start: lines.offsetAt(e.range.start),
    end: lines.offsetAt(e.range.end),
    newText: e.newText,
  }));
  for (let i = 1; i < spans.length; i++)
    assert.ok(spans[i - 1]!.end <= spans[i]!.start, 'edits are sorted and do not overlap');
  let out = text;
  for (const s of [...spans].reverse()) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Everything a reference resolves to, per source, in document order. */
function resolution(index: WorkspaceIndex): Map<
  string,
  {
    id: string;
    actors: string[];
    by: Array<string | undefined>;
    keys: Array<string | undefined>;
    ids: Array<string | undefined>;
    links: string[];
  }
> {
  const out = new Map<string, ReturnType<typeof resolution> extends Map<string, infer V> ? V : never>();
  for (const uri of index.sourceUris().sort()) {
    const model = index.getSource(uri)!;
    const refs = new Map(index.mentionRefs(uri).map((r) => [r.mention, r.actor]));
    out.set(uri, {
      id: model.id,
      actors: model.mentions.map((m) => refs.get(m) ?? '?'),
      by: model.claims.map((c) => c.by),
      keys: model.claims.map((c) => c.key),
      ids: model.claims.map((c) => c.id),
      links: model.claims.flatMap((c) =>
        c.links.map((l) => {
          const t = index.resolveLink(model, l.source, l.claim);
          return t ? `${t.model.uri}:${t.model.claims.indexOf(t.claim)}` : 'none';
        }),
      ),
    });
  }
  return out;
}

const WATCHED = new Set([
  'unknown-actor',
  'broken-link',
  'unknown-claim-key',
  'malformed-span',
  'malformed-attribute',
  'registry',
  'front-matter',
  'duplicate-id',
]);

function watchedCodes(index: WorkspaceIndex, uris: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const uri of uris)
    out[uri] = computeDiagnostics(index, uri)
      .filter((d) => WATCHED.has(d.code))
      .map((d) => d.code)
      .sort();
  return out;
}

interface Candidate {
  uri: string;
  position: lsp.Position;
  /** A link may lead nowhere, or name a source whose id comes from its file name: then there is nothing to rename. */
  mayRefuse: boolean;
}

function candidates(index: WorkspaceIndex): Candidate[] {
  const out: Candidate[] = [];
  for (const uri of index.registryUris().sort()) {
    const r = index.getRegistry(uri)!;
    for (const a of r.actors.values()) out.push({ uri, position: r.lines.positionAt(a.keyEnd - 1), mayRefuse: false });
    for (const k of r.claimKeys.values())
      out.push({ uri, position: r.lines.positionAt(k.keyStart + 1), mayRefuse: false });
  }
  for (const uri of index.sourceUris().sort()) {
    const m = index.getSource(uri)!;
    const at = (offset: number, mayRefuse = false): void =>
      void out.push({ uri, position: m.lines.positionAt(offset), mayRefuse });
    if (m.meta.idStart !== undefined) at(m.meta.idStart + 2);
    for (const mention of m.mentions) if (mention.refStart !== undefined) at(mention.refEnd! - 1);
    for (const c of m.claims) {
      if (c.byStart !== undefined && c.by !== 'outlet' && c.by !== 'anonymous') at(c.byStart);
      if (c.keyStart !== undefined) at(c.keyEnd!);
      if (c.idStart !== undefined) at(c.idStart - 1);
      for (const l of c.links) {
        at(l.end, true);
        if (l.source !== undefined) at(l.start, true);
      }
    }
  }
  return out;
}

describe('rename (property)', () => {
  it('keeps the prose, breaks nothing, and moves every resolution from the old name to the new one', function () {
    this.timeout(20000);
    let renamed = 0;
    fc.assert(
      fc.property(
        workspace,
        fc.nat(),
        fc.constantFrom('renamed', 'x.y_z-1', 'true', 'ü-name', 'rutte', 'nato', 'k.two', 'c1', 's0'),
        (ws, pick, newName) => {
          const before = texts(ws);
          const index = build(before);
          const all = candidates(index);
          if (all.length === 0) return;
          const cand = all[pick % all.length]!;
          const prepared = prepareRename(index, cand.uri, cand.position);
          assert.ok(prepared, `nothing to rename at ${cand.uri} ${JSON.stringify(cand.position)}`);
          if ('error' in prepared) {
            assert.ok(cand.mayRefuse, prepared.error);
            return;
          }
          const old = prepared.placeholder;
          const result = rename(index, cand.uri, cand.position, newName);
          const fresh =
            ['renamed', 'x.y_z-1', 'true'].includes(newName) ||
            (newName === 'ü-name' && !('error' in result && /source id/.test(result.error)));
          if ('error' in result) {
            assert.ok(!fresh, `a fresh name was refused: ${result.error}`);
            assert.match(result.error, /already|not a valid|reserved/);
            return;
          }
          if (newName === old) {
            assert.deepEqual(result.changes, {});
            return;
          }
          renamed++;
          const after = new Map(before);
          for (const [uri, edits] of Object.entries(result.changes ?? {})) {
            assert.ok(before.has(uri), `edit of an unknown file ${uri}`);
            after.set(uri, applyEdits(before.get(uri)!, edits));
          }
          const reindexed = build(after);

          // (a) The prose never changes.
          for (const uri of index.sourceUris())
            assert.equal(stripMarkup(after.get(uri)!), stripMarkup(before.get(uri)!), `prose of ${uri}`);

          // (b) No reference breaks, no markup is damaged.
          const uris = [...before.keys()].sort();
          assert.deepEqual(watchedCodes(reindexed, uris), watchedCodes(index, uris));

          // (c) Whatever resolved to the old name resolves to the new one.
          const expected = resolution(index);
          const kind = subjectKind(index, cand, old);
          const governing = (uri: string): string | undefined => index.registryFor(uri)?.uri;
          const scope = cand.uri.endsWith('/entities.yaml') ? cand.uri : governing(cand.uri);
          for (const [uri, r] of expected) {
            if (kind === 'actor' && governing(uri) === scope) {
              r.actors = r.actors.map((a) => (a === old ? newName : a));
              r.by = r.by.map((b) => (b === old ? newName : b));
            }
            if (kind === 'key') r.keys = r.keys.map((k) => (k === old ? newName : k));
            if (kind === 'source' && r.id === old) r.id = newName;
          }
          if (kind === 'claim') {
            const { uri, claim } = claimTarget(index, cand)!;
            expected.get(uri)!.ids[claim] = newName;
          }
          assert.deepEqual(resolution(reindexed), expected);
          if (kind === 'actor' || kind === 'key') {
            for (const uri of reindexed.registryUris()) {
              const b = index.getRegistry(uri)!;
              const a = reindexed.getRegistry(uri)!;
              if (kind === 'key') assert.equal(a.claimKeys.has(newName), b.claimKeys.has(old));
              else if (uri === scope) assert.equal(a.actors.has(newName), b.actors.has(old));
            }
          }
        },
      ),
      { seed: 20260214, numRuns: 300 },
    );
    assert.ok(renamed > 80, `only ${renamed} renames were exercised`);
  });
});

/** What a candidate position designates, told apart from the file and the text under it. */
function subjectKind(index: WorkspaceIndex, cand: Candidate, old: string): 'actor' | 'key' | 'claim' | 'source' {
  const r = index.getRegistry(cand.uri);
  if (r)
    return r.actors.has(old) &&
      r.lines.offsetAt(cand.position) <= r.actors.get(old)!.keyEnd &&
      r.lines.offsetAt(cand.position) >= r.actors.get(old)!.keyStart
      ? 'actor'
      : 'key';
  const m = index.getSource(cand.uri)!;
  const offset = m.lines.offsetAt(cand.position);
  if (m.meta.idStart !== undefined && offset >= m.meta.idStart && offset <= m.meta.idEnd!) return 'source';
  if (m.mentions.some((x) => x.refStart !== undefined && offset >= x.refStart && offset <= x.refEnd!)) return 'actor';
  for (const c of m.claims) {
    if (c.byStart !== undefined && offset >= c.byStart && offset <= c.byEnd!) return 'actor';
    if (c.keyStart !== undefined && offset >= c.keyStart && offset <= c.keyEnd!) return 'key';
    if (c.idStart !== undefined && offset >= c.idStart - 1 && offset <= c.idEnd!) return 'claim';
    for (const l of c.links)
      if (offset >= l.start && offset <= l.end)
        return l.source !== undefined && offset <= l.start + l.source.length ? 'source' : 'claim';
  }
  throw new Error('no subject');
}

/** The claim a claim-id candidate designates: its file and index. */
function claimTarget(index: WorkspaceIndex, cand: Candidate): { uri: string; claim: number } | undefined {
  const m = index.getSource(cand.uri)!;
  const offset = m.lines.offsetAt(cand.position);
  for (const c of m.claims) {
    if (c.idStart !== undefined && offset >= c.idStart - 1 && offset <= c.idEnd!)
      return { uri: m.uri, claim: m.claims.indexOf(c) };
    for (const l of c.links) {
      if (offset < l.start || offset > l.end) continue;
      const t = index.resolveLink(m, l.source, l.claim);
      return t ? { uri: t.model.uri, claim: t.model.claims.indexOf(t.claim) } : undefined;
    }
  }
  return undefined;
}
