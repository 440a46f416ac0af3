/**
 * Rename: actor ids, claim keys, claim ids and source ids. A rename changes
 * identifiers only, never the article's text: `ref=`/`by=`/`key=` values,
 * `#id`s, link targets, registry keys and the front matter `id`.
 *
 * Scope. Actor ids belong to a registry: renaming one changes the registry
 * that governs the file the rename starts from (if it defines the id) and the
 * `ref=`/`by=` values of every source that same registry governs (sources
 * governed by another registry mean another actor, even with the same id).
 * Claim keys are compared across the whole workspace, so they are renamed in
 * every source and in every registry that defines them. A claim id is renamed
 * with the links that resolve to that claim; a source id with the links that
 * name it.
 */

import type * as lsp from 'vscode-languageserver-types';
import { SOURCE_ID } from '../syntax/frontMatter';
import { locate, type Target } from '../workspace/locate';
import type { Claim, ClaimLink, SourceModel } from '../model/source';
import { ACTOR_ID, CLAIM_KEY, RESERVED_BY, type Registry } from '../model/registry';
import type { LineIndex } from '../base/text';
import type { Position } from '../base/types';
import type { WorkspaceIndex } from '../workspace/workspace';
import type { Refusal } from '../base/types';

/** A claim id: what a `#id` may be renamed to (safe in links and attribute lists). */
export const CLAIM_ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

type Subject =
  | { kind: 'actor'; id: string; registry: Registry | undefined }
  | { kind: 'key'; key: string }
  | { kind: 'claim-id'; model: SourceModel; claim: Claim; id: string }
  | { kind: 'source-id'; model: SourceModel; id: string };

interface Located {
  subject: Subject;
  /** The identifier under the cursor, in the file the request is about. */
  start: number;
  end: number;
  lines: LineIndex;
}

const RESERVED = RESERVED_BY as readonly string[];

const ONLY_IDS = 'only actor ids (ref=, by=), claim keys (key=), claim ids (#id) and source ids can be renamed';

export function prepareRename(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
): { range: lsp.Range; placeholder: string } | Refusal | undefined {
  const found = find(index, uri, position);
  if (!found || 'error' in found) return found;
  return { range: found.lines.rangeAt(found.start, found.end), placeholder: nameOf(found.subject) };
}

export function rename(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
  newName: string,
): lsp.WorkspaceEdit | Refusal {
  const found = find(index, uri, position);
  if (!found) return { error: `Nothing to rename here: ${ONLY_IDS}.` };
  if ('error' in found) return found;
  const subject = found.subject;
  const edits = new EditCollector(index);
  let error: string | undefined;
  switch (subject.kind) {
    case 'actor':
      error = renameActor(index, subject, newName, edits);
      break;
    case 'key':
      error = renameKey(index, subject.key, newName, edits);
      break;
    case 'claim-id':
      error = renameClaimId(index, subject, newName.startsWith('#') ? newName.slice(1) : newName, edits);
      break;
    case 'source-id':
      error = renameSourceId(index, subject.model, newName, edits);
      break;
  }
  if (error !== undefined) return { error };
  return { changes: edits.result() };
}

function nameOf(subject: Subject): string {
  switch (subject.kind) {
    case 'actor':
      return subject.id;
    case 'key':
      return subject.key;
    case 'claim-id':
      return subject.id;
    case 'source-id':
      return subject.id;
  }
}

// ---- what is under the cursor ----------------------------------------------------

function find(index: WorkspaceIndex, uri: string, position: Position): Located | Refusal | undefined {
  const registry = index.getRegistry(uri);
  if (registry) return findInRegistry(index, uri, registry, position);
  const model = index.getSource(uri);
  if (!model) return undefined;
  const offset = model.lines.offsetAt(position);
  const { meta } = model;
  if (
    meta.id !== undefined &&
    meta.idStart !== undefined &&
    meta.idEnd !== undefined &&
    offset >= meta.idStart &&
    offset <= meta.idEnd
  ) {
    const [start, end] = yamlInner(model.text, meta.idStart, meta.idEnd);
    return { subject: { kind: 'source-id', model, id: model.id }, start, end, lines: model.lines };
  }
  const target = locate(index, uri, offset);
  if (!target) return undefined;
  switch (target.kind) {
    case 'mention':
      return mentionError(target, offset);
    case 'actor-ref': {
      if (RESERVED.includes(target.actor)) {
        return {
          error: `by=${target.actor} is a reserved word with a meaning of its own (${target.actor === 'anonymous' ? 'a source the article does not name' : "the article's own assertion"}), not an actor id: it cannot be renamed.`,
        };
      }
      const [start, end] = valueInner(model.text, target.start, target.end, target.actor);
      return {
        subject: { kind: 'actor', id: target.actor, registry: index.registryFor(uri) },
        start,
        end,
        lines: model.lines,
      };
    }
    case 'claim-key': {
      const [start, end] = valueInner(model.text, target.start, target.end, target.key);
      return { subject: { kind: 'key', key: target.key }, start, end, lines: model.lines };
    }
    case 'claim':
      return findInClaim(model, target.claim, offset);
    case 'claim-link':
      return findInLink(index, model, target.link, offset);
    default:
      return undefined;
  }
}

/** What is under the cursor in a registry: an actor id or a claim key. */
function findInRegistry(
  index: WorkspaceIndex,
  uri: string,
  registry: Registry,
  position: Position,
): Located | Refusal | undefined {
  const offset = registry.lines.offsetAt(position);
  const target = locate(index, uri, offset);
  if (!target) return undefined;
  if (target.kind === 'registry-actor') {
    const { actor } = target;
    if (offset < actor.keyStart || offset > actor.keyEnd) {
      return {
        error: `Only the actor id '${actor.id}' (the key of its entry) can be renamed; names, aliases and other fields are plain values.`,
      };
    }
    const [start, end] = yamlInner(registry.text, actor.keyStart, actor.keyEnd);
    return { subject: { kind: 'actor', id: actor.id, registry }, start, end, lines: registry.lines };
  }
  if (target.kind === 'registry-key') {
    const [start, end] = yamlInner(registry.text, target.def.keyStart, target.def.keyEnd);
    return { subject: { kind: 'key', key: target.def.key }, start, end, lines: registry.lines };
  }
  return undefined;
}

/** Why an actor mention cannot be renamed from `offset` (only its ref= id can). */
function mentionError(target: Extract<Target, { kind: 'mention' }>, offset: number): Refusal {
  const { mention } = target;
  if (mention.ref === undefined) {
    const who = target.actor !== undefined ? `actor '${target.actor}'` : 'no registry actor';
    return {
      error: `'${mention.text}' is resolved by its name (${who}), so there is no id here to rename: add ref=${target.actor ?? '<actor-id>'} to the span, or rename the actor in entities.yaml.`,
    };
  }
  if (offset >= mention.contentStart && offset <= mention.contentEnd) {
    return {
      error: `This is the article's text, which a rename never changes: to rename the actor, rename its id in ref=${mention.ref}.`,
    };
  }
  return { error: `Put the cursor on the id in ref=${mention.ref} to rename the actor; ${ONLY_IDS}.` };
}

/** In a claim span, only its `#id` can be renamed. */
function findInClaim(model: SourceModel, claim: Claim, offset: number): Located | Refusal {
  if (
    claim.id !== undefined &&
    claim.idStart !== undefined &&
    claim.idEnd !== undefined &&
    offset >= claim.idStart - 1 &&
    offset <= claim.idEnd
  ) {
    return {
      subject: { kind: 'claim-id', model, claim, id: claim.id },
      start: claim.idStart,
      end: claim.idEnd,
      lines: model.lines,
    };
  }
  if (offset >= claim.contentStart && offset <= claim.contentEnd) {
    return { error: `This is the article's text, which a rename never changes; ${ONLY_IDS}.` };
  }
  return { error: `Values are not renamed; ${ONLY_IDS}.` };
}

/** In a supports=/disputes= link: its source id (before `#`) or its claim id. */
function findInLink(index: WorkspaceIndex, model: SourceModel, link: ClaimLink, offset: number): Located | Refusal {
  const parts = linkParts(model.text, link);
  if (!parts)
    return {
      error: 'This link is written with escapes: write it plainly (source-id#claim-id) to rename from here.',
    };
  if (link.source !== undefined && offset <= parts.hash) {
    const sources = index.sourcesWithId(link.source);
    const other = sources.length > 0 ? index.getSource(sources[0]!) : undefined;
    if (!other) return { error: `No source has the id '${link.source}': there is nothing to rename.` };
    if (other.meta.idStart === undefined) {
      return {
        error: `The id '${link.source}' comes from the file name of ${other.uri}: add 'id: ${link.source}' to its front matter to rename it, or rename the file.`,
      };
    }
    return {
      subject: { kind: 'source-id', model: other, id: link.source },
      start: link.start,
      end: parts.hash,
      lines: model.lines,
    };
  }
  const resolved = index.resolveLink(model, link.source, link.claim);
  if (!resolved) return { error: `${link.source ?? ''}#${link.claim} leads to no claim: there is nothing to rename.` };
  return {
    subject: { kind: 'claim-id', model: resolved.model, claim: resolved.claim, id: link.claim },
    start: parts.hash + 1,
    end: link.end,
    lines: model.lines,
  };
}

/** Offsets of a link's `#` (the claim id follows it), or undefined when the link's offsets are not exact (escapes). */
function linkParts(text: string, link: ClaimLink): { hash: number } | undefined {
  const written = `${link.source ?? ''}#${link.claim}`;
  if (text.slice(link.start, link.end) !== written) return undefined;
  return { hash: link.start + (link.source ?? '').length };
}

/** The part of an attribute value to replace: inside the quotes of a quoted value. */
function valueInner(text: string, start: number, end: number, value: string): [number, number] {
  if (text.slice(start, end) === value) return [start, end];
  if (end - start >= 2 && text[start] === '"' && text[end - 1] === '"') return [start + 1, end - 1];
  return [start, end];
}

/** The part of a YAML scalar (key or value) to replace: inside its quotes, if quoted. */
function yamlInner(text: string, start: number, end: number): [number, number] {
  const q = text[start];
  if ((q === '"' || q === "'") && end - start >= 2 && text[end - 1] === q) return [start + 1, end - 1];
  return [start, end];
}

/** Plain YAML scalars that the core schema would read as something other than this string. */
const YAML_NOT_STRING =
  /^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?\d+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

// ---- edits -------------------------------------------------------------------------

class EditCollector {
  private readonly byUri = new Map<string, Map<string, { start: number; end: number; newText: string }>>();

  constructor(private readonly index: WorkspaceIndex) {}

  add(uri: string, start: number, end: number, newText: string): void {
    let edits = this.byUri.get(uri);
    if (!edits) this.byUri.set(uri, (edits = new Map<string, { start: number; end: number; newText: string }>()));
    edits.set(`${start}:${end}`, { start, end, newText });
  }

  /** Replaces an attribute value (keeping its quotes, if any). */
  value(uri: string, text: string, start: number, end: number, old: string, newText: string): void {
    const [s, e] = valueInner(text, start, end, old);
    this.add(uri, s, e, newText);
  }

  /** Replaces a YAML scalar, keeping its quotes, or adding quotes if the new text would not read as a string. */
  yaml(uri: string, text: string, start: number, end: number, newText: string): void {
    const [s, e] = yamlInner(text, start, end);
    const quoted = s !== start;
    this.add(uri, s, e, !quoted && YAML_NOT_STRING.test(newText) ? `"${newText}"` : newText);
  }

  result(): Record<string, lsp.TextEdit[]> {
    const changes: Record<string, lsp.TextEdit[]> = {};
    for (const uri of [...this.byUri.keys()].sort()) {
      const lines = this.index.getSource(uri)?.lines ?? this.index.getRegistry(uri)?.lines;
      if (!lines) continue;
      const edits = [...this.byUri.get(uri)!.values()].sort((a, b) => a.start - b.start || a.end - b.end);
      changes[uri] = edits.map((e) => ({ range: lines.rangeAt(e.start, e.end), newText: e.newText }));
    }
    return changes;
  }
}

// ---- actor ids ----------------------------------------------------------------------

/** The sources whose actor ids mean what they mean in `registry` (the sources it governs; with no registry, the ungoverned ones). */
function sourcesGovernedBy(index: WorkspaceIndex, registry: Registry | undefined): SourceModel[] {
  const out: SourceModel[] = [];
  for (const uri of index.sourceUris().sort()) {
    if (index.registryFor(uri)?.uri !== registry?.uri) continue;
    const model = index.getSource(uri);
    if (model) out.push(model);
  }
  return out;
}

function renameActor(
  index: WorkspaceIndex,
  subject: { id: string; registry: Registry | undefined },
  newName: string,
  edits: EditCollector,
): string | undefined {
  const { id, registry } = subject;
  if (newName === id) return undefined;
  if (!ACTOR_ID.test(newName))
    return `'${newName}' is not a valid actor id: use letters, digits, '.', '_' and '-', starting with a letter or digit.`;
  if (RESERVED.includes(newName))
    return `'${newName}' is reserved (by=${newName} has a meaning of its own) and cannot be an actor id.`;
  const existing = registry?.actors.get(newName);
  if (existing) return `'${newName}' is already the id of another actor (${existing.name}) in entities.yaml.`;
  const scope = sourcesGovernedBy(index, registry);
  for (const model of scope) {
    if (model.mentions.some((m) => m.ref === newName) || model.claims.some((c) => c.by === newName)) {
      return `'${newName}' is already used as an actor id in ${model.id} (${model.uri}).`;
    }
  }
  for (const model of scope) {
    for (const m of model.mentions)
      if (m.ref === id) edits.value(model.uri, model.text, m.refStart!, m.refEnd!, id, newName);
    for (const c of model.claims)
      if (c.by === id) edits.value(model.uri, model.text, c.byStart!, c.byEnd!, id, newName);
  }
  const def = registry?.actors.get(id);
  if (registry && def) edits.yaml(registry.uri, registry.text, def.keyStart, def.keyEnd, newName);
  return undefined;
}

// ---- claim keys ---------------------------------------------------------------------------

function renameKey(index: WorkspaceIndex, key: string, newName: string, edits: EditCollector): string | undefined {
  if (newName === key) return undefined;
  if (!CLAIM_KEY.test(newName))
    return `'${newName}' is not a valid claim key: use letters, digits, '.', '_' and '-' (e.g. nato.spending-target).`;
  const registries = index
    .registryUris()
    .sort()
    .map((u) => index.getRegistry(u)!);
  for (const r of registries) if (r.claimKeys.has(newName)) return `'${newName}' is already a claim key in ${r.uri}.`;
  const sources = index
    .sourceUris()
    .sort()
    .map((u) => index.getSource(u)!);
  for (const model of sources) {
    if (model.claims.some((c) => c.key === newName))
      return `'${newName}' is already a claim key, used in ${model.id} (${model.uri}).`;
  }
  for (const model of sources) {
    for (const c of model.claims)
      if (c.key === key) edits.value(model.uri, model.text, c.keyStart!, c.keyEnd!, key, newName);
  }
  for (const r of registries) {
    const def = r.claimKeys.get(key);
    if (def) edits.yaml(r.uri, r.text, def.keyStart, def.keyEnd, newName);
  }
  return undefined;
}

// ---- claim ids ------------------------------------------------------------------------------

function renameClaimId(
  index: WorkspaceIndex,
  subject: { model: SourceModel; claim: Claim; id: string },
  newName: string,
  edits: EditCollector,
): string | undefined {
  const { model, claim, id } = subject;
  if (newName === id) return undefined;
  if (!CLAIM_ID.test(newName))
    return `'${newName}' is not a valid claim id: use letters, digits, '.', '_' and '-', starting with a letter or digit.`;
  if (model.parsed.spans.some((s) => s.id?.value === newName))
    return `'#${newName}' is already the id of another span in ${model.id}.`;
  // Links that lead nowhere yet would silently start to lead here.
  const dangling = index.linksToClaim(model.id, newName).length;
  if (dangling > 0)
    return `'${model.id}#${newName}' is already the target of ${dangling === 1 ? 'a link' : `${dangling} links`} that lead${dangling === 1 ? 's' : ''} nowhere: renaming would capture ${dangling === 1 ? 'it' : 'them'}.`;
  edits.add(model.uri, claim.idStart!, claim.idEnd!, newName);
  for (const ref of index.linksToClaim(model.id, id)) {
    for (const link of ref.claim.links) {
      if (link.claim !== id || (link.source ?? ref.model.id) !== model.id) continue;
      if (index.resolveLink(ref.model, link.source, link.claim)?.claim !== claim) continue;
      const parts = linkParts(ref.model.text, link);
      if (parts) edits.add(ref.model.uri, parts.hash + 1, link.end, newName);
    }
  }
  return undefined;
}

// ---- source ids ---------------------------------------------------------------------------------

function renameSourceId(
  index: WorkspaceIndex,
  model: SourceModel,
  newName: string,
  edits: EditCollector,
): string | undefined {
  const id = model.id;
  if (newName === id) return undefined;
  if (!SOURCE_ID.test(newName))
    return `'${newName}' is not a valid source id: use ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.`;
  const taken = index.sourcesWithId(newName).filter((u) => u !== model.uri);
  if (taken.length > 0) return `'${newName}' is already the id of ${taken[0]}.`;
  const links = allLinks(index);
  const dangling = links.filter((l) => l.link.source === newName).length;
  if (dangling > 0)
    return `'${newName}' is already named by ${dangling === 1 ? 'a link' : `${dangling} links`} that lead${dangling === 1 ? 's' : ''} nowhere: renaming would capture ${dangling === 1 ? 'it' : 'them'}.`;
  edits.yaml(model.uri, model.text, model.meta.idStart!, model.meta.idEnd!, newName);
  // With a duplicated id (itself an error), only the links that lead into this file follow it.
  const shared = index.sourcesWithId(id).length > 1;
  for (const { model: other, link } of links) {
    if (link.source !== id) continue;
    if (shared && index.resolveLink(other, link.source, link.claim)?.model !== model) continue;
    if (linkParts(other.text, link)) edits.add(other.uri, link.start, link.start + id.length, newName);
  }
  return undefined;
}

/** Every supports/disputes link of the workspace, by file. */
function allLinks(index: WorkspaceIndex): Array<{ model: SourceModel; link: ClaimLink }> {
  const out: Array<{ model: SourceModel; link: ClaimLink }> = [];
  for (const uri of index.sourceUris().sort()) {
    const model = index.getSource(uri)!;
    for (const c of model.claims) for (const link of c.links) out.push({ model, link });
  }
  return out;
}
