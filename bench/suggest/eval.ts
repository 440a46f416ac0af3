/**
 * `npm run eval`: the actor suggester measured on the held-out part of the GUM sets (gum.ts; never trained
 * on), per genre, typed and any-type, exact and overlapping spans; its speed; and the strip-and-recover test
 * on seeds/. Suggestion kinds map to GUM's types: person and group → person, organization → org, country and
 * place → place, other → a name of no type (counted only when untyped). Per set, the claim suggester's
 * attributions too (bench/suggest/attributions.ts: speaker found; speaker and content both found).
 * The scoring is quality.ts, shared with test/core/suggestQuality.
 */
import { suggestActors, loadClassifier } from '../../server/src/core/features/suggest';
import { GENRES, heldOut, loadGenre, prf, split, type Counts, type GumDoc } from './gum';
import { evaluate, MODES } from './quality';
import { stripAndRecover, loadSeeds } from './seeds';
import { evalMinConfidence, formatAttributions, scoreAttributions } from './attributions';

function fmt(c: Counts): string {
  const { p, r, f } = prf(c);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)}`;
}

function report(label: string, docs: readonly GumDoc[]): void {
  for (const outer of [true, false]) {
    const { modes, perType } = evaluate(docs, outer);
    console.log(`\n${label} (${docs.length} docs, gold: ${outer ? 'outermost names' : 'all names, nested included'})`);
    MODES.forEach(([name], i) => console.log(`  ${name.padEnd(14)} ${fmt(modes[i]!)}`));
    for (const t of ['person', 'org', 'place'] as const) console.log(`  ${`${t} exact`.padEnd(14)} ${fmt(perType[t])}`);
  }
  console.log(`\n${label}, claims suggested from attributions (gold: GUM attributions with a source)`);
  console.log(formatAttributions(scoreAttributions(docs, { minConfidence: evalMinConfidence() })));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function speed(): void {
  const t0 = performance.now();
  loadClassifier();
  const load = performance.now() - t0;
  const all = loadGenre('news-dev')
    .map((d) => d.text)
    .join('\n\n');
  const articles: string[] = [];
  for (let at = 0; at + 5120 <= all.length; at += 5120) articles.push(all.slice(at, at + 5120));
  for (const a of articles) suggestActors(a);
  const times: number[] = [];
  for (let round = 0; round < 20; round++)
    for (const a of articles) {
      const s = performance.now();
      suggestActors(a);
      times.push(performance.now() - s);
    }
  console.log(
    `\nspeed: model load ${load.toFixed(0)} ms; median ${median(times).toFixed(2)} ms per 5 KB (${articles.length} news slices × 20, after one warm-up pass)`,
  );
}

function seeds(): void {
  const n = loadSeeds().files.length;
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
  for (const ws of [false, true]) {
    console.log(
      `\nstrip-and-recover on seeds/, ${ws ? 'with entities.yaml and the other seeds’ annotations' : 'no registry, no workspace'}:`,
    );
    const tot = { ...stripAndRecover(0, ws), seed: 'total' };
    for (const k of Object.keys(tot) as Array<keyof typeof tot>) if (k !== 'seed') tot[k] = 0;
    for (let i = 0; i < n; i++) {
      const r = stripAndRecover(i, ws);
      for (const k of Object.keys(tot) as Array<keyof typeof tot>) if (k !== 'seed') tot[k] += r[k];
      console.log(
        `  ${r.seed.padEnd(34)} gold ${r.gold}: exact span ${r.exact}, overlap ${r.overlap}, right ref ${r.exactRef} (${pct(r.exactRef, r.gold)}); suggested ${r.suggested}, on annotated lines ${r.judged}: correct ${r.correct}, wrong ${r.wrong} (${pct(r.wrong, r.judged)}); on unannotated lines ${r.unjudged} (${r.unjudgedRegistry} registry names)`,
      );
    }
    console.log(
      `  total: gold ${tot.gold}; exact span ${pct(tot.exact, tot.gold)}, overlap ${pct(tot.overlap, tot.gold)}, right ref ${pct(tot.exactRef, tot.gold)}; of ${tot.judged} suggestions on annotated lines ${pct(tot.correct, tot.judged)} correct, ${pct(tot.wrong, tot.judged)} wrong; ${tot.unjudged} of ${tot.suggested} on unannotated lines (${tot.unjudgedRegistry} registry names)`,
    );
  }
}

function main(): void {
  console.log(`$ npm run eval   (${new Date().toISOString().slice(0, 10)}; held-out split of bench/suggest/gum.ts)`);
  speed();
  const { train, dev } = split();
  console.log(`\nattributions on the training part (${train.length} docs, where the rules were tuned):`);
  console.log(formatAttributions(scoreAttributions(train, { minConfidence: evalMinConfidence() })));
  report('all held-out docs', dev);
  for (const g of GENRES) report(`held-out ${g}`, heldOut(g));
  seeds();
}

if (require.main === module) main();
