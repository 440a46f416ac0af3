import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/core';
import { readDiagnosticData } from '../../server/src/core/base/types';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { claimHints } from '../../server/src/core/features/diagnostics/suggestedClaim';
import type { ActorSuggestion } from '../../server/src/core/features/suggest';
import { expect } from '../helpers/expect';
import { openService, showHints } from '../helpers/suggestions';
import { renderCodeAction } from '../helpers/render';
import { buildIndex, seedSources, seedsRoot, seedTexts, seedUri } from '../helpers/workspace';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { applyWorkspaceEdit } from '../helpers/applyEdits';

/** The suggested-claim hints (code, severity, range, data, message) and code actions of a fixture. */

const REGISTRY = `//- /entities.yaml
actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
`;

const ARTICLE = `//- /a.seed.md
---
id: a
---
“We will spend more,” said [Mark Rutte]{.actor ref=rutte} on Monday.

Jane Holloway said that the alliance would survive the crisis.

According to a NATO official, the summit was very short.
`;

describe('suggested-claim hints', () => {
  it('are hints over the attributed content, with by, byIsNew and the speaker in data', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    const hints = service.claimHints(uri);
    expect`
      3:1-19 hint suggested-claim Attributed to Mark Rutte (by=rutte): annotate as a claim? {"by":"rutte","byIsNew":false,"speaker":"Mark Rutte"}
      5:24-61 hint suggested-claim Attributed to Jane Holloway (by=holloway, a new actor): annotate as a claim? {"by":"holloway","byIsNew":true,"speaker":"Jane Holloway","name":"Jane Holloway","aliases":[],"kind":"person","nameStart":84,"nameEnd":97}
      7:30-55 hint suggested-claim Attributed to an unnamed source, a NATO official (by=anonymous): annotate as a claim? {"by":"anonymous","byIsNew":false,"speaker":"a NATO official"}
    `.assertEq(showHints(hints));
    for (const d of hints) assert.deepEqual(readDiagnosticData('suggested-claim', d.data), d.data);
  });

  it('a payload echoed back is read only if it has the shape of one', () => {
    const good = { by: 'holloway', byIsNew: true, speaker: 'Jane Holloway', name: 'Jane Holloway', kind: 'person' };
    assert.deepEqual(readDiagnosticData('suggested-claim', good), good);
    for (const bad of [
      { by: 'x', speaker: 'X' },
      { by: 'x', byIsNew: 'no', speaker: 'X' },
      { by: 'x', byIsNew: false },
      { by: 'x', byIsNew: true, speaker: 'X', nameStart: 1.5 },
      { by: 'x', byIsNew: true, speaker: 'X', aliases: [2] },
    ])
      assert.equal(readDiagnosticData('suggested-claim', bad), undefined, JSON.stringify(bad));
  });

  it('are not part of the diagnostics; none when the setting or the severity is off', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    assert.ok(!service.diagnostics(uri).some((d) => d.code === 'suggested-claim'));
    assert.ok(!computeDiagnostics(service.workspace, uri).some((d) => d.code === 'suggested-claim'));
    assert.deepEqual(service.claimHints(uri, { suggestedClaims: false }), []);
    assert.deepEqual(service.claimHints(uri, { severity: { 'suggested-claim': 'off' } }), []);
    assert.deepEqual(service.claimHints(uri, { minConfidence: 1.01 }), []);
    // The actor setting is another code's.
    assert.ok(service.claimHints(uri, { suggestedActors: false }).length > 0);
    const asInfo = service.claimHints(uri, { severity: { 'suggested-claim': 'information' } });
    assert.ok(asInfo.length > 0 && asInfo.every((d) => d.severity === 'information'));
  });

  it('allSuggestionHints gives the actor hints then the claim hints, each code switched off on its own', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    const both = [...service.suggestionHints(uri), ...service.claimHints(uri)];
    assert.ok(both.some((d) => d.code === 'suggested-actor') && both.some((d) => d.code === 'suggested-claim'));
    assert.deepEqual(service.allSuggestionHints(uri), both);
    assert.deepEqual(service.allSuggestionHints(uri, { suggestedClaims: false }), service.suggestionHints(uri));
    assert.deepEqual(service.allSuggestionHints(uri, { suggestedActors: false }), service.claimHints(uri));
    assert.deepEqual(service.allSuggestionHints(uri, { suggestedActors: false, suggestedClaims: false }), []);
  });

  it('a new speaker takes the id the actor hints give its name (one id per form)', () => {
    const { service, uri } = openService(`//- /a.seed.md
---
id: a
---
Olaf Scholz arrived. Olaf Scholz said that the talks would resume soon.
`);
    const text = service.workspace.getSource(uri)!.text;
    const first = text.indexOf('Olaf Scholz');
    const second = text.indexOf('Olaf Scholz', first + 1);
    const actor = (start: number, id: string): ActorSuggestion => ({
      text: 'Olaf Scholz',
      start,
      end: start + 'Olaf Scholz'.length,
      kind: 'person',
      id,
      isNew: true,
      confidence: 0.9,
      evidence: 'classifier',
    });
    // The suggester proposed two ids for one name: the claim's speaker is the second.
    const hints = claimHints(service.workspace, uri, {}, [actor(first, 'scholz'), actor(second, 'olaf-scholz')]);
    expect`
      3:43-70 hint suggested-claim Attributed to Olaf Scholz (by=scholz, a new actor): annotate as a claim? {"by":"scholz","byIsNew":true,"speaker":"Olaf Scholz","name":"Olaf Scholz","aliases":[],"kind":"person","nameStart":35,"nameEnd":46}
    `.assertEq(showHints(hints));
  });

  it('a quick fix wraps the content as a claim by a known id, with no key and no value', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.claimHints(uri);
    const actions = service.codeActions(uri, hints[0]!.range, ['quickfix'], { hints });
    expect`
      Annotate as a claim by rutte (quickfix) preferred
      --- /a.seed.md
        ---
        id: a
        ---
      - “We will spend more,” said [Mark Rutte]{.actor ref=rutte} on Monday.
      + “[We will spend more]{.claim by=rutte},” said [Mark Rutte]{.actor ref=rutte} on Monday.

        Jane Holloway said that the alliance would survive the crisis.

        According to a NATO official, the summit was very short.
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('a quick fix for a new speaker also adds the actor and annotates the name', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.claimHints(uri);
    const holloway = hints.find((d) => d.data && 'by' in d.data && d.data.by === 'holloway')!;
    assert.ok(holloway, showHints(hints));
    const actions = service.codeActions(uri, holloway.range, ['quickfix'], { hints });
    expect`
      Annotate as a claim by holloway (new actor) (quickfix) preferred
      --- /a.seed.md
        ---
        id: a
        ---
        “We will spend more,” said [Mark Rutte]{.actor ref=rutte} on Monday.

      - Jane Holloway said that the alliance would survive the crisis.
      + [Jane Holloway]{.actor ref=holloway} said that [the alliance would survive the crisis]{.claim by=holloway}.

        According to a NATO official, the summit was very short.

      --- /entities.yaml
        actors:
          rutte:
            name: Mark Rutte
            kind: person
            aliases: [Rutte]
      +   holloway:
      +     name: Jane Holloway
      +     kind: person
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('the source action annotates every statement, one registry entry per new id, previewed', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.claimHints(uri);
    const actions = service.codeActions(uri, hints[0]!.range, ['source.corroborate.annotateSuggestedClaims'], {
      hints,
    });
    expect`
      Annotate all 3 attributed statements (source.corroborate.annotateSuggestedClaims)
      --- /a.seed.md
        ---
        id: a
        ---
      - “We will spend more,” said [Mark Rutte]{.actor ref=rutte} on Monday.
      + “[We will spend more]{.claim by=rutte},” said [Mark Rutte]{.actor ref=rutte} on Monday.

      - Jane Holloway said that the alliance would survive the crisis.
      + [Jane Holloway]{.actor ref=holloway} said that [the alliance would survive the crisis]{.claim by=holloway}.

      - According to a NATO official, the summit was very short.
      + According to a NATO official, [the summit was very short]{.claim by=anonymous}.

      --- /entities.yaml
        actors:
          rutte:
            name: Mark Rutte
            kind: person
            aliases: [Rutte]
      +   holloway:
      +     name: Jane Holloway
      +     kind: person
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
    const [confirmed] = service.codeActions(uri, hints[0]!.range, ['source.corroborate.annotateSuggestedClaims'], {
      hints,
      changeAnnotations: true,
    });
    assert.deepEqual(confirmed!.edit!.changeAnnotations, {
      'corroborate.annotateAll': { label: 'Annotate attributed statements', needsConfirmation: false },
    });
    assert.deepEqual(service.codeActions(uri, hints[0]!.range, ['source']).length, 0);
  });

  it('a pronoun names the actor before it; a name inside the speaker is annotated; without a registry, one is created', () => {
    const { service, uri, files } = openService(`//- /a.seed.md
---
id: a
---
Mark Rutte met Tom Haas. He said that “the summit was a success, and that is all,” on Monday.

His father Mohamed El-Hassan said that the family had left the city on Monday.
`);
    const hints = service.claimHints(uri);
    expect`
      3:39-80 hint suggested-claim Attributed to Tom Haas, "he" (by=haas, a new actor): annotate as a claim? {"by":"haas","byIsNew":true,"speaker":"He","name":"Tom Haas","aliases":[],"kind":"person"}
      5:39-77 hint suggested-claim Attributed to His father Mohamed El-Hassan (by=el-hassan, a new actor): annotate as a claim? {"by":"el-hassan","byIsNew":true,"speaker":"His father Mohamed El-Hassan","name":"Mohamed El-Hassan","aliases":[],"kind":"person","nameStart":120,"nameEnd":137}
    `.assertEq(showHints(hints));
    const all = service.codeActions(uri, hints[0]!.range, ['source'], { hints });
    expect`
      Annotate all 2 attributed statements (source.corroborate.annotateSuggestedClaims)
      --- /a.seed.md
        ---
        id: a
        ---
      - Mark Rutte met Tom Haas. He said that “the summit was a success, and that is all,” on Monday.
      + Mark Rutte met Tom Haas. He said that “[the summit was a success, and that is all]{.claim by=haas},” on Monday.

      - His father Mohamed El-Hassan said that the family had left the city on Monday.
      + His father [Mohamed El-Hassan]{.actor ref=el-hassan} said that [the family had left the city on Monday]{.claim by=el-hassan}.

      --- /entities.yaml (created)
      + actors:
      +   haas:
      +     name: Tom Haas
      +     kind: person
      +   el-hassan:
      +     name: Mohamed El-Hassan
      +     kind: person
    `.assertEq(all.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('nested statements are annotated nested, the outer bracket first', () => {
    const { service, uri, files } = openService(`//- /a.seed.md
---
id: a
---
Officials said Anna Berg warned that the talks had failed.
`);
    const hints = service.claimHints(uri);
    const all = service.codeActions(uri, hints[0]!.range, ['source'], { hints });
    expect`
      Annotate all 2 attributed statements (source.corroborate.annotateSuggestedClaims)
      --- /a.seed.md
        ---
        id: a
        ---
      - Officials said Anna Berg warned that the talks had failed.
      + Officials said [[Anna Berg]{.actor ref=berg} warned that [the talks had failed]{.claim by=berg}]{.claim by=anonymous}.

      --- /entities.yaml (created)
      + actors:
      +   berg:
      +     name: Anna Berg
      +     kind: person
    `.assertEq(all.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('on the seeds, stripped or annotated, accepting every statement keeps the prose and adds no error', () => {
    const errors = (files: Map<string, string>, uri: string): string[] =>
      createLanguageService(buildIndex(files, seedsRoot()))
        .diagnostics(uri)
        .filter((d) => d.severity === 'error')
        .map((d) => d.message);
    const counts: string[] = [];
    for (const seed of seedSources())
      for (const strip of [true, false]) {
        const uri = seedUri(seed);
        const files = seedTexts();
        if (strip) files.set(uri, stripMarkup(files.get(uri)!));
        const service = createLanguageService(buildIndex(files, seedsRoot()));
        const hints = service.claimHints(uri);
        const pos = { line: 0, character: 0 };
        const [all] = service.codeActions(
          uri,
          { start: pos, end: pos },
          ['source.corroborate.annotateSuggestedClaims'],
          {
            hints,
          },
        );
        counts.push(`${seed}${strip ? ' stripped' : ''}: ${hints.length} hints, ${all?.title ?? 'no action'}`);
        if (!all) continue;
        const after = applyWorkspaceEdit(files, all.edit!);
        assert.equal(stripMarkup(after.get(uri)!), stripMarkup(files.get(uri)!), seed);
        assert.deepEqual(errors(after, uri), errors(files, uri), seed);
      }
    // Not a snapshot: the attribution rules are tuned apart. Every seed has some, and each is accepted.
    assert.equal(counts.filter((c) => c.includes('Annotate all')).length, 10, counts.join('\n'));
  });
});
