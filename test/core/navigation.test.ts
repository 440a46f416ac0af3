import * as assert from 'node:assert/strict';
import * as lsp from 'vscode-languageserver-types';
import { claimsBy, definition, documentHighlights, references } from '../../server/src/core/features/navigation';
import { ROOT, targetsOf, type Target } from '../helpers/fixture';
import { showLocation as show } from '../helpers/render';
import { openAt } from '../helpers/workspace';

function showHighlight(h: lsp.DocumentHighlight): string {
  return `${h.range.start.line}:${h.range.start.character}-${h.range.end.character} ${h.kind === lsp.DocumentHighlightKind.Write ? 'write' : 'read'}`;
}

const WS = `//- /entities.yaml
actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
//- /b.seed.md
---
id: beta
---
Intro line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2% supports=alpha#five}
[Also]{.claim #also by=rutte supports="alpha#five, #two"} and [alone]{.claim by=outlet}
`;

/** The workspace above with the places that refer to the actor `rutte` marked: its mentions, its by=, its registry entry. */
const RUTTE = `//- /entities.yaml
actors:
  rutte:
  ^^^^^
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
                                       ^^^^^
//- /b.seed.md
---
id: beta
---
Intro line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
^^^^^^^^^^^^^^^                                                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2% supports=alpha#five}
[Also]{.claim #also by=rutte supports="alpha#five, #two"} and [alone]{.claim by=outlet}
                       ^^^^^
`;

/** The same workspace with the claims of the key `nato.spending-target` marked, and the key's registry entry. */
const KEY = `//- /entities.yaml
actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
  ^^^^^^^^^^^^^^^^^^^^
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//- /b.seed.md
---
id: beta
---
Intro line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2% supports=alpha#five}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
[Also]{.claim #also by=rutte supports="alpha#five, #two"} and [alone]{.claim by=outlet}
`;

/** The same workspace with the claim alpha#five marked, and the links to it. */
const LINKS = `//- /entities.yaml
actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//- /b.seed.md
---
id: beta
---
Intro line.
[Rutte]{.actor} said [members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim #two by=anonymous key=nato.spending-target value=2% supports=alpha#five}
                                                                                       ^^^^^^^^^^
[Also]{.claim #also by=rutte supports="alpha#five, #two"} and [alone]{.claim by=outlet}
                                       ^^^^^^^^^^
`;

const inRegistry = (t: Target): boolean => t.uri.endsWith('/entities.yaml');

/** References at `needle` are the marked targets, and without the declaration those outside entities.yaml. */
function checkTargets(text: string, needle: string): void {
  const { index, uri, position, fixture: f } = openAt(text, needle);
  assert.deepEqual(references(index, uri, position, true).map(show), targetsOf(f), needle);
  assert.deepEqual(
    references(index, uri, position, false).map(show),
    targetsOf(f, (t) => !inRegistry(t)),
    needle,
  );
}

describe('navigation', () => {
  describe('definition', () => {
    it('an actor (mention, alias, ref=, by=) goes to its registry entry', () => {
      for (const needle of [
        '[Mark Ru|tte]',
        'Intro line.\n[Ru|tte]',
        '[Rutte]{.actor ref=ru|tte} again',
        '#five by=ru|tte',
        '#also by=r|utte',
      ]) {
        const { index, uri, position, fixture } = openAt(RUTTE, needle);
        assert.deepEqual(definition(index, uri, position).map(show), targetsOf(fixture, inRegistry), needle);
      }
    });

    it('a claim key goes to its registry entry', () => {
      const { index, uri, position, fixture } = openAt(KEY, 'by=outlet key=nato.sp|ending-target');
      assert.deepEqual(definition(index, uri, position).map(show), targetsOf(fixture, inRegistry));
    });

    it('a link goes to the claim it names, in another file or the same one', () => {
      const other = openAt(WS, 'value=2% supports=alpha#fi|ve');
      assert.deepEqual(definition(other.index, other.uri, other.position).map(show), ['/a.seed.md:4:0-99']);
      const same = openAt(WS, ', #t|wo"');
      assert.deepEqual(definition(same.index, same.uri, same.position).map(show), ['/c.seed.md:3:0-98']);
    });

    it('nothing for the registry entry itself, unknown actors, reserved by=, broken links and plain text', () => {
      const cases: Array<[string, string]> = [
        [WS, '  rut|te:'],
        [WS.replace('ref=nato}', 'ref=otan}'), 'ref=ot|an'],
        [WS, '#b5 by=out|let'],
        [WS.replace('supports=alpha#five}', 'supports=alpha#nine}'), 'alpha#ni|ne'],
        [WS, 'Intro| line'],
      ];
      for (const [text, needle] of cases) {
        const { index, uri, position } = openAt(text, needle);
        assert.deepEqual(definition(index, uri, position), [], needle);
      }
    });

    it('an actor without a registry has no definition', () => {
      const { index, uri, position } = openAt(`//- /x.seed.md\n[Rutte]{.actor ref=rutte}\n`, '[Ru|tte]');
      assert.deepEqual(definition(index, uri, position), []);
    });
  });

  describe('references', () => {
    it('an actor: every mention and every by=, sorted, with the registry entry as declaration', () => {
      for (const needle of [
        '[Mark Ru|tte]',
        'Intro line.\n[Ru|tte]',
        '[Rutte]{.actor ref=ru|tte} again',
        '#five by=ru|tte',
        '#also by=|rutte',
        '  rut|te:',
      ])
        checkTargets(RUTTE, needle);
    });

    it('a claim key, or a claim: every claim of that key', () => {
      for (const needle of ['key=nato.spe|nding-target value=2%', '[The tar|get', '#b|5', '  nato.spe|nding-target:'])
        checkTargets(KEY, needle);
    });

    it('a link: every link to the same claim, and the claim', () => {
      const { index, uri, position, fixture } = openAt(LINKS, 'value=2% supports=al|pha#five');
      assert.deepEqual(references(index, uri, position, false).map(show), targetsOf(fixture));
    });

    it('a claim with an id but no key: the links to it, and itself', () => {
      const text = WS.replace('[alone]{.claim by=outlet}', '[alone]{.claim #solo by=outlet}').replace(
        '"alpha#five, #two"',
        '"alpha#five, #solo"',
      );
      const { index, uri, position } = openAt(text, '[alo|ne]');
      assert.deepEqual(references(index, uri, position, true).map(show), ['/c.seed.md:4:51-56', '/c.seed.md:4:63-94']);
      const bare = openAt(WS, '[alo|ne]');
      assert.deepEqual(references(bare.index, bare.uri, bare.position, true).map(show), ['/c.seed.md:4:62-87']);
    });

    it('nothing on plain text or a reserved by=', () => {
      for (const needle of ['Intro| line', 'by=anon|ymous']) {
        const { index, uri, position } = openAt(WS, needle);
        assert.deepEqual(references(index, uri, position, true), [], needle);
      }
    });

    it('counts UTF-16 units on CRLF lines', () => {
      const { index, uri, position } = openAt(
        `//- /entities.yaml crlf
actors:
  rutte: {name: Mark Rutte, kind: person}
//- /e.seed.md crlf
First line.
😀🇳🇱 [Mark Rutte]{.actor ref=rutte} and [Rutte]{.actor ref=rutte}
`,
        'and [Ru|tte]',
      );
      assert.deepEqual(references(index, uri, position, true).map(show), [
        '/e.seed.md:1:7-37',
        '/e.seed.md:1:42-67',
        '/entities.yaml:1:2-7',
      ]);
    });

    it('stays fast on a key with thousands of claims', () => {
      let text = '//- /entities.yaml\nclaims:\n  big: {type: number}\n';
      for (let f = 0; f < 200; f++) {
        text += `//- /s${f}.seed.md\n`;
        for (let c = 0; c < 20; c++) text += `[claim ${c}]{.claim by=outlet key=big value=${c}}\n`;
      }
      const { index, uri, position } = openAt(
        text + '//- /z.seed.md\n[last]{.claim by=outlet key=big value=7}\n',
        '[la|st]',
      );
      const started = Date.now();
      const refs = references(index, uri, position, true);
      const highlights = documentHighlights(index, `${ROOT}/s3.seed.md`, { line: 5, character: 2 });
      const elapsed = Date.now() - started;
      assert.equal(refs.length, 200 * 20 + 2);
      assert.equal(show(refs[0]!), '/entities.yaml:1:2-5');
      assert.equal(show(refs[1]!), '/s0.seed.md:0:0-43');
      assert.equal(show(refs[refs.length - 1]!), '/z.seed.md:0:0-40');
      assert.equal(highlights.length, 20);
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    });
  });

  describe('document highlights', () => {
    it('an actor in a source: its mentions and by= in this file', () => {
      const a = openAt(WS, '[Mark Ru|tte]');
      assert.deepEqual(documentHighlights(a.index, a.uri, a.position).map(showHighlight), [
        '3:0-30 read',
        '4:39-44 read',
      ]);
      const b = openAt(WS, 'Intro line.\n[Ru|tte]');
      assert.deepEqual(documentHighlights(b.index, b.uri, b.position).map(showHighlight), [
        '4:0-15 read',
        '4:111-136 read',
      ]);
    });

    it('an actor in the registry: its entry, as a write', () => {
      const { index, uri, position } = openAt(WS, '  rut|te:');
      assert.deepEqual(documentHighlights(index, uri, position).map(showHighlight), ['1:2-7 write']);
    });

    it('a claim key: the claims of that key in this file', () => {
      const { index, uri, position } = openAt(WS, 'key=nato.spe|nding-target value=2%');
      assert.deepEqual(documentHighlights(index, uri, position).map(showHighlight), ['3:0-98 read']);
    });

    it('a link: the links to its target, and the target (write) when it is in this file', () => {
      const same = openAt(WS, ', #t|wo"');
      assert.deepEqual(documentHighlights(same.index, same.uri, same.position).map(showHighlight), [
        '3:0-98 write',
        '4:51-55 read',
      ]);
      const other = openAt(WS, 'value=2% supports=al|pha#five');
      assert.deepEqual(documentHighlights(other.index, other.uri, other.position).map(showHighlight), [
        '3:87-97 read',
        '4:39-49 read',
      ]);
    });

    it('nothing on plain text', () => {
      const { index, uri, position } = openAt(WS, 'Intro| line');
      assert.deepEqual(documentHighlights(index, uri, position), []);
    });
  });

  it('claimsBy: the claims of an actor across the workspace, sorted', () => {
    const { index } = openAt(WS, 'Intro| line');
    assert.deepEqual(
      claimsBy(index, 'rutte').map((c) => `${c.model.id}#${c.claim.id ?? ''}`),
      ['alpha#five', 'gamma#also'],
    );
    assert.deepEqual(claimsBy(index, 'nobody'), []);
  });
});
