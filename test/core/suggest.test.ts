import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Registry } from '../../server/src/core';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseRegistry, ACTOR_KINDS } from '../../server/src/core/model/registry';
import { suggestActors, suggestActorsInSource, type ActorSuggestion } from '../../server/src/core/features/suggest';

const REGISTRY = `actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte]
  costa:
    name: António Costa
    kind: person
    aliases: [Costa]
  us:
    name: United States
    kind: country
    aliases: [US, U.S.]
  nato:
    name: NATO
    kind: organization
`;

function registry(): Registry {
  return parseRegistry('file:///ws/entities.yaml', REGISTRY);
}

/** The suggestion whose surface is `text` (the n-th such). */
function find(list: readonly ActorSuggestion[], text: string, n = 0): ActorSuggestion {
  const found = list.filter((s) => s.text === text)[n];
  assert.ok(found, `no suggestion '${text}' in ${JSON.stringify(list.map((s) => s.text))}`);
  return found;
}

describe('suggested actors', () => {
  it('matches a possessive to the registry name, without the possessive', () => {
    const text = "Rutte's plan was discussed at length.";
    const s = find(suggestActors(text, { registry: registry() }), 'Rutte');
    assert.deepEqual([s.start, s.end, s.id, s.isNew, s.kind], [0, 5, 'rutte', false, 'person']);
  });

  it('treats U.S. and US as the same name, but not the pronoun us', () => {
    const text = 'The U.S. said the US would help us. Officials in the United States agreed.';
    const list = suggestActors(text, { registry: registry() });
    assert.equal(find(list, 'U.S.').id, 'us');
    assert.equal(find(list, 'US').id, 'us');
    assert.equal(find(list, 'United States').id, 'us');
    assert.ok(!list.some((s) => s.text === 'us'));
  });

  it('matches names without their diacritics and in another case', () => {
    const text = 'Antonio Costa met reporters. Later COSTA spoke again.';
    const list = suggestActors(text, { registry: registry() });
    assert.equal(find(list, 'Antonio Costa').id, 'costa');
    assert.equal(find(list, 'COSTA').id, 'costa');
  });

  it('propagates a full name to its later surname', () => {
    const text =
      'European Central Bank President Christine Lagarde warned on Monday that inflation remains high. ' +
      'Speaking in Frankfurt, Lagarde said the bank would act.';
    const list = suggestActors(text);
    const full = find(list, 'Christine Lagarde');
    const surname = find(list, 'Lagarde');
    assert.equal(full.kind, 'person');
    assert.equal(surname.kind, 'person');
    assert.equal(surname.id, full.id);
    assert.equal(full.id, 'lagarde');
    assert.equal(full.isNew, true);
  });

  it('gives the registry id when there is one, and a proposed new id otherwise', () => {
    const text = 'Mark Rutte met Christine Lagarde and officials of NATO in Brussels on Tuesday.';
    const list = suggestActors(text, { registry: registry() });
    const rutte = find(list, 'Mark Rutte');
    assert.deepEqual([rutte.id, rutte.isNew, rutte.evidence], ['rutte', false, 'registry']);
    assert.deepEqual([find(list, 'NATO').id, find(list, 'NATO').isNew], ['nato', false]);
    const lagarde = find(list, 'Christine Lagarde');
    assert.deepEqual([lagarde.id, lagarde.isNew, lagarde.kind], ['lagarde', true, 'person']);
  });

  it('uses names annotated elsewhere in the workspace', () => {
    const text = 'Talks with Hamdullah Mohib continued.';
    const list = suggestActors(text, { known: [{ name: 'Hamdullah Mohib', id: 'mohib', kind: 'person' }] });
    const s = find(list, 'Hamdullah Mohib');
    assert.deepEqual([s.id, s.evidence, s.isNew], ['mohib', 'known', true]);
  });

  it('takes the kind of a known name from the registry when the caller gives none', () => {
    const list = suggestActors('Talks with Mark Rutte continued.', {
      registry: parseRegistry('file:///ws/entities.yaml', 'actors:\n  rutte:\n    name: Rutte\n    kind: person\n'),
      known: [{ name: 'Mark Rutte', id: 'rutte' }],
    });
    const s = find(list, 'Mark Rutte');
    assert.deepEqual([s.id, s.kind, s.isNew, s.evidence], ['rutte', 'person', false, 'known']);
  });

  it('suggests only registry and known names in a text that is not English', () => {
    const text = 'Gisteren sprak Mark Rutte met Christine Lagarde in Brussel.';
    const list = suggestActors(text, { registry: registry(), language: 'nl' });
    assert.deepEqual(
      list.map((s) => s.text),
      ['Mark Rutte'],
    );
  });

  it('never suggests in front matter, code, attribute lists or existing actor spans', () => {
    const text = [
      '---',
      'title: "Mark Rutte in Berlin"',
      '---',
      '[Mark Rutte]{.actor ref=rutte} spoke. `Rutte` in code.',
      '```',
      'Rutte',
      '```',
      '[Rutte said so]{.claim by=rutte key=Rutte} and Rutte left.',
      '',
    ].join('\n');
    const model = buildSourceModel('file:///ws/a.seed.md', text);
    const list = suggestActorsInSource(model, { registry: registry() });
    const ruttes = list.filter((s) => s.id === 'rutte');
    const expected = [text.indexOf('[Rutte said') + 1, text.lastIndexOf('Rutte left')];
    assert.deepEqual(
      ruttes.map((s) => s.start),
      expected,
    );
  });

  it('gives offsets in UTF-16 code units, with emoji and CRLF line breaks', () => {
    const text = '😀 Mark Rutte met\r\nAntónio Costa 🎉 in the U.S.\r\nRutte left.';
    const list = suggestActors(text, { registry: registry() });
    assert.equal(find(list, 'Mark Rutte').start, 3);
    assert.equal(find(list, 'António Costa').start, text.indexOf('António'));
    assert.equal(find(list, 'U.S.').end, text.indexOf('\r\nRutte'));
    for (const s of list) assert.equal(text.slice(s.start, s.end), s.text);
  });

  it('does not join a name across a line break', () => {
    const list = suggestActors('Join the Club\nMore News from Reuters');
    assert.ok(!list.some((s) => s.text.includes('\n')));
  });
});

describe('suggested actors (property)', () => {
  const pieces = fc.constantFrom(
    'Mark Rutte',
    "Rutte's",
    'the U.S.',
    'US',
    'us',
    'António Costa',
    'NATO',
    'Berlin',
    'European Union',
    'said',
    'on Monday',
    'the',
    'of',
    ',',
    '.',
    ' ',
    '\r\n',
    '\n\n',
    '😀',
    '🎉',
    '"',
    '’s',
    '[',
    ']',
    'Mr.',
    'Jean-Noël Barrot',
  );
  it('never overlaps, and each range slices exactly its text', () => {
    const reg = registry();
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }),
        fc.array(fc.constantFrom(' ', ''), { maxLength: 40 }),
        (ps, gaps) => {
          const text = ps.map((p, i) => p + (gaps[i] ?? ' ')).join('');
          for (const opts of [{}, { registry: reg }]) {
            const list = suggestActors(text, opts);
            let end = 0;
            for (const s of list) {
              assert.ok(s.start >= end && s.end > s.start, 'sorted and disjoint');
              assert.equal(text.slice(s.start, s.end), s.text);
              assert.ok(s.confidence >= 0 && s.confidence <= 1);
              assert.ok((ACTOR_KINDS as readonly string[]).includes(s.kind));
              end = s.end;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds on arbitrary Unicode text too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        let end = 0;
        for (const s of suggestActors(text, { registry: registry() })) {
          assert.ok(s.start >= end && s.end > s.start);
          assert.equal(text.slice(s.start, s.end), s.text);
          end = s.end;
        }
      }),
      { numRuns: 100 },
    );
  });
});
