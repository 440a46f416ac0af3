import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFolders, type LoadSink } from '../../server/src/loader';

/** The loader alone (server/src/loader.ts), with a sink that records what it is given. */
describe('loader', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-loader-'));
    fs.writeFileSync(path.join(dir, 'a.seed.md'), 'A [x]{.claim by=outlet}\n');
    fs.writeFileSync(path.join(dir, 'b.seed.md'), 'B\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function sink(isOpen: (uri: string) => boolean): LoadSink & { sources: string[] } {
    const sources: string[] = [];
    return {
      sources,
      registry: () => undefined,
      source: (uri) => void sources.push(path.basename(uri)),
      progress: () => undefined,
      isOpen,
      unreadable: () => undefined,
    };
  }

  it('reads every source that is not open', async () => {
    const s = sink(() => false);
    assert.equal(await loadFolders([dir], s, { isCancellationRequested: false }), true);
    assert.deepEqual(s.sources.sort(), ['a.seed.md', 'b.seed.md']);
  });

  it('does not give the disk text of a file that was opened while it was being read (the editor text wins)', async () => {
    // a.seed.md is closed when its read starts and open when the read completes.
    const asked = new Map<string, number>();
    const s = sink((uri) => {
      const n = (asked.get(uri) ?? 0) + 1;
      asked.set(uri, n);
      return uri.endsWith('/a.seed.md') && n > 1;
    });
    await loadFolders([dir], s, { isCancellationRequested: false });
    assert.ok(
      (asked.get([...asked.keys()].find((u) => u.endsWith('/a.seed.md'))!) ?? 0) >= 2,
      'asked again after the read',
    );
    assert.deepEqual(s.sources, ['b.seed.md']);
  });
});
