import * as fs from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { PerfRequest, type PerfParams, type PerfReport, type TimingSummary } from '../../common/protocol';

/**
 * Instrumentation for the benchmark (`npm run bench`, docs/benchmarks.md).
 *
 * Off unless the client passes `initializationOptions: { collectTimings: true }`;
 * then it records handler durations, the latency from a `didChange` to the
 * diagnostics of the edited file, the event-loop delay and memory, and answers
 * `corroborate/perf` with them. Off, each hook costs one boolean test and the
 * request is not registered.
 *
 * Keystroke latency, per edited file:
 * - pull: the time spent handling the change (re-indexing the file) plus the
 *   time spent answering the next document pull for it (`keystroke.pull`);
 * - push: the wall time from the change to the `publishDiagnostics` of that
 *   file leaving the server (`keystroke.push`), queueing included; `enable`
 *   wraps `connection.sendDiagnostics` to see it.
 */
export class Perf {
  private enabled = false;
  private readonly samples = new Map<string, number[]>();
  /** Event-loop delay since the last reset (requested by the client). */
  private loop: IntervalHistogram | undefined;
  /** Event-loop delay since the current phase started. */
  private phaseLoop: IntervalHistogram | undefined;
  private readonly phaseStarts = new Map<string, { at: number; cpu: NodeJS.CpuUsage; mainCpu: number | undefined }>();
  private readonly phases: PerfReport['phases'] = {};
  /** Garbage collections during the current phase: the longest pause and their sum (ms). */
  private phaseGc = { max: 0, sum: 0 };
  /** Edited files whose diagnostics were not asked for or sent yet. */
  private readonly pending = new Map<string, { start: number; busy: number }>();

  /** What the report says of the texts kept compressed (set by the server state). */
  texts: (() => NonNullable<PerfReport['texts']>) | undefined;

  get on(): boolean {
    return this.enabled;
  }

  /** Turns recording on (at `initialize`, when the client asked for it). */
  enable(connection: Connection): void {
    if (this.enabled) return;
    this.enabled = true;
    this.loop = monitorEventLoopDelay({ resolution: 1 });
    this.phaseLoop = monitorEventLoopDelay({ resolution: 1 });
    this.loop.enable();
    this.phaseLoop.enable();
    // A GC pause stalls the event loop as a long step does: record them to tell one from the other.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        this.phaseGc.max = Math.max(this.phaseGc.max, e.duration);
        this.phaseGc.sum += e.duration;
      }
    }).observe({ entryTypes: ['gc'] });
    connection.onRequest(PerfRequest, (p) => this.report(p));
    // Push mode: the diagnostics of an edited file are fresh when they leave the server.
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = (params: PublishDiagnosticsParams): Promise<void> => {
      const edit = this.pending.get(params.uri);
      if (edit) {
        this.pending.delete(params.uri);
        this.record('keystroke.push', performance.now() - edit.start);
      }
      return send(params);
    };
  }

  /**
   * When a request wrapped by {@link timed} (hover, references, completion, semantic tokens, diagnostics: what a
   * user waits for) last arrived, timings on or off (`performance.now()`; -Infinity before the first): background
   * work that can wait does so while they come (textCompression.ts).
   */
  lastRequestAt = -Infinity;

  /** Wraps a handler so that its duration (until its promise settles, if it returns one) is recorded under `name`. */
  timed<A extends unknown[], R>(
    name: string,
    handler: (...args: A) => R,
    uriOf?: (...args: A) => string,
  ): (...args: A) => R {
    return (...args: A): R => {
      this.lastRequestAt = performance.now();
      if (!this.enabled) return handler(...args);
      const start = performance.now();
      const end = (): void => {
        const ms = performance.now() - start;
        this.record(name, ms);
        const uri = uriOf?.(...args);
        const edit = uri === undefined ? undefined : this.pending.get(uri);
        if (uri !== undefined && edit) {
          this.pending.delete(uri);
          this.record('keystroke.pull', edit.busy + ms);
        }
      };
      const result = handler(...args);
      if (result instanceof Promise) void result.then(end, end);
      else end();
      return result;
    };
  }

  /** Runs the handling of an edit of `uri`, timing it (`didChange`) and opening its keystroke measurement. */
  edit(uri: string, apply: () => void): void {
    if (!this.enabled) return apply();
    const start = performance.now();
    apply();
    const busy = performance.now() - start;
    this.record('didChange', busy);
    const earlier = this.pending.get(uri);
    // Several edits before the diagnostics: the latency runs from the first one.
    this.pending.set(uri, earlier ? { start: earlier.start, busy: earlier.busy + busy } : { start, busy });
  }

  phaseStart(name: string): void {
    if (!this.enabled) return;
    this.phaseStarts.set(name, { at: performance.now(), cpu: process.cpuUsage(), mainCpu: mainThreadCpuMs() });
    this.phaseLoop!.reset();
    this.phaseGc = { max: 0, sum: 0 };
  }

  phaseEnd(name: string): void {
    const start = this.phaseStarts.get(name);
    if (!this.enabled || start === undefined) return;
    this.phaseStarts.delete(name);
    const cpu = process.cpuUsage(start.cpu);
    const mainCpu = mainThreadCpuMs();
    this.phases[name] = {
      ms: performance.now() - start.at,
      maxStallMs: this.phaseLoop!.max / 1e6,
      maxGcMs: this.phaseGc.max,
      gcMs: this.phaseGc.sum,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(mainCpu !== undefined && start.mainCpu !== undefined ? { mainThreadCpuMs: mainCpu - start.mainCpu } : {}),
    };
  }

  private record(name: string, ms: number): void {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
  }

  private report(params: PerfParams | undefined): PerfReport {
    const gc = (globalThis as { gc?: () => void }).gc;
    const gcRan = params?.gc === true && gc !== undefined;
    if (gcRan) {
      gc();
      gc();
    }
    const memory = process.memoryUsage();
    const loop = this.loop!;
    const report: PerfReport = {
      timings: Object.fromEntries([...this.samples].map(([name, list]) => [name, summarize(list)])),
      eventLoop: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: loop.mean / 1e6 },
      phases: { ...this.phases },
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      rss: memory.rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      gcRan,
      ...(this.texts ? { texts: this.texts() } : {}),
    };
    if (params?.samples)
      report.samples = Object.fromEntries([...this.samples].map(([name, list]) => [name, [...list]]));
    if (params?.reset) {
      this.samples.clear();
      loop.reset();
    }
    return report;
  }
}

/** count, p50, p99 (nearest rank), max and mean of durations in ms. */
export function summarize(list: readonly number[]): TimingSummary {
  if (list.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...list].sort((a, b) => a - b);
  const rank = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return {
    count: sorted.length,
    p50: rank(0.5),
    p99: rank(0.99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/**
 * CPU time of the main thread so far, in ms (10 ms resolution), where Linux tells it (`/proc/self/task/<pid>/stat`:
 * the main thread's id is the process id); undefined elsewhere. `process.cpuUsage()` counts every thread.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3: utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
