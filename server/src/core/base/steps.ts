/**
 * Computations given as steps: a generator whose every `next()` is a bounded piece of work and whose last returns
 * the result. A server runs them a step at a time between other work (server/src/timeSlice.ts); the core's
 * one-call forms run them to the end with {@link finish}.
 */

/** Runs steps to the end. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
