import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as lsp from 'vscode-languageserver-types';
import { type WorkspaceIndex } from '../../server/src/core';
import { LineIndex } from '../../server/src/core/base/text';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { codeActions, REMOVE_PASSAGE_TITLE } from '../../server/src/core/features/codeActions';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { errorsByCoveredText } from '../helpers/errors';
import { buildIndex } from '../helpers/workspace';

/**
 * Every code action, on random annotated documents: applying it never
 * changes the prose (except the repeated-passage removal, which removes
 * exactly the passage's words), and never introduces an error.
 */

const SEED = 20250626;
const ROOT = 'file:///ws';
const A = `${ROOT}/a.seed.md`;
const B = `${ROOT}/b.seed.md`;
const REG = `${ROOT}/entities.yaml`;

interface PoolActor {
  id: string;
  name: string;
  aliases: string[];
}

const POOL: PoolActor[] = [
  { id: 'rutte', name: 'Mark Rutte', aliases: ['Rutte'] },
  { id: 'nato', name: 'NATO', aliases: [] },
  { id: 'us', name: 'United States', aliases: ['U.S.'] },
  { id: 'trump', name: 'Donald Trump', aliases: ['Trump'] },
  { id: 'merz', name: 'Friedrich Merz', aliases: ['Merz'] },
  { id: 'le-monde', name: 'Le Monde: Paris', aliases: [] },
  { id: 'costa', name: 'António Costa', aliases: ['Costa'] },
];
const KEYS = ['nato.members', 'nato.target', 'eu.budget'];
const WORDS = [
  'the',
  'alliance',
  'said',
  'will',
  'grow',
  'today',
  'and',
  'of',
  'Europe',
  'defence',
  'spending',
  'rose',
  'sharply',
  'in',
  'talks',
  'officials',
  'agreed',
  'that',
  'a',
  'plan',
  '😀',
  'naïve',
];

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'plain-actor'; actor: number; alias: boolean }
  | { kind: 'actor'; actor: number; ref: 'id' | 'none' | 'typo' | 'class-typo' | 'name-typo'; alias: boolean };

const token: fc.Arbitrary<Token> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS).map((text) => ({ kind: 'word' as const, text })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('plain-actor' as const),
      actor: fc.nat(POOL.length - 1),
      alias: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('actor' as const),
      actor: fc.nat(POOL.length - 1),
      ref: fc.constantFrom(
        'id' as const,
        'none' as const,
        'typo' as const,
        'class-typo' as const,
        'name-typo' as const,
      ),
      alias: fc.boolean(),
    }),
  },
);

interface ClaimSpec {
  from: number;
  length: number;
  id: boolean;
  by: 'none' | 'outlet' | 'anonymous' | 'actor' | 'typo';
  byActor: number;
  key: number;
  value: number;
  asOf: boolean;
}

const claimSpec: fc.Arbitrary<ClaimSpec> = fc.record({
  from: fc.nat(12),
  length: fc.integer({ min: 1, max: 6 }),
  id: fc.boolean(),
  by: fc.constantFrom('none' as const, 'outlet' as const, 'anonymous' as const, 'actor' as const, 'typo' as const),
  byActor: fc.nat(POOL.length - 1),
  key: fc.integer({ min: -1, max: KEYS.length - 1 }),
  value: fc.nat(3),
  asOf: fc.boolean(),
});

const sentence = fc.record({
  tokens: fc.array(token, { minLength: 1, maxLength: 8 }),
  claims: fc.array(claimSpec, { maxLength: 2 }),
  end: fc.constantFrom('.', '!', '?', '.'),
});

const docSpec = fc.record({
  paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  lineBreak: fc.constantFrom('\n\n', '\n'),
  crlf: fc.boolean(),
  frontMatter: fc.constantFrom('none', 'plain', 'published'),
  repeat: fc.option(
    fc.record({
      words: fc.array(fc.constantFrom(...WORDS.filter((w) => w !== '😀')), { minLength: 21, maxLength: 26 }),
      ownParagraph: fc.boolean(),
      claimAt: fc.option(fc.nat(24)),
    }),
  ),
  registry: fc.record({
    style: fc.constantFrom('block', 'flow', 'no-actors', 'none'),
    actors: fc.subarray(POOL.map((_, i) => i)),
    keys: fc.subarray(KEYS),
  }),
  other: fc.array(fc.record({ key: fc.nat(KEYS.length - 1), value: fc.nat(3), id: fc.boolean(), asOf: fc.boolean() }), {
    maxLength: 4,
  }),
  select: fc.tuple(fc.nat(), fc.nat()),
});

type DocSpec = typeof docSpec extends fc.Arbitrary<infer T> ? T : never;

const typo = (id: string): string => id.slice(0, -1);

function renderToken(t: Token): string {
  if (t.kind === 'word') return t.text;
  const a = POOL[t.actor]!;
  const text = t.alias && a.aliases.length > 0 ? a.aliases[0]! : a.name;
  if (t.kind === 'plain-actor') return text;
  switch (t.ref) {
    case 'id':
      return `[${text}]{.actor ref=${a.id}}`;
    case 'none':
      return `[${text}]{.actor}`;
    case 'typo':
      return `[${text}]{.actor ref=${typo(a.id)}}`;
    case 'class-typo':
      return `[${text}]{.actr ref=${a.id}}`;
    case 'name-typo':
      return `[${text.slice(0, -1)}]{.actor}`;
  }
}

function render(spec: DocSpec): Map<string, string> {
  const files = new Map<string, string>();
  const registered = new Set(
    spec.registry.style === 'block' || spec.registry.style === 'flow'
      ? spec.registry.actors.map((i) => POOL[i]!.id)
      : [],
  );
  let claimN = 0;
  const paragraphs = spec.paragraphs.map((sentences) =>
    sentences
      .map((s) => {
        const parts = s.tokens.map((t) => {
          // A misspelt class is only generated where fixing it reveals no unknown actor.
          if (t.kind === 'actor' && t.ref === 'class-typo' && !registered.has(POOL[t.actor]!.id))
            return renderToken({ ...t, ref: 'id' });
          return renderToken(t);
        });
        const opens = new Array<string>(parts.length).fill('');
        const closes = new Array<string>(parts.length).fill('');
        let last = -1;
        for (const c of s.claims) {
          // Claims in a sentence do not overlap (nesting is covered by the unit tests).
          const from = Math.max(c.from % parts.length, last + 1);
          const to = Math.min(parts.length - 1, from + c.length - 1);
          if (from > to) continue;
          last = to;
          const attrs = ['.claim'];
          if (c.id) attrs.push(`#c${++claimN}`);
          if (c.by === 'outlet' || c.by === 'anonymous') attrs.push(`by=${c.by}`);
          if (c.by === 'actor') attrs.push(`by=${POOL[c.byActor]!.id}`);
          if (c.by === 'typo') attrs.push(`by=${typo(POOL[c.byActor]!.id)}`);
          if (c.key >= 0) attrs.push(`key=${KEYS[c.key]}`, `value=${10 + c.value}`);
          if (c.key >= 0 && c.asOf) attrs.push('as-of=2014');
          opens[from] += '[';
          closes[to] = `]{${attrs.join(' ')}}` + closes[to];
        }
        return parts.map((p, i) => opens[i] + p + closes[i]).join(' ') + s.end;
      })
      .join(' '),
  );
  if (spec.repeat) {
    const words = [...spec.repeat.words];
    const plain = words.join(' ');
    let copy = plain;
    if (spec.repeat.claimAt !== null) {
      const at = spec.repeat.claimAt % words.length;
      const wrapped = [...words];
      wrapped[at] = `[${wrapped[at]} ${wrapped[Math.min(words.length - 1, at + 1)]}]{.claim by=outlet}`;
      if (at + 1 < words.length) wrapped.splice(at + 1, 1);
      copy = wrapped.join(' ');
    }
    paragraphs[0] = `${paragraphs[0]} ${plain}.`;
    if (spec.repeat.ownParagraph) paragraphs.push(`${copy}.`);
    else paragraphs[paragraphs.length - 1] += ` Then ${copy} here.`;
  }
  let body = paragraphs.join(spec.lineBreak) + '\n';
  if (spec.frontMatter !== 'none')
    body = `---\nid: a\n${spec.frontMatter === 'published' ? 'published: 2025-06-25\n' : ''}---\n` + body;
  if (spec.crlf) body = body.replace(/\n/g, '\r\n');
  files.set(A, body);

  const other = spec.other.map(
    (o, i) =>
      `[claim ${i}]{.claim ${o.id ? `#o${i} ` : ''}by=outlet key=${KEYS[o.key]} value=${20 + o.value}${o.asOf ? ' as-of=2014' : ''}}`,
  );
  files.set(B, `${other.join(' ')}\n`); // source id 'b', from the file name

  const actors = spec.registry.actors.map((i) => POOL[i]!);
  const scalar = (s: string): string => (/[:#]/.test(s) ? JSON.stringify(s) : s);
  switch (spec.registry.style) {
    case 'block':
      files.set(
        REG,
        `# registry\nactors:\n${actors.map((a) => `  ${a.id}:\n    name: ${scalar(a.name)}\n    kind: person\n${a.aliases.length > 0 ? `    aliases: [${a.aliases.join(', ')}]\n` : ''}`).join('')}claims:\n${spec.registry.keys.map((k) => `  ${k}:\n    type: number\n`).join('')}`,
      );
      break;
    case 'flow':
      files.set(
        REG,
        `actors:\n${actors.map((a) => `  ${a.id}: {name: ${scalar(a.name)}, kind: person, aliases: [${a.aliases.join(', ')}]}\n`).join('')}claims: {${spec.registry.keys.map((k) => `${k}: {type: number}`).join(', ')}}\n`,
      );
      break;
    case 'no-actors':
      files.set(REG, `claims:\n${spec.registry.keys.map((k) => `  ${k}: {type: number}\n`).join('')}`);
      break;
    case 'none':
      break;
  }
  return files;
}

const build = (files: ReadonlyMap<string, string>): WorkspaceIndex => buildIndex(files, ROOT);
const errors = (files: ReadonlyMap<string, string>): Map<string, number> => errorsByCoveredText(files, ROOT);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const words = (s: string): string[] => (s.match(WORD) ?? []).map((w) => w.toLowerCase());

/** What `before` lost to become `after`, if `after` is `before` with one contiguous piece removed. */
function removedPiece(before: string, after: string): string | undefined {
  let p = 0;
  while (p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  if (p + s !== after.length) return undefined;
  return before.slice(p, before.length - s);
}

function checkAction(files: Map<string, string>, before: Map<string, number>, action: lsp.CodeAction): void {
  assert.ok(action.edit, `'${action.title}' has no edit`);
  const after = applyWorkspaceEdit(files, action.edit);
  const prose0 = stripMarkup(files.get(A)!);
  const prose1 = stripMarkup(after.get(A)!);
  if (action.title === REMOVE_PASSAGE_TITLE) {
    const removed = removedPiece(prose0, prose1);
    assert.ok(removed !== undefined, 'the removal takes one piece of prose');
    const d = action.diagnostics![0]!;
    const text = files.get(A)!;
    const lines = new LineIndex(text);
    const passage = text
      .slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))
      .replace(/\]\{[^}]*\}/g, '')
      .replace(/\[/g, '');
    // Sorted: in repetitive text, where the removed piece starts is ambiguous (it may be a rotation of the passage).
    assert.deepEqual(
      words(removed).sort(),
      words(passage).sort(),
      'the removal takes exactly the words of the passage',
    );
  } else {
    assert.equal(prose1, prose0, `'${action.title}' changed the prose`);
  }
  const now = errors(after);
  for (const [key, n] of now) {
    assert.ok(
      n <= (before.get(key) ?? 0),
      `'${action.title}' introduced an error: ${key}\n${[...after].map(([u, t]) => `--- ${u}\n${t}`).join('\n')}`,
    );
  }
}

const KINDS: Array<[string, RegExp]> = [
  ['change', /^Change to '/],
  ['add-to-registry', /^Add '.*' to entities\.yaml$/],
  ['add-ref', /^Add ref=/],
  ['attribute', /^Attribute to /],
  ['annotate-one', /^Annotate '.*' as actor /],
  ['annotate-all', /^Annotate all \d+ mentions of /],
  ['remove-passage', /^Remove the repeated passage$/],
  ['as-of', /^Add as-of=/],
  ['disputes', /^Mark as disputing /],
  ['selection-actor', /^Annotate selection as actor /],
  ['selection-new-actor', /^Annotate selection as new actor /],
  ['selection-claim', /^Annotate selection as claim$/],
];

function classify(title: string): string {
  return KINDS.find(([, re]) => re.test(title))?.[0] ?? 'other';
}

describe('code actions (property)', () => {
  it('never change prose (but for the repeated passage) and never introduce errors', function () {
    this.timeout(20000);
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(docSpec, (spec) => {
        const files = render(spec);
        const index = build(files);
        const text = files.get(A)!;
        const lines = new LineIndex(text);
        const before = errors(files);
        const [x, y] = spec.select;
        const ranges = [
          lines.rangeAt(0, text.length),
          lines.rangeAt(Math.min(x, y) % (text.length + 1), Math.max(x, y) % (text.length + 1)),
        ];
        // A selection of a name, as a user would make it.
        const name = POOL[x % POOL.length]!.aliases[0] ?? POOL[x % POOL.length]!.name;
        const at = text.indexOf(name, y % (text.length + 1));
        if (at >= 0) ranges.push(lines.rangeAt(at, at + name.length));
        const checked = new Set<string>();
        for (const range of ranges) {
          for (const action of codeActions(index, A, range)) {
            const kind = classify(action.title);
            seen.set(kind, (seen.get(kind) ?? 0) + 1);
            // The same edit (from an overlapping range) need not be checked twice.
            const key = JSON.stringify(action.edit);
            if (checked.has(key)) continue;
            checked.add(key);
            checkAction(files, before, action);
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
    // The generator must reach every kind of action, or the property says little.
    for (const kind of KINDS.map(([k]) => k))
      assert.ok(seen.has(kind), `no '${kind}' action was generated; saw ${JSON.stringify([...seen])}`);
    assert.ok(!seen.has('other'), 'an action of an unknown kind');
  });
});
