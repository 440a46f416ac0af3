// `npm run fuzz`: every fuzz test (test/fuzz/*.test.ts, compiled to out/test/fuzz) with the
// long budget (CORROBORATE_FUZZ=long), each file in its own process, then a summary of how
// many inputs each property ran and how many failed. A seed for the whole run may be given
// with CORROBORATE_FUZZ_SEED (each property prints its seed; a failure prints how to re-run it).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'out/test/fuzz';
let files;
try {
  files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
} catch {
  console.error(`fuzz: ${dir} not found; run npm run build first`);
  process.exit(2);
}
const only = process.argv.slice(2);
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));

const env = { ...process.env, CORROBORATE_FUZZ: process.env.CORROBORATE_FUZZ ?? 'long' };
const started = Date.now();
const properties = [];
const serverLines = [];
const results = [];

function runFile(file) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['node_modules/mocha/bin/mocha.js', '--no-config', '--timeout', '0', '--reporter', 'spec', join(dir, file)],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buffer = '';
    let passing = 0;
    let failing = 0;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const core = /^\[fuzz:core\] (\{.*\})\s*$/.exec(line);
        if (core) properties.push({ file, ...JSON.parse(core[1]) });
        if (line.startsWith('[fuzz:server]')) serverLines.push(line);
        const p = /^\s+(\d+) passing/.exec(line);
        if (p) passing = Number(p[1]);
        const f = /^\s+(\d+) failing/.exec(line);
        if (f) failing = Number(f[1]);
      }
    });
    child.on('close', (code) => {
      results.push({ file, code, passing, failing, seconds: Math.round((Date.now() - t0) / 1000) });
      resolve();
    });
  });
}

for (const f of files) await runFile(f);

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\n== fuzz summary (budget ${env.CORROBORATE_FUZZ}, ${minutes} min, ${new Date().toISOString()})`);
for (const p of properties) {
  const extra = Object.entries(p)
    .filter(([k]) => !['file', 'property', 'budget', 'seed', 'inputs', 'runs', 'failed', 'seconds'].includes(k))
    .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(', ');
  console.log(
    `  ${p.property}: ${p.inputs.toLocaleString('en-US')} inputs, ${p.failed} failed, ${p.seconds} s, seed ${p.seed}${extra ? ` (${extra})` : ''}`,
  );
}
for (const l of serverLines) console.log(`  ${l}`);
const parserInputs = properties.filter((p) => p.property.startsWith('parser:')).reduce((n, p) => n + p.inputs, 0);
console.log(`  parser inputs in all: ${parserInputs.toLocaleString('en-US')}`);
const failedFiles = results.filter((r) => r.code !== 0 || r.failing > 0);
for (const r of results)
  console.log(`  ${r.file}: ${r.passing} passing, ${r.failing} failing, exit ${r.code}, ${r.seconds} s`);
console.log(
  `crashes (failed properties or files): ${failedFiles.length === 0 ? 0 : failedFiles.map((r) => r.file).join(', ')}`,
);
process.exit(failedFiles.length > 0 ? 1 : 0);
