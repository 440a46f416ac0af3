import { closest } from '../base/strings';
import { ACTOR_ID, ACTOR_KINDS, type ActorKind } from '../../../../common/actors';
import { LineIndex, decodeText, detach, invisibleNote } from '../base/text';
import { problem, type Problem } from '../base/types';
import { checkTextSize } from '../base/limits';
import {
  aliasOverflow,
  aliasProblem,
  describe,
  isMap,
  isScalar,
  isSeq,
  keyText,
  pairsOf,
  parseYaml,
  rangeOf,
  scalarString,
  YAML_MAX_ALIAS_COUNT,
} from '../syntax/yaml';
import type { Node, Pair } from 'yaml';

export { ACTOR_KINDS, ACTOR_ID, type ActorKind } from '../../../../common/actors';

export const CLAIM_TYPES = ['number', 'percent', 'money', 'date', 'place', 'text'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** `by=` values that are not actor ids. */
export const RESERVED_BY = ['anonymous', 'outlet'] as const;

export const CLAIM_KEY = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
/** The ASCII ids and keys almost every file uses: matched without the Unicode-property regex (same language, a subset). */
const ASCII_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether `s` is a valid actor id (ACTOR_ID), the ASCII case first. */
export function isActorId(s: string): boolean {
  return ASCII_ID.test(s) || ACTOR_ID.test(s);
}

/** Whether `s` is a valid claim key (CLAIM_KEY), the ASCII case first. */
export function isClaimKey(s: string): boolean {
  return ASCII_ID.test(s) || CLAIM_KEY.test(s);
}

export interface ActorDef {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description?: string;
  wikidata?: string;
  url?: string;
  /** Offsets (in the registry text) of the id key and of the whole entry. */
  keyStart: number;
  keyEnd: number;
  start: number;
  end: number;
}

export interface ClaimKeyDef {
  key: string;
  description?: string;
  type?: ClaimType;
  unit?: string;
  keyStart: number;
  keyEnd: number;
}

export interface Registry {
  uri: string;
  actors: Map<string, ActorDef>;
  claimKeys: Map<string, ClaimKeyDef>;
  /** Every name and alias → actor id (first registration wins). */
  names: Map<string, string>;
  problems: Problem[];
  lines: LineIndex;
  /** Offsets of the `actors:` and `claims:` keys, for edits that add entries. */
  actorsKey?: { start: number; end: number; valueEnd: number };
  claimsKey?: { start: number; end: number; valueEnd: number };
  text: string;
}

const ACTOR_FIELDS = ['name', 'kind', 'aliases', 'description', 'wikidata', 'url'];
const CLAIM_FIELDS = ['description', 'type', 'unit'];

export interface RegistryOptions {
  /** Larger registries (bytes of UTF-8) are not analysed: one `file-too-large` problem. */
  maxFileSize?: number;
  /** See {@link Limits.maxYamlAliases}. */
  maxYamlAliases?: number;
}

/**
 * Parses `entities.yaml` from the bytes of a file, decoded as an editor
 * would; undecodable content is an `encoding` problem.
 */
export function parseRegistryBytes(uri: string, bytes: Uint8Array, options: RegistryOptions = {}): Registry {
  const decoded = decodeText(bytes);
  const registry = parseRegistry(uri, decoded.problem?.kind === 'binary' ? '' : decoded.text, options);
  if (decoded.problem)
    registry.problems.unshift(
      problem('encoding', decoded.problem.offset, decoded.problem.offset, decoded.problem.message),
    );
  return registry;
}

/** A registry without its line index: plain data that can cross a thread boundary (structured clone). */
export type PlainRegistry = Omit<Registry, 'lines'>;

export function toPlainRegistry(registry: Registry): PlainRegistry {
  const { lines: _lines, ...plain } = registry;
  return plain;
}

export function fromPlainRegistry(plain: PlainRegistry): Registry {
  return { ...plain, lines: new LineIndex(plain.text) };
}

/** Parses `entities.yaml`. Never throws; problems carry exact ranges. */
export function parseRegistry(uri: string, text: string, options: RegistryOptions = {}): Registry {
  const problems: Problem[] = [];
  const tooLarge = options.maxFileSize !== undefined ? checkTextSize(text, options.maxFileSize) : undefined;
  if (tooLarge) text = '';
  const registry: Registry = {
    uri,
    actors: new Map(),
    claimKeys: new Map(),
    names: new Map(),
    problems,
    lines: new LineIndex(text),
    text,
  };
  if (tooLarge) problems.push(tooLarge);
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const whole: [number, number] = [start, Math.min(text.length, start + 1)];
  const root = readRoot(text, start, whole, problems, options.maxYamlAliases ?? YAML_MAX_ALIAS_COUNT);
  if (!root) return registry;
  for (const pair of pairsOf(root)) readTopLevel(pair, start, registry, whole);
  indexNames(registry);
  problems.sort((a, b) => a.start - b.start);
  return registry;
}

/**
 * The top-level mapping of the registry text from `start`, or undefined if
 * there is none to read (empty, comments only, or a problem reported).
 */
function readRoot(
  text: string,
  start: number,
  whole: [number, number],
  problems: Problem[],
  maxAliases: number,
): unknown {
  const body = text.slice(start);
  if (body.trim() === '') return undefined;
  const doc = parseYaml(body, start, 'registry', problems);
  if (doc.errors.length > 0) return undefined;
  const bomb = aliasOverflow(doc, maxAliases);
  if (bomb) {
    problems.push(aliasProblem('registry', 'entities.yaml', bomb, start, maxAliases));
    return undefined;
  }
  try {
    doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    problems.push(problem('registry', whole[0], whole[1], `entities.yaml could not be read: ${(e as Error).message}`));
    return undefined;
  }
  const root = doc.contents;
  // Only comments: as empty as an empty file.
  if (root === null) return undefined;
  if (!isMap(root)) {
    const [s, e] = rangeOf(root, start, whole);
    problems.push(
      problem('registry', s, e, `entities.yaml must be a mapping with 'actors' and 'claims', not ${describe(root)}`),
    );
    return undefined;
  }
  return root;
}

/** Reads one top-level entry: 'actors', 'claims', or an unknown key reported. */
function readTopLevel(pair: Pair<Node, Node | null>, start: number, registry: Registry, whole: [number, number]): void {
  const key = keyText(pair);
  const [ks, ke] = rangeOf(pair.key, start, whole);
  const [, ve] = rangeOf(pair.value, start, [ks, ke]);
  if (key === 'actors') {
    registry.actorsKey = { start: ks, end: ke, valueEnd: ve };
    readActors(pair.value, start, registry, [ks, ke]);
  } else if (key === 'claims') {
    registry.claimsKey = { start: ks, end: ke, valueEnd: ve };
    readClaimKeys(pair.value, start, registry, [ks, ke]);
  } else {
    const guess = closest(key, ['actors', 'claims']);
    registry.problems.push(
      problem(
        'registry',
        ks,
        ke,
        `unknown top-level key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}: expected 'actors' or 'claims'`,
      ),
    );
  }
}

/** Fills `registry.names`; names and aliases must designate one actor each. */
function indexNames(registry: Registry): void {
  const owner = new Map<string, { id: string; start: number; end: number }>();
  for (const actor of registry.actors.values()) {
    for (const name of [actor.name, ...actor.aliases]) {
      const prev = owner.get(name);
      if (prev && prev.id !== actor.id) {
        registry.problems.push(
          problem(
            'registry',
            actor.keyStart,
            actor.keyEnd,
            `'${name}' names both '${prev.id}' and '${actor.id}': a name or alias must designate one actor`,
            {
              related: [
                {
                  uri: registry.uri,
                  range: registry.lines.rangeAt(prev.start, prev.end),
                  message: `'${prev.id}' is also called '${name}'`,
                },
              ],
            },
          ),
        );
      } else if (!prev) {
        owner.set(name, { id: actor.id, start: actor.keyStart, end: actor.keyEnd });
        registry.names.set(name, actor.id);
      }
    }
  }
}

/**
 * The entries of a top-level section (`actors:`, `claims:`): the pairs of its
 * mapping, none when it is empty, and none with a problem when it is not a
 * mapping.
 */
function sectionPairs(
  node: unknown,
  what: string,
  registry: Registry,
  at: [number, number],
): Array<Pair<Node, Node | null>> {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (isMap(node)) return pairsOf(node);
  registry.problems.push(problem('registry', at[0], at[1], `${what}, not ${describe(node as never)}`));
  return [];
}

function readActors(node: unknown, offset: number, registry: Registry, at: [number, number]): void {
  for (const pair of sectionPairs(node, `'actors' must be a mapping of actor ids to entries`, registry, at))
    readActor(pair, offset, registry, at);
}

/** Why `id` cannot be an actor id, or undefined. */
function actorIdProblem(id: string): string | undefined {
  if (!ACTOR_ID.test(id))
    return `actor id '${id}' must start with a letter or digit and contain only letters, digits, '.', '_' or '-'${invisibleNote(id)}`;
  if ((RESERVED_BY as readonly string[]).includes(id))
    return `'${id}' is reserved (by=${id} has a meaning of its own) and cannot be an actor id`;
  return undefined;
}

/** Reads one entry of 'actors' into the registry. */
function readActor(pair: Pair<Node, Node | null>, offset: number, registry: Registry, at: [number, number]): void {
  const problems = registry.problems;
  const id = keyText(pair);
  const [ks, ke] = rangeOf(pair.key, offset, at);
  const [, ve] = rangeOf(pair.value, offset, [ks, ke]);
  const idProblem = actorIdProblem(id);
  if (idProblem) {
    problems.push(problem('registry', ks, ke, idProblem));
    return;
  }
  if (!isMap(pair.value)) {
    problems.push(
      problem('registry', ks, ke, `actor '${id}' must be a mapping with at least 'name', not ${describe(pair.value)}`),
    );
    return;
  }
  const actor: ActorDef = {
    id: detach(id),
    name: '',
    kind: 'other',
    aliases: [],
    keyStart: ks,
    keyEnd: ke,
    start: ks,
    end: ve,
  };
  let hasName = false;
  for (const field of pairsOf(pair.value)) if (readActorField(field, actor, offset, problems)) hasName = true;
  if (!hasName) {
    problems.push(problem('registry', ks, ke, `actor '${id}' has no 'name'`));
    actor.name = actor.id;
  }
  registry.actors.set(actor.id, actor);
}

/** Reads one field of an actor entry into `actor`, or reports it; returns whether it was the actor's name. */
function readActorField(field: Pair<Node, Node | null>, actor: ActorDef, offset: number, problems: Problem[]): boolean {
  const f = keyText(field);
  const [fs, fe] = rangeOf(field.key, offset, [actor.keyStart, actor.keyEnd]);
  const [vs, vEnd] = rangeOf(field.value, offset, [fs, fe]);
  if (f === 'aliases') {
    readAliases(field.value, actor, offset, [vs, vEnd], problems);
    return false;
  }
  if (!ACTOR_FIELDS.includes(f)) {
    const guess = closest(f, ACTOR_FIELDS);
    problems.push(
      problem('registry', fs, fe, `unknown actor field '${f}'${guess ? ` (did you mean '${guess}'?)` : ''}`),
    );
    return false;
  }
  const value = scalarString(field.value);
  if (value === undefined || value.trim() === '') {
    problems.push(problem('registry', vs, vEnd, `'${f}' must be a non-empty string, not ${describe(field.value)}`));
    return false;
  }
  setActorField(f, value, actor, [vs, vEnd], problems);
  return f === 'name';
}

/** Reads the 'aliases' list of an actor (at `at`). */
function readAliases(
  node: Node | null,
  actor: ActorDef,
  offset: number,
  at: [number, number],
  problems: Problem[],
): void {
  if (!isSeq(node)) {
    problems.push(problem('registry', at[0], at[1], `'aliases' must be a list of names, not ${describe(node)}`));
    return;
  }
  for (const item of node.items) {
    const alias = scalarString(item as never);
    const [as, ae] = rangeOf(item as never, offset, at);
    if (alias === undefined || alias.trim() === '')
      problems.push(problem('registry', as, ae, `an alias must be a non-empty string, not ${describe(item as never)}`));
    else actor.aliases.push(detach(alias));
  }
}

/** Sets the actor field `f` (not 'aliases') to the non-empty `value` written at `at`, or reports the value. */
function setActorField(f: string, value: string, actor: ActorDef, at: [number, number], problems: Problem[]): void {
  const [vs, vEnd] = at;
  switch (f) {
    case 'name':
      actor.name = detach(value);
      break;
    case 'kind':
      if ((ACTOR_KINDS as readonly string[]).includes(value)) actor.kind = value as ActorKind;
      else {
        const guess = closest(value, ACTOR_KINDS);
        problems.push(
          problem(
            'registry',
            vs,
            vEnd,
            `kind '${value}' is not one of ${ACTOR_KINDS.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`,
          ),
        );
      }
      break;
    case 'wikidata':
      if (/^Q[1-9]\d*$/.test(value)) actor.wikidata = value;
      else
        problems.push(
          problem('registry', vs, vEnd, `'wikidata' must be a Wikidata item id such as Q57792, not '${value}'`),
        );
      break;
    case 'url':
      if (/^https?:\/\/\S+$/.test(value)) actor.url = detach(value);
      else problems.push(problem('registry', vs, vEnd, `'url' must be an http(s) address, not '${value}'`));
      break;
    case 'description':
      actor.description = detach(value);
      break;
  }
}

function readClaimKeys(node: unknown, offset: number, registry: Registry, at: [number, number]): void {
  const problems = registry.problems;
  for (const pair of sectionPairs(node, `'claims' must be a mapping of claim keys to entries`, registry, at)) {
    const key = keyText(pair);
    const [ks, ke] = rangeOf(pair.key, offset, at);
    if (!CLAIM_KEY.test(key)) {
      problems.push(
        problem(
          'registry',
          ks,
          ke,
          `claim key '${key}' must start with a letter or digit and contain only letters, digits, '.', '_' or '-'${invisibleNote(key)}`,
        ),
      );
      continue;
    }
    const def: ClaimKeyDef = { key: detach(key), keyStart: ks, keyEnd: ke };
    if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) {
      if (!isMap(pair.value)) {
        problems.push(
          problem(
            'registry',
            ks,
            ke,
            `claim key '${key}' must be a mapping (description, type, unit), not ${describe(pair.value)}`,
          ),
        );
        continue;
      }
      for (const field of pairsOf(pair.value)) {
        const f = keyText(field);
        const [fs, fe] = rangeOf(field.key, offset, [ks, ke]);
        const [vs, ve] = rangeOf(field.value, offset, [fs, fe]);
        if (!CLAIM_FIELDS.includes(f)) {
          const guess = closest(f, CLAIM_FIELDS);
          problems.push(
            problem('registry', fs, fe, `unknown claim field '${f}'${guess ? ` (did you mean '${guess}'?)` : ''}`),
          );
          continue;
        }
        const value = scalarString(field.value);
        if (value === undefined || value.trim() === '') {
          problems.push(problem('registry', vs, ve, `'${f}' must be a non-empty string, not ${describe(field.value)}`));
          continue;
        }
        if (f === 'type') {
          if ((CLAIM_TYPES as readonly string[]).includes(value)) def.type = value as ClaimType;
          else {
            const guess = closest(value, CLAIM_TYPES);
            problems.push(
              problem(
                'registry',
                vs,
                ve,
                `type '${value}' is not one of ${CLAIM_TYPES.join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`,
              ),
            );
          }
        } else if (f === 'description') def.description = detach(value);
        else def.unit = detach(value);
      }
    }
    registry.claimKeys.set(def.key, def);
  }
}
