/**
 * Completion inside attribute lists (`[text]{.claim by=… key=…}`) and in
 * entities.yaml (`kind:`, `type:`). Works on complete spans and on a list
 * still being typed (`]{` not yet closed on the current line). Cost: O(the
 * attribute list + the registry + the workspace's claims); no disk access.
 */

import * as lsp from 'vscode-languageserver-types';
import type { SourceModel } from '../model/source';
import type { Span } from '../syntax/parser';
import { ACTOR_KINDS, CLAIM_TYPES, type ActorKind, type ClaimType, type Registry } from '../model/registry';
import type { Position } from '../base/types';
import type { WorkspaceIndex } from '../workspace/workspace';

const RESERVED_DOCS: Record<string, string> = {
  anonymous:
    'A source the article does not name ("a NATO official", "diplomats said"). Reported as information, so that unnamed sourcing stays visible.',
  outlet: "The article's own assertion: the outlet states it in its own voice.",
};

const ATTRIBUTE_DOCS: Record<string, string> = {
  ref: 'The actor this text designates: an actor id from entities.yaml.',
  by: "Who asserts the claim: an actor id, `anonymous` (an unnamed source) or `outlet` (the article's own voice). No `by` means unsourced.",
  key: 'The proposition: a claim key such as `nato.spending-target`. Comes with `value=`.',
  value: 'What this source asserts the value to be, written canonically (e.g. `"5% of GDP"`). Comes with `key=`.',
  'as-of': 'When the value holds: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.',
  supports:
    'Claims this one supports: `#id` in this file, `source-id#id` in another. Several in quotes, separated by spaces or commas.',
  disputes:
    'Claims this one disputes: `#id` in this file, `source-id#id` in another. A conflict between disputing claims is acknowledged, not warned about.',
};

const KIND_DOCS: Record<ActorKind, string> = {
  person: 'A named individual.',
  organization: 'An organisation: an alliance, a government body, a company, a party.',
  country: 'A country or state.',
  place: 'A city, region or site (also a city used as a metonym, such as Brussels).',
  group: 'A group of people or states that is not an organisation ("European leaders").',
  other: 'Anything else.',
};

const TYPE_DOCS: Record<ClaimType, string> = {
  number: 'Compared as the first number, with scale words applied: `84,000` = `84000 troops` = `84 thousand`.',
  percent: 'Compared as the first percentage: `5% of GDP` = `5 percent` = `5 per cent`.',
  money: 'Compared as currency and amount: `$50 trillion` = `USD 50000000000000`.',
  date: 'Compared as an ISO date, as precise as given: `October 2024` = `2024-10`.',
  place: 'Compared as text without a leading "the": `The Hague` = `Hague`.',
  text: 'Compared as normalised text (case, quotes, dashes, spacing folded). The default.',
};

const ACTOR_ATTRIBUTES = ['ref'];
const CLAIM_ATTRIBUTES = ['by', 'key', 'value', 'as-of', 'supports', 'disputes'];
/** Attributes whose value has completions of its own: choosing the name re-opens the list. */
const WITH_VALUES = new Set(['ref', 'by', 'key', 'supports', 'disputes']);
const RETRIGGER: lsp.Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
const EXCERPT = 60;

export function completion(index: WorkspaceIndex, uri: string, position: Position): lsp.CompletionItem[] {
  const registry = index.getRegistry(uri);
  if (registry) return registryCompletion(registry, position);
  const model = index.getSource(uri);
  if (!model) return [];
  const offset = model.lines.offsetAt(position);
  const list = attributeList(model, offset);
  if (!list) return [];
  const { tokens, span } = list;
  const current = tokens.find((t) => t.start < offset && offset <= t.end);
  const others = tokens.filter((t) => t !== current);
  const text = model.text;
  const classes = new Set(others.filter((t) => text[t.start] === '.').map((t) => text.slice(t.start + 1, t.end)));
  const keys = new Set(
    others
      .map((t) => text.slice(t.start, t.end))
      .filter((s) => /^[^.#"]+=/.test(s))
      .map((s) => s.slice(0, s.indexOf('='))),
  );
  const hasId = others.some((t) => text[t.start] === '#');
  const kind =
    classes.has('claim') && !classes.has('actor')
      ? 'claim'
      : classes.has('actor') && !classes.has('claim')
        ? 'actor'
        : undefined;
  const range = (start: number, end: number): lsp.Range => model.lines.rangeAt(start, end);

  if (!current) {
    // Right before a token (`{|.claim}`): inserting a name there would glue the two together.
    if (tokens.some((t) => t.start === offset)) return [];
    return attributeNames(kind, keys, hasId, range(offset, offset));
  }
  const word = text.slice(current.start, offset);
  if (word.startsWith('.')) {
    return ['actor', 'claim']
      .filter((c) => !classes.has(c))
      .map((c) => ({
        label: c,
        kind: lsp.CompletionItemKind.EnumMember,
        detail: c === 'actor' ? 'a mention of an actor' : 'a claim someone makes',
        textEdit: lsp.TextEdit.replace(range(current.start + 1, current.end), c),
      }));
  }
  if (word.startsWith('#')) return [];
  const eq = word.indexOf('=');
  if (eq < 0) return attributeNames(kind, keys, hasId, range(current.start, current.end));

  const key = word.slice(0, eq);
  const quoted = text[current.start + eq + 1] === '"';
  const valueStart = current.start + eq + 1 + (quoted ? 1 : 0);
  if (offset < valueStart) return [];
  if (quoted && closesQuote(text, valueStart, offset)) return [];
  const isLink = key === 'supports' || key === 'disputes';
  // A link list is completed one target at a time.
  let partStart = valueStart;
  if (isLink)
    for (let i = offset - 1; i >= valueStart; i--)
      if (/[\s,]/.test(text[i]!)) {
        partStart = i + 1;
        break;
      }
  let partEnd = offset;
  while (partEnd < current.end && !/[\s,"}]/.test(text[partEnd]!)) partEnd++;
  const partial = text.slice(partStart, offset);
  const edit = range(partStart, partEnd);
  switch (key) {
    case 'ref':
      return actorItems(index.registryFor(uri), partial, edit, false);
    case 'by':
      return actorItems(index.registryFor(uri), partial, edit, true);
    case 'key':
      return keyItems(index, index.registryFor(uri), partial, edit);
    case 'supports':
    case 'disputes':
      return linkItems(index, model, span, edit);
    default:
      return [];
  }
}

// ---- the attribute list around the cursor -----------------------------------------------------

interface AttributeList {
  /** The tokens of the list (`.class`, `#id`, `key=value`), with their offsets. */
  tokens: Array<{ start: number; end: number }>;
  /** The span, when the list is closed and parsed. */
  span?: Span;
}

function attributeList(model: SourceModel, offset: number): AttributeList | undefined {
  const { text, parsed } = model;
  if (offset < parsed.bodyStart) return undefined;
  for (const c of parsed.code) if (offset > c.start && offset < c.end) return undefined;
  // Attribute lists never nest (an inner span's list lies in the outer span's text), so at most one holds the cursor.
  for (const span of parsed.spans) {
    if (span.start >= offset) break;
    if (offset > span.attrStart && offset <= span.end - 1) {
      const tokens = tokenize(text, span.attrStart + 1, span.end - 1);
      return tokens ? { tokens: tokens.tokens, span } : undefined;
    }
  }
  // A list still being typed: the last ']{' on this line before the cursor, not closed before it.
  const line = model.lines.positionAt(offset).line;
  const lineStart = model.lines.lineStarts[line]!;
  const lineEnd = model.lines.lineEnds[line]!;
  let open = text.lastIndexOf(']{', offset - 2);
  if (open < lineStart) return undefined;
  open += 1;
  const tokens = tokenize(text, open + 1, lineEnd);
  if (!tokens || (tokens.closedAt !== undefined && tokens.closedAt < offset)) return undefined;
  return { tokens: tokens.tokens };
}

/**
 * Splits `text[from, to)` into attribute tokens as the parser reads them:
 * separated by blanks, with `key="quoted value"` kept whole (backslash
 * escapes). Stops at an unquoted `}`.
 */
function tokenize(
  text: string,
  from: number,
  to: number,
): { tokens: Array<{ start: number; end: number }>; closedAt?: number } | undefined {
  const tokens: Array<{ start: number; end: number }> = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '}') return { tokens, closedAt: i };
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && !/[\s}]/.test(text[i]!)) {
      if (text[i] === '=' && text[i + 1] === '"') {
        i += 2;
        while (i < to && text[i] !== '"') {
          if (text[i] === '\\') i++;
          i++;
        }
        if (i < to) i++;
        continue;
      }
      i++;
    }
    tokens.push({ start, end: Math.min(i, to) });
  }
  return { tokens };
}

/** Whether a quoted value starting at `from` is closed before `to`. */
function closesQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return true;
  }
  return false;
}

// ---- items --------------------------------------------------------------------------------------------

function markdown(value: string): lsp.MarkupContent {
  return { kind: lsp.MarkupKind.Markdown, value };
}

/** Sorts candidates that start with what was typed first (exactly, then ignoring case), then the rest. */
function rank(label: string, partial: string): string {
  if (label.startsWith(partial)) return '0';
  if (label.toLowerCase().startsWith(partial.toLowerCase())) return '1';
  return '2';
}

function attributeNames(
  kind: 'actor' | 'claim' | undefined,
  present: Set<string>,
  hasId: boolean,
  edit: lsp.Range,
): lsp.CompletionItem[] {
  const items: lsp.CompletionItem[] = [];
  if (kind === undefined) {
    for (const c of ['actor', 'claim']) {
      items.push({
        label: `.${c}`,
        kind: lsp.CompletionItemKind.EnumMember,
        detail: c === 'actor' ? 'a mention of an actor' : 'a claim someone makes',
        sortText: `0${c}`,
        textEdit: lsp.TextEdit.replace(edit, `.${c}`),
      });
    }
  }
  const names = kind === 'actor' ? ACTOR_ATTRIBUTES : kind === 'claim' ? CLAIM_ATTRIBUTES : [];
  names.forEach((name, i) => {
    if (present.has(name)) return;
    const item: lsp.CompletionItem = {
      label: `${name}=`,
      kind: lsp.CompletionItemKind.Property,
      documentation: markdown(ATTRIBUTE_DOCS[name]!),
      sortText: `1${i}`,
      textEdit: lsp.TextEdit.replace(edit, `${name}=`),
    };
    if (WITH_VALUES.has(name)) item.command = RETRIGGER;
    items.push(item);
  });
  if (!hasId && kind !== 'actor') {
    items.push({
      label: '#',
      kind: lsp.CompletionItemKind.Keyword,
      detail: 'claim id',
      documentation: markdown(
        'Names the claim so that `supports=` and `disputes=` links can point at it. Unique within the file.',
      ),
      sortText: '2',
      textEdit: lsp.TextEdit.replace(edit, '#'),
    });
  }
  return items;
}

function actorItems(
  registry: Registry | undefined,
  partial: string,
  edit: lsp.Range,
  reserved: boolean,
): lsp.CompletionItem[] {
  const items: lsp.CompletionItem[] = [];
  for (const actor of registry?.actors.values() ?? []) {
    const doc: string[] = [];
    if (actor.description) doc.push(actor.description);
    if (actor.aliases.length > 0) doc.push(`Also: ${actor.aliases.join(', ')}`);
    if (actor.wikidata) doc.push(`Wikidata: ${actor.wikidata}`);
    const item: lsp.CompletionItem = {
      label: actor.id,
      labelDetails: { description: actor.name },
      kind: lsp.CompletionItemKind.Reference,
      detail: `${actor.name} · ${actor.kind}`,
      sortText: `${rank(actor.id, partial)}${actor.id}`,
      textEdit: lsp.TextEdit.replace(edit, actor.id),
    };
    if (doc.length > 0) item.documentation = markdown(doc.join('\n\n'));
    items.push(item);
  }
  if (reserved) {
    for (const word of ['anonymous', 'outlet']) {
      items.push({
        label: word,
        kind: lsp.CompletionItemKind.Keyword,
        detail: word === 'anonymous' ? 'an unnamed source' : "the article's own assertion",
        documentation: markdown(RESERVED_DOCS[word]!),
        sortText: `${rank(word, partial)}${word}`,
        textEdit: lsp.TextEdit.replace(edit, word),
      });
    }
  }
  return items;
}

function keyItems(
  index: WorkspaceIndex,
  registry: Registry | undefined,
  partial: string,
  edit: lsp.Range,
): lsp.CompletionItem[] {
  const items: lsp.CompletionItem[] = [];
  const used = (key: string): number => {
    let n = 0;
    for (const refs of index.claimsOfKey(key).values()) n += refs.length;
    return n;
  };
  const plural = (n: number): string => `${n} claim${n === 1 ? '' : 's'}`;
  for (const def of registry?.claimKeys.values() ?? []) {
    const detail = [def.type ?? 'text', def.unit].filter((s) => s !== undefined).join(' · ');
    const n = used(def.key);
    const doc = [def.description, n > 0 ? `Stated in ${plural(n)}.` : undefined].filter((s) => s !== undefined);
    const item: lsp.CompletionItem = {
      label: def.key,
      kind: lsp.CompletionItemKind.Constant,
      detail,
      sortText: `${rank(def.key, partial)}${def.key}`,
      textEdit: lsp.TextEdit.replace(edit, def.key),
    };
    if (doc.length > 0) item.documentation = markdown(doc.join('\n\n'));
    items.push(item);
  }
  for (const key of index.claimKeys().sort()) {
    if (registry?.claimKeys.has(key)) continue;
    items.push({
      label: key,
      kind: lsp.CompletionItemKind.Constant,
      detail: `not in entities.yaml · ${plural(used(key))}`,
      sortText: `${rank(key, partial)}${key}`,
      textEdit: lsp.TextEdit.replace(edit, key),
    });
  }
  return items;
}

function excerpt(text: string): string {
  return text.length > EXCERPT ? text.slice(0, EXCERPT - 1) + '…' : text;
}

function linkItems(
  index: WorkspaceIndex,
  model: SourceModel,
  span: Span | undefined,
  edit: lsp.Range,
): lsp.CompletionItem[] {
  const items: lsp.CompletionItem[] = [];
  const title = (m: SourceModel): string => m.meta.title ?? m.id;
  for (const claim of model.claims) {
    if (claim.id === undefined || claim.start === span?.start) continue;
    items.push({
      label: `#${claim.id}`,
      labelDetails: { description: 'this file' },
      kind: lsp.CompletionItemKind.Reference,
      detail: excerpt(claim.text),
      documentation: markdown(
        `${claim.key !== undefined ? `\`${claim.key}\` = ${claim.value ?? ''}\n\n` : ''}“${claim.text}”`,
      ),
      sortText: `0${claim.id}`,
      textEdit: lsp.TextEdit.replace(edit, `#${claim.id}`),
    });
  }
  for (const uri of index.sourceUris().sort()) {
    if (uri === model.uri) continue;
    const other = index.getSource(uri)!;
    // Another file with this file's id cannot be told apart in a link.
    if (other.id === model.id) continue;
    for (const claim of other.claims) {
      if (claim.id === undefined) continue;
      const label = `${other.id}#${claim.id}`;
      items.push({
        label,
        labelDetails: { description: title(other) },
        kind: lsp.CompletionItemKind.Reference,
        detail: `${excerpt(claim.text)} — ${title(other)}`,
        documentation: markdown(
          `${claim.key !== undefined ? `\`${claim.key}\` = ${claim.value ?? ''}\n\n` : ''}“${claim.text}”\n\n— ${title(other)}`,
        ),
        sortText: `1${label}`,
        textEdit: lsp.TextEdit.replace(edit, label),
      });
    }
  }
  return items;
}

// ---- entities.yaml ------------------------------------------------------------------------------------------

function registryCompletion(registry: Registry, position: Position): lsp.CompletionItem[] {
  const { text, lines } = registry;
  const offset = lines.offsetAt(position);
  const lineStart = lines.lineStarts[position.line] ?? 0;
  const before = text.slice(lineStart, offset);
  const m = /(?:^|[\s{,])(kind|type):[ \t]+([\p{L}\p{N}_-]*)$/u.exec(before);
  if (!m) return [];
  const field = m[1]!;
  const section = sectionAt(registry, position.line);
  if ((field === 'kind' && section !== 'actors') || (field === 'type' && section !== 'claims')) return [];
  let end = offset;
  while (end < text.length && /[\p{L}\p{N}_-]/u.test(text[end]!)) end++;
  const edit = lines.rangeAt(offset - m[2]!.length, end);
  const values: readonly string[] = field === 'kind' ? ACTOR_KINDS : CLAIM_TYPES;
  return values.map((v, i) => ({
    label: v,
    kind: lsp.CompletionItemKind.EnumMember,
    documentation: markdown(field === 'kind' ? KIND_DOCS[v as ActorKind] : TYPE_DOCS[v as ClaimType]),
    sortText: String(i),
    textEdit: lsp.TextEdit.replace(edit, v),
  }));
}

/** The top-level key (`actors`, `claims`) whose value holds the given line. */
function sectionAt(registry: Registry, line: number): string | undefined {
  const { text, lines } = registry;
  for (let l = line; l >= 0; l--) {
    const content = text.slice(lines.lineStarts[l], lines.lineEnds[l]);
    const top = /^([^\s#][^:]*?)\s*:(?:\s|$)/.exec(content.replace(/^\uFEFF/, ''));
    if (top) return top[1]!.replace(/^["']|["']$/g, '');
  }
  return undefined;
}
