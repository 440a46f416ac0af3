/**
 * The data behind the sidebar's three tree views, computed lazily one level
 * at a time (a view over 10,000 sources must not build everything up front):
 *
 * - actors:  kind → actor (mentions, sources) → source → mention
 * - claims:  key → value group (corroborated / conflicting / single) → claim
 * - sources: source (title, outlet, date, problems) → claim
 *
 * A node's `id` encodes its path from the root, so `children(id)` needs no
 * state between calls and ids stay stable across refreshes (VS Code keeps the
 * expansion state by id).
 */

import { computeDiagnostics, sourceLabel } from './diagnostics/diagnostics';
import type { Claim, SourceModel } from '../model/source';
import type { ActorKind } from '../model/registry';
import type { TreeIcon, TreeNode, TreeView } from '../../../../common/tree';
import type { ClaimRef, WorkspaceIndex } from '../workspace/workspace';
import { refStatus } from './claimStatus';

type Path = [TreeView, ...string[]];

const KIND_LABELS: Record<ActorKind | 'unknown', string> = {
  person: 'People',
  organization: 'Organisations',
  country: 'Countries',
  place: 'Places',
  group: 'Groups',
  other: 'Other actors',
  unknown: 'Not in the registry',
};
const KIND_ORDER: Array<ActorKind | 'unknown'> = [
  'person',
  'organization',
  'country',
  'place',
  'group',
  'other',
  'unknown',
];

/** At most this many children are listed under one node (the rest are summarised). */
export const MAX_CHILDREN = 500;

function encode(path: Path): string {
  return JSON.stringify(path);
}

function decode(id: string): Path | undefined {
  try {
    const p: unknown = JSON.parse(id);
    if (
      Array.isArray(p) &&
      p.length >= 1 &&
      p.every((x) => typeof x === 'string') &&
      ['actors', 'claims', 'sources'].includes(p[0] as string)
    )
      return p as Path;
  } catch {
    // not one of our ids
  }
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function excerpt(s: string, max = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function capped(nodes: TreeNode[], parent: Path): TreeNode[] {
  if (nodes.length <= MAX_CHILDREN) return nodes;
  const rest = nodes.length - MAX_CHILDREN;
  return [
    ...nodes.slice(0, MAX_CHILDREN),
    {
      id: encode([...parent, '…more']),
      label: `and ${rest.toLocaleString('en-US')} more`,
      icon: 'value',
      collapsible: false,
    },
  ];
}

/** The children of a node, or the roots of a view when `parentId` is undefined. */
export function treeChildren(index: WorkspaceIndex, view: TreeView, parentId?: string): TreeNode[] {
  const path: Path = parentId === undefined ? [view] : (decode(parentId) ?? [view, '\0invalid']);
  if (path[0] !== view) return [];
  switch (view) {
    case 'actors':
      return actorNodes(index, path);
    case 'claims':
      return claimNodes(index, path);
    case 'sources':
      return sourceNodes(index, path);
  }
}

// ---- actors -------------------------------------------------------------------

interface ActorInfo {
  id: string;
  name: string;
  kind: ActorKind | 'unknown';
  description?: string;
}

/** Every actor that is registered or mentioned, with its display data. */
function allActors(index: WorkspaceIndex): Map<string, ActorInfo> {
  const actors = new Map<string, ActorInfo>();
  for (const uri of index.registryUris().sort()) {
    for (const a of index.getRegistry(uri)!.actors.values()) {
      if (actors.has(a.id)) continue;
      const info: ActorInfo = { id: a.id, name: a.name, kind: a.kind };
      if (a.description) info.description = a.description;
      actors.set(a.id, info);
    }
  }
  for (const id of index.actorIds()) if (!actors.has(id)) actors.set(id, { id, name: id, kind: 'unknown' });
  return actors;
}

function mentionStats(index: WorkspaceIndex, actor: string): { mentions: number; sources: number } {
  let mentions = 0;
  const bySource = index.mentionsOf(actor);
  for (const list of bySource.values()) mentions += list.length;
  return { mentions, sources: bySource.size };
}

function actorNodes(index: WorkspaceIndex, path: Path): TreeNode[] {
  const actors = allActors(index);
  if (path.length === 1) {
    const counts = new Map<string, number>();
    for (const a of actors.values()) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    return KIND_ORDER.filter((k) => counts.has(k)).map((k) => ({
      id: encode(['actors', k]),
      label: KIND_LABELS[k],
      description: String(counts.get(k)),
      icon: `kind-${k}`,
      collapsible: true,
    }));
  }
  if (path.length === 2) {
    const kind = path[1];
    const list = [...actors.values()].filter((a) => a.kind === kind);
    const withStats = list.map((a) => ({ a, s: mentionStats(index, a.id) }));
    withStats.sort((x, y) => y.s.mentions - x.s.mentions || x.a.name.localeCompare(y.a.name));
    return capped(
      withStats.map(({ a, s }) => {
        const node: TreeNode = {
          id: encode(['actors', kind!, a.id]),
          label: a.name,
          description:
            s.mentions === 0 ? 'not mentioned' : `${plural(s.mentions, 'mention')} · ${plural(s.sources, 'source')}`,
          icon: 'actor',
          collapsible: s.mentions > 0,
        };
        node.tooltip = `${a.name} (${a.id})${a.description ? `\n${a.description}` : ''}`;
        return node;
      }),
      path,
    );
  }
  const actor = path[2]!;
  const bySource = index.mentionsOf(actor);
  if (path.length === 3) {
    const sources = [...bySource.entries()]
      .map(([uri, refs]) => ({ model: index.getSource(uri)!, refs }))
      .filter((x) => x.model);
    sources.sort((x, y) => y.refs.length - x.refs.length || sourceTitle(x.model).localeCompare(sourceTitle(y.model)));
    return capped(
      sources.map(({ model, refs }) => ({
        id: encode(['actors', path[1]!, actor, model.uri]),
        label: sourceTitle(model),
        description: [model.meta.outlet, plural(refs.length, 'mention')].filter(Boolean).join(' · '),
        tooltip: model.uri,
        icon: 'source' as const,
        collapsible: true,
      })),
      path,
    );
  }
  if (path.length === 4) {
    const uri = path[3]!;
    const model = index.getSource(uri);
    const refs = bySource.get(uri) ?? [];
    if (!model) return [];
    return capped(
      [...refs]
        .sort((a, b) => a.start - b.start)
        .map((m) => {
          const range = model.lines.rangeAt(m.start, m.end);
          return {
            id: encode(['actors', path[1]!, actor, uri, String(m.start)]),
            label: m.text || actor,
            description: `line ${range.start.line + 1}: ${lineExcerpt(model, m.start)}`,
            icon: 'mention' as const,
            collapsible: false,
            location: { uri, range },
          };
        }),
      path,
    );
  }
  return [];
}

// ---- claims -------------------------------------------------------------------

const NO_KEY = '\0no-key';

function claimIcon(index: WorkspaceIndex, ref: ClaimRef): TreeIcon {
  const status = refStatus(ref, index.corroboration(ref));
  return status === 'single-source' ? 'claim' : status;
}

function claimNode(index: WorkspaceIndex, ref: ClaimRef, path: Path, withSource: boolean): TreeNode {
  const { model, claim } = ref;
  const range = model.lines.rangeAt(claim.start, claim.end);
  const who =
    claim.by === undefined
      ? 'unsourced'
      : claim.by === 'outlet'
        ? 'by the outlet'
        : claim.by === 'anonymous'
          ? 'unnamed source'
          : `by ${claim.by}`;
  const parts = [
    withSource ? sourceTitle(model) : undefined,
    claim.key !== undefined && !withSource ? `${claim.key} = ${claim.value ?? '?'}` : undefined,
    claim.asOf ? `as of ${claim.asOf}` : undefined,
    who,
  ];
  return {
    id: encode([...path, model.uri, String(claim.start)] as Path),
    label: `“${excerpt(claim.text || claim.id || '(empty)')}”`,
    description: parts.filter(Boolean).join(' · '),
    tooltip: `${claim.text}\n— ${sourceLabel(model)}`,
    icon: claimIcon(index, ref),
    collapsible: false,
    location: { uri: model.uri, range },
  };
}

function claimNodes(index: WorkspaceIndex, path: Path): TreeNode[] {
  if (path.length === 1) {
    const keys = index.claimKeys().sort();
    const nodes: TreeNode[] = keys.map((key) => {
      const groups = index.claimsOfKey(key);
      let claims = 0;
      for (const g of groups.values()) claims += g.length;
      return {
        id: encode(['claims', key]),
        label: key,
        description: `${plural(groups.size, 'value')} · ${plural(claims, 'claim')}`,
        icon: groups.size > 1 ? 'conflicting' : 'key',
        collapsible: true,
      };
    });
    const keyless = keylessClaims(index);
    if (keyless.length > 0)
      nodes.push({
        id: encode(['claims', NO_KEY]),
        label: 'Claims without a key',
        description: plural(keyless.length, 'claim'),
        icon: 'value',
        collapsible: true,
      });
    return capped(nodes, path);
  }
  const key = path[1]!;
  if (key === NO_KEY) {
    return path.length === 2
      ? capped(
          keylessClaims(index).map((r) => claimNode(index, r, path, true)),
          path,
        )
      : [];
  }
  const groups = index.claimsOfKey(key);
  if (path.length === 2) {
    const nodes = [...groups.entries()].map(([norm, refs]) => {
      const list = [...refs];
      const sources = new Set(list.map((r) => r.model.id));
      const anyConflict = list.some((r) => index.corroboration(r).conflicting.size > 0);
      const display = list[0]!.claim.value ?? norm;
      const icon: TreeIcon = anyConflict
        ? 'conflicting'
        : sources.size > 1
          ? 'corroborated'
          : list.every((r) => r.claim.by === undefined)
            ? 'unsourced'
            : 'value';
      return {
        node: {
          id: encode(['claims', key, norm]),
          label: display,
          description: `${plural(sources.size, 'source')}${anyConflict ? ' · conflicts' : sources.size > 1 ? ' · corroborated' : ''}`,
          icon,
          collapsible: true,
        } satisfies TreeNode,
        weight: sources.size,
      };
    });
    nodes.sort((a, b) => b.weight - a.weight || a.node.label.localeCompare(b.node.label));
    return nodes.map((n) => n.node);
  }
  if (path.length === 3) {
    const refs = [...(groups.get(path[2]!) ?? [])].sort((a, b) =>
      a.model.uri < b.model.uri ? -1 : a.model.uri > b.model.uri ? 1 : a.claim.start - b.claim.start,
    );
    return capped(
      refs.map((r) => claimNode(index, r, path, true)),
      path,
    );
  }
  return [];
}

function keylessClaims(index: WorkspaceIndex): ClaimRef[] {
  const out: ClaimRef[] = [];
  for (const uri of index.sourceUris().sort()) {
    const model = index.getSource(uri)!;
    for (const claim of model.claims) {
      if (claim.key !== undefined && claim.value !== undefined) continue;
      const ref = index.claimRef(uri, claim);
      if (ref) out.push(ref);
    }
  }
  return out;
}

// ---- sources ------------------------------------------------------------------

function sourceNodes(index: WorkspaceIndex, path: Path): TreeNode[] {
  if (path.length === 1) {
    const models = index.sourceUris().map((u) => index.getSource(u)!);
    models.sort((a, b) => sourceTitle(a).localeCompare(sourceTitle(b)) || (a.uri < b.uri ? -1 : 1));
    return capped(
      models.map((m) => {
        const problems = computeDiagnostics(index, m.uri).filter(
          (d) => d.severity === 'error' || d.severity === 'warning',
        ).length;
        const description = [m.meta.outlet, m.meta.published, problems > 0 ? plural(problems, 'problem') : undefined]
          .filter(Boolean)
          .join(' · ');
        return {
          id: encode(['sources', m.uri]),
          label: sourceTitle(m),
          description: description || `${plural(m.claims.length, 'claim')}`,
          tooltip: `${m.id}${m.meta.title ? `\n${m.meta.title}` : ''}\n${plural(m.claims.length, 'claim')}, ${plural(m.mentions.length, 'actor mention')}`,
          icon: 'source' as const,
          collapsible: m.claims.length > 0,
          location: { uri: m.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        };
      }),
      path,
    );
  }
  if (path.length === 2) {
    const uri = path[1]!;
    const model = index.getSource(uri);
    if (!model) return [];
    return capped(
      model.claims.map((c: Claim) => claimNode(index, index.claimRef(uri, c)!, path, false)),
      path,
    );
  }
  return [];
}

function sourceTitle(model: SourceModel): string {
  return model.meta.title ?? model.id;
}

function lineExcerpt(model: SourceModel, offset: number): string {
  const pos = model.lines.positionAt(offset);
  const start = model.lines.lineStarts[pos.line]!;
  const end = model.lines.lineStarts[pos.line + 1] ?? model.text.length;
  // Take the markup out of the whole line first: a window cut from the raw
  // text would keep pieces of attribute lists ("…r ref=nato}", "Trump]{.").
  const plain = (s: string): string => s.replace(/\]\{[^}]*\}/g, '').replace(/\[/g, '');
  const before = plain(model.text.slice(start, offset));
  const after = plain(model.text.slice(offset, end));
  return (before.length > 30 ? '…' : '') + excerpt(before.slice(-30) + after, 70);
}
