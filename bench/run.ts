import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { CancellationTokenSource, type Position, type Range } from 'vscode-languageserver-protocol';
import { createLanguageService, WorkspaceIndex } from '../server/src/core';
import { loadClassifier, suggestActorsInSource } from '../server/src/core/features/suggest';
import { knownNames } from '../server/src/core/features/suggest/inWorkspace';
import { buildSourceModel } from '../server/src/core/model/source';
import { summarize } from '../server/src/perf';
import type { PerfReport, TimingSummary } from '../common/protocol';
import { SERVER_NODE_FLAGS } from '../common/nodeFlags';
import { attrValue, generateCorpus, type CorpusInfo, type KeySpec } from './generate';
import { cliFailed, cliSection, CLI_FORMATS, type CliRun } from './cli';
import { BenchClient, REPO } from './lsp';
import { stripActors } from './suggest/seeds';

/**
 * `npm run bench`: Corroborate's benchmark (docs/benchmarks.md).
 *
 * For each corpus size it generates a deterministic corpus in a temp folder,
 * then measures, on that corpus and in the same run, Corroborate against the
 * yardstick (markdown-it parsing every article body):
 *   1. per-file analysis throughput, in process (buildSourceModel vs md.parse);
 *   2. workspace open through the real server over stdio, and the first answer
 *      (hover) for a file opened while indexing runs;
 *   3. keystroke → fresh diagnostics of the edited file (pull and push);
 *   4. hover, references, completion, semantic tokens;
 *   5. steady heap and peak RSS of the server;
 *   6. the longest event-loop stall while indexing;
 *   7. suggested actors on a 5 KB article, in process, once the model is loaded (and, once per run, the
 *      one-time model load in a fresh process);
 *   8. `corroborate check` in every format, its output to /dev/null and to a pipe: time and peak RSS
 *      (bench/cli.ts).
 * Times are medians of interleaved rounds (or percentiles over many requests).
 * It prints a table and writes a JSON file. Numbers never fail the run: with
 * --ci it reports one passing test if every figure was produced.
 */

const MiB = 1024 * 1024;

interface Args {
  sizes: number[];
  rounds: number;
  openRounds: number;
  edits: number;
  requests: number;
  gapMs: number;
  seed: number;
  quick: boolean;
  ci: boolean;
  keep: boolean;
  out: string | undefined;
  /** Largest size for the in-process index pass (it holds the whole index in this process). */
  indexPassLimit: number;
  /** Pull mode with a workspace pull running: stop editing after this long. */
  workspaceBudgetMs: number;
  /** Push mode: stop editing after this long (a backlog of publications can make each edit slow). */
  pushBudgetMs: number;
  /** Largest size for the push session (its first publication of every file's diagnostics can take minutes). */
  pushLimit: number;
  /** `--push-wave-only`: only the push sessions typed from the end of indexing (issue 13), at each size. */
  pushWaveOnly: boolean;
  /** `--open-only`: figure 2 (open ÷ markdown-it) and memory, on the plain and the realistic front matter corpus. */
  openOnly: boolean;
  /** `--pull-only`: only the pull session (figures 3 and 4: keystrokes, hover and the other features), at each size. */
  pullOnly: boolean;
  /** Largest size with the `corroborate check` runs (8 runs; 0 skips them). */
  cliLimit: number;
}

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick');
  const args: Args = {
    sizes: quick ? [200, 1000] : [1000, 10000],
    rounds: quick ? 2 : 5,
    openRounds: quick ? 2 : 3,
    edits: quick ? 60 : 300,
    requests: quick ? 30 : 200,
    gapMs: quick ? 5 : 100,
    seed: 1,
    quick,
    ci: argv.includes('--ci'),
    keep: argv.includes('--keep'),
    out: undefined,
    indexPassLimit: 20000,
    pushBudgetMs: quick ? 6_000 : 90_000,
    workspaceBudgetMs: quick ? 3_000 : 45_000,
    pushLimit: 20000,
    pushWaveOnly: false,
    openOnly: false,
    pullOnly: false,
    cliLimit: quick ? 200 : 20000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a}: not a number`);
      return v;
    };
    if (a.startsWith('--sizes'))
      args.sizes = value()
        .split(',')
        .map((s) => Number(s.replace(/[_k]/g, (m) => (m === 'k' ? '000' : ''))));
    else if (a.startsWith('--rounds')) args.rounds = Math.max(1, num());
    else if (a.startsWith('--open-rounds')) args.openRounds = Math.max(1, num());
    else if (a.startsWith('--edits')) args.edits = Math.max(10, num());
    else if (a.startsWith('--requests')) args.requests = Math.max(5, num());
    else if (a.startsWith('--gap')) args.gapMs = num();
    else if (a.startsWith('--seed')) args.seed = num();
    else if (a.startsWith('--push-limit')) args.pushLimit = num();
    else if (a.startsWith('--cli-limit')) args.cliLimit = num();
    else if (a.startsWith('--push-budget')) args.pushBudgetMs = num() * 1000;
    else if (a.startsWith('--workspace-budget')) args.workspaceBudgetMs = num() * 1000;
    else if (a.startsWith('--out')) args.out = value();
    else if (a === '--push-wave-only') args.pushWaveOnly = true;
    else if (a === '--open-only') args.openOnly = true;
    else if (a === '--pull-only') args.pullOnly = true;
    else if (a === '--quick' || a === '--ci' || a === '--keep') continue;
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node out/bench/run.js [--quick] [--sizes 1000,10000,100000] [--rounds N] [--open-rounds N] [--edits N] [--requests N] [--gap MS] [--seed N] [--push-limit N] [--cli-limit N] [--push-budget S] [--workspace-budget S] [--push-wave-only] [--open-only] [--pull-only] [--out FILE] [--keep] [--ci]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (args.sizes.some((n) => !Number.isInteger(n) || n < 10))
    throw new Error('--sizes takes integers ≥ 10, e.g. 1000,10000');
  return args;
}

// ---- helpers ------------------------------------------------------------------

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => (xs.length === 0 ? NaN : summarize(xs).p50);
const log = (s: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

/** LSP position (UTF-16) of an offset. */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function bodyOffset(text: string): number {
  const m = /^---\n[\s\S]*?\n---\n/.exec(text);
  return m ? m[0].length : 0;
}

interface CorpusFile {
  rel: string;
  uri: string;
  bytes: Buffer;
  /** Byte offset of the body (after the front matter). */
  bodyStart: number;
}

function loadCorpus(info: CorpusInfo): CorpusFile[] {
  return info.files.map((rel) => {
    const abs = path.join(info.dir, rel);
    const bytes = fs.readFileSync(abs);
    const text = bytes.toString('utf8');
    return { rel, uri: URI.file(abs).toString(), bytes, bodyStart: Buffer.byteLength(text.slice(0, bodyOffset(text))) };
  });
}

// ---- 1. per-file analysis, in process --------------------------------------------

interface PassTimes {
  core: number[];
  md: number[];
  index: number[];
}

function corePass(files: CorpusFile[]): number {
  let ms = 0;
  let sink = 0;
  for (const f of files) {
    const text = f.bytes.toString('utf8');
    const start = performance.now();
    const model = buildSourceModel(f.uri, text);
    ms += performance.now() - start;
    sink += model.mentions.length;
  }
  if (sink < 0) log('impossible');
  return ms;
}

function mdPass(files: CorpusFile[], md: MarkdownIt): number {
  let ms = 0;
  let sink = 0;
  for (const f of files) {
    const body = f.bytes.toString('utf8', f.bodyStart);
    const start = performance.now();
    const tokens = md.parse(body, {});
    ms += performance.now() - start;
    sink += tokens.length;
  }
  if (sink < 0) log('impossible');
  return ms;
}

/** What the server's loader does per file, in process: decode + model + index (loadSourceBytes). */
function indexPass(files: CorpusFile[], info: CorpusInfo): number {
  const rootUri = URI.file(info.dir).toString();
  const index = new WorkspaceIndex({ folders: [rootUri] });
  const start = performance.now();
  index.setRegistryBytes(
    URI.file(path.join(info.dir, info.registryFile)).toString(),
    fs.readFileSync(path.join(info.dir, info.registryFile)),
  );
  for (const f of files) index.loadSourceBytes(f.uri, f.bytes);
  const ms = performance.now() - start;
  if (index.stats().sources !== files.length) throw new Error('in-process index lost sources');
  return ms;
}

function perFileRounds(files: CorpusFile[], info: CorpusInfo, md: MarkdownIt, args: Args): PassTimes {
  const withIndex = files.length <= args.indexPassLimit;
  // Warm up the JIT on both sides.
  const warm = files.slice(0, Math.min(files.length, 300));
  corePass(warm);
  mdPass(warm, md);
  const times: PassTimes = { core: [], md: [], index: [] };
  for (let r = 0; r < args.rounds; r++) {
    const order: Array<'core' | 'md' | 'index'> = r % 2 === 0 ? ['core', 'md', 'index'] : ['index', 'md', 'core'];
    for (const what of order) {
      if (what === 'core') times.core.push(corePass(files));
      else if (what === 'md') times.md.push(mdPass(files, md));
      else if (withIndex) times.index.push(indexPass(files, info));
    }
    log(
      `  per-file round ${r + 1}/${args.rounds}: core ${times.core.at(-1)!.toFixed(0)} ms, markdown-it ${times.md.at(-1)!.toFixed(0)} ms${withIndex ? `, index ${times.index.at(-1)!.toFixed(0)} ms` : ''}`,
    );
  }
  return times;
}

// ---- 2. workspace open through the server -------------------------------------------

interface Target {
  uri: string;
  text: string;
}

interface OpenRound {
  initializeMs: number;
  openMs: number;
  firstAnswerMs: number;
  firstAnswerWhileIndexing: boolean;
  firstAnswerNonEmpty: boolean;
  progressReports: number;
  serverIndexingMs: number;
  stallIndexingMs: number;
  /** The longest garbage collection pause while indexing (part of the stall, if it is the stall). */
  gcIndexingMaxMs: number;
  /** CPU time of the indexing pass: the server's process (every thread), and its main thread (Linux only, else NaN). */
  cpuIndexingMs: number;
  mainThreadCpuIndexingMs: number;
  stallUntilSettledMs: number;
  heapUsed: number;
  /** Memory outside the JavaScript heap (ArrayBuffers: texts kept as UTF-8, line tables). */
  external: number;
  maxRss: number;
  sources: number;
  /** Texts of closed sources kept compressed when the memory was measured, and their bytes before and after. */
  texts: NonNullable<PerfReport['texts']> | undefined;
}

/** What a round says of the texts kept compressed. */
function textsLine(texts: OpenRound['texts']): string {
  if (!texts) return ' (compressed texts not reported)';
  const mib = (n: number): string => (n / MiB).toFixed(1);
  const still = texts.compressing ? ', still compressing' : '';
  return ` (${texts.compressed} texts compressed${still}: ${mib(texts.bytesBefore)} → ${mib(texts.bytesAfter)} MiB)`;
}

function indexTimeout(n: number): number {
  return 60_000 + n * 4;
}

/** After the end of indexing: wait for the status notification that follows it, then for quiet. */
async function settle(client: BenchClient, n: number, after: number): Promise<void> {
  await client.waitFor(
    `a status of ${n} indexed sources`,
    () => client.statuses.some((s) => s.at >= after && !s.status.indexing && s.status.sources === n),
    30_000 + n,
  );
  await sleep(300);
}

/** `nodeFlags`: the server's Node flags, if not those the VS Code extension gives (SERVER_NODE_FLAGS). */
async function openRound(dir: string, n: number, first: Target, nodeFlags?: readonly string[]): Promise<OpenRound> {
  const client = new BenchClient(dir, { pull: true, nodeFlags });
  try {
    const tInitialize = performance.now();
    await client.initialize();
    const initializeMs = performance.now() - tInitialize;
    const tInitialized = performance.now();
    await client.initialized();
    await client.open(first.uri, first.text);
    const hover = await client.hover(first.uri, hoverPosition(first.text));
    const firstAnswerMs = performance.now() - tInitialized;
    const firstAnswerWhileIndexing = !client.progress.some((p) => p.kind === 'end');
    const end = await client.waitForIndexEnd(indexTimeout(n));
    const atEnd = await client.perf();
    await settle(client, n, end);
    const texts = await client.textsCompressed(30_000 + n * 10);
    const settled = await client.perf({ gc: true, reset: true });
    const status = await client.status();
    const phase = atEnd.phases.indexing;
    return {
      initializeMs,
      openMs: end - tInitialize,
      firstAnswerMs,
      firstAnswerWhileIndexing,
      firstAnswerNonEmpty: hover !== null && hover !== undefined,
      progressReports: client.progress.filter((p) => p.kind === 'report').length,
      serverIndexingMs: phase?.ms ?? NaN,
      stallIndexingMs: phase?.maxStallMs ?? NaN,
      gcIndexingMaxMs: phase?.maxGcMs ?? NaN,
      cpuIndexingMs: phase?.cpuMs ?? NaN,
      mainThreadCpuIndexingMs: phase?.mainThreadCpuMs ?? NaN,
      stallUntilSettledMs: settled.eventLoop.maxMs,
      heapUsed: settled.gcRan ? settled.heapUsed : NaN,
      external: settled.gcRan ? settled.external : NaN,
      maxRss: settled.maxRss,
      sources: status.sources,
      texts,
    };
  } finally {
    await client.shutdown();
  }
}

/** The heap and RSS of a server on an empty folder: what the code itself costs. */
async function idleServer(root: string): Promise<{ heapUsed: number; external: number; maxRss: number }> {
  const dir = path.join(root, 'empty');
  fs.mkdirSync(dir, { recursive: true });
  const client = new BenchClient(dir, { pull: true });
  try {
    const end = await client.startIndexed(30_000);
    await settle(client, 0, end);
    const report = await client.perf({ gc: true });
    return {
      heapUsed: report.gcRan ? report.heapUsed : NaN,
      external: report.gcRan ? report.external : NaN,
      maxRss: report.maxRss,
    };
  } finally {
    await client.shutdown();
  }
}

// ---- targets in a document ------------------------------------------------------------

/** On the text of the first actor span. */
function hoverPosition(text: string): Position {
  const m = /\[([^[\]{}]+)\]\{\.actor/.exec(text.slice(bodyOffset(text)));
  return positionAt(text, bodyOffset(text) + (m ? m.index + 1 : 0));
}

interface DocTargets {
  actors: number[];
  claims: number[];
  hotClaims: number[];
  hotKeys: number[];
  keyValues: number[];
  refValues: number[];
}

function targetsOf(text: string, hotKey: string): DocTargets {
  const all = (re: RegExp, shift: (m: RegExpExecArray) => number): number[] => {
    const out: number[] = [];
    for (const m of text.matchAll(re)) out.push(shift(m));
    return out;
  };
  const hot = `key=${hotKey} `;
  return {
    actors: all(/\[([^[\]{}]+)\]\{\.actor/g, (m) => m.index + 1),
    // On the word "claim" of `{.claim`: the claim itself (not its by=/key=).
    claims: all(/\{\.claim/g, (m) => m.index + 2),
    hotClaims: all(/\{\.claim[^}]*/g, (m) => (m[0].includes(hot) ? m.index + 2 : -1)).filter((o) => o >= 0),
    hotKeys: all(new RegExp(`key=${hotKey.replace(/\./g, '\\.')} `, 'g'), (m) => m.index + 6),
    keyValues: all(/ key=/g, (m) => m.index + 5),
    refValues: all(/ ref=/g, (m) => m.index + 5),
  };
}

// ---- 3 and 4. an interactive session ------------------------------------------------------

type EditKind = 'prose' | 'flip' | 'hot';

interface Flip {
  key: string;
  /** The two attribute values alternated (different normalised values). */
  tokens: [string, string];
  current: 0 | 1;
}

interface Doc {
  uri: string;
  text: string;
  version: number;
  resultId: string | undefined;
  typeAt: number;
  typed: number;
  flip: Flip | undefined;
  hotFlip: Flip | undefined;
}

const WORD = 'Draft ';

function makeFlip(text: string, spec: KeySpec): Flip | undefined {
  const m = new RegExp(`key=${spec.key.replace(/\./g, '\\.')} value=("(?:[^"\\\\]|\\\\.)*"|[^\\s}]+)`).exec(text);
  if (!m) return undefined;
  const token = m[1]!;
  const value = token.startsWith('"') ? token.slice(1, -1).replace(/\\(.)/g, '$1') : token;
  const i = spec.values.indexOf(value);
  const group = i >= 0 ? spec.groups[i] : -1;
  const other = spec.values.find((_, k) => spec.groups[k] !== group);
  return other === undefined ? undefined : { key: spec.key, tokens: [token, attrValue(other)], current: 0 };
}

function makeDoc(f: CorpusFile, info: CorpusInfo): Doc {
  const text = f.bytes.toString('utf8');
  const keys = new Map(info.keys.map((k) => [k.key, k]));
  let flip: Flip | undefined;
  for (const m of text.matchAll(/ key=([^\s}]+)/g)) {
    const spec = keys.get(m[1]!);
    if (!spec || spec.key === info.hotKey) continue;
    flip = makeFlip(text, spec);
    if (flip) break;
  }
  return {
    uri: f.uri,
    text,
    version: 1,
    resultId: undefined,
    typeAt: bodyOffset(text),
    typed: 0,
    flip,
    hotFlip: makeFlip(text, keys.get(info.hotKey)!),
  };
}

/** The next edit of a document, applied to its local copy: the range (in the old text) and the new text. */
function nextEdit(doc: Doc, kind: EditKind): { kind: EditKind; range: Range; text: string } {
  if (kind === 'hot' && !doc.hotFlip) kind = 'flip';
  const flip = kind === 'hot' ? doc.hotFlip : kind === 'flip' ? doc.flip : undefined;
  let start: number;
  let end: number;
  let insert: string;
  if (flip) {
    const from = `key=${flip.key} value=${flip.tokens[flip.current]}`;
    const at = doc.text.indexOf(from);
    if (at < 0) throw new Error(`lost track of the claim on ${flip.key}`);
    start = at + `key=${flip.key} value=`.length;
    end = start + flip.tokens[flip.current].length;
    flip.current = flip.current === 0 ? 1 : 0;
    insert = flip.tokens[flip.current];
  } else {
    kind = 'prose';
    // Type a word at the start of the lead paragraph, one character per edit, then delete it with backspace.
    const step = doc.typed;
    if (step < WORD.length) {
      start = end = doc.typeAt + step;
      insert = WORD[step]!;
    } else {
      start = doc.typeAt + 2 * WORD.length - step - 1;
      end = start + 1;
      insert = '';
    }
    doc.typed = (step + 1) % (2 * WORD.length);
  }
  const range = { start: positionAt(doc.text, start), end: positionAt(doc.text, end) };
  doc.text = doc.text.slice(0, start) + insert + doc.text.slice(end);
  return { kind, range, text: insert };
}

/** 7 in 10 edits type prose, 2 flip a value (other files' conflicts change), 1 flips the hot key's value. */
const EDIT_PATTERN: EditKind[] = ['prose', 'prose', 'flip', 'prose', 'prose', 'prose', 'hot', 'prose', 'flip', 'prose'];
function kindOf(i: number): EditKind {
  return EDIT_PATTERN[i % EDIT_PATTERN.length]!;
}

interface Latency {
  server: TimingSummary;
  roundTrip: TimingSummary;
  byKind: Record<
    string,
    { count: number; serverP50: number; serverP99: number; roundTripP50: number; roundTripP99: number }
  >;
}

function latency(server: number[] | undefined, roundTrip: number[], kinds: EditKind[]): Latency {
  const s = server ?? [];
  const byKind: Latency['byKind'] = {};
  for (const kind of ['prose', 'flip', 'hot'] as const) {
    const idx = kinds.map((k, i) => (k === kind ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const sv = s.length === kinds.length ? summarize(idx.map((i) => s[i]!)) : undefined;
    const rt = summarize(idx.map((i) => roundTrip[i]!));
    byKind[kind] = {
      count: idx.length,
      serverP50: sv?.p50 ?? NaN,
      serverP99: sv?.p99 ?? NaN,
      roundTripP50: rt.p50,
      roundTripP99: rt.p99,
    };
  }
  return { server: summarize(s), roundTrip: summarize(roundTrip), byKind };
}

/** Picks the open files: every (n/k)-th file, half of them with a claim on the hot key. */
function pickOpenFiles(files: CorpusFile[], info: CorpusInfo, k: number): CorpusFile[] {
  const hot: CorpusFile[] = [];
  const cold: CorpusFile[] = [];
  const hotAttr = `key=${info.hotKey} `;
  const step = Math.max(1, Math.floor(files.length / (4 * k)));
  for (let i = 7; i < files.length && (hot.length < k / 2 || cold.length < k / 2); i += step) {
    const f = files[i]!;
    const doc = makeDoc(f, info);
    if (!doc.flip) continue;
    const isHot = f.bytes.toString('utf8').includes(hotAttr);
    if (isHot && hot.length < k / 2 && doc.hotFlip) hot.push(f);
    else if (!isHot && cold.length < k / 2) cold.push(f);
  }
  return hot.flatMap((h, i) => (cold[i] ? [h, cold[i]] : [h])).concat(cold.slice(hot.length));
}

interface Feature {
  server: TimingSummary;
  roundTrip: TimingSummary;
  items: number;
}

interface PullSession {
  keystroke: Latency;
  /** The same edits while the client keeps a workspace pull open, as VS Code does. */
  withWorkspacePull: { keystroke: Latency; edits: number; workspaceItems: number; longestStallMs: number };
  didChange: TimingSummary;
  features: Record<'hover' | 'hoverHotClaim' | 'references' | 'completion' | 'semanticTokens', Feature>;
  referencesLocations: number;
  matrix: MatrixFigures;
  heapAfterEdits: number;
  maxRss: number;
}

/** The claims matrix (`corroborate/claimsMatrix`, the matrix view's one request): its size, and how long it takes. */
interface MatrixFigures {
  sources: number;
  rows: number;
  cells: number;
  /** Its answer as JSON. */
  bytes: number;
  /** Round trips: the first after indexing, then again with nothing changed, then after an edit. */
  firstMs: number;
  againMs: number;
  afterEditMs: number;
  /** The server's handler (building the matrix, before it is serialised), over every request. */
  server: TimingSummary;
}

async function matrixFigures(client: BenchClient, doc: Doc): Promise<MatrixFigures> {
  await client.perf({ reset: true });
  const time = async (): Promise<{ ms: number; size: Awaited<ReturnType<BenchClient['claimsMatrix']>> }> => {
    const start = performance.now();
    const size = await client.claimsMatrix();
    return { ms: performance.now() - start, size };
  };
  const first = await time();
  const again: number[] = [];
  for (let i = 0; i < 5; i++) again.push((await time()).ms);
  const edit = nextEdit(doc, 'flip');
  await client.change(doc.uri, ++doc.version, edit.range, edit.text);
  const afterEdit = await time();
  const report = await client.perf({ reset: true });
  return {
    ...first.size,
    firstMs: first.ms,
    againMs: median(again),
    afterEditMs: afterEdit.ms,
    server: report.timings['claimsMatrix'] ?? summarize([]),
  };
}

async function pullSession(
  dir: string,
  n: number,
  open: CorpusFile[],
  info: CorpusInfo,
  args: Args,
): Promise<PullSession> {
  const client = new BenchClient(dir, { pull: true });
  try {
    const end = await client.startIndexed(indexTimeout(n));
    await settle(client, n, end);
    const docs = open.map((f) => makeDoc(f, info));
    for (const doc of docs) {
      await client.open(doc.uri, doc.text);
      doc.resultId = (await client.pullDiagnostics(doc.uri, undefined)).resultId;
    }
    const targets = docs.map((d) => targetsOf(d.text, info.hotKey));
    const hotDocs = docs.map((d, i) => ({ d, t: targets[i]! })).filter((x) => x.t.hotKeys.length > 0);
    if (hotDocs.length === 0) throw new Error('no open file claims the hot key');

    // Features: one after the other, each over `requests` requests, server timings reset in between.
    const features = {} as PullSession['features'];
    let referencesLocations = 0;
    const measure = async (
      name: keyof PullSession['features'],
      server: string,
      request: (i: number) => Promise<number>,
    ): Promise<void> => {
      await client.perf({ reset: true });
      const rts: number[] = [];
      let items = 0;
      for (let i = 0; i < args.requests; i++) {
        const start = performance.now();
        items = await request(i);
        rts.push(performance.now() - start);
      }
      const report = await client.perf();
      features[name] = { server: report.timings[server] ?? summarize([]), roundTrip: summarize(rts), items };
      if (items === 0) throw new Error(`${name} returned nothing`);
    };
    const rng = lcg(args.seed);
    await measure('hover', 'hover', async (i) => {
      const d = docs[i % docs.length]!;
      const t = targets[i % docs.length]!;
      const spots = [...t.actors, ...t.claims];
      const r = await client.hover(d.uri, positionAt(d.text, spots[Math.floor(rng() * spots.length)]!));
      return r ? 1 : 0;
    });
    await measure('hoverHotClaim', 'hover', async (i) => {
      const { d, t } = hotDocs[i % hotDocs.length]!;
      const r = await client.hover(d.uri, positionAt(d.text, t.hotClaims[0]!));
      return r ? 1 : 0;
    });
    await measure('references', 'references', async (i) => {
      const { d, t } = hotDocs[i % hotDocs.length]!;
      const r = await client.references(d.uri, positionAt(d.text, t.hotKeys[0]!));
      referencesLocations = r?.length ?? 0;
      return referencesLocations;
    });
    await measure('completion', 'completion', async (i) => {
      const d = docs[i % docs.length]!;
      const t = targets[i % docs.length]!;
      const spots = i % 2 === 0 ? t.keyValues : t.refValues;
      const r = (await client.completion(d.uri, positionAt(d.text, spots[Math.floor(rng() * spots.length)]!))) as
        unknown[] | { items: unknown[] } | null;
      return Array.isArray(r) ? r.length : (r?.items.length ?? 0);
    });
    await measure('semanticTokens', 'semanticTokens', async (i) => {
      const r = await client.semanticTokens(docs[i % docs.length]!.uri);
      return (r?.data.length ?? 0) / 5;
    });

    const matrix = await matrixFigures(client, docs[0]!);

    // Keystrokes: didChange → pull of the edited file, one edit at a time.
    await client.perf({ reset: true });
    const rts: number[] = [];
    const kinds: EditKind[] = [];
    for (let i = 0; i < args.edits; i++) {
      const doc = docs[i % docs.length]!;
      const edit = nextEdit(doc, kindOf(i));
      const start = performance.now();
      await client.change(doc.uri, ++doc.version, edit.range, edit.text);
      const report = await client.pullDiagnostics(doc.uri, doc.resultId);
      rts.push(performance.now() - start);
      kinds.push(edit.kind);
      doc.resultId = report.resultId;
      if (args.gapMs > 0) await sleep(args.gapMs);
    }
    const report = await client.perf({ samples: true, reset: true });
    const withWorkspacePull = await keystrokesWithWorkspacePull(client, docs, args);
    const after = await client.perf({ gc: true });
    return {
      keystroke: latency(report.samples?.['keystroke.pull'], rts, kinds),
      withWorkspacePull,
      didChange: report.timings.didChange ?? summarize([]),
      features,
      referencesLocations,
      matrix,
      heapAfterEdits: after.heapUsed,
      maxRss: after.maxRss,
    };
  } finally {
    await client.shutdown();
  }
}

/**
 * VS Code keeps a workspace diagnostic pull open; the server answers it with
 * every file whose diagnostics changed (computing them), and the client pulls
 * again at once. The same keystrokes as before, time-boxed, with that running.
 */
async function keystrokesWithWorkspacePull(
  client: BenchClient,
  docs: Doc[],
  args: Args,
): Promise<PullSession['withWorkspacePull']> {
  const known = new Map<string, string>();
  let stop = false;
  let current: CancellationTokenSource | undefined;
  let workspaceItems = 0;
  const loop = (async (): Promise<void> => {
    while (!stop) {
      current = new CancellationTokenSource();
      try {
        const report = await client.workspaceDiagnostics(
          [...known].map(([uri, value]) => ({ uri, value })),
          current.token,
        );
        for (const item of report.items) {
          workspaceItems++;
          if (item.resultId !== undefined) known.set(item.uri, item.resultId);
        }
      } catch {
        if (!stop) await sleep(50);
      }
    }
  })();
  await client.perf({ reset: true });
  const rts: number[] = [];
  const kinds: EditKind[] = [];
  const end = performance.now() + args.workspaceBudgetMs;
  for (let i = 0; i < args.edits && performance.now() < end; i++) {
    const doc = docs[i % docs.length]!;
    const edit = nextEdit(doc, kindOf(i));
    const start = performance.now();
    await client.change(doc.uri, ++doc.version, edit.range, edit.text);
    const report = await client.pullDiagnostics(doc.uri, doc.resultId);
    rts.push(performance.now() - start);
    kinds.push(edit.kind);
    doc.resultId = report.resultId;
    if (args.gapMs > 0) await sleep(args.gapMs);
  }
  const report = await client.perf({ samples: true });
  stop = true;
  current?.cancel();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, 30_000)))]);
  clearTimeout(timer);
  return {
    keystroke: latency(report.samples?.['keystroke.pull'], rts, kinds),
    edits: rts.length,
    workspaceItems,
    longestStallMs: report.eventLoop.maxMs,
  };
}

interface PushSession {
  keystroke: Latency;
  edits: number;
  /** The last edit's diagnostics had not arrived when the time budget ran out: its latency is at least this (ms). */
  censoredMs: number | undefined;
  /** didOpen → the diagnostics of that file, for the files opened one after the other. */
  openToDiagnostics: TimingSummary;
  allPublishedMs: number;
  maxRss: number;
}

async function pushSession(
  dir: string,
  n: number,
  open: CorpusFile[],
  info: CorpusInfo,
  args: Args,
): Promise<PushSession> {
  // Every file (corroborate.diagnostics.publish defaults to the open files only).
  const client = new BenchClient(dir, { pull: false, settings: { diagnostics: { publish: 'all' } } });
  try {
    const end = await client.startIndexed(indexTimeout(n));
    // Every file's diagnostics (and the registry's) are published after indexing: let that finish.
    await client.waitFor(`diagnostics of ${n} files`, () => client.published.size > n, Math.max(180_000, n * 20));
    const allPublishedMs = client.lastPublishAt - end;
    while (performance.now() - client.lastPublishAt < 500) await sleep(100);
    const docs = open.map((f) => makeDoc(f, info));
    // Open the files, then wait for each one's diagnostics: an open file whose claims share keys
    // with thousands of files makes all of those republish, and a file already queued keeps its place.
    const opened = new Map<string, number>();
    for (const doc of docs) {
      opened.set(doc.uri, performance.now());
      await client.open(doc.uri, doc.text);
    }
    const openLatencies: number[] = [];
    const before = client.publishCount;
    try {
      await client.waitFor(
        'the diagnostics of the opened files',
        () =>
          docs.every((d) => {
            const p = client.published.get(d.uri);
            return p !== undefined && p.version === 1 && p.at >= opened.get(d.uri)!;
          }),
        Math.max(120_000, n * 20),
      );
    } catch (e) {
      if (client.exitCode !== undefined) throw e;
      const waiting = docs.filter((d) => client.published.get(d.uri)?.version !== 1).length;
      throw new Error(
        `${waiting} of ${docs.length} opened files still had no diagnostics after ${(Math.max(120_000, n * 20) / 1000).toFixed(0)} s (${client.publishCount - before} other publications meanwhile)`,
      );
    }
    for (const d of docs) openLatencies.push(client.published.get(d.uri)!.at - opened.get(d.uri)!);
    const quietBy = performance.now() + Math.max(120_000, n * 20);
    while (performance.now() - client.lastPublishAt < 500 && performance.now() < quietBy) await sleep(100);
    await client.perf({ reset: true });
    const rts: number[] = [];
    const kinds: EditKind[] = [];
    const budgetEnd = performance.now() + args.pushBudgetMs;
    let censoredMs: number | undefined;
    for (let i = 0; i < args.edits && performance.now() < budgetEnd; i++) {
      const doc = docs[i % docs.length]!;
      const edit = nextEdit(doc, kindOf(i));
      const version = ++doc.version;
      const start = performance.now();
      await client.change(doc.uri, version, edit.range, edit.text);
      let at: number;
      try {
        at = await client.waitFor(
          `diagnostics of version ${version}`,
          () => {
            const p = client.published.get(doc.uri);
            return p !== undefined && p.version === version && p.at >= start ? p.at : undefined;
          },
          Math.max(5_000, budgetEnd - performance.now()),
        );
      } catch (e) {
        if (client.exitCode !== undefined) throw e;
        // Out of time: this edit waits behind a backlog of other files' publications.
        censoredMs = performance.now() - start;
        break;
      }
      rts.push(at - start);
      kinds.push(edit.kind);
      if (args.gapMs > 0) await sleep(args.gapMs);
    }
    const report: PerfReport = await client.perf({ samples: true });
    return {
      keystroke: latency(report.samples?.['keystroke.push'], rts, kinds),
      edits: rts.length,
      censoredMs,
      openToDiagnostics: summarize(openLatencies),
      allPublishedMs,
      maxRss: report.maxRss,
    };
  } finally {
    await client.shutdown();
  }
}

interface PushWave {
  /** corroborate.diagnostics.publish. */
  publish: 'all' | 'open';
  /** End of indexing → every file published ('all'; 0 with 'open', which publishes no wave). */
  waveMs: number;
  /** Edits typed from the end of indexing, and how many of them before the wave ended. */
  edits: number;
  duringWave: number;
  /** didChange → publishDiagnostics of the edited file's version (ms). */
  roundTrip: TimingSummary;
}

/**
 * Issue 13: a push client typing from the moment indexing ends, with `publish` 'all' (while the
 * server publishes every file's diagnostics: the wave) or 'open' (no wave). Edits stop once the
 * wave is over ('all'), after `args.edits` edits, or after `args.pushBudgetMs`.
 */
async function pushWaveSession(
  dir: string,
  n: number,
  open: CorpusFile[],
  info: CorpusInfo,
  args: Args,
  publish: 'all' | 'open',
): Promise<PushWave> {
  const client = new BenchClient(dir, { pull: false, settings: { diagnostics: { publish } } });
  try {
    const end = await client.startIndexed(indexTimeout(n));
    let waveEnd = publish === 'all' ? Infinity : end;
    const waveOver = (): boolean => {
      if (waveEnd === Infinity && client.published.size > n) waveEnd = client.lastPublishAt;
      return waveEnd !== Infinity;
    };
    const docs = open.map((f) => makeDoc(f, info));
    for (const doc of docs) await client.open(doc.uri, doc.text);
    // Their first diagnostics (published before the rest of the wave), then the typing.
    await client.waitFor(
      'the diagnostics of the opened files',
      () => docs.every((d) => client.published.get(d.uri)?.version === 1),
      Math.max(60_000, n * 20),
    );
    const rts: number[] = [];
    let duringWave = 0;
    const budgetEnd = performance.now() + args.pushBudgetMs;
    for (let i = 0; i < args.edits && performance.now() < budgetEnd; i++) {
      if (publish === 'all' && waveOver()) break;
      const doc = docs[i % docs.length]!;
      const edit = nextEdit(doc, kindOf(i));
      const version = ++doc.version;
      const start = performance.now();
      await client.change(doc.uri, version, edit.range, edit.text);
      const at = await client.waitFor(
        `diagnostics of version ${version}`,
        () => {
          const p = client.published.get(doc.uri);
          return p !== undefined && p.version === version && p.at >= start ? p.at : undefined;
        },
        Math.max(5_000, budgetEnd - performance.now()),
      );
      rts.push(at - start);
      if (publish === 'open' || !waveOver() || start < waveEnd) duringWave++;
      if (args.gapMs > 0) await sleep(args.gapMs);
    }
    if (publish === 'all')
      await client.waitFor(`diagnostics of ${n} files`, () => waveOver(), Math.max(180_000, n * 20));
    return { publish, waveMs: waveEnd - end, edits: rts.length, duringWave, roundTrip: summarize(rts) };
  } finally {
    await client.shutdown();
  }
}

function waveLine(w: PushWave): string {
  const rt = w.roundTrip;
  return `  push, publish ${w.publish}, typing from the end of indexing: ${w.edits} edits (${w.publish === 'all' ? `${w.duringWave} during the wave of ${w.waveMs.toFixed(0)} ms` : 'no wave'}), round trip p50 ${rt.p50.toFixed(1)} ms, p99 ${rt.p99.toFixed(1)} ms, max ${rt.max.toFixed(1)} ms`;
}

/**
 * For the `--…-only` modes: generates the corpus of each size in a temporary folder (removed after, unless `--keep`)
 * and runs `session` on it with the files it opens.
 */
async function eachCorpus(
  args: Args,
  session: (dir: string, n: number, openFiles: CorpusFile[], info: CorpusInfo) => Promise<void>,
): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  try {
    for (const n of args.sizes) {
      const dir = path.join(root, `n${n}`);
      log(`n = ${n.toLocaleString('en-US')}: generating the corpus in ${dir}`);
      const info = generateCorpus(dir, n, args.seed);
      await session(dir, n, pickOpenFiles(loadCorpus(info), info, 8), info);
    }
  } finally {
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** `--push-wave-only`: generates the corpus of each size and runs only the push wave sessions (issue 13). */
function pushWaveOnly(args: Args): Promise<void> {
  return eachCorpus(args, async (dir, n, openFiles, info) => {
    for (const publish of ['all', 'open'] as const)
      log(waveLine(await pushWaveSession(dir, n, openFiles, info, args, publish)));
  });
}

/** `--pull-only`: generates the corpus of each size and runs only the pull session (figures 3 and 4). */
function pullOnly(args: Args): Promise<void> {
  return eachCorpus(args, async (dir, n, openFiles, info) => {
    const load = os.loadavg()[0]!.toFixed(2);
    const pull = await pullSession(dir, n, openFiles, info, args);
    const k = pull.keystroke;
    const kinds = (['prose', 'flip', 'hot'] as const).map((kind) => ms(k.byKind[kind]?.serverP99 ?? NaN)).join(' / ');
    const hover = pull.features.hover.server;
    log(
      `  keystroke → diagnostics, pull, server p50 ${ms(k.server.p50)}, p99 ${ms(k.server.p99)}, max ${ms(k.server.max)} (p99 prose / flip / hot-key flip: ${kinds}); didChange p99 ${ms(pull.didChange.p99)}; hover server p50 ${ms(hover.p50)}, p99 ${ms(hover.p99)}; load ${load} → ${os.loadavg()[0]!.toFixed(2)}`,
    );
  });
}

/** `--open-only`: figure 2 (and the memory after it) on the plain and the realistic front matter corpus of each size. */
async function openOnly(args: Args): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  const md = new MarkdownIt();
  try {
    for (const n of args.sizes) {
      const dir = path.join(root, `n${n}`);
      log(`n = ${n.toLocaleString('en-US')}: generating the corpus in ${dir}`);
      const info = generateCorpus(dir, n, args.seed);
      const files = loadCorpus(info);
      const first = { uri: files[0]!.uri, text: files[0]!.bytes.toString('utf8') };
      const { openRounds, mdRounds } = await openRoundsOf(dir, n, files, md, args, first, '');
      await unflaggedOpen(dir, n, first);
      if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
      const openMs = median(openRounds.map((r) => r.openMs));
      const memory = median(openRounds.map((r) => r.heapUsed + r.external)) / info.bytes;
      const rss = Math.max(...openRounds.map((r) => r.maxRss));
      log(
        `  plain front matter: open ${openMs.toFixed(0)} ms, markdown-it ${median(mdRounds).toFixed(0)} ms, ratio ${(median(mdRounds) / openMs).toFixed(2)}×; heap+external ${memory.toFixed(2)}× the corpus, peak RSS ${(rss / MiB).toFixed(0)} MiB (${(rss / info.bytes).toFixed(2)}×)`,
      );
      const r = await realisticOpen(root, n, md, args);
      log(
        `  realistic front matter: open ${r.openMs.toFixed(0)} ms, markdown-it ${r.mdParseMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}×; heap+external ${r.memoryPerCorpusByte.toFixed(2)}× the corpus, peak RSS ${(r.peakRss / MiB).toFixed(0)} MiB (${r.rssPerCorpusByte.toFixed(2)}×)`,
      );
    }
  } finally {
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

function lcg(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// ---- 7. suggested actors, in process --------------------------------------------------

interface SuggestFigures {
  /** Bytes (UTF-8) of the measured articles, their actor markup removed: median. */
  articleBytes: number;
  /** Suggestions per article: median. */
  suggestions: number;
  /** `languageService.suggestActors(uri)` (known names collected from the index on each call): median, ms. */
  serviceMs: number;
  /** The suggester alone (`suggestActorsInSource` with the registry and known names already collected): median, ms. */
  suggesterMs: number;
  serviceRuns: number[];
  suggesterRuns: number[];
}

/**
 * The server's work for "suggest actors" in a file of the corpus: an in-process index of the whole corpus, with
 * the open files' actor markup removed (a freshly imported article), the model already loaded; each open file
 * timed `rounds` times, interleaved, after one warm-up pass.
 */
function suggestPass(files: CorpusFile[], info: CorpusInfo, targets: CorpusFile[], rounds: number): SuggestFigures {
  const index = new WorkspaceIndex({ folders: [URI.file(info.dir).toString()] });
  const registryUri = URI.file(path.join(info.dir, info.registryFile)).toString();
  index.setRegistryBytes(registryUri, fs.readFileSync(path.join(info.dir, info.registryFile)));
  for (const f of files) index.loadSourceBytes(f.uri, f.bytes);
  const sizes: number[] = [];
  for (const f of targets) {
    const stripped = stripActors(index.getSource(f.uri)!).text;
    sizes.push(Buffer.byteLength(stripped));
    index.loadSourceBytes(f.uri, Buffer.from(stripped));
  }
  const service = createLanguageService(index);
  loadClassifier();
  const inputs = targets.map((f) => ({
    uri: f.uri,
    model: index.getSource(f.uri)!,
    registry: index.registryFor(f.uri),
    known: knownNames(index, f.uri),
  }));
  const counts = inputs.map((t) => service.suggestActors(t.uri).length);
  for (const t of inputs) suggestActorsInSource(t.model, { registry: t.registry, known: t.known });
  const serviceRuns: number[] = [];
  const suggesterRuns: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const t of inputs) {
      let start = performance.now();
      service.suggestActors(t.uri);
      serviceRuns.push(performance.now() - start);
      start = performance.now();
      suggestActorsInSource(t.model, { registry: t.registry, known: t.known });
      suggesterRuns.push(performance.now() - start);
    }
  return {
    articleBytes: median(sizes),
    suggestions: median(counts),
    serviceMs: median(serviceRuns),
    suggesterMs: median(suggesterRuns),
    serviceRuns,
    suggesterRuns,
  };
}

/** The one-time load of the suggester's model (parse the weights, build the table), each in a fresh process. */
function modelLoadRuns(runs: number): number[] {
  const entry = path.join(__dirname, '..', 'server', 'src', 'core', 'features', 'suggest', 'index.js');
  const script = `const s = require(${JSON.stringify(entry)}); const t = performance.now(); s.loadClassifier(); process.stdout.write(String(performance.now() - t));`;
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const p = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`model load: ${p.stderr}`);
    out.push(Number(p.stdout));
  }
  return out;
}

// ---- one size ------------------------------------------------------------------------

interface SizeResult {
  n: number;
  /** The claims matrix request (the matrix view). */
  matrix: MatrixFigures;
  corpus: {
    bytes: number;
    bodyBytes: number;
    registryBytes: number;
    actorSpans: number;
    claims: number;
    hotClaims: number;
    generateMs: number;
  };
  perFile: {
    coreMiBs: number;
    mdMiBs: number;
    ratio: number;
    indexMiBs: number;
    indexRatio: number;
    mdMsPerFile: number;
    rounds: PassTimes;
  };
  open: {
    openMs: number;
    mdParseMs: number;
    ratio: number;
    initializeMs: number;
    serverIndexingMs: number;
    progressReports: number;
    firstAnswerMs: number;
    firstAnswerWhileIndexing: boolean;
    firstAnswerNonEmpty: boolean;
    /** The same measurement on the realistic front matter variant of the corpus. */
    realistic: RealisticOpen;
    rounds: OpenRound[];
    mdRounds: number[];
  };
  keystroke: {
    pull: Latency;
    pullWithWorkspace: PullSession['withWorkspacePull'];
    push: Latency | undefined;
    pushEdits: number;
    pushCensoredMs: number | undefined;
    pushOpenToDiagnostics: TimingSummary | undefined;
    didChange: TimingSummary;
    allPublishedMs: number;
    /** Typing from the end of indexing, with publish 'all' (during the wave) and 'open' (issue 13). */
    pushWave: PushWave[];
  };
  features: PullSession['features'] & {
    referencesLocations: number;
    referencesUsPerLocationServer: number;
    referencesUsPerLocationRoundTrip: number;
  };
  memory: {
    steadyHeap: number;
    heapPerCorpusByte: number;
    /** Steady memory outside the heap (texts of closed files as UTF-8 bytes, line tables). */
    steadyExternal: number;
    /** Heap + external ÷ corpus bytes: what the goal is judged on. */
    memoryPerCorpusByte: number;
    netHeapPerCorpusByte: number;
    heapAfterEdits: number;
    peakRss: number;
    rssPerCorpusByte: number;
    /** Peak RSS of the server in each kind of session: open only, pull (with the workspace pull), push. */
    peakRssBySession: { open: number; pull: number; push: number };
    /** Peak RSS of an open with the server's Node started without SERVER_NODE_FLAGS. */
    peakRssWithoutNodeFlags: number;
  };
  stall: { indexingMs: number; untilSettledMs: number };
  suggest: SuggestFigures;
  /** 8. `corroborate check` per format and sink; absent above --cli-limit. */
  cli?: CliRun[];
  wallMs: number;
  /** Parts that failed (the rest of the figures are kept). */
  errors: string[];
}

/**
 * One more open with the server's Node started without SERVER_NODE_FLAGS (as `node dist/server.js --stdio` is, by
 * an editor whose command leaves them out): what the flags save in peak RSS.
 */
async function unflaggedOpen(dir: string, n: number, first: Target): Promise<OpenRound> {
  const round = await openRound(dir, n, first, []);
  log(
    `  open without ${SERVER_NODE_FLAGS.join(' ')}: ${round.openMs.toFixed(0)} ms, peak RSS ${(round.maxRss / MiB).toFixed(0)} MiB, heap ${(round.heapUsed / MiB).toFixed(0)} MiB + external ${(round.external / MiB).toFixed(0)} MiB`,
  );
  return round;
}

/** `args.openRounds` opens of the corpus in `dir`, interleaved (ABBA) with markdown-it passes over its bodies. */
async function openRoundsOf(
  dir: string,
  n: number,
  files: CorpusFile[],
  md: MarkdownIt,
  args: Args,
  first: Target,
  label: string,
): Promise<{ openRounds: OpenRound[]; mdRounds: number[] }> {
  const openRounds: OpenRound[] = [];
  const mdRounds: number[] = [];
  for (let r = 0; r < args.openRounds; r++) {
    if (r % 2 === 1) mdRounds.push(mdPass(files, md));
    const round = await openRound(dir, n, first);
    if (round.sources !== n) throw new Error(`the server indexed ${round.sources} sources, not ${n}`);
    openRounds.push(round);
    if (r % 2 === 0) mdRounds.push(mdPass(files, md));
    log(
      `  ${label}open round ${r + 1}/${args.openRounds}: ${round.openMs.toFixed(0)} ms (markdown-it ${mdRounds.at(-1)!.toFixed(0)} ms), first answer ${round.firstAnswerMs.toFixed(0)} ms, stall ${round.stallIndexingMs.toFixed(0)} ms (longest GC ${round.gcIndexingMaxMs.toFixed(0)} ms), CPU ${round.cpuIndexingMs.toFixed(0)} ms (main thread ${round.mainThreadCpuIndexingMs.toFixed(0)} ms), heap ${(round.heapUsed / MiB).toFixed(0)} MiB + external ${(round.external / MiB).toFixed(0)} MiB ${textsLine(round.texts)}`,
    );
  }
  return { openRounds, mdRounds };
}

/** Figure 2 and 5 on the realistic front matter variant (issue 13): open ÷ markdown-it and memory. */
interface RealisticOpen {
  bytes: number;
  frontMatterBytes: number;
  openMs: number;
  mdParseMs: number;
  ratio: number;
  memoryPerCorpusByte: number;
  peakRss: number;
  rssPerCorpusByte: number;
}

/** The same articles with front matter as static-site generators write it (bench/generate.ts), opened as figure 2. */
async function realisticOpen(root: string, n: number, md: MarkdownIt, args: Args): Promise<RealisticOpen> {
  const dir = path.join(root, `n${n}-realistic`);
  const info = generateCorpus(dir, n, args.seed, 'realistic');
  const files = loadCorpus(info);
  const first = files[0]!;
  log(
    `  realistic front matter: ${(info.bytes / MiB).toFixed(1)} MiB, front matter ${(((info.bytes - info.bodyBytes) / info.bytes) * 100).toFixed(1)} % of the bytes`,
  );
  const { openRounds, mdRounds } = await openRoundsOf(
    dir,
    n,
    files,
    md,
    args,
    { uri: first.uri, text: first.bytes.toString('utf8') },
    'realistic front matter: ',
  );
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  const med = (f: (r: OpenRound) => number): number => median(openRounds.map(f));
  const peakRss = Math.max(...openRounds.map((r) => r.maxRss));
  return {
    bytes: info.bytes,
    frontMatterBytes: info.bytes - info.bodyBytes,
    openMs: med((r) => r.openMs),
    mdParseMs: median(mdRounds),
    ratio: median(mdRounds) / med((r) => r.openMs),
    memoryPerCorpusByte: (med((r) => r.heapUsed) + med((r) => r.external)) / info.bytes,
    peakRss,
    rssPerCorpusByte: peakRss / info.bytes,
  };
}

async function benchSize(
  n: number,
  root: string,
  args: Args,
  md: MarkdownIt,
  idle: { heapUsed: number; external: number },
): Promise<SizeResult> {
  const wall = performance.now();
  const dir = path.join(root, `n${n}`);
  log(`n = ${n.toLocaleString('en-US')}: generating the corpus in ${dir}`);
  const t = performance.now();
  const info = generateCorpus(dir, n, args.seed);
  const generateMs = performance.now() - t;
  const files = loadCorpus(info);
  log(
    `  ${(info.bytes / MiB).toFixed(1)} MiB, ${info.actorSpans} actor spans, ${info.claims} claims (${info.hotClaims} on ${info.hotKey}) in ${generateMs.toFixed(0)} ms`,
  );

  // 1. per-file analysis
  const rounds = perFileRounds(files, info, md, args);
  const coreMs = median(rounds.core);
  const mdMs = median(rounds.md);
  const indexMs = median(rounds.index);
  const coreMiBs = info.bytes / MiB / (coreMs / 1000);
  const mdMiBs = info.bodyBytes / MiB / (mdMs / 1000);
  const indexMiBs = info.bytes / MiB / (indexMs / 1000);

  // 2, 5, 6. workspace open, interleaved with markdown-it over the same corpus
  const openFiles = pickOpenFiles(files, info, 8);
  const first = openFiles[0]!;
  const firstTarget = { uri: first.uri, text: first.bytes.toString('utf8') };
  const { openRounds, mdRounds } = await openRoundsOf(dir, n, files, md, args, firstTarget, '');
  const med = (f: (r: OpenRound) => number): number => median(openRounds.map(f));
  const realistic = await realisticOpen(root, n, md, args);
  const unflagged = await unflaggedOpen(dir, n, firstTarget);

  // 3, 4. interactive sessions
  log(`  pull session: ${args.requests} requests per feature, ${args.edits} edits`);
  const pull = await pullSession(dir, n, openFiles, info, args);
  let push: PushSession | undefined;
  const errors: string[] = [];
  if (n <= args.pushLimit) {
    log(`  push session: up to ${args.edits} edits or ${(args.pushBudgetMs / 1000).toFixed(0)} s`);
    try {
      push = await pushSession(dir, n, openFiles, info, args);
    } catch (e) {
      errors.push(`push session: ${e instanceof Error ? e.message : String(e)}`);
      log(`  push session FAILED: ${errors.at(-1)!}`);
    }
  } else log(`  push session skipped (n > ${args.pushLimit}; --push-limit)`);
  const pushWave: PushWave[] = [];
  if (n <= args.pushLimit) {
    for (const publish of ['all', 'open'] as const) {
      try {
        pushWave.push(await pushWaveSession(dir, n, openFiles, info, args, publish));
        log(waveLine(pushWave.at(-1)!));
      } catch (e) {
        errors.push(`push wave session (${publish}): ${e instanceof Error ? e.message : String(e)}`);
        log(`  push wave session FAILED: ${errors.at(-1)!}`);
      }
    }
  }

  // 8. corroborate check, every format, to /dev/null and to a pipe (before 7, which loads this process)
  let cli: CliRun[] | undefined;
  if (n <= args.cliLimit) {
    log(`  corroborate check: ${CLI_FORMATS.join(', ')}, each to /dev/null and to a pipe`);
    cli = await cliSection(dir, CLI_FORMATS, ['file', 'pipe'], log);
    for (const r of cli.filter(cliFailed))
      errors.push(`check --format ${r.format} > ${r.sink}: exit ${r.exitCode}, ${r.stderr.slice(0, 200)}`);
  } else log(`  corroborate check skipped (n > ${args.cliLimit}; --cli-limit)`);

  // 7. suggested actors, in process
  const suggest = suggestPass(files, info, openFiles, args.rounds * 4);
  log(
    `  suggested actors: ${suggest.suggestions} per article, service ${suggest.serviceMs.toFixed(2)} ms, suggester ${suggest.suggesterMs.toFixed(2)} ms (medians)`,
  );

  const steadyHeap = med((r) => r.heapUsed);
  const steadyExternal = med((r) => r.external);
  const peakRss = Math.max(...openRounds.map((r) => r.maxRss), pull.maxRss, push?.maxRss ?? 0);
  const refs = pull.features.references;
  const result: SizeResult = {
    n,
    corpus: {
      bytes: info.bytes,
      bodyBytes: info.bodyBytes,
      registryBytes: info.registryBytes,
      actorSpans: info.actorSpans,
      claims: info.claims,
      hotClaims: info.hotClaims,
      generateMs,
    },
    perFile: {
      coreMiBs,
      mdMiBs,
      ratio: coreMiBs / mdMiBs,
      indexMiBs,
      indexRatio: indexMiBs / mdMiBs,
      mdMsPerFile: mdMs / n,
      rounds,
    },
    open: {
      openMs: med((r) => r.openMs),
      mdParseMs: median(mdRounds),
      ratio: median(mdRounds) / med((r) => r.openMs),
      initializeMs: med((r) => r.initializeMs),
      serverIndexingMs: med((r) => r.serverIndexingMs),
      progressReports: med((r) => r.progressReports),
      firstAnswerMs: med((r) => r.firstAnswerMs),
      firstAnswerWhileIndexing: openRounds.every((r) => r.firstAnswerWhileIndexing),
      firstAnswerNonEmpty: openRounds.every((r) => r.firstAnswerNonEmpty),
      rounds: openRounds,
      mdRounds,
      realistic,
    },
    keystroke: {
      pull: pull.keystroke,
      pullWithWorkspace: pull.withWorkspacePull,
      push: push?.keystroke,
      pushEdits: push?.edits ?? 0,
      pushCensoredMs: push?.censoredMs,
      pushOpenToDiagnostics: push?.openToDiagnostics,
      didChange: pull.didChange,
      allPublishedMs: push?.allPublishedMs ?? NaN,
      pushWave,
    },
    matrix: pull.matrix,
    features: {
      ...pull.features,
      referencesLocations: pull.referencesLocations,
      referencesUsPerLocationServer: (refs.server.p50 * 1000) / pull.referencesLocations,
      referencesUsPerLocationRoundTrip: (refs.roundTrip.p50 * 1000) / pull.referencesLocations,
    },
    memory: {
      steadyHeap,
      heapPerCorpusByte: steadyHeap / info.bytes,
      steadyExternal,
      memoryPerCorpusByte: (steadyHeap + steadyExternal) / info.bytes,
      netHeapPerCorpusByte: (steadyHeap - idle.heapUsed) / info.bytes,
      heapAfterEdits: pull.heapAfterEdits,
      peakRss,
      rssPerCorpusByte: peakRss / info.bytes,
      peakRssBySession: {
        open: Math.max(...openRounds.map((r) => r.maxRss)),
        pull: pull.maxRss,
        push: push?.maxRss ?? NaN,
      },
      peakRssWithoutNodeFlags: unflagged.maxRss,
    },
    stall: {
      indexingMs: Math.max(...openRounds.map((r) => r.stallIndexingMs)),
      untilSettledMs: Math.max(...openRounds.map((r) => r.stallUntilSettledMs)),
    },
    suggest,
    ...(cli ? { cli } : {}),
    wallMs: 0,
    errors,
  };
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  result.wallMs = performance.now() - wall;
  log(`  n = ${n.toLocaleString('en-US')} done in ${(result.wallMs / 1000).toFixed(1)} s`);
  return result;
}

// ---- goals, table, JSON -----------------------------------------------------------------

/** Issue 13's goal for `corroborate check`: peak RSS ≤ 1 GB at 10k articles, ≤ 4 GB at 100k (bytes). */
function cliRssGoal(n: number): number {
  return n <= 10000 ? 1e9 : 4e9;
}

/** 8. `corroborate check`: per size and format, time and peak RSS to /dev/null and to a pipe, and the goal. */
function cliTable(results: SizeResult[]): string {
  const lines = ['8. corroborate check (wall time, peak RSS; pipe: bytes printed)'];
  for (const r of results) {
    if (!r.cli) continue;
    const goal = cliRssGoal(r.n);
    const most = Math.max(...r.cli.map((c) => c.maxRss));
    lines.push(`   ${r.n.toLocaleString('en-US')} articles:`);
    for (const format of CLI_FORMATS) {
      const runs = r.cli.filter((c) => c.format === format);
      const parts = runs.map(
        (c) =>
          `${c.sink === 'file' ? '/dev/null' : 'pipe'} ${ms(c.wallMs, 0)}, ${mib(c.maxRss)}${Number.isFinite(c.bytes) ? `, ${(c.bytes / MiB).toFixed(1)} MiB out` : ''}${cliFailed(c) ? `, FAILED (exit ${c.exitCode})` : ''}`,
      );
      lines.push(`     --format ${format.padEnd(7)}  ${parts.join('; ')}`);
    }
    const met = Number.isFinite(most) && most <= goal && !r.cli.some(cliFailed);
    lines.push(
      `     goal: every format completes, peak RSS ≤ ${goal / 1e9} GB: ${(most / 1e9).toFixed(2)} GB, ${met ? 'met' : 'NOT met'}${r.n < 10000 ? ' (judged at 10k; this size is smaller)' : ''}`,
    );
  }
  return lines.join('\n');
}

interface Goal {
  goal: string;
  measuredOn: string;
  value: number;
  display: string;
  met: boolean;
}

function evaluateGoals(results: SizeResult[]): Goal[] {
  const big = results.find((r) => r.n === 10000) ?? results[results.length - 1]!;
  const small = results.find((r) => r.n === 1000 && r !== big) ?? results[0]!;
  const at = (r: SizeResult): string => `at ${r.n.toLocaleString('en-US')}${r.n !== 10000 ? ' (no 10k run)' : ''}`;
  const worst = (f: (r: SizeResult) => number, pickMax: boolean): { v: number; r: SizeResult } => {
    let best = { v: pickMax ? -Infinity : Infinity, r: results[0]! };
    for (const r of results) {
      const v = f(r);
      if (Number.isNaN(v) || (pickMax ? v > best.v : v < best.v)) best = { v, r };
      if (Number.isNaN(v)) break;
    }
    return best;
  };
  const first = worst((r) => r.open.firstAnswerMs, true);
  const hover = worst((r) => r.features.hover.server.p99, true);
  const stall = worst((r) => r.stall.indexingMs, true);
  const p50Ratio = big.keystroke.pull.server.p50 / small.keystroke.pull.server.p50;
  return [
    {
      goal: 'per-file analysis ÷ markdown-it ≥ 2×',
      measuredOn: at(big),
      value: big.perFile.ratio,
      display: `${big.perFile.ratio.toFixed(2)}×`,
      met: big.perFile.ratio >= 2,
    },
    {
      goal: 'workspace open 10k ÷ markdown-it parse ≥ 1×',
      measuredOn: at(big),
      value: big.open.ratio,
      display: `${big.open.ratio.toFixed(2)}×`,
      met: big.open.ratio >= 1,
    },
    {
      goal: 'workspace open 10k ÷ markdown-it parse ≥ 1×, realistic front matter',
      measuredOn: at(big),
      value: big.open.realistic.ratio,
      display: `${big.open.realistic.ratio.toFixed(2)}×`,
      met: big.open.realistic.ratio >= 1,
    },
    {
      goal: 'first answer after initialized ≤ 500 ms',
      measuredOn: `highest over sizes (${first.r.n})`,
      value: first.v,
      display: `${first.v.toFixed(0)} ms`,
      met: first.v <= 500 && results.every((r) => r.open.firstAnswerNonEmpty),
    },
    {
      goal: 'keystroke → diagnostics, server, 10k p99 ≤ 10 ms',
      measuredOn: `pull, ${at(big)}`,
      value: big.keystroke.pull.server.p99,
      display: `${big.keystroke.pull.server.p99.toFixed(2)} ms`,
      met: big.keystroke.pull.server.p99 <= 10,
    },
    {
      goal: 'keystroke p50(10k) ÷ p50(1k) ≤ 1.5',
      measuredOn: `pull, server, ${big.n}/${small.n}`,
      value: p50Ratio,
      display: `${p50Ratio.toFixed(2)}`,
      met: p50Ratio <= 1.5,
    },
    {
      goal: 'hover p99 ≤ 1 ms',
      measuredOn: `server, highest over sizes (${hover.r.n})`,
      value: hover.v,
      display: `${hover.v.toFixed(3)} ms`,
      met: hover.v <= 1,
    },
    {
      goal: 'references per location ≤ 3 µs',
      measuredOn: `round trip p50 ÷ ${big.features.referencesLocations} locations, ${at(big)}`,
      value: big.features.referencesUsPerLocationRoundTrip,
      display: `${big.features.referencesUsPerLocationRoundTrip.toFixed(2)} µs`,
      met: big.features.referencesUsPerLocationRoundTrip <= 3,
    },
    {
      goal: 'steady heap at 10k ≤ 1× corpus bytes',
      // Judged on heap + external: texts kept as UTF-8 bytes live outside the JavaScript heap, but they are memory all the same.
      measuredOn: `heap + external memory, ${at(big)}`,
      value: big.memory.memoryPerCorpusByte,
      display: `${big.memory.memoryPerCorpusByte.toFixed(2)}× (heap alone ${big.memory.heapPerCorpusByte.toFixed(2)}×)`,
      met: big.memory.memoryPerCorpusByte <= 1,
    },
    {
      goal: 'suggested actors on a 5 KB article ≤ 20 ms',
      measuredOn: `language service, median, model loaded, ${at(big)}`,
      value: big.suggest.serviceMs,
      display: `${big.suggest.serviceMs.toFixed(2)} ms`,
      met: big.suggest.serviceMs <= 20,
    },
    {
      goal: 'longest event-loop stall while indexing ≤ 50 ms',
      measuredOn: `highest over sizes (${stall.r.n})`,
      value: stall.v,
      display: `${stall.v.toFixed(0)} ms`,
      met: stall.v <= 50,
    },
  ];
}

const ms = (v: number, digits = 2): string => (Number.isFinite(v) ? `${v.toFixed(v >= 100 ? 0 : digits)} ms` : 'n/a');
/** A duration also expressed in markdown-it parses of one article (same run). */
const msMd = (v: number, r: SizeResult): string =>
  Number.isFinite(v) ? `${ms(v)} (${(v / r.perFile.mdMsPerFile).toFixed(1)} md)` : 'n/a';
const mib = (v: number): string => (Number.isFinite(v) ? `${(v / MiB).toFixed(0)} MiB` : 'n/a');

function table(results: SizeResult[], goals: Goal[]): string {
  const rows: Array<[string, (r: SizeResult) => string]> = [
    ['corpus (articles, MiB)', (r) => `${r.n.toLocaleString('en-US')}, ${(r.corpus.bytes / MiB).toFixed(1)} MiB`],
    ['1. per-file analysis MiB/s', (r) => `${r.perFile.coreMiBs.toFixed(1)}`],
    ['   markdown-it parse MiB/s (yardstick)', (r) => `${r.perFile.mdMiBs.toFixed(1)}`],
    ['   per-file ÷ markdown-it', (r) => `${r.perFile.ratio.toFixed(2)}×`],
    [
      '   in-process index (decode+model+index) ÷ md',
      (r) =>
        Number.isFinite(r.perFile.indexRatio)
          ? `${r.perFile.indexMiBs.toFixed(1)} MiB/s, ${r.perFile.indexRatio.toFixed(2)}×`
          : 'n/a',
    ],
    ['2. workspace open (initialize → indexed)', (r) => ms(r.open.openMs, 0)],
    ['   markdown-it parse of the corpus', (r) => ms(r.open.mdParseMs, 0)],
    ['   markdown-it ÷ open', (r) => `${r.open.ratio.toFixed(2)}×`],
    [
      '   realistic front matter: open, markdown-it ÷ open',
      (r) => `${ms(r.open.realistic.openMs, 0)}, ${r.open.realistic.ratio.toFixed(2)}×`,
    ],
    ['   server indexing pass (walk+read+index)', (r) => ms(r.open.serverIndexingMs, 0)],
    ['   progress notifications', (r) => `${r.open.progressReports}`],
    [
      '   first answer (hover) after initialized',
      (r) =>
        `${ms(r.open.firstAnswerMs, 0)}${r.open.firstAnswerWhileIndexing ? ', while indexing' : ', after indexing'}${r.open.firstAnswerNonEmpty ? '' : ', EMPTY'}`,
    ],
    ['3. keystroke → diagnostics, pull, server p50', (r) => msMd(r.keystroke.pull.server.p50, r)],
    ['   pull, server p99 / max', (r) => `${ms(r.keystroke.pull.server.p99)} / ${ms(r.keystroke.pull.server.max)}`],
    [
      '   pull, round trip p50 / p99 / max',
      (r) =>
        `${ms(r.keystroke.pull.roundTrip.p50)} / ${ms(r.keystroke.pull.roundTrip.p99)} / ${ms(r.keystroke.pull.roundTrip.max)}`,
    ],
    [
      '   pull, server p99: prose / flip / hot-key flip',
      (r) => ['prose', 'flip', 'hot'].map((k) => ms(r.keystroke.pull.byKind[k]?.serverP99 ?? NaN)).join(' / '),
    ],
    [
      '   + workspace pull open (VS Code): edits, files',
      (r) =>
        `${r.keystroke.pullWithWorkspace.edits} edits, ${r.keystroke.pullWithWorkspace.workspaceItems} file reports`,
    ],
    [
      '   + workspace pull: server p50 / p99',
      (r) =>
        `${ms(r.keystroke.pullWithWorkspace.keystroke.server.p50)} / ${ms(r.keystroke.pullWithWorkspace.keystroke.server.p99)}`,
    ],
    [
      '   + workspace pull: round trip p50 / p99 / max',
      (r) =>
        `${ms(r.keystroke.pullWithWorkspace.keystroke.roundTrip.p50)} / ${ms(r.keystroke.pullWithWorkspace.keystroke.roundTrip.p99)} / ${ms(r.keystroke.pullWithWorkspace.keystroke.roundTrip.max)}`,
    ],
    ['   + workspace pull: longest event-loop stall', (r) => ms(r.keystroke.pullWithWorkspace.longestStallMs, 0)],
    ['   push: all files published after indexing', (r) => ms(r.keystroke.allPublishedMs, 0)],
    ...(['all', 'open'] as const).map((publish): [string, (r: SizeResult) => string] => [
      `   push, publish ${publish}, typing from the end of indexing: round trip p50 / p99 / max`,
      (r) => {
        const w = r.keystroke.pushWave.find((x) => x.publish === publish);
        return w ? `${ms(w.roundTrip.p50)} / ${ms(w.roundTrip.p99)} / ${ms(w.roundTrip.max)}` : '–';
      },
    ]),
    [
      '   push: didOpen → its diagnostics, p50 / max',
      (r) =>
        r.keystroke.pushOpenToDiagnostics
          ? `${ms(r.keystroke.pushOpenToDiagnostics.p50, 0)} / ${ms(r.keystroke.pushOpenToDiagnostics.max, 0)}`
          : 'n/a',
    ],
    [
      '   push: edits measured (time-boxed)',
      (r) =>
        r.keystroke.push
          ? `${r.keystroke.pushEdits}${r.keystroke.pushCensoredMs !== undefined ? `, then one waited > ${ms(r.keystroke.pushCensoredMs, 0)}` : ''}`
          : r.errors.some((e) => e.startsWith('push'))
            ? 'FAILED (see errors)'
            : 'n/a (skipped)',
    ],
    [
      '   push, server p50 / p99 / max',
      (r) =>
        r.keystroke.push
          ? `${ms(r.keystroke.push.server.p50)} / ${ms(r.keystroke.push.server.p99)} / ${ms(r.keystroke.push.server.max)}`
          : 'n/a',
    ],
    [
      '   push, round trip p50 / p99 / max',
      (r) =>
        r.keystroke.push
          ? `${ms(r.keystroke.push.roundTrip.p50)} / ${ms(r.keystroke.push.roundTrip.p99)} / ${ms(r.keystroke.push.roundTrip.max)}`
          : 'n/a',
    ],
    [
      '   push, server p99: prose / flip / hot-key flip',
      (r) =>
        r.keystroke.push
          ? ['prose', 'flip', 'hot'].map((k) => ms(r.keystroke.push!.byKind[k]?.serverP99 ?? NaN)).join(' / ')
          : 'n/a',
    ],
    [
      '4. hover, server p50 / p99',
      (r) => `${ms(r.features.hover.server.p50, 3)} / ${ms(r.features.hover.server.p99, 3)}`,
    ],
    [
      '   hover, round trip p50 / p99',
      (r) => `${ms(r.features.hover.roundTrip.p50, 3)} / ${ms(r.features.hover.roundTrip.p99, 3)}`,
    ],
    [
      '   hover on a hot-key claim, server p50 / p99',
      (r) => `${ms(r.features.hoverHotClaim.server.p50)} / ${ms(r.features.hoverHotClaim.server.p99)}`,
    ],
    ['   references to the hot key: locations', (r) => `${r.features.referencesLocations}`],
    [
      '   references, server p50 / p99',
      (r) => `${ms(r.features.references.server.p50)} / ${ms(r.features.references.server.p99)}`,
    ],
    [
      '   references, round trip p50 / p99',
      (r) => `${ms(r.features.references.roundTrip.p50)} / ${ms(r.features.references.roundTrip.p99)}`,
    ],
    [
      '   references µs per location (server / rt)',
      (r) =>
        `${r.features.referencesUsPerLocationServer.toFixed(2)} / ${r.features.referencesUsPerLocationRoundTrip.toFixed(2)}`,
    ],
    [
      '   completion, server p50 / p99',
      (r) => `${ms(r.features.completion.server.p50, 3)} / ${ms(r.features.completion.server.p99, 3)}`,
    ],
    [
      '   semantic tokens, server p50 / p99',
      (r) => `${ms(r.features.semanticTokens.server.p50, 3)} / ${ms(r.features.semanticTokens.server.p99, 3)}`,
    ],
    [
      '   claims matrix: sources × keys, cells, JSON',
      (r) => `${r.matrix.sources} × ${r.matrix.rows}, ${r.matrix.cells}, ${(r.matrix.bytes / MiB).toFixed(1)} MiB`,
    ],
    [
      '   claims matrix, round trip first / again / after an edit',
      (r) => `${ms(r.matrix.firstMs, 0)} / ${ms(r.matrix.againMs, 0)} / ${ms(r.matrix.afterEditMs, 0)}`,
    ],
    ['   claims matrix, server p50 / max', (r) => `${ms(r.matrix.server.p50, 0)} / ${ms(r.matrix.server.max, 0)}`],
    [
      '5. steady heap after GC (÷ corpus bytes)',
      (r) => `${mib(r.memory.steadyHeap)} (${r.memory.heapPerCorpusByte.toFixed(2)}×)`,
    ],
    ['   heap above an idle server ÷ corpus bytes', (r) => `${r.memory.netHeapPerCorpusByte.toFixed(2)}×`],
    [
      '   + external (texts as UTF-8, line tables)',
      (r) => `${mib(r.memory.steadyExternal)}; heap + external ${r.memory.memoryPerCorpusByte.toFixed(2)}×`,
    ],
    ['   peak RSS (÷ corpus bytes)', (r) => `${mib(r.memory.peakRss)} (${r.memory.rssPerCorpusByte.toFixed(2)}×)`],
    [
      '   realistic front matter: heap+external ÷ corpus, open peak RSS',
      (r) =>
        `${r.open.realistic.memoryPerCorpusByte.toFixed(2)}×, ${mib(r.open.realistic.peakRss)} (${r.open.realistic.rssPerCorpusByte.toFixed(2)}×)`,
    ],
    [
      '   peak RSS: open / pull session / push session',
      (r) =>
        `${mib(r.memory.peakRssBySession.open)} / ${mib(r.memory.peakRssBySession.pull)} / ${mib(r.memory.peakRssBySession.push)}`,
    ],
    [
      `   peak RSS of an open without ${SERVER_NODE_FLAGS.join(' ')}`,
      (r) =>
        `${mib(r.memory.peakRssWithoutNodeFlags)} (${(r.memory.peakRssWithoutNodeFlags / r.corpus.bytes).toFixed(2)}×)`,
    ],
    ['6. longest event-loop stall, indexing pass', (r) => ms(r.stall.indexingMs, 0)],
    ['   longest stall, initialize → settled', (r) => ms(r.stall.untilSettledMs, 0)],
    [
      '7. suggested actors, 5 KB article: suggestions',
      (r) => `${r.suggest.suggestions} (${(r.suggest.articleBytes / 1024).toFixed(1)} KiB)`,
    ],
    ['   language service, median', (r) => msMd(r.suggest.serviceMs, r)],
    ['   suggester alone (known names given), median', (r) => msMd(r.suggest.suggesterMs, r)],
  ];
  const header = ['figure', ...results.map((r) => `n = ${r.n.toLocaleString('en-US')}`)];
  const body = rows.map(([label, f]) => [label, ...results.map((r) => f(r))]);
  const widths = header.map((_, c) => Math.max(header[c]!.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''];
  out.push('(md) = the duration in markdown-it parses of one article of the same corpus, same run.', '');
  const gw = Math.max(...goals.map((g) => g.goal.length));
  const dw = Math.max(...goals.map((g) => g.display.length));
  out.push(`${'goal'.padEnd(gw)}  ${'measured'.padEnd(dw)}  met?  on`);
  for (const g of goals)
    out.push(`${g.goal.padEnd(gw)}  ${g.display.padEnd(dw)}  ${g.met ? 'yes ' : 'NO  '}  ${g.measuredOn}`);
  return out.join('\n');
}

/** Every figure the harness must produce (for --ci): a path and its value. */
function figures(r: SizeResult): Array<[string, number]> {
  const lat = (name: string, l: Latency): Array<[string, number]> => [
    [`${name}.server.p50`, l.server.p50],
    [`${name}.server.p99`, l.server.p99],
    [`${name}.server.max`, l.server.max],
    [`${name}.roundTrip.p50`, l.roundTrip.p50],
    [`${name}.roundTrip.p99`, l.roundTrip.p99],
    [`${name}.roundTrip.max`, l.roundTrip.max],
  ];
  const feature = (name: string, f: Feature): Array<[string, number]> => [
    [`${name}.server.p50`, f.server.p50],
    [`${name}.server.p99`, f.server.p99],
    [`${name}.roundTrip.p50`, f.roundTrip.p50],
    [`${name}.roundTrip.p99`, f.roundTrip.p99],
  ];
  return [
    ['perFile.coreMiBs', r.perFile.coreMiBs],
    ['perFile.mdMiBs', r.perFile.mdMiBs],
    ['perFile.ratio', r.perFile.ratio],
    ['open.openMs', r.open.openMs],
    ['open.mdParseMs', r.open.mdParseMs],
    ['open.ratio', r.open.ratio],
    ['open.progressReports', r.open.progressReports > 0 ? r.open.progressReports : NaN],
    ['open.firstAnswerMs', r.open.firstAnswerMs],
    ['open.realistic.ratio', r.open.realistic.ratio],
    ['open.realistic.peakRss', r.open.realistic.peakRss],
    ...lat('keystroke.pull', r.keystroke.pull),
    ...lat('keystroke.pullWithWorkspace', r.keystroke.pullWithWorkspace.keystroke),
    ...(r.keystroke.push ? lat('keystroke.push', r.keystroke.push) : []),
    ...feature('hover', r.features.hover),
    ...feature('hoverHotClaim', r.features.hoverHotClaim),
    ...feature('references', r.features.references),
    ['references.perLocation', r.features.referencesUsPerLocationRoundTrip],
    ...feature('completion', r.features.completion),
    ...feature('semanticTokens', r.features.semanticTokens),
    ['matrix.bytes', r.matrix.bytes],
    ['matrix.firstMs', r.matrix.firstMs],
    ['matrix.againMs', r.matrix.againMs],
    ['matrix.afterEditMs', r.matrix.afterEditMs],
    ['memory.steadyHeap', r.memory.steadyHeap],
    ['memory.peakRss', r.memory.peakRss],
    ['stall.indexingMs', r.stall.indexingMs],
    ['suggest.serviceMs', r.suggest.serviceMs],
    ['suggest.suggesterMs', r.suggest.suggesterMs],
    ...(r.cli ?? []).flatMap((c): Array<[string, number]> => [
      [`cli.${c.format}.${c.sink}.wallMs`, c.wallMs],
      [`cli.${c.format}.${c.sink}.maxRss`, c.maxRss],
    ]),
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
    throw new Error('dist/server.js is missing: run `npm run build` first');
  if (args.pushWaveOnly) return pushWaveOnly(args);
  if (args.openOnly) return openOnly(args);
  if (args.pullOnly) return pullOnly(args);
  const md = new MarkdownIt();
  const mdVersion = (
    JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/markdown-it/package.json'), 'utf8')) as { version: string }
  ).version;
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? '?',
    memory: os.totalmem(),
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
    loadAverageAtEnd: [] as number[],
    markdownIt: mdVersion,
  };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  log(
    `node ${machine.node}, ${machine.nproc} cores, load ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}, markdown-it ${mdVersion}; sizes ${args.sizes.join(', ')}`,
  );
  const started = performance.now();
  const results: SizeResult[] = [];
  const errors: string[] = [];
  let idle = { heapUsed: NaN, external: NaN, maxRss: NaN };
  const modelLoad = modelLoadRuns(args.quick ? 3 : 7);
  log(
    `suggested actors: model load ${median(modelLoad).toFixed(1)} ms (median of ${modelLoad.length} fresh processes)`,
  );
  try {
    idle = await idleServer(root);
    log(
      `idle server: heap ${(idle.heapUsed / MiB).toFixed(1)} MiB after GC, peak RSS ${(idle.maxRss / MiB).toFixed(0)} MiB`,
    );
    for (const n of args.sizes) {
      try {
        results.push(await benchSize(n, root, args, md, idle));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        errors.push(`n=${n}: ${message}`);
        log(`n = ${n} FAILED: ${message}`);
      }
    }
  } finally {
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  }
  machine.loadAverageAtEnd = os.loadavg();
  const totalMs = performance.now() - started;
  const goals = results.length > 0 ? evaluateGoals(results) : [];
  if (results.length > 0) {
    console.log('');
    console.log(table(results, goals));
    if (results.some((r) => r.cli)) console.log('\n' + cliTable(results));
  }
  console.log(
    `\nsuggested actors, one-time model load (parse the weights, build the table): median ${median(modelLoad).toFixed(1)} ms, ${Math.min(...modelLoad).toFixed(1)}–${Math.max(...modelLoad).toFixed(1)} ms over ${modelLoad.length} fresh processes`,
  );
  for (const e of [...errors, ...results.flatMap((r) => r.errors.map((x) => `n=${r.n}: ${x}`))])
    console.log(`error: ${e}`);
  console.log(
    `\nnode ${machine.node}, ${machine.nproc} cores (${machine.cpu}), load average ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${machine.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' ')} at end; total ${(totalMs / 1000).toFixed(0)} s`,
  );

  const out =
    args.out ??
    (args.ci
      ? path.join(os.tmpdir(), `corroborate-bench-${process.pid}.json`)
      : path.join(REPO, 'bench/results', `${machine.date.replace(/[:.]/g, '-')}.json`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      { machine, args, totalMs, idleServer: idle, suggestModelLoadMs: modelLoad, goals, results, errors },
      null,
      2,
    ) + '\n',
  );
  if (args.ci && args.out === undefined) {
    // CI proves that the JSON is written and reads back; it keeps no file.
    JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    console.log('results JSON written and read back (--ci: not kept)');
  } else console.log(`results written to ${path.relative(process.cwd(), out) || out}`);

  if (args.ci) {
    const missing = [...errors];
    for (const n of args.sizes) {
      const r = results.find((x) => x.n === n);
      if (!r) continue;
      missing.push(...r.errors.map((e) => `n=${n}: ${e}`));
      for (const [name, v] of figures(r)) if (!Number.isFinite(v)) missing.push(`n=${n}: ${name} is missing`);
    }
    if (goals.some((g) => !Number.isFinite(g.value))) missing.push('a goal could not be evaluated');
    if (!Number.isFinite(median(modelLoad))) missing.push('suggest.modelLoadMs is missing');
    // Numbers never gate CI: this passes whenever every figure was produced.
    console.log(
      `CORROBORATE-RESULT ${JSON.stringify({ passed: missing.length === 0 ? 1 : 0, failed: missing.length === 0 ? 0 : 1, failures: missing.length === 0 ? [] : [`benchmark harness: ${missing.slice(0, 10).join('; ')}`] })}`,
    );
  } else if (errors.length > 0 || results.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  if (process.argv.includes('--ci'))
    console.log(
      `CORROBORATE-RESULT ${JSON.stringify({ passed: 0, failed: 1, failures: [`benchmark harness: ${e instanceof Error ? e.message : String(e)}`] })}`,
    );
  process.exit(1);
});
