/**
 * What the editor's suggestion hints cost: one seed stripped of its markup
 * (`stripMarkup`) in a workspace of the other seeds and `entities.yaml`,
 * weights loaded, then `runs` interleaved runs of the actor suggester, the
 * actor hints, the claim hints (alone, and given the actor suggestions), both
 * apart, and `allSuggestionHints` (what the server computes when idle).
 * Prints min and median per step. With `--keep`, the seed keeps its markup.
 *
 *   npx tsc -b && node out/bench/suggest/hints.js [002-new-nato] [runs=40] [--keep]
 *
 * Figures: docs/suggestions.md, "Suggested claims", "In the editor".
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/core';
import { claimHints } from '../../server/src/core/features/diagnostics/suggestedClaim';
import { workspaceSuggestions } from '../../server/src/core/features/suggest/inWorkspace';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace';

const SEEDS = join(__dirname, '../../../seeds');

function main(argv: string[]): void {
  const keep = argv.includes('--keep');
  const [seed = '002-new-nato', runsArg = '40'] = argv.filter((a) => !a.startsWith('--'));
  const runs = Number(runsArg);
  const index = new WorkspaceIndex();
  index.setRegistry('file:///ws/entities.yaml', readFileSync(join(SEEDS, 'entities.yaml'), 'utf8'));
  let uri = '';
  for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.seed.md'))) {
    let text = readFileSync(join(SEEDS, f), 'utf8');
    if (f.startsWith(seed)) {
      uri = `file:///ws/${f}`;
      if (!keep) text = stripMarkup(text);
    }
    index.setSource(`file:///ws/${f}`, text);
  }
  if (!uri) throw new Error(`no seed ${seed}`);
  const service = createLanguageService(index);
  const actors = workspaceSuggestions(index, uri);
  const steps: Array<[string, () => unknown]> = [
    ['actor suggester (workspaceSuggestions)', () => workspaceSuggestions(index, uri)],
    ['suggestionHints (actors)', () => service.suggestionHints(uri)],
    ['claimHints', () => service.claimHints(uri)],
    ['claimHints given the actor suggestions', () => claimHints(index, uri, {}, actors)],
    ['suggestionHints + claimHints', () => [...service.suggestionHints(uri), ...service.claimHints(uri)]],
    ['allSuggestionHints', () => service.allSuggestionHints(uri)],
  ];
  const times = steps.map(() => [] as number[]);
  for (const [, run] of steps) run(); // warm-up: weights loaded, code compiled
  for (let i = 0; i < runs; i++)
    steps.forEach(([, run], k) => {
      const t = process.hrtime.bigint();
      run();
      times[k]!.push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  const text = index.getSource(uri)!.text;
  const hints = service.allSuggestionHints(uri);
  const count = (code: string): number => hints.filter((d) => d.code === code).length;
  console.log(
    `${uri.slice('file:///ws/'.length)}${keep ? '' : ' (stripped)'}: ${(text.length / 1024).toFixed(1)} KB, ` +
      `${count('suggested-actor')} actor hints, ${count('suggested-claim')} claim hints, ${runs} runs`,
  );
  steps.forEach(([name], k) => {
    const sorted = [...times[k]!].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`  ${name.padEnd(42)} min ${sorted[0]!.toFixed(2)} ms  median ${median.toFixed(2)} ms`);
  });
}

main(process.argv.slice(2));
