import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/core';
import { hover, primeActorCards } from '../../server/src/core/features/hover';
import { escapeMarkdown } from '../../server/src/core/features/markdown';
import { openFixture, placeCursor, ROOT } from '../helpers/fixture';

function hoverAt(text: string, needle: string): { value: string; range: lsp.Range | undefined } {
  const { index, uri, position } = openFixture(placeCursor(text, needle));
  const h = hover(index, uri, position);
  assert.ok(h, `no hover at ${needle}`);
  const contents = h.contents as lsp.MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return { value: contents.value, range: h.range };
}

function range(line: number, start: number, end: number, endLine = line): lsp.Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

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
    const CARD = [
      '**Mark Rutte** · person · `rutte`',
      'Also called Rutte',
      'Secretary General of NATO.',
      '[Wikidata Q57792](https://www.wikidata.org/wiki/Q57792) · [https://www.nato.int/](https://www.nato.int/)',
      'Mentioned in 2 sources (3 times)',
      // Most mentions first; each links to the first mention in that source; titles are escaped.
      `- [beta](${ROOT}/b.seed.md#L6,1) — Beta Times · 2 times`,
      `- [Alpha \\*Daily\\* \\[Report\\]](${ROOT}/a.seed.md#L6,1) — Alpha News · 1 time`,
      'Claims by Mark Rutte (1)',
      `- \`nato.spending-target\` = **5% of GDP** · as of 2025 — “Members agreed on 5%” — [Alpha News (alpha)](${ROOT}/a.seed.md#L7,1)`,
    ];

    it('on a mention: the actor card, over the whole span', () => {
      const h = hoverAt(WS, '[Mark Ru|tte]{.actor ref=rutte}');
      hasLines(h.value, ...CARD);
      assert.deepEqual(h.range, range(5, 0, 30));
    });

    it('on a mention resolved by its alias', () => {
      const h = hoverAt(WS, 'Intro line.\n[Ru|tte]{.actor}');
      hasLines(h.value, ...CARD);
      assert.deepEqual(h.range, range(5, 0, 15));
    });

    it('on ref= and by=: the card, over the id', () => {
      const ref = hoverAt(WS, '[Rutte]{.actor ref=r|utte} again');
      hasLines(ref.value, ...CARD);
      assert.deepEqual(ref.range, range(5, 130, 135));
      const by = hoverAt(WS, 'by=rut|te key');
      hasLines(by.value, ...CARD);
      assert.deepEqual(by.range, range(6, 39, 44));
    });

    it('on the registry entry: the same card', () => {
      const h = hoverAt(WS, '  ru|tte:\n');
      hasLines(h.value, ...CARD);
      assert.deepEqual(h.range, range(1, 2, 7));
    });

    it('an actor that no registry governs still lists its mentions', () => {
      const h = hoverAt(
        `//- /x.seed.md
[Rutte]{.actor ref=rutte} and [Rutte]{.actor ref=rutte}
//- /sub/y.seed.md
[Mr Rutte]{.actor ref=rutte}
`,
        '[Mr Rutte]{.actor ref=r|utte}',
      );
      hasLines(
        h.value,
        '**`rutte`**',
        '_No entities.yaml governs this file_',
        'Mentioned in 2 sources (3 times)',
        `- [x](${ROOT}/x.seed.md#L1,1) · 2 times`,
        `- [y](${ROOT}/sub/y.seed.md#L1,1) · 1 time`,
      );
      assert.ok(!h.value.includes('Claims by'));
    });

    it('an actor the registry does not know', () => {
      const h = hoverAt(WS.replace('met [NATO]{.actor ref=nato}', 'met [Jens]{.actor ref=jens}'), '[Je|ns]');
      hasLines(h.value, '**`jens`**', '_Not in the registry_', 'Mentioned in 1 source (1 time)');
      const byName = hoverAt(WS.replace('met [NATO]{.actor ref=nato}', 'met [Jens]{.actor}'), '[Je|ns]');
      hasLines(byName.value, '**Jens**', '_Not in the registry_: add `ref=` or register this name');
    });

    it('the reserved by=outlet and by=anonymous', () => {
      hasLines(hoverAt(WS, 'by=out|let').value, '**outlet**', "The outlet's own assertion: Beta Times");
      hasLines(hoverAt(WS, 'by=anon|ymous').value, '**anonymous**');
    });

    it('caps long lists', () => {
      let text = '//- /entities.yaml\nactors:\n  rutte: {name: Mark Rutte, kind: person}\n';
      for (let i = 0; i < 13; i++)
        text += `//- /s${String(i).padStart(2, '0')}.seed.md\n[Rutte]{.actor ref=rutte} [said ${i}]{.claim by=rutte}\n`;
      const h = hoverAt(text, '  rut|te:');
      hasLines(
        h.value,
        'Mentioned in 13 sources (13 times)',
        `- [s00](${ROOT}/s00.seed.md#L1,1) · 1 time`,
        '- and 3 more',
        'Claims by Mark Rutte (13)',
      );
      assert.equal(h.value.split('\n').filter((l) => l.startsWith('- and 3 more')).length, 2);
      assert.ok(!h.value.includes('s10.seed.md'));
    });

    it('positions in links and ranges count UTF-16 units, on CRLF lines', () => {
      const text = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
//- /e.seed.md crlf
First line.
😀🇳🇱 [Mark Rutte]{.actor ref=rutte} and [Rutte]{.actor ref=rutte}
`;
      const h = hoverAt(text, 'and [Rut|te]');
      // 😀 is 2 units, 🇳🇱 is 4, then a space: the first mention starts at character 7.
      hasLines(h.value, `- [e](${ROOT}/e.seed.md#L2,8) · 2 times`);
      assert.deepEqual(h.range, range(1, 42, 67));
    });
  });

  describe('claims', () => {
    it('who asserts it, who agrees, who disagrees, and the links into it', () => {
      const h = hoverAt(WS, '[Members agr|eed on 5%]');
      hasLines(
        h.value,
        `**Claim** \`#five\` in [Alpha News (alpha)](${ROOT}/a.seed.md#L7,1)`,
        'Asserted by **Mark Rutte**',
        '`nato.spending-target` = **5% of GDP** · as of 2025',
        'Corroborated by 1 source',
        `- [Beta Times (beta)](${ROOT}/b.seed.md#L6,22): “members pay 5 percent”`,
        'Contradicted by 1 source',
        `- [gamma](${ROOT}/c.seed.md#L4,1) says **2%**: “The target is 2%”`,
        `- Supported by [gamma](${ROOT}/c.seed.md#L4,1): “The target is 2%”`,
      );
      assert.deepEqual(h.range, range(6, 0, 99));
    });

    it('the same card on the #id, value= and as-of=', () => {
      for (const needle of ['{.claim #fi|ve', 'value="5%| of GDP"', 'as-of=20|25'])
        hasLines(hoverAt(WS, needle).value, 'Asserted by **Mark Rutte**', 'Contradicted by 1 source');
    });

    it('says who asserts it for every kind of by=', () => {
      hasLines(hoverAt(WS, '[members p|ay').value, "The outlet's own assertion (Beta Times)");
      const c = hoverAt(WS, '[The tar|get');
      hasLines(
        c.value,
        'Unnamed source (anonymous)',
        `- Supports [Alpha News (alpha)](${ROOT}/a.seed.md#L7,1) \`#five\`: “Members agreed on 5%”`,
      );
      const unsourced = hoverAt(`//- /u.seed.md\n[Nobody said this]{.claim key=k value=1}\n`, 's|aid');
      hasLines(
        unsourced.value,
        '**Unsourced**: no `by=` says who asserts this',
        'No other source states `k` at a comparable time',
      );
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
      const p = hoverAt(text, '[It was 3|2]');
      hasLines(
        p.value,
        'Acknowledged disputes',
        `- [q](${ROOT}/q.seed.md#L4,1) says **31**: “It was 31”`,
        `- Disputes [q](${ROOT}/q.seed.md#L4,1) \`#m\`: “It was 31”`,
      );
      assert.ok(!p.value.includes('Contradicted'));
      const q = hoverAt(text, '[It was 3|1]');
      hasLines(q.value, 'Acknowledged disputes', `- Disputed by [p](${ROOT}/p.seed.md#L4,1): “It was 32”`);
    });

    it('escapes Markdown in quotes and values', () => {
      const h = hoverAt(
        `//- /m.seed.md\n[a *bold* <b>claim</b> \\[x\\] $(alert)]{.claim by=outlet key=k value="_v_"}\n`,
        '$(alert)|',
      );
      hasLines(h.value, '`k` = **\\_v\\_**', '“a \\*bold\\* \\<b\\>claim\\</b\\> \\\\\\[x\\\\\\] \\$(alert)”');
    });
  });

  describe('claim keys and links', () => {
    it('on key=: the registry description and the values across the workspace', () => {
      const h = hoverAt(WS, 'key=nato.spend|ing-target value="5% of GDP"');
      hasLines(
        h.value,
        '**`nato.spending-target`** · type percent · unit % of GDP',
        'The share of GDP NATO members commit to spend on defence.',
        'Values across the workspace (2 values)',
        '- **5% of GDP** — 2 sources ← this claim',
        '- **2%** — 1 source',
      );
      assert.deepEqual(h.range, range(6, 49, 69));
    });

    it('on a key the registry does not describe', () => {
      hasLines(
        hoverAt(WS.replace('key=nato.spending-target value=2%', 'key=nato.other value=2%'), 'nato.oth|er').value,
        '**`nato.other`**',
        '_Not described in the registry_',
        '- **2%** — 1 source ← this claim',
      );
    });

    it('on a registry claim key', () => {
      hasLines(hoverAt(WS, '  nato.spend|ing-target:').value, '- **5% of GDP** — 2 sources', '- **2%** — 1 source');
    });

    it('on a link: the target claim, or why it is not found', () => {
      const h = hoverAt(WS, 'supports=alpha#fi|ve');
      hasLines(
        h.value,
        '**Supports** `alpha#five`',
        `**Claim** \`#five\` in [Alpha News (alpha)](${ROOT}/a.seed.md#L7,1)`,
        'Asserted by **Mark Rutte**',
        '“Members agreed on 5%”',
      );
      assert.deepEqual(h.range, range(3, 87, 97));
      hasLines(
        hoverAt(WS.replace('supports=alpha#five', 'disputes=nowhere#five'), 'nowh|ere').value,
        '**Disputes** `nowhere#five`',
        '_Not found_: no source has the id `nowhere`',
      );
      hasLines(
        hoverAt(WS.replace('supports=alpha#five', 'supports=#gone'), '#go|ne').value,
        '_Not found_: no claim `#gone` in this file',
      );
    });
  });

  it('nothing to say on plain text, front matter, or an unknown file', () => {
    const { index, uri, position } = openFixture(placeCursor(WS, 'Intro| line.'));
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
    const SEEDS = path.resolve(__dirname, '../../../seeds');
    const uriOf = (f: string): string => URI.file(path.join(SEEDS, f)).toString();
    const files = fs
      .readdirSync(SEEDS)
      .filter((f) => f.endsWith('.seed.md'))
      .sort();
    const index = new WorkspaceIndex({ folders: [URI.file(SEEDS).toString()] });
    index.setRegistryBytes(uriOf('entities.yaml'), fs.readFileSync(path.join(SEEDS, 'entities.yaml')));
    for (const f of files) index.setSourceBytes(uriOf(f), fs.readFileSync(path.join(SEEDS, f)));

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
      const primed = new WorkspaceIndex({ folders: [URI.file(SEEDS).toString()] });
      primed.setRegistryBytes(uriOf('entities.yaml'), fs.readFileSync(path.join(SEEDS, 'entities.yaml')));
      for (const f of files) primed.setSourceBytes(uriOf(f), fs.readFileSync(path.join(SEEDS, f)));
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
