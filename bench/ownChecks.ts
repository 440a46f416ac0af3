import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepeatedPassages } from '../server/src/core/features/diagnostics/duplicatePassage';
import { findUnannotatedMentions } from '../server/src/core/features/diagnostics/unannotatedMention';
import { buildSourceModel, type SourceModel } from '../server/src/core/model/source';
import { parseRegistry } from '../server/src/core/model/registry';
import { generateCorpus } from './generate';

/**
 * What the edited file's own word scans cost per keystroke (issue 13, the keystroke p99): the repeated-passage and
 * unannotated-mention checks run on every new model of an open file. For N generated articles, each check's time
 * and the heap it allocates per article, in process:
 *
 *   node --expose-gc --max-semi-space-size=512 --min-semi-space-size=512 out/bench/ownChecks.js [N]
 *
 * The young generation is made large enough that no collection runs while a check is timed, so the heap's growth
 * is what the check allocated (and keeps: its results, a few hundred bytes).
 */
function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (see the comment at the top)');
  const n = Number(process.argv[2] ?? 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-own-checks-'));
  try {
    const info = generateCorpus(dir, n, 1);
    const registry = parseRegistry('file:///c/entities.yaml', fs.readFileSync(path.join(dir, 'entities.yaml'), 'utf8'));
    const texts = info.files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
    const models = (): SourceModel[] => texts.map((t, i) => buildSourceModel(`file:///c/${i}.seed.md`, t));
    const checks: Array<[string, (m: SourceModel) => unknown]> = [
      ['repeated passages', (m) => findRepeatedPassages(m)],
      ['unannotated mentions', (m) => findUnannotatedMentions(m, registry)],
    ];
    // Warm up (JIT, the registry's matcher), on models of their own: results are cached per model.
    for (const [, check] of checks) models().slice(0, 50).forEach(check);
    console.log(`${n} articles of ${(bytes / n / 1024).toFixed(1)} KB on average`);
    for (const [name, check] of checks) {
      const fresh = models();
      gc();
      const before = process.memoryUsage().heapUsed;
      const start = process.hrtime.bigint();
      const results = fresh.map(check);
      const us = Number(process.hrtime.bigint() - start) / 1e3 / n;
      const allocated = (process.memoryUsage().heapUsed - before) / n;
      console.log(`${name}: ${us.toFixed(0)} µs and ${(allocated / 1024).toFixed(1)} KB of heap per article`);
      if (results.length !== n) throw new Error('not every article was checked');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
