/**
 * Long work in the server (indexing, workspace pulls, push publication) runs
 * in slices of at most SLICE_MS and yields to the event loop between them,
 * so that a request waits for at most one slice.
 */

/** Longest stretch of work between two yields to the event loop (ms). */
export const SLICE_MS = 8;

/** Lets pending I/O and requests run before the work goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a computation given as steps (a generator: each `next()` a bounded piece of work, the last returning the
 * result) in slices of at most SLICE_MS, yielding to the event loop between them; stops with `cancelled()` once
 * `token` is cancelled (checked between slices).
 */
export async function runInSlices<T>(
  steps: Generator<void, T>,
  token: { readonly isCancellationRequested: boolean } | undefined,
  cancelled: () => Error,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      if (token?.isCancellationRequested) {
        steps.return(undefined as never);
        throw cancelled();
      }
      sliceStart = performance.now();
    }
  }
}
