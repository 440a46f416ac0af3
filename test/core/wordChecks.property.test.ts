import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findRepeatedPassages, PASSAGE_WORDS } from '../../server/src/core/features/diagnostics/duplicatePassage';
import { findUnannotatedMentions } from '../../server/src/core/features/diagnostics/unannotatedMention';
import { buildSourceModel, type SourceModel } from '../../server/src/core/model/source';
import { parseRegistry, type Registry } from '../../server/src/core/model/registry';
import { excludedRegions, forEachWord, WORD_PATTERN } from '../../server/src/core/syntax/words';

/**
 * The two checks that scan every word of the edited file on each keystroke (repeated passages, unannotated
 * mentions) keep their words in typed arrays reused between calls and make strings only of the words they must
 * compare. These properties hold them to the plain versions they replaced (below, verbatim but for names), on texts
 * with repeats, markup, odd line breaks and case, and on one file after another (the reused arrays must not leak
 * a longer file's words into a shorter one's).
 */

const URI = 'file:///w/a.seed.md';

/** A small vocabulary, so that 20-word runs repeat; some words differ only in case, some are not ASCII. */
const word = fc.constantFrom(
  'the',
  'The',
  'THE',
  'council',
  'said',
  'budget',
  'rose',
  'by',
  'five',
  'percent',
  'Rutte',
  'Mark',
  'NATO',
  'U.S',
  'Zoë',
  'Élysée',
  'élysée',
  'de',
  'Gaulle',
  '42',
  '🚢',
);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\r\n', '\n\n', ', ', '. ', ' — ');
const chunk = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')) },
  { weight: 1, arbitrary: word.map((w) => `[${w}]{.actor ref=x}`) },
  { weight: 1, arbitrary: word.map((w) => `\`${w} code\``) },
);
/** A body made of pieces, some of which come back later (the repeats the check looks for). */
const body = fc
  .tuple(
    fc.array(fc.tuple(chunk, separator), { minLength: 1, maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }),
  )
  .map(([pieces, repeats]) => {
    const parts = pieces.map(([c, s]) => c + s);
    for (const [from, length, to] of repeats) {
      const a = from % parts.length;
      const copy = parts.slice(a, a + 1 + (length % 12));
      parts.splice(to % (parts.length + 1), 0, ...copy);
    }
    return parts.join('');
  });
const source = fc
  .tuple(fc.boolean(), body)
  .map(([frontMatter, text]) => (frontMatter ? `---\nid: a\ntitle: The council\n---\n${text}` : text));

// ---- the plain versions the checks replaced ----------------------------------------------------------------------

function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Repeated passages as [from, to, words, firstFrom, firstTo] (the reference: plain arrays, a map of lists). */
function plainRepeats(model: SourceModel): Array<[number, number, number, number, number]> {
  const { text, parsed } = model;
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  forEachWord(text, excludedRegions(parsed), (s, e) => {
    starts.push(s);
    ends.push(e);
    hashes.push(hashWord(text, s, e));
  });
  const n = starts.length;
  const W = PASSAGE_WORDS;
  if (n < 2 * W) return [];
  const words: string[] = new Array<string>(n);
  const wordAt = (i: number): string => (words[i] ??= text.slice(starts[i], ends[i]).toLowerCase());
  const B = 0x9e3779b1 | 0;
  let pow = 1;
  for (let k = 0; k < W - 1; k++) pow = Math.imul(pow, B);
  const windows = new Int32Array(n - W + 1);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= W) h = (h - Math.imul(hashes[i - W]!, pow)) | 0;
    h = (Math.imul(h, B) + hashes[i]!) | 0;
    if (i >= W - 1) windows[i - W + 1] = h;
  }
  const seen = new Map<number, number[]>();
  const out: Array<[number, number, number, number, number]> = [];
  let inserted = 0;
  let i = 0;
  while (i <= n - W) {
    while (inserted <= i - W) {
      const list = seen.get(windows[inserted]!);
      if (list) list.push(inserted);
      else seen.set(windows[inserted]!, [inserted]);
      inserted++;
    }
    let match = -1;
    for (const j of seen.get(windows[i]!) ?? []) {
      let same = true;
      for (let k = 0; k < W && same; k++) same = wordAt(j + k) === wordAt(i + k);
      if (same) {
        match = j;
        break;
      }
    }
    if (match < 0) {
      i++;
      continue;
    }
    let length = W;
    while (i + length < n && match + length < i && wordAt(match + length) === wordAt(i + length)) length++;
    out.push([starts[i]!, ends[i + length - 1]!, length, starts[match]!, ends[match + length - 1]!]);
    i += length;
  }
  return out;
}

/** Unannotated mentions (the reference: a string made of every word). */
function plainUnannotated(
  model: SourceModel,
  registry: Registry,
): Array<{ start: number; end: number; actor: string }> {
  const matcher = new Map<string, Array<{ words: string[]; actor: string; trailingDot: boolean }>>();
  for (const [name, actor] of registry.names) {
    const words = name.match(WORD_PATTERN);
    if (!words || words.length === 0) continue;
    const entry = { words, actor, trailingDot: name.endsWith('.') };
    const list = matcher.get(words[0]);
    if (list) list.push(entry);
    else matcher.set(words[0], [entry]);
  }
  for (const list of matcher.values()) list.sort((a, b) => b.words.length - a.words.length);
  if (registry.names.size === 0) return [];
  const { text, parsed } = model;
  const starts: number[] = [];
  const ends: number[] = [];
  forEachWord(
    text,
    excludedRegions(
      parsed,
      model.mentions.map((m) => [m.start, m.end]),
    ),
    (s, e) => {
      starts.push(s);
      ends.push(e);
    },
  );
  const found: Array<{ start: number; end: number; actor: string }> = [];
  for (let i = 0; i < starts.length; i++) {
    const candidates = matcher.get(text.slice(starts[i], ends[i]));
    if (!candidates) continue;
    for (const c of candidates) {
      let ok = i + c.words.length <= starts.length;
      for (let k = 1; ok && k < c.words.length; k++) {
        ok =
          text.slice(starts[i + k], ends[i + k]) === c.words[k] &&
          /^[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*$/.test(text.slice(ends[i + k - 1], starts[i + k])) &&
          ends[i + k - 1]! < starts[i + k]!;
      }
      if (!ok) continue;
      let end = ends[i + c.words.length - 1]!;
      if (c.trailingDot && text.charCodeAt(end) === 46) end++;
      found.push({ start: starts[i]!, end, actor: c.actor });
      i += c.words.length - 1;
      break;
    }
  }
  return found;
}

// ---- the properties ----------------------------------------------------------------------------------------------

const REGISTRY = parseRegistry(
  'file:///w/entities.yaml',
  [
    'actors:',
    '  rutte: { name: Mark Rutte, kind: person, aliases: [Rutte] }',
    '  council: { name: The council, kind: organization }',
    '  gaulle: { name: de Gaulle, kind: person }',
    '  elysee: { name: Élysée, kind: organization }',
    '  us: { name: U.S., kind: country }',
    '  nato: { name: NATO, kind: organization }',
    '',
  ].join('\n'),
);

describe('checks that scan every word of a file (typed arrays kept between calls)', () => {
  it('the registry of these properties names six actors', () => assert.equal(new Set(REGISTRY.names.values()).size, 6));

  it('repeated passages: the same as the plain version, file after file', () => {
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 4 }), (texts) => {
        for (const text of texts) {
          const model = buildSourceModel(URI, text);
          const got = findRepeatedPassages(model).map((p) => {
            const data = p.data as { words: number; firstStart: number; firstEnd: number };
            return [p.start, p.end, data.words, data.firstStart, data.firstEnd];
          });
          assert.deepEqual(got, plainRepeats(model), JSON.stringify(text));
        }
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('repeated passages are found in long files too (past the arrays first made)', () => {
    const passage = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const filler = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const model = buildSourceModel(URI, `${passage}. ${filler}. ${passage.toUpperCase()}.\n`);
    const found = findRepeatedPassages(model);
    assert.equal(found.length, 1);
    assert.deepEqual((found[0]!.data as { words: number }).words, 30);
    assert.deepEqual(
      found.map((p) => [p.start, p.end]),
      plainRepeats(model).map(([from, to]) => [from, to]),
    );
  });

  it('unannotated mentions: the same as the plain version, file after file', () => {
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 4 }), (texts) => {
        for (const text of texts) {
          const model = buildSourceModel(URI, text);
          assert.deepEqual(
            [...findUnannotatedMentions(model, REGISTRY)],
            plainUnannotated(model, REGISTRY),
            JSON.stringify(text),
          );
        }
      }),
      { seed: 17, numRuns: 400 },
    );
  });
});
