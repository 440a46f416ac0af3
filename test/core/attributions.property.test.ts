import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { suggestClaimsInSource } from '../../server/src/core/features/suggest';
import { createLanguageService } from '../../server/src/core/languageService';
import { buildIndex, seedsRoot, seedTexts, seedUri } from '../helpers/workspace';

/** Fixed seed: a failure reproduces exactly (fast-check prints the seed and path too). */
const SEED = 20261202;
const URI = 'file:///ws/prop.seed.md';

/** Pieces of prose with attributions, names, quotes of both kinds and markup around any of them. */
const WORDS = [
  ' “We will spend more,” said Mark Rutte.',
  ' Rutte said that the alliance will survive the crisis.',
  ' According to sources, the summit was short.',
  ' “It is over,” a NATO official told reporters, “and soon.”',
  '“We will spend more,”',
  '"The alliance won’t die,"',
  ' said ',
  ' Mark Rutte',
  ' Rutte',
  ' a NATO official',
  ' told reporters that',
  ' According to',
  ' the alliance will survive the crisis',
  ', ',
  '. ',
  ': ',
  ' he said',
  ' “it will just morph into something else.”',
  ' sources said',
  ' Diplomats familiar with',
  ' warned that',
  ' 😀',
  '\r\n',
  '\n\n',
  ' `said “code”`',
  ' \\[',
  ' ]',
];

/** A piece, maybe wrapped in an actor or claim span, or a span with a broken attribute list. */
const piece = fc.tuple(fc.constantFrom(...WORDS), fc.nat({ max: 9 })).map(([w, wrap]) => {
  if (wrap === 0) return `[${w}]{.actor ref=rutte}`;
  if (wrap === 1) return `[${w}]{.claim by=outlet}`;
  if (wrap === 2) return `[${w}]{.actor`;
  return w;
});
/** Prose: pieces joined, sometimes nested in one more span, with front matter or not. */
const prose = fc
  .tuple(fc.boolean(), fc.array(piece, { maxLength: 30 }), fc.nat({ max: 3 }))
  .map(([front, pieces, nest]) => {
    let body = pieces.join('');
    if (nest === 0 && pieces.length > 4)
      body = `[${pieces.slice(0, 3).join('')}]{.actor ref=x}${pieces.slice(3).join('')}`;
    return `${front ? '---\nid: p\ntitle: "Rutte said: “yes”"\n---\n' : ''}${body}`;
  });

function wrap(text: string, start: number, end: number, by: string): string {
  return `${text.slice(0, start)}[${text.slice(start, end)}]{.claim by=${by}}${text.slice(end)}`;
}

describe('suggested claims: properties', function () {
  it('wrapping any suggested claim as a claim span parses with no new problem and keeps the prose', function () {
    let suggested = 0;
    fc.assert(
      fc.property(prose, (text) => {
        const model = buildSourceModel(URI, text);
        const before = parseText(text);
        const plain = stripMarkup(text, before);
        for (const s of suggestClaimsInSource(model)) {
          suggested++;
          assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length);
          assert.equal(s.text, text.slice(s.start, s.end));
          for (const c of model.claims) assert.ok(s.end <= c.start || c.end <= s.start, 'overlaps a claim span');
          if (model.parsed.frontMatter) assert.ok(s.start >= model.parsed.frontMatter.end, 'inside front matter');
          const wrapped = wrap(text, s.start, s.end, s.by);
          const after = parseText(wrapped);
          assert.equal(after.problems.length, before.problems.length, wrapped);
          assert.equal(stripMarkup(wrapped, after), plain);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
    assert.ok(suggested > 100, `only ${suggested} suggestions in 400 texts`);
  });
});

describe('LanguageService.suggestClaims on the seeds', function () {
  /** The seeds with their claim spans (or all spans) reduced to their text. */
  function stripped(all: boolean): Map<string, string> {
    const files = seedTexts();
    for (const [uri, text] of files) {
      if (!uri.endsWith('.seed.md')) continue;
      const cuts: Array<[number, number]> = [];
      for (const s of parseText(text).spans)
        if (all || s.classes.some((c) => c.value === 'claim'))
          cuts.push([s.start, s.contentStart], [s.contentEnd, s.end]);
      cuts.sort((a, b) => a[0] - b[0]);
      let out = '';
      let at = 0;
      for (const [s, e] of cuts) {
        out += text.slice(at, s);
        at = e;
      }
      files.set(uri, out + text.slice(at));
    }
    return files;
  }

  for (const all of [false, true])
    it(`finds the seeds' attributed quotations with their sources (${all ? 'all markup' : 'claim markup'} stripped)`, function () {
      const files = stripped(all);
      const service = createLanguageService(buildIndex(files, seedsRoot()));
      const uri = seedUri('002-new-nato.seed.md');
      const found = service.suggestClaims(uri);
      const text = files.get(uri)!;
      const by = (content: string): string | undefined => found.find((s) => s.text === content)?.by;
      assert.equal(by('The alliance won’t die'), 'anonymous');
      assert.equal(by('it will just morph into something else.'), 'anonymous');
      assert.equal(by('It’s in the DNA of the organization not to create waves'), 'anonymous');
      const jeglinskas = found.find((s) => s.by === 'jeglinskas');
      assert.ok(jeglinskas && text.slice(jeglinskas.start, jeglinskas.end).includes('Trump'), JSON.stringify(found));
      assert.equal(jeglinskas.byIsNew, false);
      for (const s of found) {
        const wrapped = wrap(text, s.start, s.end, s.by);
        assert.equal(parseText(wrapped).problems.length, parseText(text).problems.length, wrapped);
        // `anonymous` and the registry's ids are never new; an id the registry lacks always is.
        const registered = service.workspace.registryFor(uri)?.actors.has(s.by) ?? false;
        assert.equal(s.byIsNew, s.by !== 'anonymous' && !registered, s.by);
      }
      assert.deepEqual(service.suggestClaims(uri, { minConfidence: 1.01 }), []);
      assert.deepEqual(service.suggestClaims('file:///nowhere.seed.md'), []);
    });
});
