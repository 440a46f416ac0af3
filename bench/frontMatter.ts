import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSourceModel } from '../server/src/core/model/source';
import { readFrontMatter } from '../server/src/core/syntax/frontMatter';
import { findFrontMatter } from '../server/src/core/syntax/parser';
import { median, printLoad, time } from './inProcess';
import { generateCorpus, type FrontMatterVariant } from './generate';

/**
 * In-process front matter profile (issue 13): on each variant of the generated
 * corpus, the front matter read by the full YAML parser and by the fast path
 * (syntax/yamlLite.ts), and the whole model of each file, in interleaved
 * rounds; prints medians.
 *
 *   node out/bench/frontMatter.js [n=2000] [rounds=7]
 */

const n = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 7);

function profile(variant: FrontMatterVariant): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-front-matter-'));
  let texts: string[];
  try {
    const info = generateCorpus(dir, n, 1, variant);
    texts = info.files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const blocks = texts.map((t) => findFrontMatter(t, []).block!);
  const full: number[] = [];
  const fast: number[] = [];
  const model: number[] = [];
  for (let r = 0; r < rounds; r++) {
    full.push(time(() => texts.forEach((t, i) => readFrontMatter(t, blocks[i]!, [], { fast: false }))));
    fast.push(time(() => texts.forEach((t, i) => readFrontMatter(t, blocks[i]!, []))));
    model.push(time(() => texts.forEach((t, i) => buildSourceModel(`file:///bench/${i}.seed.md`, t))));
  }
  const bytes = blocks.reduce((s, b) => s + (b.contentEnd - b.contentStart), 0);
  console.log(
    `${variant}: ${n} front matters of ${(bytes / n).toFixed(0)} characters: full YAML parser ${median(full).toFixed(0)} ms, fast path ${median(fast).toFixed(0)} ms (${(median(full) / median(fast)).toFixed(1)}×); whole models ${median(model).toFixed(0)} ms (medians of ${rounds} interleaved rounds)`,
  );
}

for (const variant of ['plain', 'realistic'] as const) profile(variant);
printLoad();
