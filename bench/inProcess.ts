import * as os from 'node:os';
import { performance } from 'node:perf_hooks';

/** What the in-process profiles (frontMatter.ts, mainThread.ts) share: medians, timing, the machine's load. */

/** The median of `xs` (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** How long `f` takes, in ms. */
export function time(f: () => void): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

/** Prints the load average (1, 5, 15 minutes): what else ran while the figures were taken. */
export function printLoad(): void {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
