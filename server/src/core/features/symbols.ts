/**
 * The outline of a file (document symbols) and the workspace-wide symbol
 * search. A source's outline has its front matter, its actors (each actor
 * once, with its mentions in the file as children) and its claims; a
 * registry's outline has its actors and claim keys.
 */

import * as lsp from 'vscode-languageserver-types';
import type { Claim, Mention, SourceModel } from '../model/source';
import type { Registry } from '../model/registry';
import type { LineIndex } from '../base/text';
import type { WorkspaceIndex } from '../workspace/workspace';

/** At most this many workspace symbols are returned. */
export const MAX_WORKSPACE_SYMBOLS = 200;
const EXCERPT = 60;

export function documentSymbols(index: WorkspaceIndex, uri: string): lsp.DocumentSymbol[] {
  const registry = index.getRegistry(uri);
  if (registry) return registrySymbols(registry);
  const model = index.getSource(uri);
  return model ? sourceSymbols(index, model) : [];
}

function symbol(
  lines: LineIndex,
  name: string,
  detail: string | undefined,
  kind: lsp.SymbolKind,
  start: number,
  end: number,
  selStart: number,
  selEnd: number,
  children?: lsp.DocumentSymbol[],
): lsp.DocumentSymbol {
  const s: lsp.DocumentSymbol = {
    name,
    kind,
    range: lines.rangeAt(start, end),
    selectionRange: lines.rangeAt(selStart, selEnd),
  };
  if (detail !== undefined) s.detail = detail;
  if (children) s.children = children;
  return s;
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT ? t.slice(0, EXCERPT - 1) + '…' : t;
}

// ---- sources -------------------------------------------------------------------------------

function sourceSymbols(index: WorkspaceIndex, model: SourceModel): lsp.DocumentSymbol[] {
  const { lines } = model;
  const out: lsp.DocumentSymbol[] = [];
  const fm = model.parsed.frontMatter;
  if (fm) {
    const selStart = model.meta.idStart ?? fm.start;
    const selEnd = model.meta.idEnd ?? Math.min(fm.end, fm.start + 3);
    out.push(
      symbol(
        lines,
        model.meta.title || model.id,
        `source ${model.id}`,
        lsp.SymbolKind.File,
        fm.start,
        Math.max(fm.start, trimEnd(model.text, fm.start, fm.end)),
        selStart,
        selEnd,
      ),
    );
  }

  const byActor = mentionsByActor(index, model);
  if (byActor.size > 0) {
    const actors = [...byActor.values()].map((entry) => actorSymbol(lines, entry));
    out.push(
      group(
        lines,
        'Actors',
        `${byActor.size} actor${byActor.size === 1 ? '' : 's'}, ${model.mentions.length} mention${model.mentions.length === 1 ? '' : 's'}`,
        model.mentions,
        actors,
      ),
    );
  }

  if (model.claims.length > 0) {
    const claims = model.claims.map((c) => claimSymbol(lines, c));
    out.push(
      group(
        lines,
        'Claims',
        `${model.claims.length} claim${model.claims.length === 1 ? '' : 's'}`,
        model.claims,
        claims,
      ),
    );
  }
  return out;
}

/** The mentions of one actor (or of one unresolved name), with the label and detail of its symbol. */
interface ActorEntry {
  label: string;
  detail: string;
  mentions: Mention[];
}

/** The source's mentions grouped by the actor they resolve to (unresolved ones by their text), in order of first mention. */
function mentionsByActor(index: WorkspaceIndex, model: SourceModel): Map<string, ActorEntry> {
  const registry = index.registryFor(model.uri);
  const resolved = new Map<Mention, string>();
  for (const r of index.mentionRefs(model.uri)) resolved.set(r.mention, r.actor);
  const byActor = new Map<string, ActorEntry>();
  for (const mention of model.mentions) {
    const actor = resolved.get(mention) ?? mention.ref;
    const group = actor ?? `\0${mention.text}`;
    let entry = byActor.get(group);
    if (!entry) {
      const def = actor !== undefined ? registry?.actors.get(actor) : undefined;
      const label = actor ?? (mention.text || '(empty)');
      const detail = def
        ? `${def.name} · ${def.kind}`
        : actor !== undefined
          ? 'not in entities.yaml'
          : 'unresolved name';
      byActor.set(group, (entry = { label, detail, mentions: [] }));
    }
    entry.mentions.push(mention);
  }
  return byActor;
}

/** The symbol of one actor, with one child per mention. */
function actorSymbol(lines: LineIndex, { label, detail, mentions }: ActorEntry): lsp.DocumentSymbol {
  const children = mentions.map((m) =>
    symbol(
      lines,
      m.text || m.ref || '(empty)',
      m.ref !== undefined ? `ref=${m.ref}` : 'by name',
      lsp.SymbolKind.String,
      m.start,
      m.end,
      m.contentStart,
      m.contentEnd,
    ),
  );
  const first = mentions[0]!;
  return symbol(
    lines,
    label,
    detail,
    lsp.SymbolKind.Class,
    first.start,
    Math.max(...mentions.map((m) => m.end)),
    first.contentStart,
    first.contentEnd,
    children,
  );
}

function claimSymbol(lines: LineIndex, c: Claim): lsp.DocumentSymbol {
  const name =
    c.key !== undefined && c.value !== undefined ? `${c.key} = ${c.value}` : excerpt(c.text) || '(empty claim)';
  const detail = `${c.id !== undefined ? `#${c.id} · ` : ''}${c.by !== undefined ? `by ${c.by}` : 'unsourced'}`;
  const kind = c.key !== undefined ? lsp.SymbolKind.Property : lsp.SymbolKind.Event;
  const [selStart, selEnd] =
    c.idStart !== undefined && c.idEnd !== undefined ? [c.idStart - 1, c.idEnd] : [c.start, c.end];
  return symbol(lines, name, detail, kind, c.start, c.end, selStart, selEnd);
}

/** A grouping node around items (whose spans it encloses); selected at its first item. */
function group(
  lines: LineIndex,
  name: string,
  detail: string,
  items: Array<{ start: number; end: number }>,
  children: lsp.DocumentSymbol[],
): lsp.DocumentSymbol {
  const start = Math.min(...items.map((i) => i.start));
  const end = Math.max(...items.map((i) => i.end));
  const first = items.find((i) => i.start === start)!;
  return symbol(lines, name, detail, lsp.SymbolKind.Namespace, start, end, first.start, first.end, children);
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

// ---- registries ----------------------------------------------------------------------------------

function registrySymbols(registry: Registry): lsp.DocumentSymbol[] {
  const { lines, text } = registry;
  const out: lsp.DocumentSymbol[] = [];
  const actors = [...registry.actors.values()].sort((a, b) => a.keyStart - b.keyStart);
  if (registry.actorsKey || actors.length > 0) {
    // YAML ranges of block collections run to the start of the next line: trim them to the last character.
    const entryEnd = (a: { keyEnd: number; end: number }): number => Math.max(a.keyEnd, trimEnd(text, a.keyEnd, a.end));
    const children = actors.map((a) =>
      symbol(lines, a.id, `${a.name} · ${a.kind}`, lsp.SymbolKind.Class, a.start, entryEnd(a), a.keyStart, a.keyEnd),
    );
    const key = registry.actorsKey ?? { start: actors[0]!.keyStart, end: actors[0]!.keyEnd, valueEnd: actors[0]!.end };
    const end = Math.max(trimEnd(text, key.end, key.valueEnd), key.end, ...actors.map(entryEnd));
    out.push(
      symbol(
        lines,
        'actors',
        `${actors.length} actor${actors.length === 1 ? '' : 's'}`,
        lsp.SymbolKind.Namespace,
        key.start,
        end,
        key.start,
        key.end,
        children,
      ),
    );
  }
  const defs = [...registry.claimKeys.values()].sort((a, b) => a.keyStart - b.keyStart);
  if (registry.claimsKey || defs.length > 0) {
    const key = registry.claimsKey ?? {
      start: defs[0]!.keyStart,
      end: defs[0]!.keyEnd,
      valueEnd: defs[defs.length - 1]!.keyEnd,
    };
    const sectionEnd = Math.max(trimEnd(text, key.end, key.valueEnd), key.end);
    const children = defs.map((d, i) => {
      // The registry keeps only the key's range: an entry runs to the next key (or the end of the section).
      const next = i + 1 < defs.length ? defs[i + 1]!.keyStart : sectionEnd;
      let end = next;
      while (end > d.keyEnd && /[\s,]/.test(text[end - 1]!)) end--;
      const detail = [d.type, d.unit, d.description !== undefined ? excerpt(d.description) : undefined]
        .filter((s) => s !== undefined)
        .join(' · ');
      return symbol(
        lines,
        d.key,
        detail || undefined,
        lsp.SymbolKind.Key,
        d.keyStart,
        Math.max(end, d.keyEnd),
        d.keyStart,
        d.keyEnd,
      );
    });
    const end = Math.max(sectionEnd, ...defs.map((d) => d.keyEnd));
    out.push(
      symbol(
        lines,
        'claims',
        `${defs.length} claim key${defs.length === 1 ? '' : 's'}`,
        lsp.SymbolKind.Namespace,
        key.start,
        end,
        key.start,
        key.end,
        children,
      ),
    );
  }
  return out;
}

// ---- workspace symbols -------------------------------------------------------------------------------

/**
 * How well `query` matches one of `names`: 0 equal, 1 prefix, 2 substring,
 * 3 subsequence (all ignoring case); undefined if it does not match.
 */
export function matchScore(query: string, names: readonly string[]): number | undefined {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (q === '') return 3;
  let best: number | undefined;
  for (const name of names) {
    const n = name.toLowerCase();
    let s: number | undefined;
    if (n === q) s = 0;
    else if (n.startsWith(q)) s = 1;
    else if (n.includes(q)) s = 2;
    else if (isSubsequence(q, n)) s = 3;
    if (s !== undefined && (best === undefined || s < best)) best = s;
  }
  return best;
}

function isSubsequence(q: string, n: string): boolean {
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(index: WorkspaceIndex, query: string): lsp.WorkspaceSymbol[] {
  const found: Array<{ score: number; symbol: lsp.WorkspaceSymbol }> = [];
  const add = (names: string[], symbol: lsp.WorkspaceSymbol): void => {
    const score = matchScore(query, names);
    if (score !== undefined) found.push({ score, symbol });
  };
  const registries = index
    .registryUris()
    .sort()
    .map((u) => index.getRegistry(u)!);
  const described = new Set<string>();
  for (const r of registries) {
    for (const a of r.actors.values()) {
      add([a.id, a.name, ...a.aliases], {
        name: a.name === a.id ? a.id : `${a.name} (${a.id})`,
        kind: lsp.SymbolKind.Class,
        containerName: `actor · ${a.kind}`,
        location: { uri: r.uri, range: r.lines.rangeAt(a.keyStart, a.keyEnd) },
      });
    }
    for (const d of r.claimKeys.values()) {
      described.add(d.key);
      add([d.key], {
        name: d.key,
        kind: lsp.SymbolKind.Key,
        containerName: 'claim key',
        location: { uri: r.uri, range: r.lines.rangeAt(d.keyStart, d.keyEnd) },
      });
    }
  }
  for (const key of index.claimKeys()) {
    if (described.has(key)) continue;
    // Not in any registry: point at the first claim that states it (by file, then offset).
    let first: { model: SourceModel; claim: Claim } | undefined;
    for (const refs of index.claimsOfKey(key).values()) {
      for (const r of refs) {
        if (
          !first ||
          r.model.uri < first.model.uri ||
          (r.model.uri === first.model.uri && r.claim.start < first.claim.start)
        )
          first = r;
      }
    }
    if (!first) continue;
    add([key], {
      name: key,
      kind: lsp.SymbolKind.Key,
      containerName: 'claim key (not in entities.yaml)',
      location: {
        uri: first.model.uri,
        range: first.model.lines.rangeAt(
          first.claim.keyStart ?? first.claim.start,
          first.claim.keyEnd ?? first.claim.end,
        ),
      },
    });
  }
  for (const uri of index.sourceUris()) {
    const model = index.getSource(uri)!;
    const title = model.meta.title;
    add(title ? [model.id, title] : [model.id], {
      name: title || model.id,
      kind: lsp.SymbolKind.File,
      containerName: title ? `source ${model.id}` : 'source',
      location: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
  }
  const locationKey = (s: lsp.WorkspaceSymbol): string => s.location.uri;
  found.sort(
    (a, b) =>
      a.score - b.score ||
      compare(a.symbol.name, b.symbol.name) ||
      compare(locationKey(a.symbol), locationKey(b.symbol)),
  );
  return found.slice(0, MAX_WORKSPACE_SYMBOLS).map((f) => f.symbol);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
