#!/usr/bin/env node
// The in-VS-Code integration tests with the standard launcher,
// @vscode/test-electron: it downloads VS Code (desktop, Electron) from
// Microsoft's update service into .vscode-test/ and runs the same mocha suite
// (out/test/vscode/suite/index.js) in its extension host. For machines with
// internet access; offline, use scripts/vscode/run-tests.mjs (code-server +
// Chromium), which runs the very same tests. See docs/testing.md.
//
// Usage: npm run test:vscode:electron   (= npm run build && node scripts/vscode/run-electron-tests.mjs [seeds|fixture ...])
// Environment: CORROBORATE_VSCODE_VERSION picks the VS Code version (default
// 1.100.3, the engines.vscode floor the suite is verified on; 'stable' for the latest).
// On Linux without a display, run it under xvfb-run.
//
// Like run-tests.mjs, the last line of stdout is
// `CORROBORATE-RESULT {"passed":N,"failed":M,"failures":[…]}` and the exit
// status is 0 only when nothing failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKSPACES = {
  seeds: path.join(REPO, 'seeds'),
  fixture: path.join(REPO, 'test/vscode/fixture'),
};
const VERSION = process.env.CORROBORATE_VSCODE_VERSION ?? '1.100.3';

const result = { passed: 0, failed: 0, failures: [] };

function report() {
  console.log(`[run-electron-tests] ${result.passed} passed, ${result.failed} failed`);
  console.log(`CORROBORATE-RESULT ${JSON.stringify(result)}`);
  process.exit(result.failed > 0 ? 1 : 0);
}

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(WORKSPACES);
const unknown = names.filter((n) => !(n in WORKSPACES));
const missing = ['dist/client.js', 'dist/server.js', 'out/test/vscode/suite/index.js'].filter(
  (f) => !fs.existsSync(path.join(REPO, f)),
);
if (unknown.length > 0 || missing.length > 0) {
  if (unknown.length > 0)
    result.failures.push(
      `unknown workspace(s) ${unknown.join(', ')} (expected: ${Object.keys(WORKSPACES).join(', ')})`,
    );
  if (missing.length > 0) {
    console.error(
      `[run-electron-tests] missing ${missing.join(', ')}: run \`npm run build\` first (or \`npm run test:vscode:electron\`).`,
    );
    result.failures.push('the extension is not built (run `npm run build`)');
  }
  result.failed = result.failures.length;
  report();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-electron-tests-'));
for (const name of names) {
  // The tests edit their workspace: give them a copy.
  const workspace = path.join(tmp, name);
  fs.cpSync(WORKSPACES[name], workspace, { recursive: true });
  const resultsFile = path.join(tmp, `${name}-results.json`);
  console.log(`\n[run-electron-tests] ${name}: VS Code ${VERSION} on ${workspace}`);
  let exitCode;
  try {
    exitCode = await runTests({
      version: VERSION,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, 'out/test/vscode/suite/index'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-workspace-trust',
        '--disable-telemetry',
        '--user-data-dir',
        path.join(tmp, `user-data-${name}`),
      ],
      extensionTestsEnv: { CORROBORATE_TEST_RESULTS: resultsFile, CORROBORATE_TEST_WORKSPACE: name },
    });
  } catch (err) {
    // runTests rejects when the tests fail (non-zero exit) or VS Code cannot be downloaded or started.
    exitCode = err;
  }
  let counts;
  try {
    counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    counts = undefined;
  }
  if (counts) {
    result.passed += counts.passed ?? 0;
    result.failed += counts.failed ?? 0;
    result.failures.push(...(counts.failures ?? []));
  }
  if (!counts) {
    result.failed++;
    result.failures.push(
      `${name}: the tests did not run (${exitCode instanceof Error ? exitCode.message : `exit ${exitCode}`})`,
    );
  } else if (exitCode !== 0 && (counts.failed ?? 0) === 0) {
    result.failed++;
    result.failures.push(`${name}: VS Code exited with ${exitCode instanceof Error ? exitCode.message : exitCode}`);
  }
}
if (result.failed === 0) fs.rmSync(tmp, { recursive: true, force: true });
else console.log(`[run-electron-tests] workspaces and results are in ${tmp}`);
report();
