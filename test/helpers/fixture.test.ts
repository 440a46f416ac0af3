import * as assert from 'node:assert/strict';
import { parseFixture, targetsOf } from './fixture';
import { openAt } from './workspace';

describe('fixture: caret-marked targets', () => {
  it('reads every group of bare carets as a target under the line above, and removes the caret lines', () => {
    const f = parseFixture(`//- /b.seed.md
[x]{.actor ref=rutte} and [y]{.actor ref=rutte}
               ^^^^^                     ^^^^^
//- /a.seed.md
by=rutte
   ^^^^^
`);
    assert.equal(f.files.get('file:///ws/b.seed.md'), '[x]{.actor ref=rutte} and [y]{.actor ref=rutte}\n');
    assert.deepEqual(targetsOf(f), ['/a.seed.md:0:3-8', '/b.seed.md:0:15-20', '/b.seed.md:0:41-46']);
    assert.deepEqual(
      targetsOf(f, (t) => t.uri.endsWith('/a.seed.md')),
      ['/a.seed.md:0:3-8'],
    );
  });

  it('does not count a $0 before or inside the range, and shifts line 0 of a BOM file', () => {
    const f = parseFixture(`//- /a.seed.md bom
ref=ru$0tte
    ^^^^^^^
[x] by=rutte
       ^^^^^
`);
    assert.equal(f.cursor?.offset, 7);
    // ru$0tte: the carets cover the $0; the BOM shifts line 0 by one.
    assert.deepEqual(targetsOf(f), ['/a.seed.md:0:5-10', '/a.seed.md:1:7-12']);
    const after = parseFixture('//- /a.seed.md\n[x] $0by=rutte\n         ^^^^^\n');
    assert.deepEqual(targetsOf(after), ['/a.seed.md:0:7-12']);
  });

  it('keeps diagnostic expectations apart, and fails when a test asks for targets and there are none', () => {
    const f = parseFixture(`//- /a.seed.md
[x]{.actor ref=rutte}
               ^^^^^ unknown-actor
`);
    assert.equal(f.expected.length, 1);
    assert.throws(() => targetsOf(f), /marks no targets/);
  });

  it('openAt finds its needle in the parsed files, so that caret lines keep their columns', () => {
    const { uri, position, fixture } = openAt(
      `//- /a.seed.md
one [Rutte]{.actor}
    ^^^^^^^^^^^^^^^
`,
      '[Ru|tte]',
    );
    assert.equal(uri, 'file:///ws/a.seed.md');
    assert.deepEqual(position, { line: 0, character: 7 });
    assert.deepEqual(targetsOf(fixture), ['/a.seed.md:0:4-19']);
    assert.throws(() => openAt('//- /a.seed.md\nx x\n', '|x'), /exactly once/);
  });
});
