import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTemps, ROOT, runCli, tempDir as helperTempDir } from '../helpers/cliRun';

/**
 * End-to-end tests of `corroborate import`: the bundled CLI (bin/corroborate.js)
 * runs as a child process in temporary folders.
 */

const PAGE = path.join(ROOT, 'test/fixtures/html/bbc-1/source.html');

const run = runCli;
const tempDir = (): string => helperTempDir('corroborate-import-');

describe('corroborate import', () => {
  after(() => {
    removeTemps();
  });

  it('writes <id>.seed.md from a page, prints its path, and the workspace checks clean', async () => {
    const dir = tempDir();
    const r = await run(['import', PAGE], dir);
    assert.equal(r.status, 0, r.stderr);
    const name = 'obama-admits-us-gun-laws-are-his-biggest-frustration.seed.md';
    assert.equal(r.stdout, `${name}\n`);
    assert.equal(r.stderr, '');
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    assert.match(text, /^---\nid: obama-admits-us-gun-laws-are-his-biggest-frustration\ntitle: /);
    assert.match(text, /\npublished: 2015-07-24\noutlet: BBC News\n/);
    const check = await run(['check', '.'], dir);
    assert.equal(check.status, 0, check.stdout);
  });

  it('never overwrites: a second import writes <id>-2.seed.md, says so, and leaves the first unchanged', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'sources');
    fs.mkdirSync(out);
    const first = await run(['import', PAGE, '--out', 'sources'], dir);
    assert.equal(first.status, 0, first.stderr);
    const firstFile = path.join(dir, first.stdout.trim());
    fs.appendFileSync(firstFile, '\nAn edit of my own.\n');
    const before = fs.readFileSync(firstFile, 'utf8');
    const second = await run(['import', PAGE, '--out=sources'], dir);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, 'sources/obama-admits-us-gun-laws-are-his-biggest-frustration-2.seed.md\n');
    assert.match(second.stderr, /frustration\.seed\.md exists; wrote .*frustration-2\.seed\.md instead/);
    assert.equal(fs.readFileSync(firstFile, 'utf8'), before);
    assert.equal(fs.readdirSync(out).length, 2);
    const check = await run(['check', 'sources'], dir);
    assert.equal(check.status, 0, `no duplicate id: ${check.stdout}`);
  });

  it('imports a text file: title and id from its first line, paragraphs from its blank lines', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'notes.txt'),
      'Summit in [Ankara]\n\nFirst *paragraph*\nof two lines.\n\nSecond.\n',
    );
    const r = await run(['import', 'notes.txt'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'summit-in-ankara.seed.md\n');
    assert.equal(
      fs.readFileSync(path.join(dir, 'summit-in-ankara.seed.md'), 'utf8'),
      '---\nid: summit-in-ankara\ntitle: Summit in [Ankara]\n---\n\nFirst \\*paragraph\\* of two lines.\n\nSecond.\n',
    );
  });

  it('refuses bad input with one clear line and exit status 2, writing nothing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'garbage.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 cr\xe8me\n\nBody.\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'huge.txt'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    const cases: Array<[string[], RegExp]> = [
      [['import', 'empty.txt'], /^corroborate: import empty\.txt: the input is empty\n$/],
      [['import', 'garbage.html'], /^corroborate: import garbage\.html: the input is binary/],
      [['import', 'latin1.txt'], /^corroborate: import latin1\.txt: the input is not valid UTF-8/],
      [['import', 'huge.txt'], /^corroborate: import huge\.txt: .* bytes; the importer reads at most/],
      [['import', 'missing.html'], /^corroborate: import missing\.html: no such file/],
      [['import', '.'], /is a directory/],
      [['import', 'empty.txt', '--out', 'nowhere'], /no such directory: nowhere/],
      [['import'], /import takes one file/],
      [['import', 'a.txt', 'b.txt'], /import takes one file/],
      [['check', '.', '--out', 'x'], /--out is an option of import/],
    ];
    const runs = await Promise.all(cases.map(([args]) => run(args, dir)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /internal error|\n.+\n/);
      assert.equal(r.stdout, '');
    });
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.seed.md')),
      [],
    );
  });

  it('lists import in its help', async () => {
    const r = await run(['--help'], tempDir());
    assert.match(r.stdout, /corroborate import PAGE\.html\|ARTICLE\.txt \[--out DIR\]/);
  });
});
