import * as assert from 'node:assert/strict';
import { knownNames, knownNamesSteps, primeKnownNames } from '../../server/src/core/features/suggest/inWorkspace';
import { buildIndex } from '../helpers/workspace';

/**
 * The names annotated in the other sources (what the actor suggester is given) read ahead of time, in slices, after
 * indexing (`primeKnownNames`, server/src/indexing.ts): the answers are those of an index that read them on demand,
 * before and after edits.
 */

const ROOT = 'file:///ws';
const uri = (name: string): string => `${ROOT}/${name}.seed.md`;
const source = (id: string, body: string): string => `---\nid: ${id}\n---\n${body}\n`;

function files(edited = false): Map<string, string> {
  return new Map([
    [
      `${ROOT}/entities.yaml`,
      'actors:\n  rutte: {kind: person}\n  nato: {kind: organization}\n  ecb: {kind: organization}\n',
    ],
    [uri('a'), source('a', '[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.')],
    [uri('b'), source('b', '[Rutte]{.actor ref=rutte} spoke. [The ECB]{.actor ref=ecb} did not.')],
    [uri('c'), source('c', edited ? 'No names any more.' : '[Mark Rutte]{.actor ref=rutte} again.')],
    [uri('d'), source('d', 'Plain prose, no annotation.')],
  ]);
}

describe('known names read ahead of time', () => {
  it('one source per call when stopped at once, and the same answers as names read on demand', () => {
    const primed = buildIndex(files());
    const onDemand = buildIndex(files());
    const uris = primed.sourceUris();
    const it = uris.values();
    let calls = 1;
    while (!primeKnownNames(primed, it, () => true)) calls++;
    // Every source is new to the cache: one per call, and one more call that finds none left.
    assert.equal(calls, uris.length + 1);
    for (const u of uris) assert.deepEqual(knownNames(primed, u), knownNames(onDemand, u), u);
    assert.deepEqual(
      knownNames(primed, uri('d')).map((k) => `${k.name}=${k.id}`),
      ['Mark Rutte=rutte', 'NATO=nato', 'Rutte=rutte', 'The ECB=ecb'],
    );
  });

  it('a source edited or removed after priming is read again on the next question', () => {
    const primed = buildIndex(files());
    while (!primeKnownNames(primed, primed.sourceUris().values(), () => false));
    primed.setSource(uri('c'), files(true).get(uri('c'))!);
    primed.removeSource(uri('b'));
    const fresh = buildIndex(files(true));
    fresh.removeSource(uri('b'));
    for (const u of fresh.sourceUris()) assert.deepEqual(knownNames(primed, u), knownNames(fresh, u), u);
    assert.deepEqual(
      knownNames(primed, uri('d')).map((k) => `${k.name}=${k.id}`),
      ['Mark Rutte=rutte', 'NATO=nato'],
    );
  });

  it('brought up to date a part at a time, or not looked up when nothing changed: the same answers', () => {
    const stepped = buildIndex(files());
    for (const _ of knownNamesSteps(stepped));
    const fresh = buildIndex(files());
    for (const u of fresh.sourceUris()) assert.deepEqual(knownNames(stepped, u), knownNames(fresh, u), u);
    // Edited and removed between two questions (the revision changed): read again.
    stepped.setSource(uri('c'), files(true).get(uri('c'))!);
    const steps = knownNamesSteps(stepped);
    steps.next();
    stepped.removeSource(uri('b'));
    for (const _ of steps);
    const after = buildIndex(files(true));
    after.removeSource(uri('b'));
    for (const u of after.sourceUris()) assert.deepEqual(knownNames(stepped, u), knownNames(after, u), u);
    assert.deepEqual(
      knownNames(stepped, uri('d')).map((k) => `${k.name}=${k.id}`),
      ['Mark Rutte=rutte', 'NATO=nato'],
    );
  });
});
