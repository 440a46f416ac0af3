import * as assert from 'node:assert/strict';
import { check, indexOf, parseFixture, ROOT, type CheckOptions } from '../helpers/fixture';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  us: {name: United States, kind: country, aliases: [U.S., US]}
claims:
  nato.spending-target: {type: percent, description: Defence spending target}
  nato.members: {type: number}
  summit.place: {type: place}
`;

/** Hints that most fixtures do not care about. */
const QUIET: CheckOptions = { ignore: ['unannotated-mention', 'corroborated-claim'] };

describe('diagnostics', () => {
  it('accepts a well-annotated file', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
---
id: a
title: A
---
[Mark Rutte]{.actor ref=rutte} said [all members agreed]{.claim #x by=rutte key=nato.members value=32}.
`,
      QUIET,
    );
  });

  it('malformed-span: unclosed bracket and attribute list', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
An [unclosed bracket here.
   ^ malformed-span: never closed

[Rutte]{.actor ref=rutte
       ^^^^^^^^^^^^^^^^^ malformed-span: attribute list
`,
      QUIET,
    );
  });

  it('malformed-attribute: bad tokens, wrong kind of span, missing value', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[Rutte]{actor ref=rutte}
        ^^^^^ malformed-attribute: did you mean '.actor'
              ^^^^^^^^^ malformed-attribute: only has a meaning on '.actor' spans
[Rutte]{.actor ref=rutte by=rutte}
                         ^^^^^^^^ malformed-attribute: belongs on a '.claim'
[x]{.claim by=outlet key=nato.members}
                     ^^^^^^^^^^^^^^^^ malformed-attribute: needs a 'value='
[y]{.claim by=outlet as-of=June}
                           ^^^^ malformed-attribute: as-of
[z]{.clam by=outlet}
    ^^^^^ malformed-attribute: did you mean '.claim'
          ^^^^^^^^^ malformed-attribute: only has a meaning
`,
      QUIET,
    );
  });

  it('verdict=: one of the five verdicts, on a claim only', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.members value=32 verdict=mostly-true}
[y]{.claim by=outlet key=nato.members value=32 verdict=pants-on-fire}
                                                       ^^^^^^^^^^^^^ malformed-attribute: 'verdict=' takes one of false, mostly-false, mixed, mostly-true, true, not 'pants-on-fire'
[Rutte]{.actor ref=rutte verdict=true}
                         ^^^^^^^^^^^^ malformed-attribute: belongs on a '.claim'
[z]{verdict=false}
    ^^^^^^^^^^^^^ malformed-attribute: only has a meaning on '.claim' spans
`,
      QUIET,
    );
    const index = indexOf(parseFixture(`//- /a.seed.md\n[x]{.claim by=outlet key=k value=v verdict=mixed}\n`));
    assert.equal(index.getSource(`${ROOT}/a.seed.md`)!.claims[0]!.verdict, 'mixed');
  });

  it('unknown-actor: ref and by, with did-you-mean', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[Mark Rutte]{.actor ref=rute} and [NATO]{.actor ref=otan}
                        ^^^^ unknown-actor: did you mean 'rutte'
                                                    ^^^^ unknown-actor: add it to entities.yaml
[it]{.claim by=Rutte}
               ^^^^^ unknown-actor: did you mean 'rutte'
[Jens]{.actor}
^^^^^^^^^^^^^^ unknown-actor: no actor is named 'Jens'
`,
    );
  });

  it('resolves an actor span without ref= by its name or alias', () => {
    const all = check(
      REGISTRY +
        `//- /a.seed.md
[Rutte]{.actor} met [U.S.]{.actor} officials.
`,
    );
    assert.equal(all.get(`${ROOT}/a.seed.md`)!.length, 0);
  });

  it('unknown-actor everywhere when there is no registry', () => {
    check(`//- /a.seed.md
[Mark Rutte]{.actor ref=rutte}
                        ^^^^^ unknown-actor: no entities.yaml
`);
  });

  it('duplicate-id: span ids in one file and source ids across files', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
---
id: same
    ^^^^ duplicate-id: also used by another file
---
[one]{.claim #c by=outlet} [two]{.claim #c by=outlet}
                                        ^^ duplicate-id: already the id
//- /b.seed.md
---
id: same
    ^^^^ duplicate-id: also used by another file
---
text
`,
    );
  });

  it('duplicate source id reported on both files, related to each other', () => {
    const fixture = parseFixture(`//- /x/a.seed.md
---
id: dup
---
//- /y/a.seed.md
---
id: dup
---
`);
    const index = indexOf(fixture);
    const a = computeDiagnostics(index, `${ROOT}/x/a.seed.md`).find((d) => d.code === 'duplicate-id')!;
    assert.equal(a.related?.[0]?.uri, `${ROOT}/y/a.seed.md`);
    assert.deepEqual(a.related?.[0]?.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } });
  });

  it('unsourced-claim and anonymous-source', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[NATO]{.actor ref=nato} [is fine]{.claim}, [said someone]{.claim by=anonymous}.
                        ^^^^^^^^^^^^^^^^^ unsourced-claim
                                                                    ^^^^^^^^^ anonymous-source
`,
    );
  });

  it('conflicting-claim across sources, with the other value and related information', () => {
    const all = check(
      REGISTRY +
        `//- /a.seed.md
[five]{.claim #t by=outlet key=nato.spending-target value="5% of GDP"}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: "2%" in b
//- /b.seed.md
[two]{.claim #t by=outlet key=nato.spending-target value=2%}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: "5% of GDP" in a
`,
    );
    const d = all.get(`${ROOT}/a.seed.md`)!.find((x) => x.code === 'conflicting-claim')!;
    assert.equal(d.related?.length, 1);
    assert.equal(d.related[0]!.uri, `${ROOT}/b.seed.md`);
    assert.deepEqual(d.related[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 60 } });
    assert.match(d.related[0]!.message, /b says "2%"/);
  });

  it('values equal after normalisation corroborate instead of conflicting', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.spending-target value="5 per cent"} [y]{.claim by=outlet key=nato.members value="32 allies"}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim: 1 other source: b
                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim
//- /b.seed.md
[x]{.claim by=outlet key=nato.spending-target value="5%"} [y]{.claim by=outlet key=nato.members value=32}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim
                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim
//- /c.seed.md
[x]{.claim by=outlet key=summit.place value="The Hague"}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim: d
//- /d.seed.md
[x]{.claim by=outlet key=summit.place value="the hague."}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ corroborated-claim: c
`,
      { ignore: ['unannotated-mention'] },
    );
  });

  it('as-of: different times do not conflict, a missing or containing as-of does', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.spending-target value=2% as-of=2014}
//- /b.seed.md
[x]{.claim by=outlet key=nato.spending-target value=5% as-of=2025-06}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: in c
//- /c.seed.md
[x]{.claim by=outlet key=nato.spending-target value=3% as-of=2025}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: in b
`,
      QUIET,
    );
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.spending-target value=2% as-of=2014}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: in b
//- /b.seed.md
[x]{.claim by=outlet key=nato.spending-target value=5%}
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ conflicting-claim: in a
`,
      QUIET,
    );
  });

  it('claims in the same source never conflict with each other', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.members value=31} [y]{.claim by=rutte key=nato.members value=32}
`,
      QUIET,
    );
  });

  it('a disputes= link acknowledges a conflict; supports/disputes across files resolve', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
---
id: a
---
[x]{.claim #five by=outlet key=nato.spending-target value=5%}
//- /b.seed.md
---
id: b
---
[y]{.claim #two by=outlet key=nato.spending-target value=2% disputes=a#five}
[z]{.claim by=outlet supports=#two}
`,
      QUIET,
    );
  });

  it('broken-link: unknown source, unknown claim, self-reference', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim #me by=outlet supports="nope#x #missing #me"}
                                   ^^^^^^ broken-link: no source has the id 'nope'
                                          ^^^^^^^^ broken-link: no claim '#missing'
                                                   ^^^ broken-link: cannot support itself
`,
    );
  });

  it('duplicate-passage: a 20-word passage repeated in one file, markup ignored', () => {
    const passage =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';
    const marked = passage.replace('three', '[three]{.actor ref=rutte}');
    check(
      REGISTRY +
        `//- /a.seed.md
${marked}.
Different words here. ${passage}.
${' '.repeat(22)}${'^'.repeat(passage.length)} duplicate-passage: 20-word passage repeats the text at line 1
`,
      { ignore: ['unannotated-mention'] },
    );
  });

  it('duplicate-passage: nineteen repeated words are not reported', () => {
    const passage =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen';
    check(`//- /a.seed.md\n${passage} alpha.\n${passage} beta.\n`);
  });

  it('unannotated-mention: names and aliases in plain text, whole words, longest first', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
Mark Rutte met U.S. officials; Rutte’s aides and USA and Ruttebot did not.
^^^^^^^^^^ unannotated-mention: actor 'rutte'
               ^^^^ unannotated-mention: 'United States' (us)
                               ^^^^^ unannotated-mention
[Rutte]{.actor ref=rutte} and \`Rutte\` in code are fine.
`,
    );
  });

  it('unknown-claim-key with did-you-mean', () => {
    check(
      REGISTRY +
        `//- /a.seed.md
[x]{.claim by=outlet key=nato.member value=3}
                         ^^^^^^^^^^^ unknown-claim-key: did you mean 'nato.members'
`,
    );
  });

  it('front-matter and registry errors are reported on their files', () => {
    check(`//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: persn}
                                  ^^^^^ registry: did you mean 'person'
//- /a.seed.md
---
published: yesterday
           ^^^^^^^^^ front-matter: ISO date
---
`);
  });

  it('positions are UTF-16 code units on CRLF files with a BOM and emoji', () => {
    // Caret columns are UTF-16 code units: 😀 is 2 of them, the flag 🇳🇱 is 4
    // (so the carets sit further right than the glyphs); the BOM shifts line 0 by one.
    check(
      REGISTRY +
        `//- /a.seed.md crlf bom
😀 [x]{.actor ref=nobody}
                  ^^^^^^ unknown-actor
second line 🇳🇱 [y]{.claim}
                 ^^^^^^^^^^^ unsourced-claim
`,
    );
  });

  it('the nearest registry at or above a file governs it', () => {
    check(`//- /entities.yaml
actors:
  top: {name: Top, kind: other}
//- /sub/entities.yaml
actors:
  inner: {name: Inner, kind: other}
//- /sub/a.seed.md
[x]{.actor ref=inner} [y]{.actor ref=top}
                                     ^^^ unknown-actor
//- /b.seed.md
[x]{.actor ref=top} [y]{.actor ref=inner}
                                   ^^^^^ unknown-actor
`);
  });
});
