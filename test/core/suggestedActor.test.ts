import * as assert from 'node:assert/strict';
import { readDiagnosticData } from '../../server/src/core/base/types';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { expect } from '../helpers/expect';
import { openService, showHints } from '../helpers/suggestions';
import { renderCodeAction } from '../helpers/render';

/** The suggested-actor hints (code, severity, range, data) and code actions of a fixture, as the server uses them. */

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
Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
that Christine Lagarde, whom friends call Lagarde, would speak later.
`;

describe('suggested-actor hints', () => {
  it('are hints with the data their quick fix needs, and skip what unannotated-mention reports', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    const hints = service.suggestionHints(uri);
    expect`
      3:0-17 hint suggested-actor 'Christine Lagarde' may be a new actor, lagarde (person) {"id":"lagarde","kind":"person","isNew":true,"name":"Christine Lagarde","aliases":["Lagarde"]}
      4:5-22 hint suggested-actor 'Christine Lagarde' may be a new actor, lagarde (person) {"id":"lagarde","kind":"person","isNew":true,"name":"Christine Lagarde","aliases":["Lagarde"]}
      4:42-49 hint suggested-actor 'Lagarde' may be a new actor, lagarde (person) {"id":"lagarde","kind":"person","isNew":true,"name":"Christine Lagarde","aliases":["Lagarde"]}
    `.assertEq(showHints(hints));
    // Mark Rutte (line 3) is an unannotated registry name: the unannotated-mention hint covers it.
    assert.ok(service.diagnostics(uri).some((d) => d.code === 'unannotated-mention'));
    for (const d of hints) assert.deepEqual(readDiagnosticData('suggested-actor', d.data), d.data);
  });

  it('a payload echoed back is read only if it has the shape of one', () => {
    const good = { id: 'lagarde', kind: 'person', isNew: true, name: 'Christine Lagarde', aliases: ['Lagarde'] };
    assert.deepEqual(readDiagnosticData('suggested-actor', good), good);
    assert.deepEqual(readDiagnosticData('suggested-actor', { id: 'rutte', kind: 'person', isNew: false }), {
      id: 'rutte',
      kind: 'person',
      isNew: false,
    });
    for (const bad of [
      { id: 'x', kind: 'person' },
      { id: 'x', kind: 'person', isNew: 'yes' },
      { id: 'x', kind: 'person', isNew: true, aliases: [1] },
      { id: 'x', kind: 'person', isNew: true, name: 3 },
      { kind: 'person', isNew: true },
    ])
      assert.equal(readDiagnosticData('suggested-actor', bad), undefined, JSON.stringify(bad));
  });

  it('are not part of the diagnostics: computeDiagnostics never suggests', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    assert.ok(!service.diagnostics(uri).some((d) => d.code === 'suggested-actor'));
    assert.ok(!computeDiagnostics(service.workspace, uri).some((d) => d.code === 'suggested-actor'));
  });

  it('hint the registry name when unannotated-mention is off; none when the setting or the severity is off', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    const withRegistry = service.suggestionHints(uri, { unannotatedMentions: false });
    assert.ok(withRegistry.some((d) => d.message.startsWith("'Mark Rutte' may be actor rutte")));
    assert.deepEqual(service.suggestionHints(uri, { suggestedActors: false }), []);
    assert.deepEqual(service.suggestionHints(uri, { severity: { 'suggested-actor': 'off' } }), []);
    const asInfo = service.suggestionHints(uri, { severity: { 'suggested-actor': 'information' } });
    assert.ok(asInfo.length > 0 && asInfo.every((d) => d.severity === 'information'));
  });

  it('respect the minimum confidence', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    assert.deepEqual(service.suggestionHints(uri, { minConfidence: 1.01 }), []);
  });

  it('a quick fix annotates one mention and adds the new actor with its aliases, no description', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.suggestionHints(uri);
    const actions = service.codeActions(uri, hints[0]!.range, ['quickfix'], { hints });
    expect`
      Annotate 'Christine Lagarde' as new actor lagarde (person) (quickfix) preferred
      --- /a.seed.md
        ---
        id: a
        ---
      - Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
      + [Christine Lagarde]{.actor ref=lagarde} met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
        that Christine Lagarde, whom friends call Lagarde, would speak later.

      --- /entities.yaml
        actors:
          rutte:
            name: Mark Rutte
            kind: person
            aliases: [Rutte]
      +   lagarde:
      +     name: Christine Lagarde
      +     aliases: [Lagarde]
      +     kind: person
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('a quick fix for a registered id only annotates (merged with the unannotated-mention fix of the same name)', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.suggestionHints(uri, { unannotatedMentions: false });
    const rutte = hints.find((d) => d.message.startsWith("'Mark Rutte'"))!;
    const actions = service.codeActions(uri, rutte.range, ['quickfix'], { hints });
    expect`
      Annotate 'Mark Rutte' as actor rutte (quickfix) preferred
      --- /a.seed.md
        ---
        id: a
        ---
      - Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
      + Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. [Mark Rutte]{.actor ref=rutte} said
        that Christine Lagarde, whom friends call Lagarde, would speak later.
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
  });

  it('the source action annotates every hint and every plain registry name, with one registry entry per new id', () => {
    const { service, uri, files } = openService(REGISTRY + ARTICLE);
    const hints = service.suggestionHints(uri);
    const actions = service.codeActions(uri, hints[0]!.range, ['source'], { hints });
    expect`
      Annotate all 4 suggested actors in this file (source.corroborate.annotateSuggestedActors)
      --- /a.seed.md
        ---
        id: a
        ---
      - Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
      - that Christine Lagarde, whom friends call Lagarde, would speak later.
      + [Christine Lagarde]{.actor ref=lagarde} met [Mark Rutte]{.actor ref=rutte} in the morning. [Mark Rutte]{.actor ref=rutte} said
      + that [Christine Lagarde]{.actor ref=lagarde}, whom friends call [Lagarde]{.actor ref=lagarde}, would speak later.

      --- /entities.yaml
        actors:
          rutte:
            name: Mark Rutte
            kind: person
            aliases: [Rutte]
      +   lagarde:
      +     name: Christine Lagarde
      +     aliases: [Lagarde]
      +     kind: person
    `.assertEq(actions.map((a) => renderCodeAction(a, files)).join('\n\n'));
    // For a client that supports change annotations, the same edit asks to be confirmed (previewed) first.
    const [confirmed] = service.codeActions(uri, hints[0]!.range, ['source'], { hints, changeAnnotations: true });
    assert.deepEqual(confirmed!.edit!.changeAnnotations, {
      'corroborate.annotateAll': { label: 'Annotate suggested actors', needsConfirmation: false },
    });
    assert.equal(renderCodeAction(confirmed!, files), actions.map((x) => renderCodeAction(x, files)).join('\n\n'));
    // Without hints (none computed yet), no source action and no suggestion fixes.
    assert.deepEqual(service.codeActions(uri, hints[0]!.range, ['source']), []);
  });

  it('without a registry, the source action creates entities.yaml', () => {
    const { service, uri, files } = openService(ARTICLE);
    const hints = service.suggestionHints(uri);
    const all = service.codeActions(uri, hints[0]!.range, ['source'], { hints });
    assert.equal(all.length, 1);
    const edit = all[0]!.edit!;
    assert.ok(edit.documentChanges?.some((c) => 'kind' in c && c.kind === 'create'));
    expect`
      Annotate all 4 suggested actors in this file (source.corroborate.annotateSuggestedActors)
      --- /a.seed.md
        ---
        id: a
        ---
      - Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in the morning. Mark Rutte said
      - that Christine Lagarde, whom friends call Lagarde, would speak later.
      + [Christine Lagarde]{.actor ref=lagarde} met [Mark Rutte]{.actor ref=rutte} in the morning. [Mark Rutte]{.actor ref=rutte} said
      + that [Christine Lagarde]{.actor ref=lagarde}, whom friends call [Lagarde]{.actor ref=lagarde}, would speak later.

      --- /entities.yaml (created)
      + actors:
      +   lagarde:
      +     name: Christine Lagarde
      +     aliases: [Lagarde]
      +     kind: person
      +   rutte:
      +     name: Mark Rutte
      +     kind: person
    `.assertEq(renderCodeAction(all[0]!, files));
  });
});

describe('accepting suggestions (corroborate suggest --write)', () => {
  it('a registry that cannot take an entry safely gets none: only the registered names are annotated', () => {
    const { service, uri } = openService(`//- /entities.yaml
actors: &all
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
${ARTICLE}`);
    const done = service.acceptSuggestions(uri, service.suggestActors(uri, { minConfidence: 0.5 }))!;
    assert.deepEqual(done.added, []);
    assert.deepEqual(
      done.files.map((f) => f.uri),
      [uri],
    );
    assert.match(done.files[0]!.text, /\. \[Mark Rutte\]\{\.actor ref=rutte\} said/);
    assert.doesNotMatch(done.files[0]!.text, /ref=lagarde/);
  });

  it('returns the new texts; accepting again finds nothing new to add', () => {
    const { service, uri } = openService(REGISTRY + ARTICLE);
    const first = service.acceptSuggestions(uri, service.suggestActors(uri, { minConfidence: 0.5 }))!;
    assert.deepEqual(first.added, ['lagarde']);
    for (const f of first.files) {
      if (f.uri.endsWith('entities.yaml')) service.workspace.setRegistry(f.uri, f.text);
      else service.workspace.setSource(f.uri, f.text);
    }
    const again = service.suggestActors(uri, { minConfidence: 0.5 });
    assert.equal(service.acceptSuggestions(uri, again), undefined, JSON.stringify(again));
    assert.deepEqual(
      service.diagnostics(uri).filter((d) => d.severity === 'error'),
      [],
    );
  });
});
