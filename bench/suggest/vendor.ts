/**
 * Writes test/fixtures/gum/<genre>.held-out.jsonl and <genre>.held-out.attributions.jsonl: the held-out
 * documents of the split in gum.ts, copied from ../shared/corpora/gum (or $GUM_DIR) with their gold names and
 * gold attributions, so that the quality floor test
 * (test/core/suggestQuality) runs on a clean clone. Rerun after changing the split or the shared sets:
 * `npx tsc -b && node out/bench/suggest/vendor.js`. The attribution and licence note is
 * test/fixtures/gum/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, GENRES, heldOut } from './gum';
import { loadAttributions, vendoredAttributionsFile } from './attributions';

function main(): void {
  const dir = fixturesDir();
  mkdirSync(dir, { recursive: true });
  for (const g of GENRES) {
    const docs = heldOut(g).map(({ doc, text, entities }) => JSON.stringify({ doc, text, entities }));
    writeFileSync(join(dir, `${g}.held-out.jsonl`), docs.join('\n') + '\n');
    const gold = loadAttributions(g);
    const attributions = heldOut(g).map(({ doc }) => JSON.stringify({ doc, attributions: gold.get(doc) ?? [] }));
    writeFileSync(vendoredAttributionsFile(g), attributions.join('\n') + '\n');
    console.log(`${g}: ${docs.length} documents`);
  }
}

if (require.main === module) main();
