import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from '../server/src/core';
import { computeDiagnostics } from '../server/src/core/features/diagnostics/diagnostics';
import { hover } from '../server/src/core/features/hover';
import { generateCorpus } from './generate';

/**
 * In-process keystroke profile (no server, no JSON-RPC): loads a generated
 * corpus into a WorkspaceIndex, then edits a few files the way the
 * benchmark's keystroke session does (prose typing, value flips, hot-key
 * flips) and splits each edit's cost into the index update, the edited
 * file's diagnostics, and the diagnostics of every other file the index
 * reports as affected.
 *
 *   node out/bench/keystroke.js [n=10000] [edits=200] [--own-only]
 *   node out/bench/keystroke.js [n=10000] [files=40] --hover
 *
 * `--own-only` skips the other files' diagnostics (to profile the edit itself).
 * `--hover` instead times `hover()` in process on every actor span, `by=`
 * value, `key=` and claim of `files` articles spread over the corpus (the
 * actor mentioned in most sources first), 1 + 5 rounds, and prints p50/p99/max
 * per kind over every timed hover, and p50/p99 of each spot's median over the
 * rounds (on a shared machine, a hover that loses the CPU once is not counted).
 */

const n = Number(process.argv[2] ?? 10000);
const edits = Number(process.argv[3] ?? 200);
const ownOnly = process.argv.includes('--own-only');
const hoverMode = process.argv.includes('--hover');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-keystroke-'));
try {
  const info = generateCorpus(dir, n, 1);
  const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
  index.setRegistryBytes(
    URI.file(path.join(dir, info.registryFile)).toString(),
    fs.readFileSync(path.join(dir, info.registryFile)),
  );
  let t = performance.now();
  for (const f of info.files)
    index.loadSourceBytes(URI.file(path.join(dir, f)).toString(), fs.readFileSync(path.join(dir, f)));
  console.log(`loaded ${n} files in ${(performance.now() - t).toFixed(0)} ms`);
  global.gc?.();
  console.log(
    `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB for ${(info.bytes / 2 ** 20).toFixed(1)} MiB of articles`,
  );

  if (hoverMode) {
    hoverProfile(
      index,
      info.files.map((f) => URI.file(path.join(dir, f)).toString()),
      edits,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }

  // Files with a hot-key claim and another key, like the benchmark's open files.
  const docs = info.files
    .map((f) => ({ uri: URI.file(path.join(dir, f)).toString(), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
    .filter((d) => d.text.includes(` key=${info.hotKey} `))
    .slice(0, 5);
  const hotValues = info.keys.find((k) => k.key === info.hotKey)!.values;
  const update: Record<string, number[]> = { prose: [], hot: [] };
  const own: Record<string, number[]> = { prose: [], hot: [] };
  const others: Record<string, number[]> = { prose: [], hot: [] };
  const affectedCount: Record<string, number[]> = { prose: [], hot: [] };
  for (let i = 0; i < edits; i++) {
    const doc = docs[i % docs.length]!;
    const kind = i % 10 === 6 ? 'hot' : 'prose';
    if (kind === 'hot') {
      const m = new RegExp(` key=${info.hotKey} value=("[^"]*"|[^\\s}]+)`).exec(doc.text)!;
      const current = m[1]!;
      const next = hotValues.map((v) => (/[\s"}]/.test(v) ? `"${v}"` : v)).find((v) => v !== current)!;
      const at = m.index + m[0].length - current.length;
      doc.text = doc.text.slice(0, at) + next + doc.text.slice(at + current.length);
    } else {
      const at = doc.text.indexOf('\n---\n', 4) + 6;
      doc.text = doc.text.slice(0, at) + 'x' + doc.text.slice(at);
    }
    t = performance.now();
    const affected = index.setSource(doc.uri, doc.text);
    const t1 = performance.now();
    computeDiagnostics(index, doc.uri);
    const t2 = performance.now();
    if (!ownOnly) for (const u of affected) if (u !== doc.uri) computeDiagnostics(index, u);
    const t3 = performance.now();
    update[kind]!.push(t1 - t);
    own[kind]!.push(t2 - t1);
    others[kind]!.push(t3 - t2);
    affectedCount[kind]!.push(affected.size);
  }
  const p = (xs: number[], q: number): number =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  for (const kind of ['prose', 'hot']) {
    console.log(
      `${kind.padEnd(5)} edits ${update[kind]!.length}: index update p50 ${p(update[kind]!, 0.5).toFixed(2)} ms p99 ${p(update[kind]!, 0.99).toFixed(2)}; ` +
        `own diagnostics p50 ${p(own[kind]!, 0.5).toFixed(2)} p99 ${p(own[kind]!, 0.99).toFixed(2)}; ` +
        `affected files p50 ${p(affectedCount[kind]!, 0.5)}, their diagnostics p50 ${p(others[kind]!, 0.5).toFixed(1)} ms`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function hoverProfile(index: WorkspaceIndex, uris: string[], files: number): void {
  const spots: Array<{ kind: string; uri: string; offset: number }> = [];
  // The actor mentioned in the most sources: its card is the largest.
  let top: { actor: string; sources: number } = { actor: '', sources: -1 };
  for (const a of index.actorIds()) {
    const s = index.mentionsOf(a).size;
    if (s > top.sources) top = { actor: a, sources: s };
  }
  const [topUri, topMentions] = [...index.mentionsOf(top.actor)][0]!;
  spots.push({ kind: 'top actor', uri: topUri, offset: topMentions[0]!.start });
  const step = Math.max(1, Math.floor(uris.length / files));
  for (let i = 0; i < uris.length && spots.length < 100000; i += step) {
    const model = index.getSource(uris[i]!)!;
    for (const m of model.mentions) spots.push({ kind: 'actor', uri: model.uri, offset: m.start });
    for (const c of model.claims) {
      spots.push({ kind: 'claim', uri: model.uri, offset: c.start });
      if (c.byStart !== undefined) spots.push({ kind: 'by', uri: model.uri, offset: c.byStart });
      if (c.keyStart !== undefined) spots.push({ kind: 'key', uri: model.uri, offset: c.keyStart });
    }
  }
  const times = new Map<string, number[]>();
  const perSpot = spots.map((): number[] => []);
  let empty = 0;
  for (let round = 0; round < 6; round++) {
    let i = 0;
    for (const s of spots) {
      const model = index.getSource(s.uri)!;
      const position = model.lines.positionAt(s.offset);
      const t0 = performance.now();
      const h = hover(index, s.uri, position);
      const dt = performance.now() - t0;
      if (!h) empty++;
      if (round === 0) continue; // warm-up
      perSpot[i++]!.push(dt);
      for (const k of [s.kind, 'all']) {
        const xs = times.get(k) ?? [];
        xs.push(dt);
        times.set(k, xs);
      }
    }
  }
  const p = (xs: number[], q: number): number =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  console.log(
    `hover: ${spots.length} spots in ${Math.ceil(uris.length / step)} files, 5 timed rounds; top actor ${top.actor} in ${top.sources} sources; ${empty} empty answers`,
  );
  const medians = new Map<string, number[]>();
  spots.forEach((s, i) => {
    for (const k of [s.kind, 'all']) medians.set(k, [...(medians.get(k) ?? []), p(perSpot[i]!, 0.5)]);
  });
  for (const [kind, xs] of [...times].sort()) {
    const m = medians.get(kind)!;
    console.log(
      `${kind.padEnd(9)} n ${String(xs.length).padStart(6)}: p50 ${p(xs, 0.5).toFixed(3)} ms  p99 ${p(xs, 0.99).toFixed(3)} ms  max ${Math.max(...xs).toFixed(3)} ms | ` +
        `per-spot median: p50 ${p(m, 0.5).toFixed(3)} ms  p99 ${p(m, 0.99).toFixed(3)} ms`,
    );
  }
}
