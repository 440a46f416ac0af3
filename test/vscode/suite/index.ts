/**
 * The tests module that VS Code's extension host loads (`extensionTestsPath`),
 * for both launchers: scripts/vscode/run-tests.mjs (code-server + Chromium,
 * offline) and scripts/vscode/run-electron-tests.mjs (@vscode/test-electron).
 *
 * It runs the compiled `*.test.js` files next to it with mocha. The files
 * are grouped by the workspace they expect: `seeds.*.test.js` run against a
 * copy of seeds/, `fixture.*.test.js` against a copy of test/vscode/fixture/.
 * CORROBORATE_TEST_WORKSPACE (`seeds` or `fixture`) chooses the group; when
 * it is unset, the group follows from the workspace that is open (the
 * fixture has a `fixes/` folder).
 *
 * When CORROBORATE_TEST_RESULTS names a file, the counts are also written
 * there as JSON `{passed, failed, failures: [titles]}` (the launchers read it;
 * the extension host inherits the environment of the process that starts it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: string[];
}

function workspaceGroup(): string {
  const wanted = process.env.CORROBORATE_TEST_WORKSPACE;
  if (wanted) return wanted;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return root && fs.existsSync(path.join(root, 'fixes')) ? 'fixture' : 'seeds';
}

export function run(): Promise<void> {
  const group = workspaceGroup();
  // The extension host forwards console.log(...args) without applying the
  // format string: give mocha's reporter lines that are already formatted.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Compiled tests whose source is gone (tsc -b never deletes outputs) are left out.
  const sources = path.resolve(__dirname, '../../../../test/vscode/suite');
  const hasSource = (f: string): boolean =>
    !fs.existsSync(sources) || fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts')));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.startsWith(`${group}.`) && f.endsWith('.test.js') && hasSource(f))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
  const write = (): void => {
    const file = process.env.CORROBORATE_TEST_RESULTS;
    if (file) fs.writeFileSync(file, JSON.stringify(result));
  };

  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      result.failed = 1;
      result.failures.push(`no test files for the workspace group '${group}' in ${__dirname}`);
      write();
      reject(new Error(result.failures[0]));
      return;
    }
    console.log(`[corroborate-tests] ${group}: ${files.join(', ')}`);
    try {
      const runner = mocha.run((failures) => {
        // A failure mocha counted that no 'fail' event reported (e.g. an uncaught error after the end).
        if (failures > result.failed) {
          result.failures.push(`${failures - result.failed} failure(s) outside any test`);
          result.failed = failures;
        }
        write();
        console.log(`[corroborate-tests] ${group}: ${result.passed} passed, ${result.failed} failed`);
        if (result.failed > 0) reject(new Error(`${result.failed} test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => result.passed++);
      runner.on('fail', (test) => {
        result.failed++;
        result.failures.push(`${group}: ${test.fullTitle()}`);
      });
    } catch (err) {
      result.failed++;
      result.failures.push(`${group}: could not run the tests: ${err instanceof Error ? err.message : String(err)}`);
      write();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
