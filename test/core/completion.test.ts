import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { completion } from '../../server/src/core/features/completion';
import { expect } from '../helpers/expect';
import { openFixture } from '../helpers/fixture';
import { renderCompletions } from '../helpers/render';

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: Secretary General of NATO.}
  nato: {name: NATO, kind: organization}
  trump: {name: Donald Trump, kind: person}
claims:
  nato.spending-target: {type: percent, unit: "% of GDP", description: The share of GDP members spend on defence.}
  nato.members: {type: number}
`;

function complete(fixture: string): lsp.CompletionItem[] {
  const { index, uri, position } = openFixture(fixture);
  return completion(index, uri, position);
}

/** The completions at `$0`, one line an item (see `renderCompletions`), with their documentation if asked. */
const completions = (fixture: string, documentation = false): string =>
  renderCompletions(complete(fixture), { documentation });

describe('completion', () => {
  it('offers actor ids after ref=, those starting with what was typed first', () => {
    expect`
      rutte (Reference) · Mark Rutte · person · label: Mark Rutte → "rutte" @0:28-30 sort=0rutte
          (markdown) Secretary General of NATO.

          Also: Rutte
      nato (Reference) · NATO · organization · label: NATO → "nato" @0:28-30 sort=2nato
      trump (Reference) · Donald Trump · person · label: Donald Trump → "trump" @0:28-30 sort=2trump
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\nSee [Mark Rutte]{.actor ref=ru$0}\n`, true));
  });

  it('offers actor ids, anonymous and outlet after by=, replacing the whole word inside quotes', () => {
    expect`
      rutte (Reference) · Mark Rutte · person · label: Mark Rutte → "rutte" @0:15-19 sort=2rutte
          (markdown) Secretary General of NATO.

          Also: Rutte
      nato (Reference) · NATO · organization · label: NATO → "nato" @0:15-19 sort=2nato
      trump (Reference) · Donald Trump · person · label: Donald Trump → "trump" @0:15-19 sort=2trump
      anonymous (Keyword) · an unnamed source → "anonymous" @0:15-19 sort=2anonymous
          (markdown) A source the article does not name ("a NATO official", "diplomats said"). Reported as information, so that unnamed sourcing stays visible.
      outlet (Keyword) · the article's own assertion → "outlet" @0:15-19 sort=0outlet
          (markdown) The article's own assertion: the outlet states it in its own voice.
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[x]{.claim by="o$0utl" key=nato.members value=32}\n`, true));
  });

  it('offers registry claim keys and the keys used in the workspace after key=', () => {
    expect`
      nato.spending-target (Constant) · percent · % of GDP → "nato.spending-target" @0:25-30 sort=0nato.spending-target
          (markdown) The share of GDP members spend on defence.
      nato.members (Constant) · number → "nato.members" @0:25-30 sort=0nato.members
          (markdown) Stated in 1 claim.
      nato.troops (Constant) · not in entities.yaml · 1 claim → "nato.troops" @0:25-30 sort=0nato.troops
    `.assertEq(
      completions(
        `${REGISTRY}//- /a.seed.md\n[x]{.claim by=outlet key=nato.$0}\n//- /b.seed.md\n[y]{.claim by=outlet key=nato.troops value=1} [z]{.claim by=outlet key=nato.members value=32}\n`,
        true,
      ),
    );
  });

  it('offers the classes after a dot', () => {
    expect`
      actor (EnumMember) · a mention of an actor → "actor" @0:9-9
      claim (EnumMember) · a claim someone makes → "claim" @0:9-9
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[Rutte]{.$0}\n`));
    expect`
      actor (EnumMember) · a mention of an actor → "actor" @0:9-14
      claim (EnumMember) · a claim someone makes → "claim" @0:9-14
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[Rutte]{.ac$0tor ref=rutte}\n`));
  });

  it('offers the attribute names of the span kind, except those already given', () => {
    expect`
      key= (Property) → "key=" @0:21-21 sort=11 ⟳ Suggest (editor.action.triggerSuggest)
      value= (Property) → "value=" @0:21-21 sort=12
      as-of= (Property) → "as-of=" @0:21-21 sort=13
      supports= (Property) → "supports=" @0:21-21 sort=14 ⟳ Suggest (editor.action.triggerSuggest)
      disputes= (Property) → "disputes=" @0:21-21 sort=15 ⟳ Suggest (editor.action.triggerSuggest)
      # (Keyword) · claim id → "#" @0:21-21 sort=2
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[x]{.claim by=outlet $0}\n`));
    expect`
      key= (Property) → "key=" @0:15-17 sort=11 ⟳ Suggest (editor.action.triggerSuggest)
      value= (Property) → "value=" @0:15-17 sort=12
      as-of= (Property) → "as-of=" @0:15-17 sort=13
      supports= (Property) → "supports=" @0:15-17 sort=14 ⟳ Suggest (editor.action.triggerSuggest)
      disputes= (Property) → "disputes=" @0:15-17 sort=15 ⟳ Suggest (editor.action.triggerSuggest)
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[x]{.claim #id va$0 by=outlet}\n`));
    expect`
      ref= (Property) → "ref=" @0:15-15 sort=10 ⟳ Suggest (editor.action.triggerSuggest)
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[Rutte]{.actor $0}\n`));
    expect`
      .actor (EnumMember) · a mention of an actor → ".actor" @0:8-8 sort=0actor
      .claim (EnumMember) · a claim someone makes → ".claim" @0:8-8 sort=0claim
      # (Keyword) · claim id → "#" @0:8-8 sort=2
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[Rutte]{$0}\n`));
  });

  it('offers claims of this file and of other files after supports= and disputes=', () => {
    expect`
      #one (Reference) · first claim · label: this file → "#one" @3:84-84 sort=0one
      b#bee (Reference) · a claim in b that is long enough to be cut short in the lis… — The B Times · label: The B Times → "b#bee" @3:84-84 sort=1b#bee
    `.assertEq(
      completions(`${REGISTRY}//- /a.seed.md
---
id: a
---
[first claim]{.claim #one by=outlet} [second]{.claim #two by=outlet supports="#one, $0"}
//- /b.seed.md
---
id: b
title: The B Times
---
[a claim in b that is long enough to be cut short in the list of completions]{.claim #bee by=outlet key=nato.members value=32} [no id]{.claim by=outlet}
`),
    );
    expect`
      b#y (Reference) · y — b · label: b → "b#y" @0:33-36 sort=1b#y
    `.assertEq(
      completions(
        `${REGISTRY}//- /a.seed.md\n[x]{.claim #x by=outlet disputes=b#b$0}\n//- /b.seed.md\n[y]{.claim #y by=outlet}\n`,
      ),
    );
  });

  it('works in an attribute list still being typed', () => {
    expect`
      rutte (Reference) · Mark Rutte · person · label: Mark Rutte → "rutte" @0:22-22 sort=0rutte
      nato (Reference) · NATO · organization · label: NATO → "nato" @0:22-22 sort=0nato
      trump (Reference) · Donald Trump · person · label: Donald Trump → "trump" @0:22-22 sort=0trump
    `.assertEq(
      completions(`${REGISTRY}//- /a.seed.md\nAs [Rutte]{.actor ref=$0\n\nMore text [NATO]{.actor ref=nato}.\n`),
    );
    expect`
      by= (Property) → "by=" @0:19-19 sort=10 ⟳ Suggest (editor.action.triggerSuggest)
      key= (Property) → "key=" @0:19-19 sort=11 ⟳ Suggest (editor.action.triggerSuggest)
      value= (Property) → "value=" @0:19-19 sort=12
      as-of= (Property) → "as-of=" @0:19-19 sort=13
      supports= (Property) → "supports=" @0:19-19 sort=14 ⟳ Suggest (editor.action.triggerSuggest)
      disputes= (Property) → "disputes=" @0:19-19 sort=15 ⟳ Suggest (editor.action.triggerSuggest)
      # (Keyword) · claim id → "#" @0:19-19 sort=2
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\n[the claim]{.claim $0\n`));
    // A list that swallowed a later span while being typed is still completed at the cursor.
    expect`
      rutte (Reference) · Mark Rutte · person · label: Mark Rutte → "rutte" @0:22-24 sort=2rutte
      nato (Reference) · NATO · organization · label: NATO → "nato" @0:22-24 sort=2nato
      trump (Reference) · Donald Trump · person · label: Donald Trump → "trump" @0:22-24 sort=0trump
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md\nAs [Rutte]{.actor ref=tr$0 and [NATO]{.actor ref=nato}.\n`));
  });

  it('offers nothing outside attribute lists, after a closed quote, or in code', () => {
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\nPlain $0prose [Rutte]{.actor}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[Rutte]{.actor} after$0\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim by="outlet"$0}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{.claim value=3$0}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n[x]{$0.claim}\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\nCode: \`[x]{.actor ref=$0 \`\n`), []);
    assert.deepEqual(complete(`${REGISTRY}//- /a.seed.md\n---\nid: x$0\n---\n`), []);
  });

  it('offers kinds and claim types in entities.yaml', () => {
    expect`
      person (EnumMember) → "person" @3:10-12 sort=0
          (markdown) A named individual.
      organization (EnumMember) → "organization" @3:10-12 sort=1
          (markdown) An organisation: an alliance, a government body, a company, a party.
      country (EnumMember) → "country" @3:10-12 sort=2
          (markdown) A country or state.
      place (EnumMember) → "place" @3:10-12 sort=3
          (markdown) A city, region or site (also a city used as a metonym, such as Brussels).
      group (EnumMember) → "group" @3:10-12 sort=4
          (markdown) A group of people or states that is not an organisation ("European leaders").
      other (EnumMember) → "other" @3:10-12 sort=5
          (markdown) Anything else.
    `.assertEq(
      completions(
        `//- /entities.yaml\nactors:\n  rutte:\n    name: Mark Rutte\n    kind: pe$0\nclaims:\n  k: {type: percent}\n`,
        true,
      ),
    );
    expect`
      number (EnumMember) → "number" @3:12-12 sort=0
          (markdown) Compared as the first number, with scale words applied: \`84,000\` = \`84000 troops\` = \`84 thousand\`.
      percent (EnumMember) → "percent" @3:12-12 sort=1
          (markdown) Compared as the first percentage: \`5% of GDP\` = \`5 percent\` = \`5 per cent\`.
      money (EnumMember) → "money" @3:12-12 sort=2
          (markdown) Compared as currency and amount: \`$50 trillion\` = \`USD 50000000000000\`.
      date (EnumMember) → "date" @3:12-12 sort=3
          (markdown) Compared as an ISO date, as precise as given: \`October 2024\` = \`2024-10\`.
      place (EnumMember) → "place" @3:12-12 sort=4
          (markdown) Compared as text without a leading "the": \`The Hague\` = \`Hague\`.
      text (EnumMember) → "text" @3:12-12 sort=5
          (markdown) Compared as normalised text (case, quotes, dashes, spacing folded). The default.
    `.assertEq(
      completions(`//- /entities.yaml\nactors:\n  rutte: {name: Mark Rutte}\nclaims:\n  k: {type: $0}\n`, true),
    );
    assert.deepEqual(complete(`//- /entities.yaml\nactors:\n  rutte:\n    type: $0\n`), []);
    assert.deepEqual(complete(`//- /entities.yaml\nclaims:\n  k:\n    kind: $0\n`), []);
    assert.deepEqual(complete(`//- /entities.yaml\nactors:\n  rutte:\n    kind:$0\n`), []);
  });

  it('gives UTF-16 ranges on a CRLF file with emoji', () => {
    expect`
      rutte (Reference) · Mark Rutte · person · label: Mark Rutte → "rutte" @1:27-29 sort=0rutte
      nato (Reference) · NATO · organization · label: NATO → "nato" @1:27-29 sort=2nato
      trump (Reference) · Donald Trump · person · label: Donald Trump → "trump" @1:27-29 sort=2trump
    `.assertEq(
      completions(`${REGISTRY}//- /a.seed.md crlf
😀 first line
🇳🇱 [😀 Rutte]{.actor ref=ru$0
`),
    );
    expect`
      key= (Property) → "key=" @1:26-27 sort=11 ⟳ Suggest (editor.action.triggerSuggest)
      value= (Property) → "value=" @1:26-27 sort=12
      as-of= (Property) → "as-of=" @1:26-27 sort=13
      supports= (Property) → "supports=" @1:26-27 sort=14 ⟳ Suggest (editor.action.triggerSuggest)
      disputes= (Property) → "disputes=" @1:26-27 sort=15 ⟳ Suggest (editor.action.triggerSuggest)
      # (Keyword) · claim id → "#" @1:26-27 sort=2
    `.assertEq(completions(`${REGISTRY}//- /a.seed.md crlf\n😀\n[🇳🇱 x]{.claim by=outlet k$0}\n`));
  });
});
