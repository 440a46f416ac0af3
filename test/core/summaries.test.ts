import * as assert from 'node:assert/strict';
import { actorSummaries, keySummaries } from '../../server/src/core/features/summaries';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: Secretary General of NATO.}
  nato: {name: NATO, kind: organization}
  stoltenberg: {name: Jens Stoltenberg, kind: person, description: ""}
claims:
  nato.spending-target: {type: percent, description: The share of GDP members spend on defence.}
  nato.members: {type: number}
//- /a.seed.md
---
id: alpha
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5%" as-of=2025}
//- /b.seed.md
---
id: beta
---
[Rutte]{.actor} said [members pay 5 percent]{.claim by=outlet key=nato.spending-target value="5 %"}. [Rutte]{.actor ref=rutte} again.
[No value]{.claim by=outlet key=summit.venue} and [The Hague]{.claim by=outlet key=summit.venue value="The Hague"}
//- /c.seed.md
---
id: gamma
---
[The target is 2%]{.claim by=anonymous key=nato.spending-target value=2%}
`;

describe('summaries (corroborate/actors, corroborate/keys)', () => {
  const index = indexOf(parseFixture(WS));

  it('actors: the registry governing the file, in its order, with their mentions in the whole workspace', () => {
    assert.deepEqual(actorSummaries(index, `${ROOT}/c.seed.md`), [
      { id: 'rutte', name: 'Mark Rutte', kind: 'person', description: 'Secretary General of NATO.', mentions: 3 },
      { id: 'nato', name: 'NATO', kind: 'organization', mentions: 1 },
      // An empty description is left out.
      { id: 'stoltenberg', name: 'Jens Stoltenberg', kind: 'person', mentions: 0 },
    ]);
  });

  it('actors: none for a file no registry governs', () => {
    const bare = indexOf(parseFixture(`//- /a.seed.md\n[Mark Rutte]{.actor ref=rutte}\n`));
    assert.deepEqual(actorSummaries(bare, `${ROOT}/a.seed.md`), []);
  });

  it('keys: the registry’s and the claims’, sorted, one value per group of equal values, as first claimed', () => {
    assert.deepEqual(keySummaries(index, `${ROOT}/a.seed.md`), [
      { key: 'nato.members', values: [] },
      {
        key: 'nato.spending-target',
        description: 'The share of GDP members spend on defence.',
        values: ['5%', '2%'],
      },
      // Not in the registry; the claim without a value adds none.
      { key: 'summit.venue', values: ['The Hague'] },
    ]);
  });

  it('keys: without a registry, the claimed keys only', () => {
    const bare = indexOf(parseFixture(`//- /a.seed.md\n[x]{.claim by=outlet key=k value=v}\n`));
    assert.deepEqual(keySummaries(bare, `${ROOT}/a.seed.md`), [{ key: 'k', values: ['v'] }]);
  });
});
