import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lineDiff } from './diff';
import { decode, dedent, encode, expect, findLiteral, literal, updateLiteral } from './expect';

/** Runs `f` with UPDATE_EXPECT set to `value` (or unset), restoring it after. */
function withUpdate<T>(value: string | undefined, f: () => T): T {
  const saved = process.env.UPDATE_EXPECT;
  if (value === undefined) delete process.env.UPDATE_EXPECT;
  else process.env.UPDATE_EXPECT = value;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.UPDATE_EXPECT;
    else process.env.UPDATE_EXPECT = saved;
  }
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-expect-'));
}

describe('expect (inline snapshots)', () => {
  it('dedents the literal: blank first and last lines and the common indentation go', () => {
    assert.equal(dedent('\n    a\n      b\n\n    c\n  '), 'a\n  b\n\nc');
    assert.equal(dedent('one line'), 'one line');
    assert.equal(dedent(''), '');
  });

  it('keeps backslashes as written and escapes only backticks and ${', () => {
    const texts = ['`code` and ${x}', '\\*bold\\* \\[x\\] \\_v\\_', 'a \\` b \\\\${ c', 'ends in a backslash \\'];
    for (const text of texts) assert.equal(decode(encode(text)), text, text);
    assert.equal(encode('`a` ${b} \\*'), '\\`a\\` \\${b} \\*');
    // Read through a real tagged template, with what the writer wrote.
    assert.equal(expect`\`a\` \${b} \*`.data, '`a` ${b} \\*');
  });

  it('passes on equal text, with or without the final newline', () => {
    withUpdate(undefined, () => {
      expect`
        line 1
          line 2
      `.assertEq('line 1\n  line 2\n');
      expect``.assertEq('');
    });
  });

  it('fails on a mismatch without UPDATE_EXPECT, with a line diff', () => {
    withUpdate(undefined, () => {
      assert.throws(
        () =>
          expect`
            same
            old
          `.assertEq('same\nnew'),
        (e: unknown) => {
          assert.ok(e instanceof assert.AssertionError);
          assert.match(e.message, /snapshot at .*expect\.test\.ts:\d+ differs/);
          assert.ok(e.message.includes('rewrites it:\n  same\n- old\n+ new'), e.message);
          assert.equal(e.actual, 'same\nnew');
          assert.equal(e.expected, 'same\nold');
          return true;
        },
      );
    });
  });

  it('writes a literal indented under its line, and reads back what it wrote', () => {
    assert.equal(literal('a\n\n  b `c`', '    '), '`\n      a\n\n        b \\`c\\`\n    `');
    assert.equal(literal('', '    '), '``');
    assert.equal(dedent(decode(literal('a\n\n  b `c`', '    ').slice(1, -1))), 'a\n\n  b `c`');
  });

  it('rewrites several literals of one file, in any order, on a temporary copy', () => {
    const file = path.join(tempDir(), 'x.test.ts');
    const original = [
      "it('a', () => {",
      '  check(one(), expect`',
      '    old one',
      '  `);',
      '  check(two(), expect`old two`);',
      '  check(three(), expect``);',
      '});',
      '',
    ].join('\n');
    fs.writeFileSync(file, original);
    // The positions are those of the calls, as the source map gives them; the third is updated first.
    updateLiteral({ file, line: 5, column: 2 }, 'new `three`\n  ${indented}');
    updateLiteral({ file, line: 1, column: 2 }, 'new one\nand a second line');
    updateLiteral({ file, line: 4, column: 8 }, '');
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      [
        "it('a', () => {",
        '  check(one(), expect`',
        '    new one',
        '    and a second line',
        '  `);',
        '  check(two(), expect``);',
        '  check(three(), expect`',
        '    new \\`three\\`',
        '      \\${indented}',
        '  `);',
        '});',
        '',
      ].join('\n'),
    );
    // Updating one again replaces what was written, not the original.
    updateLiteral({ file, line: 4, column: 0 }, 'two again');
    assert.match(fs.readFileSync(file, 'utf8'), /check\(two\(\), expect`\n {4}two again\n {2}`\);/);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('finds the literal after the call position, skipping escaped backticks', () => {
    const text = 'a\n  x(expect`p\\`q`, expect`r`)\n';
    assert.deepEqual(findLiteral(text, { file: 't', line: 1, column: 4 }), { start: 12, end: 18 });
    assert.deepEqual(findLiteral(text, { file: 't', line: 1, column: 19 }), { start: 26, end: 29 });
  });

  it('under UPDATE_EXPECT=1, a failing snapshot rewrites its own file (a child process on a temporary copy)', () => {
    const dir = tempDir();
    const script = path.join(dir, 'snap.js');
    const helper = JSON.stringify(path.resolve(__dirname, 'expect.js'));
    fs.writeFileSync(
      script,
      [
        `const { expect } = require(${helper});`,
        'function run() {',
        '  expect`',
        '    stale',
        '  `.assertEq("fresh\\n`tick` ${x}");',
        '  expect`same`.assertEq("same");',
        '  expect`also stale`.assertEq("");',
        '}',
        'run();',
        '',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, UPDATE_EXPECT: '1' };
    execFileSync(process.execPath, [script], { env });
    assert.equal(
      fs.readFileSync(script, 'utf8'),
      [
        `const { expect } = require(${helper});`,
        'function run() {',
        '  expect`',
        '    fresh',
        '    \\`tick\\` \\${x}',
        '  `.assertEq("fresh\\n`tick` ${x}");',
        '  expect`same`.assertEq("same");',
        '  expect``.assertEq("");',
        '}',
        'run();',
        '',
      ].join('\n'),
    );
    // The rewritten file passes without UPDATE_EXPECT; the original would not have.
    delete env.UPDATE_EXPECT;
    execFileSync(process.execPath, [script], { env });
    fs.rmSync(dir, { recursive: true });
  });

  it('maps the call in out/…js back to the .ts source through the source map', () => {
    const e = expect`here`;
    const location = e.location();
    assert.ok(location);
    assert.equal(
      path.relative(path.resolve(__dirname, '../../..'), location.file),
      path.join('test', 'helpers', 'expect.test.ts'),
    );
    const source = fs.readFileSync(location.file, 'utf8');
    const literal = findLiteral(source, location);
    assert.equal(source.slice(literal.start, literal.end), '`here`');
  });

  it('lineDiff marks removed and added lines', () => {
    assert.equal(lineDiff('a\nb\nc', 'a\nc\nd'), '  a\n- b\n  c\n+ d');
    assert.equal(lineDiff('', 'x'), '-\n+ x');
  });
});
