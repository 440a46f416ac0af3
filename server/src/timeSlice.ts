/**
 * Long work in the server (indexing, workspace pulls, push publication) runs
 * in slices of at most SLICE_MS and yields to the event loop between them,
 * so that a request waits for at most one slice.
 */

/** Longest stretch of work between two yields to the event loop (ms). */
export const SLICE_MS = 8;

/** Lets pending I/O and requests run before the work goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
