/**
 * Long work in the server (indexing, workspace pulls, push publication) runs
 * in slices of at most SLICE_MS and yields to the event loop between them,
 * so that a request waits for at most one slice.
 */

/** Longest stretch of work between two yields to the event loop (ms). */
export const SLICE_MS = 8;

/** Lets pending I/O and requests run before the work goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Background work waiting for its turn (see {@link backgroundTurn}). */
const lane: Array<{ resolve: () => void; urgent?: () => boolean }> = [];
let turnScheduled = false;

/**
 * Waits for the background work's next turn: one turn per pass of the event loop, for all background work of the
 * process together (the push wave, the preparation after a pass, the suggestion hints), in the order asked, except
 * that a waiter whose `urgent()` is true goes first (the publication of an edited file). Between two turns pending
 * I/O is read and its messages dispatched: a message that arrives (a keystroke's `didChange`) waits for the slice in
 * progress only, not for a slice of each background task, as it did when each yielded on its own (the
 * `setImmediate` callbacks queued before a message's dispatch all run before it).
 */
export function backgroundTurn(urgent?: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    lane.push(urgent ? { resolve, urgent } : { resolve });
    if (!turnScheduled) {
      turnScheduled = true;
      scheduleTurn();
    }
  });
}

/**
 * The next turn, two passes of the event loop from now: an immediate queued now would run before the I/O that the
 * next pass reads is dispatched (vscode-jsonrpc dispatches each message in an immediate queued when it is read), so
 * the turn is taken from an immediate queued in the next pass, after that dispatch.
 */
function scheduleTurn(): void {
  setImmediate(() => setImmediate(nextTurn));
}

function nextTurn(): void {
  const i = Math.max(
    0,
    lane.findIndex((w) => w.urgent?.() === true),
  );
  const [waiter] = lane.splice(i, 1);
  if (lane.length > 0) scheduleTurn();
  else turnScheduled = false;
  waiter?.resolve();
}

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
