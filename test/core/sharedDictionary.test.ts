import * as assert from 'node:assert/strict';
import { classifierSteps, Classifier, type ClassifierWeights } from '../../server/src/core/features/suggest/classifier';
import { allSuggestionHints, claimHints } from '../../server/src/core/features/diagnostics/suggestedClaim';
import { suggestionHints } from '../../server/src/core/features/diagnostics/suggestedActor';
import {
  knownNames,
  primeSuggester,
  workspaceKnown,
  workspaceSuggestions,
} from '../../server/src/core/features/suggest/inWorkspace';
import { suggestActorsInSource, type ActorSuggestion } from '../../server/src/core/features/suggest/suggest';
import { tokenize } from '../../server/src/core/features/suggest/tokens';
import { WEIGHTS_JSON } from '../../server/src/core/features/suggest/weights';
import type { WorkspaceIndex } from '../../server/src/core';
import { buildIndex, seedsIndex } from '../helpers/workspace';

/**
 * One dictionary of the known names for the whole workspace, each document's own names left out at match time
 * (`workspaceKnown`, `knownExcept`), instead of one dictionary per document built from the names of the other
 * documents (`knownNames`): the suggestions, and so the hints, are the same. And the classifier loaded a part at a
 * time is the classifier loaded at once.
 */

const ROOT = 'file:///ws';
const uri = (name: string): string => `${ROOT}/${name}.seed.md`;
const source = (id: string, body: string): string => `---\nid: ${id}\n---\n${body}\n`;

/**
 * Names only one document annotates (which that document must not be suggested from itself), names two documents
 * annotate, one name under two ids, names of the same keys ("U.S." and "US") and names of the registry.
 */
function files(): Map<string, string> {
  return new Map([
    [
      `${ROOT}/entities.yaml`,
      'actors:\n  rutte: {kind: person}\n  nato: {kind: organization}\n  us: {kind: country}\n',
    ],
    [
      uri('a'),
      source(
        'a',
        '[Mark Rutte]{.actor ref=rutte} met [Olaf Scholz]{.actor ref=scholz}. Olaf Scholz left. ' +
          'Jens Hoffmann spoke for [the U.S.]{.actor ref=us}, and Anna Berg listened.',
      ),
    ],
    [
      uri('b'),
      source(
        'b',
        '[Jens Hoffmann]{.actor ref=hoffmann} answered Mark Rutte. [Anna Berg]{.actor ref=berg} and ' +
          '[Anna Berg]{.actor ref=anna-berg} wrote. Olaf Scholz was not there; the US was.',
      ),
    ],
    [
      uri('c'),
      source('c', '[Anna Berg]{.actor ref=berg} again. [US]{.actor ref=usa} officials met Jens Hoffmann and NATO.'),
    ],
    [uri('d'), source('d', 'Olaf Scholz, Jens Hoffmann, Anna Berg, Mark Rutte and the U.S. met at NATO.')],
  ]);
}

/** The actor suggestions of every source with the known names of the other sources (one dictionary per document). */
function perDocument(index: WorkspaceIndex): ActorSuggestion[][] {
  return index
    .sourceUris()
    .map((u) =>
      suggestActorsInSource(index.getSource(u)!, { registry: index.registryFor(u), known: knownNames(index, u) }),
    );
}

describe('one dictionary of the known names for the workspace', () => {
  for (const [name, make] of [
    ['fixtures with names of one document, of two, of two ids and of the same keys', () => buildIndex(files())],
    ['the seeds', () => seedsIndex()],
  ] as const)
    it(`${name}: the suggestions and hints of every source are those of one dictionary per document`, () => {
      const index = make();
      const expected = perDocument(index);
      // The hints from the suggestions with one dictionary per document, as allSuggestionHints computed them before.
      const expectedHints = index.sourceUris().map((u, i) => {
        const actors = expected[i]!;
        return [...suggestionHints(index, u, {}, actors), ...claimHints(index, u, {}, actors)];
      });
      const fresh = make();
      assert.deepEqual(
        fresh.sourceUris().map((u) => workspaceSuggestions(fresh, u)),
        expected,
      );
      assert.deepEqual(
        fresh.sourceUris().map((u) => allSuggestionHints(fresh, u)),
        expectedHints,
      );
      assert.ok(expectedHints.some((h) => h.length > 0));
    });

  it('leaves out only the names the document alone annotates', () => {
    const index = buildIndex(files());
    const { known, knownExcept } = workspaceKnown(index, uri('a'));
    // Scholz is annotated in a only; Rutte, Hoffmann are annotated elsewhere too (or only elsewhere).
    assert.deepEqual([...knownExcept].sort(), ['Mark Rutte\u0000rutte', 'Olaf Scholz\u0000scholz', 'the U.S.\u0000us']);
    assert.deepEqual(
      known.filter((k) => !knownExcept.has(`${k.name}\u0000${k.id}`)),
      knownNames(index, uri('a')),
    );
    // The same list for every document while no name appears or disappears.
    assert.equal(workspaceKnown(index, uri('d')).known, known);
    const suggested = workspaceSuggestions(index, uri('a')).map((s) => `${s.text}=${s.id}/${s.evidence}`);
    assert.ok(!suggested.some((s) => s.startsWith('Olaf Scholz=scholz/known')), suggested.join(', '));
    assert.ok(
      workspaceSuggestions(index, uri('d')).some((s) => s.text === 'Olaf Scholz' && s.evidence === 'known'),
      'a name annotated in another document is suggested from it',
    );
  });

  it('primed a part at a time, the dictionary gives the same suggestions', () => {
    const index = buildIndex(files());
    const expected = perDocument(buildIndex(files()));
    while (!primeSuggester(index, index.sourceUris(), () => true));
    assert.deepEqual(
      index.sourceUris().map((u) => workspaceSuggestions(index, u)),
      expected,
    );
  });
});

describe('the classifier loaded a part at a time', () => {
  it('scores every feature as the classifier parsed at once', () => {
    const whole = JSON.parse(WEIGHTS_JSON) as ClassifierWeights;
    const once = new Classifier(whole);
    const steps = classifierSteps(WEIGHTS_JSON);
    let parts = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) parts++;
    const sliced = step.value;
    const features = Object.keys(whole.weights);
    assert.ok(parts >= features.length / 1000 - 1, `${parts} parts`);
    for (const f of features) assert.deepEqual(sliced.scores([f]), once.scores([f]), f);
    const text = 'Mark Rutte met Olaf Scholz at the Brandenburg Gate in Berlin on Monday, said Reuters.';
    const toks = tokenize(text);
    assert.deepEqual(sliced.names(toks, text), once.names(toks, text));
  });

  it('reads names with escaped quotes and brackets, and a weights object last or not at all', () => {
    const json = JSON.stringify({
      classes: ['none', 'person'],
      weights: { 'a"]},{': [1, 500], 'b\\': [0, -250, 1, 750], c: [1, 1] },
    });
    const steps = classifierSteps(json);
    let step = steps.next();
    while (!step.done) step = steps.next();
    for (const f of ['a"]},{', 'b\\', 'c', 'missing'])
      assert.deepEqual(step.value.scores([f]), new Classifier(JSON.parse(json) as ClassifierWeights).scores([f]), f);
  });
});
