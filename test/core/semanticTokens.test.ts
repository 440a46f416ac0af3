import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { WorkspaceIndex, type Range } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { type SourceModel } from '../../server/src/core/model/source';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from '../../server/src/core/features/semanticTokens';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';
import { seedsIndex, seedSources, seedUri } from '../helpers/workspace';

interface Tok {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
}

/** Decodes the LSP relative encoding back into absolute tokens. */
function decode(data: number[]): Tok[] {
  assert.equal(data.length % 5, 0, 'token data comes in groups of five');
  const out: Tok[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const type_ = SEMANTIC_TOKEN_LEGEND.tokenTypes[type];
    assert.ok(type_ !== undefined, `token type ${type} is in the legend`);
    const modifiers = SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0);
    assert.equal(mods >> SEMANTIC_TOKEN_LEGEND.tokenModifiers.length, 0, 'no modifier bit outside the legend');
    out.push({ line, char, length, type: type_, modifiers });
  }
  return out;
}

function textOf(model: SourceModel, t: Tok): string {
  const start = model.lines.offsetAt({ line: t.line, character: t.char });
  return model.text.slice(start, start + t.length);
}

/** Tokens as `line:char "text" type.modifier…` lines, the easiest form to read in a failing assertion. */
function show(index: WorkspaceIndex, uri: string, range?: Range): string[] {
  const model = index.getSource(uri)!;
  return decode(semanticTokens(index, uri, range)).map(
    (t) => `${t.line}:${t.char} ${JSON.stringify(textOf(model, t))} ${[t.type, ...t.modifiers].join('.')}`,
  );
}

function fixture(text: string): WorkspaceIndex {
  return indexOf(parseFixture(text));
}

/** Tokens are sorted, do not overlap, are not empty and stay within their line. */
function assertWellFormed(model: SourceModel, toks: Tok[]): void {
  let prev: Tok | undefined;
  for (const t of toks) {
    assert.ok(t.length > 0, `empty token at ${t.line}:${t.char}`);
    const lineLength = model.lines.lineEnds[t.line]! - model.lines.lineStarts[t.line]!;
    assert.ok(
      t.char + t.length <= lineLength,
      `token ${t.line}:${t.char}+${t.length} runs past the end of its line (${lineLength})`,
    );
    if (prev) {
      assert.ok(
        t.line > prev.line || (t.line === prev.line && t.char >= prev.char + prev.length),
        `token ${t.line}:${t.char} overlaps or precedes ${prev.line}:${prev.char}+${prev.length}`,
      );
    }
    prev = t;
  }
}

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  nl: {name: Netherlands, kind: country}
  hague: {name: The Hague, kind: place}
  balts: {name: Baltic states, kind: group}
  summit: {name: NATO summit, kind: other}
claims:
  k.pct: {type: percent}
  k.num: {type: number}
`;

describe('semantic tokens', () => {
  it('has a legend with the documented types and modifiers', () => {
    assert.deepEqual(SEMANTIC_TOKEN_LEGEND.tokenTypes, [
      'actorPerson',
      'actorOrganization',
      'actorCountry',
      'actorPlace',
      'actorGroup',
      'actorOther',
      'actorUnknown',
      'claim',
      'attributeName',
      'attributeValue',
      'spanPunctuation',
      'frontMatterKey',
    ]);
    assert.deepEqual(SEMANTIC_TOKEN_LEGEND.tokenModifiers, ['unsourced', 'conflicting', 'corroborated', 'anonymous']);
  });

  it('splits a claim around a nested actor and its markup', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[[Rutte]{.actor ref=rutte} dismisses these concerns]{.claim #dismisses by=outlet key=rutte.stance value=dismissive}
`);
    assert.deepEqual(show(index, `${ROOT}/a.seed.md`), [
      '0:0 "[" spanPunctuation',
      '0:1 "[" spanPunctuation',
      '0:2 "Rutte" actorPerson',
      '0:7 "]{" spanPunctuation',
      '0:9 ".actor" attributeName',
      '0:16 "ref" attributeName',
      '0:20 "rutte" attributeValue',
      '0:25 "}" spanPunctuation',
      '0:26 " dismisses these concerns" claim',
      '0:51 "]{" spanPunctuation',
      '0:53 ".claim" attributeName',
      '0:60 "#dismisses" attributeName',
      '0:71 "by" attributeName',
      '0:74 "outlet" attributeValue',
      '0:81 "key" attributeName',
      '0:85 "rutte.stance" attributeValue',
      '0:98 "value" attributeName',
      '0:104 "dismissive" attributeValue',
      '0:114 "}" spanPunctuation',
    ]);
  });

  it('colours the text between and after several nested spans, and deeper nesting', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[A [Rutte]{.actor} and [[NATO]{.actor} B]{.claim by=outlet} C]{.claim by=outlet}
`);
    const toks = show(index, `${ROOT}/a.seed.md`).filter((t) => !/spanPunctuation|attribute/.test(t));
    assert.deepEqual(toks, [
      '0:1 "A " claim',
      '0:4 "Rutte" actorPerson',
      '0:18 " and " claim',
      '0:25 "NATO" actorOrganization',
      '0:38 " B" claim',
      '0:59 " C" claim',
    ]);
  });

  it('gives every piece of a claim that spans lines its own token, and splits multi-line values', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
Before [a claim that
runs on]{.claim by=outlet key=k.num value="1
2"} after.
`);
    assert.deepEqual(show(index, `${ROOT}/a.seed.md`), [
      '0:7 "[" spanPunctuation',
      '0:8 "a claim that" claim',
      '1:0 "runs on" claim',
      '1:7 "]{" spanPunctuation',
      '1:9 ".claim" attributeName',
      '1:16 "by" attributeName',
      '1:19 "outlet" attributeValue',
      '1:26 "key" attributeName',
      '1:30 "k.num" attributeValue',
      '1:36 "value" attributeName',
      '1:42 "\\"1" attributeValue',
      '2:0 "2\\"" attributeValue',
      '2:2 "}" spanPunctuation',
    ]);
  });

  it('counts UTF-16 columns with CRLF, a BOM and emoji', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md crlf bom
😀 [Rutte]{.actor}
🇳🇱 [unsourced
claim]{.claim}
`);
    const uri = `${ROOT}/a.seed.md`;
    assert.ok(index.getSource(uri)!.text.startsWith('\uFEFF😀'));
    assert.deepEqual(show(index, uri), [
      // The BOM counts one code unit on line 0, as everywhere in the core (an editor never has one).
      '0:4 "[" spanPunctuation',
      '0:5 "Rutte" actorPerson',
      '0:10 "]{" spanPunctuation',
      '0:12 ".actor" attributeName',
      '0:18 "}" spanPunctuation',
      '1:5 "[" spanPunctuation',
      '1:6 "unsourced" claim.unsourced',
      '2:0 "claim" claim.unsourced',
      '2:5 "]{" spanPunctuation',
      '2:7 ".claim" attributeName',
      '2:13 "}" spanPunctuation',
    ]);
  });

  it('colours top-level front matter keys only', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md crlf
---
id: a
# comment: no
"quoted key": 1
extra:
  nested: 2
- item: 3
url: https://example.org/a:b
---
[Rutte]{.actor}
`);
    assert.deepEqual(show(index, `${ROOT}/a.seed.md`).slice(0, 5), [
      '1:0 "id" frontMatterKey',
      '3:0 "\\"quoted key\\"" frontMatterKey',
      '4:0 "extra" frontMatterKey',
      '7:0 "url" frontMatterKey',
      '9:0 "[" spanPunctuation',
    ]);
  });

  it('types actors by their registry kind, and unknown actors as unknown', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[Mark Rutte]{.actor} [NATO]{.actor} [Netherlands]{.actor} [The Hague]{.actor} [Baltic states]{.actor} [NATO summit]{.actor}
[Nobody]{.actor} [him]{.actor ref=ghost} [Rutte]{.actor ref=nato}
`);
    const actors = show(index, `${ROOT}/a.seed.md`).filter((t) => / "[^"]*" actor/.test(t));
    assert.deepEqual(actors, [
      '0:1 "Mark Rutte" actorPerson',
      '0:22 "NATO" actorOrganization',
      '0:37 "Netherlands" actorCountry',
      '0:59 "The Hague" actorPlace',
      '0:79 "Baltic states" actorGroup',
      '0:103 "NATO summit" actorOther',
      '1:1 "Nobody" actorUnknown',
      '1:18 "him" actorUnknown',
      // ref= wins over the text.
      '1:42 "Rutte" actorOrganization',
    ]);
  });

  it('has only actorUnknown without a registry', () => {
    const index = fixture(`//- /a.seed.md
[Mark Rutte]{.actor ref=rutte} [NATO]{.actor}
`);
    assert.deepEqual(
      show(index, `${ROOT}/a.seed.md`).filter((t) => / "[^"]*" actor/.test(t)),
      ['0:1 "Mark Rutte" actorUnknown', '0:32 "NATO" actorUnknown'],
    );
  });

  it('marks claims unsourced, anonymous, conflicting and corroborated across files', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[A]{.claim key=k.pct value="5%"} [B]{.claim #b by=anonymous key=k.other value=x} [C]{.claim by=rutte key=k.num value=3} [D]{.claim by=outlet}
[E]{.claim by=outlet key=k.num value=3 as-of=2014} [F]{.claim by=outlet key=k.num value=4}
//- /b.seed.md
[G]{.claim by=outlet key=k.pct value="5 percent"} [H]{.claim by=outlet key=k.other value=y} [I]{.claim by=outlet key=k.num value=3} [J]{.claim by=outlet key=k.num value=4 as-of=2025}
[K]{.claim #k by=outlet key=k.other value=z disputes=a#b}
`);
    const claims = (uri: string): string[] => show(index, uri).filter((t) => / "[^"]*" claim/.test(t));
    assert.deepEqual(claims(`${ROOT}/a.seed.md`), [
      '0:1 "A" claim.unsourced.corroborated',
      '0:34 "B" claim.conflicting.anonymous',
      '0:82 "C" claim.conflicting.corroborated',
      '0:121 "D" claim',
      // Same value as I; E's as-of 2014 and J's 2025 do not compare.
      '1:1 "E" claim.corroborated',
      // F conflicts with I (3) and corroborates J; E in the same file does not count.
      '1:52 "F" claim.conflicting.corroborated',
    ]);
    assert.deepEqual(claims(`${ROOT}/b.seed.md`), [
      '0:1 "G" claim.corroborated',
      '0:51 "H" claim.conflicting',
      '0:93 "I" claim.conflicting.corroborated',
      // J (2025) conflicts with C, which has no as-of, and corroborates F; E (2014) does not compare.
      '0:133 "J" claim.conflicting.corroborated',
      // K disputes B: the conflict is acknowledged.
      '1:1 "K" claim',
    ]);
  });

  it('agrees with the diagnostics on claim status in the seeds', () => {
    const { index, uris } = loadSeeds();
    for (const uri of uris) {
      const model = index.getSource(uri)!;
      const toks = decode(semanticTokens(index, uri));
      const diags = computeDiagnostics(index, uri);
      const codesAt = new Map<string, Set<string>>();
      for (const d of diags) {
        const key = `${d.range.start.line}:${d.range.start.character}`;
        if (!codesAt.has(key)) codesAt.set(key, new Set());
        codesAt.get(key)!.add(d.code);
      }
      let checked = 0;
      for (const claim of model.claims) {
        const start = model.lines.positionAt(claim.start);
        const first = toks.find((t) => {
          const at = model.lines.offsetAt({ line: t.line, character: t.char });
          return t.type === 'claim' && at >= claim.contentStart && at < claim.contentEnd;
        });
        if (!first) continue;
        checked++;
        const codes = codesAt.get(`${start.line}:${start.character}`) ?? new Set<string>();
        const expected = [
          ...(codes.has('unsourced-claim') ? ['unsourced'] : []),
          ...(codes.has('conflicting-claim') ? ['conflicting'] : []),
          ...(codes.has('corroborated-claim') ? ['corroborated'] : []),
          ...(claim.by === 'anonymous' ? ['anonymous'] : []),
        ];
        assert.deepEqual(first.modifiers, expected, `${path.basename(uri)} claim at ${start.line}:${start.character}`);
      }
      assert.ok(checked > 0);
    }
  });

  it('colours the markup of spans that are neither actor nor claim, but not their text', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[note]{.aside} [both]{.actor .claim} [plain]{#x}
`);
    assert.deepEqual(show(index, `${ROOT}/a.seed.md`), [
      '0:0 "[" spanPunctuation',
      '0:5 "]{" spanPunctuation',
      '0:7 ".aside" attributeName',
      '0:13 "}" spanPunctuation',
      '0:15 "[" spanPunctuation',
      '0:20 "]{" spanPunctuation',
      '0:22 ".actor" attributeName',
      '0:29 ".claim" attributeName',
      '0:35 "}" spanPunctuation',
      '0:37 "[" spanPunctuation',
      '0:43 "]{" spanPunctuation',
      '0:45 "#x" attributeName',
      '0:47 "}" spanPunctuation',
    ]);
  });

  it('ignores escapes, inline code, fenced code and brackets that are not spans', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
\\[Rutte]{.actor} \`[Rutte]{.actor}\` [a link](https://x) [Rutte]

\`\`\`
[Rutte]{.actor}
\`\`\`
[Rutte]{.actor ref="rutte"}
`);
    assert.deepEqual(show(index, `${ROOT}/a.seed.md`), [
      '5:0 "[" spanPunctuation',
      '5:1 "Rutte" actorPerson',
      '5:6 "]{" spanPunctuation',
      '5:8 ".actor" attributeName',
      '5:15 "ref" attributeName',
      '5:19 "\\"rutte\\"" attributeValue',
      '5:26 "}" spanPunctuation',
    ]);
  });

  it('returns nothing for a registry or an unknown file', () => {
    const index = fixture(`${REGISTRY}//- /a.seed.md
[Rutte]{.actor}
`);
    assert.deepEqual(semanticTokens(index, `${ROOT}/entities.yaml`), []);
    assert.deepEqual(semanticTokens(index, `${ROOT}/missing.seed.md`), []);
  });

  describe('with a range', () => {
    const text = `${REGISTRY}//- /a.seed.md
---
id: a
---
[Rutte]{.actor} one
[a claim
over [NATO]{.actor} three
lines]{.claim by=outlet}
[NATO]{.actor} last
`;

    it('returns the tokens that intersect it, delta-encoded from the start of the file', () => {
      const index = fixture(text);
      const uri = `${ROOT}/a.seed.md`;
      const range = { start: { line: 5, character: 2 }, end: { line: 6, character: 1 } };
      assert.deepEqual(show(index, uri, range), [
        '5:0 "over " claim',
        '5:5 "[" spanPunctuation',
        '5:6 "NATO" actorOrganization',
        '5:10 "]{" spanPunctuation',
        '5:12 ".actor" attributeName',
        '5:18 "}" spanPunctuation',
        '5:19 " three" claim',
        '6:0 "lines" claim',
      ]);
      assert.deepEqual(semanticTokens(index, uri, range).slice(0, 2), [5, 0]);
      assert.deepEqual(show(index, uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }), [
        '1:0 "id" frontMatterKey',
      ]);
      assert.deepEqual(show(index, uri, { start: { line: 20, character: 0 }, end: { line: 30, character: 0 } }), []);
    });

    it('equals the full result filtered to the range, for any range', () => {
      const index = fixture(text);
      const uri = `${ROOT}/a.seed.md`;
      const model = index.getSource(uri)!;
      const all = decode(semanticTokens(index, uri));
      const offset = (t: Tok): number => model.lines.offsetAt({ line: t.line, character: t.char });
      fc.assert(
        fc.property(fc.nat(model.text.length), fc.nat(model.text.length), (a, b) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const range = model.lines.rangeAt(from, to);
          const expected = all.filter((t) => offset(t) < to && offset(t) + t.length > from);
          assert.deepEqual(decode(semanticTokens(index, uri, range)), expected);
        }),
        { seed: 7, numRuns: 300 },
      );
    });
  });

  describe('on the seeds', () => {
    it('are sorted, never overlap, lie on one line, and cover every actor and claim', () => {
      const { index, uris } = loadSeeds();
      for (const uri of uris) {
        const model = index.getSource(uri)!;
        const toks = decode(semanticTokens(index, uri));
        assertWellFormed(model, toks);
        assert.equal(toks.filter((t) => t.type === 'actorUnknown').length, 0, `${uri}: no unknown actor in the seeds`);
        const actorTokens = toks.filter((t) => t.type.startsWith('actor'));
        assert.equal(actorTokens.length, model.mentions.length, `${uri}: one token per (single-line) mention`);
        assert.ok(toks.some((t) => t.type === 'claim'));
        assert.ok(toks.some((t) => t.type === 'frontMatterKey'));
        // Every span is bracketed by punctuation tokens: '[' and '}' per span, plus ']{'.
        assert.equal(toks.filter((t) => t.type === 'spanPunctuation').length, 3 * model.parsed.spans.length);
      }
    });

    it('stay well-formed on arbitrary edits of a seed', function () {
      this.timeout(60000);
      const { uris } = loadSeeds();
      const source = fs.readFileSync(URI.parse(uris[1]!).fsPath, 'utf8');
      fc.assert(
        fc.property(
          fc.nat(source.length),
          fc.nat(200),
          fc.constantFrom('', '[', ']', ']{', '{', '}', '\n', '\r\n', '\n\n', '`', '"', '\\', '😀'),
          (at, cut, insert) => {
            const text = source.slice(0, at) + insert + source.slice(Math.min(source.length, at + cut));
            const index = new WorkspaceIndex();
            index.setSource('file:///x/a.seed.md', text);
            assertWellFormed(
              index.getSource('file:///x/a.seed.md')!,
              decode(semanticTokens(index, 'file:///x/a.seed.md')),
            );
          },
        ),
        { seed: 11, numRuns: 100 },
      );
    });
  });

  it('takes linear time on a large file with deep nesting', function () {
    this.timeout(60000);
    const LINES = 5000;
    const line = '[[[a [Rutte]{.actor} b]{.claim by=outlet key=k.num value=1} c]{.claim} d]{.x}\n';
    const big = line.repeat(LINES);
    const index = fixture(`${REGISTRY}//- /a.seed.md\n${big}`);
    const started = Date.now();
    const data = semanticTokens(index, `${ROOT}/a.seed.md`);
    const elapsed = Date.now() - started;
    assert.equal(data.length / 5, LINES * 26);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });
});

function loadSeeds(): { index: WorkspaceIndex; uris: string[] } {
  return { index: seedsIndex(), uris: seedSources().map(seedUri) };
}
