import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { suggestClaimsInSource } from '../../server/src/core/features/suggest';

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
