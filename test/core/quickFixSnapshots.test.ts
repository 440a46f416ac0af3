import { codeActions } from '../../server/src/core/features/codeActions';
import { expect } from '../helpers/expect';
import { openFixture } from '../helpers/fixture';
import { renderCodeAction } from '../helpers/render';

/** Every code action offered at the `$0` cursor, each with the edit it makes (see `renderCodeAction`). */
function actionsAt(text: string): string {
  const { index, uri, position, fixture } = openFixture(text);
  return codeActions(index, uri, { start: position, end: position })
    .map((a) => renderCodeAction(a, fixture.files))
    .join('\n\n');
}

describe('code actions, as snapshots of the edited text', () => {
  it('an unknown actor id: the close registered id, or a new registry entry', () => {
    expect`
      Change to 'rutte' (quickfix) preferred
      --- /a.seed.md
      - [Mark Rutte]{.actor ref=rut}
      + [Mark Rutte]{.actor ref=rutte}


      Add 'rut' to entities.yaml (quickfix)
      --- /entities.yaml
        actors:
          rutte: {name: Mark Rutte, kind: person}
      +   rut: {name: rut, kind: other}
    `.assertEq(
      actionsAt(`//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
//- /a.seed.md
[Mark Rutte]{.actor ref=rut$0}
`),
    );
  });

  it('a claim without a source', () => {
    expect`
      Attribute to an unnamed source (by=anonymous) (quickfix)
      --- /a.seed.md
      - [Rutte said 5%]{.claim key=k value=5%}
      + [Rutte said 5%]{.claim key=k value=5% by=anonymous}


      Attribute to the outlet (by=outlet) (quickfix)
      --- /a.seed.md
      - [Rutte said 5%]{.claim key=k value=5%}
      + [Rutte said 5%]{.claim key=k value=5% by=outlet}
    `.assertEq(
      actionsAt(`//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
//- /a.seed.md
[Rutte said 5%]{.claim key=k val$0ue=5%}
`),
    );
  });
});
