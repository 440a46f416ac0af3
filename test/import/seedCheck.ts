import * as assert from 'node:assert/strict';
import { createLanguageService, WorkspaceIndex } from '../../server/src/core';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { readBackBlocks } from '../../server/src/import';

/** The core's error diagnostics of `text` as a lone seed. */
export function seedErrors(text: string, name = 'imported.seed.md'): string[] {
  const service = createLanguageService(new WorkspaceIndex({ folders: ['file:///ws'] }));
  const uri = `file:///ws/${name}`;
  service.workspace.setSource(uri, text);
  return service
    .diagnostics(uri)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

/** Asserts that the seed has no error and that its prose reads back as `blocks`. */
export function assertSeedReadsBack(text: string, blocks: string[]): void {
  assert.deepEqual(seedErrors(text), []);
  const parsed = parseText(text);
  assert.equal(parsed.problems.length, 0, JSON.stringify(parsed.problems));
  assert.equal(parsed.spans.length, 0, 'the imported prose holds no span');
  assert.equal(parsed.code.length, 0, 'the imported prose holds no code');
  assert.deepEqual(readBackBlocks(stripMarkup(text, parsed)), blocks);
}
