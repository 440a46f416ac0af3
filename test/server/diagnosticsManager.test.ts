import * as assert from 'node:assert/strict';
import { CancellationTokenSource, type Connection } from 'vscode-languageserver/node';
import { createLanguageService, WorkspaceIndex } from '../../server/src/core';
import { DiagnosticsManager } from '../../server/src/diagnosticsManager';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

/**
 * The workspace pull's partial results are paced by the client: the next
 * files are computed only once the previous chunk has been sent, so a client
 * that reads slowly cannot make the server queue the whole workspace in memory.
 */
describe('workspace pull (DiagnosticsManager)', () => {
  it('computes the next chunk only after the previous one was sent, and still reports every file once', async () => {
    const index = new WorkspaceIndex({ folders: ['file:///ws'] });
    index.setRegistry('file:///ws/entities.yaml', 'actors:\n  rutte:\n    name: Mark Rutte\n    kind: person\n');
    const files = 4000;
    for (let i = 0; i < files; i++) {
      index.setSourceBytes(
        `file:///ws/s${i}.seed.md`,
        Buffer.from(
          `---\nid: s${i}\n---\n\n[Mark Rutte]{.actor ref=rutte} said [it is ${i}]{.claim key=k value=${i % 3} by=rutte}. [Someone]{.actor}\n`,
        ),
      );
    }
    // Only the pull is used: no connection call is expected.
    const manager = new DiagnosticsManager(
      {} as Connection,
      createLanguageService(index),
      'pull',
      false,
      () => Promise.resolve(DEFAULT_SETTINGS),
      () => null,
    );
    const events: string[] = [];
    const reported: string[] = [];
    let pending = 0;
    const report = await manager.workspaceReport([], new CancellationTokenSource().token, {
      report: async (chunk) => {
        events.push(`report while ${pending} pending`);
        pending++;
        for (const item of chunk.items) reported.push(item.uri);
        // A slow client: the chunk is "sent" 20 ms later.
        await new Promise((resolve) => setTimeout(resolve, 20));
        pending--;
      },
    });
    assert.deepEqual(report.items, [], 'everything was streamed');
    assert.ok(events.length > 3, `only ${events.length} chunks: the pull should take several 8 ms slices`);
    assert.deepEqual(
      events,
      events.map(() => 'report while 0 pending'),
    );
    assert.equal(reported.length, files + 1);
    assert.equal(new Set(reported).size, files + 1);
  });
});
