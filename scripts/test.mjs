// `npm test`: type-check, bundle, lint, then every test suite. Prints one
// closing line "N passed, N failed" summing all of them (CI reads it) and
// exits non-zero if anything failed. Each check that is not a mocha test
// (type-check, bundle, lint, format) counts as one test.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return r.status === 0;
}

/** Every `*.test.js` file under the given directories (Node 20 has no fs.glob). */
function testFiles(dirs) {
  const out = [];
  const visit = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) visit(join(dir, e.name));
      else if (e.name.endsWith('.test.js')) out.push(join(dir, e.name));
    }
  };
  dirs.forEach(visit);
  return out.sort();
}

/**
 * A suite that runs in its own process (the in-VS-Code suites need code-server
 * and Chromium). It must end its output with one line
 * `CORROBORATE-RESULT {"passed":N,"failed":M}`; without it the suite counts as
 * one failure, as does a non-zero exit with no failures counted.
 */
function externalSuite(name, script, args = []) {
  console.log(`\n== ${name}: node ${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(r.stdout ?? '');
  const m = /^CORROBORATE-RESULT (\{.*\})\s*$/m.exec(r.stdout ?? '');
  if (!m) {
    failed++;
    failures.push(`${name}: no result line (exit ${r.status})`);
    return;
  }
  const { passed: p = 0, failed: f = 0, failures: names = [] } = JSON.parse(m[1]);
  passed += p;
  failed += f;
  for (const n of names) failures.push(`${name}: ${n}`);
  if (f === 0 && r.status !== 0) {
    failed++;
    failures.push(`${name}: exited ${r.status}`);
  }
}

/** The TextMate grammar tests: one test per test file (✓ passed, ✖ failed). */
function grammarSuite() {
  const args = [
    'node_modules/vscode-tmgrammar-test/dist/unit.js',
    '-g',
    'syntaxes/seed.tmLanguage.json',
    '-g',
    'test/grammar/stubs/yaml.tmLanguage.json',
    '-g',
    'test/grammar/stubs/markdown.tmLanguage.json',
    'test/grammar/*.grammar.md',
  ];
  console.log(`\n== grammar tests: vscode-tmgrammar-test ${args.slice(1).join(' ')}`);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  process.stdout.write(r.stdout + r.stderr);
  const ok = (r.stdout.match(/^✓ /gm) ?? []).length;
  const bad = (r.stdout.match(/^✖ /gm) ?? []).length;
  passed += ok;
  failed += bad;
  if (bad > 0) failures.push(`grammar: ${bad} file(s)`);
  if (ok + bad === 0 || (r.status !== 0 && bad === 0)) {
    failed++;
    failures.push('grammar: the test tool did not run');
  }
}

function mochaSuite(name, dirs, options = {}) {
  console.log(`\n== ${name}`);
  const mocha = new Mocha({ timeout: 20000, reporter: 'spec', ...options });
  const files = testFiles(dirs);
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', (test) => {
      failed++;
      failures.push(`${name}: ${test.fullTitle()}`);
    });
  });
}

const node = process.execPath;
const typecheck = step('type-check', node, ['node_modules/typescript/bin/tsc', '-b']);
step('bundle', node, ['scripts/bundle.mjs']);
step('lint', node, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.']);
step('format (Prettier; `npm run format` fixes it)', node, [
  'node_modules/prettier/bin/prettier.cjs',
  '--check',
  '--log-level',
  'warn',
  '.',
]);
grammarSuite();
// The tools some tests run (LibreOffice for the CSV export, code-server and Chromium for VS Code): installed once.
step('test tools (scripts/vscode/setup.sh)', 'bash', ['scripts/vscode/setup.sh']);
if (typecheck) {
  await mochaSuite('unit and CLI tests (mocha)', [
    'out/test/core',
    'out/test/helpers',
    'out/test/import',
    'out/test/cli',
    'out/test/client',
  ]);
  await mochaSuite('language server protocol tests (mocha, real server over stdio)', ['out/test/server']);
  await mochaSuite('fuzz tests, quick budget (mocha; npm run fuzz runs the long one)', ['out/test/fuzz'], {
    timeout: 120000,
  });
  externalSuite('VS Code integration tests (code-server, real extension host)', 'scripts/vscode/run-tests.mjs');
} else {
  console.log('\n(tests not run: the type-check failed)');
}
externalSuite('VSIX: install the packaged extension into VS Code and use it', 'scripts/vscode/vsix-test.mjs');
externalSuite('UI end-to-end (workbench in Chromium)', 'scripts/vscode/ui-e2e.mjs');
externalSuite('benchmark harness (--quick; numbers not gated)', 'out/bench/run.js', ['--quick', '--ci']);

if (failures.length > 0) console.log(`\nFailed:\n  ${failures.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
