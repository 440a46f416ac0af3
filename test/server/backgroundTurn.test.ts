import * as assert from 'node:assert/strict';
import { backgroundTurn } from '../../server/src/timeSlice';

/**
 * The turns of the background work (timeSlice.ts): one per pass of the event loop for all background tasks
 * together, an urgent waiter first, so that a message read while a slice runs (dispatched by vscode-jsonrpc in a
 * `setImmediate`) waits for that slice only, not for a slice of every background task.
 */
describe('background turns', () => {
  it('a message read during a slice is dispatched before the next slice of any background task', async () => {
    const order: string[] = [];
    const task = async (name: string, onFirst?: () => void): Promise<void> => {
      for (let i = 0; i < 2; i++) {
        await backgroundTurn();
        order.push(`${name}${i}`);
        if (i === 0) onFirst?.();
      }
    };
    // The message arrives while a's first slice runs: its dispatch is queued as vscode-jsonrpc queues it.
    await Promise.all([task('a', () => setImmediate(() => order.push('message'))), task('b'), task('c')]);
    assert.deepEqual(order, ['a0', 'message', 'b0', 'c0', 'a1', 'b1', 'c1']);
  });

  it('a waiter whose urgent() is true takes the next turn', async () => {
    const order: string[] = [];
    let pending = false;
    const urgent = (): boolean => pending;
    await Promise.all([
      backgroundTurn().then(() => {
        order.push('a');
        // An edited file waits from now on: the flush's turn comes before b's.
        pending = true;
      }),
      backgroundTurn().then(() => order.push('b')),
      backgroundTurn(urgent).then(() => {
        order.push('flush');
        pending = false;
      }),
    ]);
    assert.deepEqual(order, ['a', 'flush', 'b']);
  });
});
