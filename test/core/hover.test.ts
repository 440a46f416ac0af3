import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { hover, primeActorCards } from '../../server/src/core/features/hover';
import { escapeMarkdown } from '../../server/src/core/features/markdown';
import { expect } from '../helpers/expect';
import { ROOT } from '../helpers/fixture';
import { renderHover } from '../helpers/render';
import { openAt, seedsIndex, seedSources, seedUri } from '../helpers/workspace';

/** The hover at `|` in `needle`, rendered: its range, then its Markdown. */
function hoverAt(text: string, needle: string): string {
  const { index, uri, position } = openAt(text, needle);
  const h = hover(index, uri, position);
  assert.ok(h, `no hover at ${needle}`);
  return renderHover(h);
}

/** The Markdown of a rendered hover, without its range. */
const card = (rendered: string): string => rendered.slice(rendered.indexOf('\n---\n') + 5);

/** Asserts that every expected line is one of the hover's lines. */
function hasLines(value: string, ...lines: string[]): void {
  const actual = value.split('\n');
  for (const line of lines) assert.ok(actual.includes(line), `hover has no line\n  ${line}\nin\n${value}`);
}

const WS = `//- /entities.yaml
actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
    description: Secretary General of NATO.
    wikidata: Q57792
    url: https://www.nato.int/
  nato: {name: NATO, kind: organization}
  stoltenberg: {name: Jens Stoltenberg, kind: person}
claims:
  nato.spending-target:
    description: The share of GDP NATO members commit to spend on defence.
    type: percent
    unit: "% of GDP"
//- /a.seed.md
---
id: alpha
title: "Alpha *Daily* [Report]"
outlet: Alpha News
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
//- /b.seed.md
---
id: beta
outlet: Beta Times
---
Intro line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2% supports=alpha#five}
`;

describe('hover', () => {
  describe('actors', () => {
    it('on a mention: the actor card, over the whole span', () => {
      // Most mentions first; each links to the first mention in that source; titles are escaped.
      expect`
        range 5:0-30
        ---
        **Mark Rutte** · person · \`rutte\`

        Also called Rutte

        Secretary General of NATO.

        [Wikidata Q57792](https://www.wikidata.org/wiki/Q57792) · [https://www.nato.int/](https://www.nato.int/)

        Mentioned in 2 sources (3 times)

        - [beta](file:///ws/b.seed.md#L6,1) — Beta Times · 2 times
        - [Alpha \*Daily\* \[Report\]](file:///ws/a.seed.md#L6,1) — Alpha News · 1 time

        Claims by Mark Rutte (1)

        - \`nato.spending-target\` = **5% of GDP** · as of 2025 — “Members agreed on 5%” — [Alpha News (alpha)](file:///ws/a.seed.md#L7,1)
      `.assertEq(hoverAt(WS, '[Mark Ru|tte]{.actor ref=rutte}'));
    });

    /** The range of the hover at `needle`, checking that its card is the one on the mention. */
    const sameCard = (needle: string): string => {
      const h = hoverAt(WS, needle);
      assert.equal(card(h), card(hoverAt(WS, '[Mark Ru|tte]{.actor ref=rutte}')), needle);
      return h.slice(0, h.indexOf('\n'));
    };

    it('on a mention resolved by its alias', () => {
      expect`range 5:0-15`.assertEq(sameCard('Intro line.\n[Ru|tte]{.actor}'));
    });

    it('on ref= and by=: the card, over the id', () => {
      expect`range 5:130-135`.assertEq(sameCard('[Rutte]{.actor ref=r|utte} again'));
      expect`range 6:39-44`.assertEq(sameCard('by=rut|te key'));
    });

    it('on the registry entry: the same card', () => {
      expect`range 1:2-7`.assertEq(sameCard('  ru|tte:\n'));
    });

    it('an actor that no registry governs still lists its mentions', () => {
      expect`
        range 0:22-27
        ---
        **\`rutte\`**

        _No entities.yaml governs this file_

        Mentioned in 2 sources (3 times)

        - [x](file:///ws/x.seed.md#L1,1) · 2 times
        - [y](file:///ws/sub/y.seed.md#L1,1) · 1 time
      `.assertEq(
        hoverAt(
          `//- /x.seed.md
[Rutte]{.actor ref=rutte} and [Rutte]{.actor ref=rutte}
//- /sub/y.seed.md
[Mr Rutte]{.actor ref=rutte}
`,
          '[Mr Rutte]{.actor ref=r|utte}',
        ),
      );
    });

    it('an actor the registry does not know', () => {
      expect`
        range 5:35-58
        ---
        **\`jens\`**

        _Not in the registry_

        Mentioned in 1 source (1 time)

        - [Alpha \*Daily\* \[Report\]](file:///ws/a.seed.md#L6,36) — Alpha News · 1 time
      `.assertEq(hoverAt(WS.replace('met [NATO]{.actor ref=nato}', 'met [Jens]{.actor ref=jens}'), '[Je|ns]'));
      expect`
        range 5:35-49
        ---
        **Jens**

        _Not in the registry_: add \`ref=\` or register this name
      `.assertEq(hoverAt(WS.replace('met [NATO]{.actor ref=nato}', 'met [Jens]{.actor}'), '[Je|ns]'));
    });

    it('the reserved by=outlet and by=anonymous', () => {
      expect`
        range 5:59-65
        ---
        **outlet**

        The outlet's own assertion: Beta Times
      `.assertEq(hoverAt(WS, 'by=out|let'));
      expect`
        range 3:34-43
        ---
        **anonymous**

        Unnamed source: a source the article does not name
      `.assertEq(hoverAt(WS, 'by=anon|ymous'));
    });

    it('caps long lists', () => {
      let text = '//- /entities.yaml\nactors:\n  rutte: {name: Mark Rutte, kind: person}\n';
      for (let i = 0; i < 13; i++)
        text += `//- /s${String(i).padStart(2, '0')}.seed.md\n[Rutte]{.actor ref=rutte} [said ${i}]{.claim by=rutte}\n`;
      expect`
        range 1:2-7
        ---
        **Mark Rutte** · person · \`rutte\`

        Mentioned in 13 sources (13 times)

        - [s00](file:///ws/s00.seed.md#L1,1) · 1 time
        - [s01](file:///ws/s01.seed.md#L1,1) · 1 time
        - [s02](file:///ws/s02.seed.md#L1,1) · 1 time
        - [s03](file:///ws/s03.seed.md#L1,1) · 1 time
        - [s04](file:///ws/s04.seed.md#L1,1) · 1 time
        - [s05](file:///ws/s05.seed.md#L1,1) · 1 time
        - [s06](file:///ws/s06.seed.md#L1,1) · 1 time
        - [s07](file:///ws/s07.seed.md#L1,1) · 1 time
        - [s08](file:///ws/s08.seed.md#L1,1) · 1 time
        - [s09](file:///ws/s09.seed.md#L1,1) · 1 time
        - and 3 more

        Claims by Mark Rutte (13)

        - “said 0” — [s00](file:///ws/s00.seed.md#L1,27)
        - “said 1” — [s01](file:///ws/s01.seed.md#L1,27)
        - “said 2” — [s02](file:///ws/s02.seed.md#L1,27)
        - “said 3” — [s03](file:///ws/s03.seed.md#L1,27)
        - “said 4” — [s04](file:///ws/s04.seed.md#L1,27)
        - “said 5” — [s05](file:///ws/s05.seed.md#L1,27)
        - “said 6” — [s06](file:///ws/s06.seed.md#L1,27)
        - “said 7” — [s07](file:///ws/s07.seed.md#L1,27)
        - “said 8” — [s08](file:///ws/s08.seed.md#L1,27)
        - “said 9” — [s09](file:///ws/s09.seed.md#L1,27)
        - and 3 more
      `.assertEq(hoverAt(text, '  rut|te:'));
    });

    it('positions in links and ranges count UTF-16 units, on CRLF lines', () => {
      const text = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
//- /e.seed.md crlf
First line.
😀🇳🇱 [Mark Rutte]{.actor ref=rutte} and [Rutte]{.actor ref=rutte}
`;
      // 😀 is 2 units, 🇳🇱 is 4, then a space: the first mention starts at character 7 (link column 8).
      expect`
        range 1:42-67
        ---
        **Mark Rutte** · person · \`rutte\`

        Mentioned in 1 source (2 times)

        - [e](file:///ws/e.seed.md#L2,8) · 2 times
      `.assertEq(hoverAt(text, 'and [Rut|te]'));
    });
  });

  describe('claims', () => {
    it('who asserts it, who agrees, who disagrees, and the links into it', () => {
      expect`
        range 6:0-99
        ---
        **Claim** \`#five\` in [Alpha News (alpha)](file:///ws/a.seed.md#L7,1)

        Asserted by **Mark Rutte**

        \`nato.spending-target\` = **5% of GDP** · as of 2025

        Read as: \`5% of GDP\` → **5%**

        Corroborated by 1 source

        - [Beta Times (beta)](file:///ws/b.seed.md#L6,22): “members pay 5 percent”

        Contradicted by 1 source

        - [gamma](file:///ws/c.seed.md#L4,1) says **2%**: “The target is 2%”

        - Supported by [gamma](file:///ws/c.seed.md#L4,1): “The target is 2%”

        “Members agreed on 5%”
      `.assertEq(hoverAt(WS, '[Members agr|eed on 5%]'));
    });

    it('the same card on the #id, value= and as-of=', () => {
      const claim = card(hoverAt(WS, '[Members agr|eed on 5%]'));
      for (const needle of ['{.claim #fi|ve', 'value="5%| of GDP"', 'as-of=20|25'])
        assert.equal(card(hoverAt(WS, needle)), claim, needle);
    });

    it('says who asserts it for every kind of by=', () => {
      expect`
        range 5:21-109
        ---
        **Claim** \`#b5\` in [Beta Times (beta)](file:///ws/b.seed.md#L6,22)

        The outlet's own assertion (Beta Times)

        \`nato.spending-target\` = **5 percent**

        Read as: \`5 percent\` → **5%**

        Corroborated by 1 source

        - [Alpha News (alpha)](file:///ws/a.seed.md#L7,1): “Members agreed on 5%” · as of 2025

        Contradicted by 1 source

        - [gamma](file:///ws/c.seed.md#L4,1) says **2%**: “The target is 2%”

        “members pay 5 percent”
      `.assertEq(hoverAt(WS, '[members p|ay'));
      expect`
        range 3:0-98
        ---
        **Claim** \`#two\` in [gamma](file:///ws/c.seed.md#L4,1)

        Unnamed source (anonymous)

        \`nato.spending-target\` = **2%**

        Contradicted by 2 sources

        - [Alpha News (alpha)](file:///ws/a.seed.md#L7,1) says **5% of GDP**: “Members agreed on 5%” · as of 2025
        - [Beta Times (beta)](file:///ws/b.seed.md#L6,22) says **5 percent**: “members pay 5 percent”

        - Supports [Alpha News (alpha)](file:///ws/a.seed.md#L7,1) \`#five\`: “Members agreed on 5%”

        “The target is 2%”
      `.assertEq(hoverAt(WS, '[The tar|get'));
      expect`
        range 0:0-40
        ---
        **Claim** in [u](file:///ws/u.seed.md#L1,1)

        **Unsourced**: no \`by=\` says who asserts this

        \`k\` = **1**

        No other source states \`k\` at a comparable time

        “Nobody said this”
      `.assertEq(hoverAt(`//- /u.seed.md\n[Nobody said this]{.claim key=k value=1}\n`, 's|aid'));
    });

    it('acknowledged disputes and links in both directions', () => {
      const text = `//- /p.seed.md
---
id: p
---
[It was 32]{.claim #n by=outlet key=members value=32 disputes=q#m}
//- /q.seed.md
---
id: q
---
[It was 31]{.claim #m by=outlet key=members value=31}
`;
      expect`
        range 3:0-66
        ---
        **Claim** \`#n\` in [p](file:///ws/p.seed.md#L4,1)

        The outlet's own assertion

        \`members\` = **32**

        Acknowledged disputes

        - [q](file:///ws/q.seed.md#L4,1) says **31**: “It was 31”

        - Disputes [q](file:///ws/q.seed.md#L4,1) \`#m\`: “It was 31”

        “It was 32”
      `.assertEq(hoverAt(text, '[It was 3|2]'));
      expect`
        range 3:0-53
        ---
        **Claim** \`#m\` in [q](file:///ws/q.seed.md#L4,1)

        The outlet's own assertion

        \`members\` = **31**

        Acknowledged disputes

        - [p](file:///ws/p.seed.md#L4,1) says **32**: “It was 32”

        - Disputed by [p](file:///ws/p.seed.md#L4,1): “It was 32”

        “It was 31”
      `.assertEq(hoverAt(text, '[It was 3|1]'));
    });

    it('escapes Markdown in quotes and values', () => {
      expect`
        range 0:0-74
        ---
        **Claim** in [m](file:///ws/m.seed.md#L1,1)

        The outlet's own assertion

        \`k\` = **\_v\_**

        No other source states \`k\` at a comparable time

        “a \*bold\* \<b\>claim\</b\> \\\[x\\\] \$(alert)”
      `.assertEq(
        hoverAt(
          `//- /m.seed.md\n[a *bold* <b>claim</b> \\[x\\] $(alert)]{.claim by=outlet key=k value="_v_"}\n`,
          '$(alert)|',
        ),
      );
    });
  });

  describe('claim keys and links', () => {
    it('on key=: the registry description and the values across the workspace', () => {
      expect`
        range 6:49-69
        ---
        **\`nato.spending-target\`** · type percent · unit % of GDP

        The share of GDP NATO members commit to spend on defence.

        Values across the workspace (2 values)

        - **5% of GDP** — 2 sources ← this claim
        - **2%** — 1 source
      `.assertEq(hoverAt(WS, 'key=nato.spend|ing-target value="5% of GDP"'));
    });

    it('on a key the registry does not describe', () => {
      expect`
        range 3:48-58
        ---
        **\`nato.other\`**

        _Not described in the registry_

        Values across the workspace (1 value)

        - **2%** — 1 source ← this claim
      `.assertEq(hoverAt(WS.replace('key=nato.spending-target value=2%', 'key=nato.other value=2%'), 'nato.oth|er'));
    });

    it('on a registry claim key', () => {
      expect`
        range 11:2-22
        ---
        **\`nato.spending-target\`** · type percent · unit % of GDP

        The share of GDP NATO members commit to spend on defence.

        Values across the workspace (2 values)

        - **5% of GDP** — 2 sources
        - **2%** — 1 source
      `.assertEq(hoverAt(WS, '  nato.spend|ing-target:'));
    });

    it('on a link: the target claim, or why it is not found', () => {
      expect`
        range 3:87-97
        ---
        **Supports** \`alpha#five\`

        **Claim** \`#five\` in [Alpha News (alpha)](file:///ws/a.seed.md#L7,1)

        Asserted by **Mark Rutte**

        \`nato.spending-target\` = **5% of GDP** · as of 2025

        “Members agreed on 5%”
      `.assertEq(hoverAt(WS, 'supports=alpha#fi|ve'));
      expect`
        range 3:87-99
        ---
        **Disputes** \`nowhere#five\`

        _Not found_: no source has the id \`nowhere\`
      `.assertEq(hoverAt(WS.replace('supports=alpha#five', 'disputes=nowhere#five'), 'nowh|ere'));
      expect`
        range 3:87-92
        ---
        **Supports** \`#gone\`

        _Not found_: no claim \`#gone\` in this file
      `.assertEq(hoverAt(WS.replace('supports=alpha#five', 'supports=#gone'), '#go|ne'));
    });
  });

  it('nothing to say on plain text, front matter, or an unknown file', () => {
    const { index, uri, position } = openAt(WS, 'Intro| line.');
    assert.equal(hover(index, uri, position), undefined);
    assert.equal(hover(index, uri, { line: 1, character: 2 }), undefined);
    assert.equal(hover(index, `${ROOT}/nope.seed.md`, { line: 0, character: 0 }), undefined);
    assert.equal(hover(index, `${ROOT}/entities.yaml`, { line: 0, character: 1 }), undefined);
  });

  it('escapeMarkdown keeps prose readable and inert', () => {
    assert.equal(escapeMarkdown('Trump-pressed (U.S.) #1'), 'Trump-pressed (U.S.) #1');
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdown('2025. A year'), '2025\\. A year');
    assert.equal(escapeMarkdown('[x](javascript:y) <img> a|b'), '\\[x\\](javascript:y) \\<img\\> a\\|b');
    assert.equal(escapeMarkdown('two\nlines'), 'two lines');
  });

  describe('on the seeds', () => {
    const uriOf = seedUri;
    const files = seedSources();
    const index = seedsIndex();

    function hoverOn(file: string, needle: string): string {
      const model = index.getSource(uriOf(file))!;
      const offset = model.text.indexOf(needle);
      assert.ok(offset >= 0, needle);
      const h = hover(index, model.uri, model.lines.positionAt(offset + 2));
      assert.ok(h);
      return (h.contents as lsp.MarkupContent).value;
    }

    it('Mark Rutte in 000: mentioned in all five sources, each linked', () => {
      const value = hoverOn('000-turkey-summit.seed.md', '[Mark Rutte]{.actor ref=rutte}');
      hasLines(value, '**Mark Rutte** · person · `rutte`', '[Wikidata Q57792](https://www.wikidata.org/wiki/Q57792)');
      assert.match(value, /^Mentioned in 5 sources \(\d+ times\)$/m);
      for (const f of files) assert.ok(value.includes(`](${uriOf(f)}#L`), `no link to ${f}`);
      hasLines(
        value,
        `- [Mark Rutte braces as Trump-pressed NATO unity faces a Turkey summit reckoning](${uriOf(files[0]!)}#L6,1) · 6 times`,
      );
    });

    it('primed actor summaries: resumable between actors, and the cards equal unprimed ones', () => {
      const unprimed = hoverOn('000-turkey-summit.seed.md', '[Mark Rutte]{.actor ref=rutte}');
      const primed = seedsIndex();
      const actors = primed.actorIds();
      assert.ok(actors.length > 3);
      const it = actors[Symbol.iterator]();
      let stops = 0;
      // Stop after every actor: each call does exactly one, and the call after the last says it is done.
      while (!primeActorCards(primed, it, () => true)) stops++;
      assert.equal(stops, actors.length);
      const model = primed.getSource(uriOf('000-turkey-summit.seed.md'))!;
      const h = hover(
        primed,
        model.uri,
        model.lines.positionAt(model.text.indexOf('[Mark Rutte]{.actor ref=rutte}') + 2),
      );
      assert.equal((h!.contents as lsp.MarkupContent).value, unprimed);
    });

    it('the 2025 spending target in 001: the 2% conflict from can-nato-survive', () => {
      const value = hoverOn('001-transatlantic-rift.seed.md', '[agreed to an unprecedented increase');
      hasLines(
        value,
        "The outlet's own assertion",
        '`nato.spending-target` = **5% of GDP** · as of 2025',
        'Contradicted by 1 source',
        'Corroborated by 1 source',
      );
      const conflict = value.split('\n').find((l) => l.includes('says **2% of GDP**'));
      assert.ok(conflict?.includes(`(${uriOf('004-can-nato-survive.seed.md')}#L18,`), conflict);
      assert.ok(conflict !== undefined);
      assert.ok(conflict.includes('“the 2% of GDP target”'));
    });
  });
});
