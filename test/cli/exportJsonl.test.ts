import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';
import { removeTemps, ROOT, runCli, tempDir } from '../helpers/cliRun';

/** `corroborate export --format jsonl`: the core's JSONL export (features/export/jsonl.ts) from the command line. */
describe('corroborate export --format jsonl', function () {
  this.timeout(60_000);
  after(removeTemps);

  it('prints one claim per line of the seeds, and writes the same to -o FILE', async () => {
    const r = await runCli(['export', 'seeds', '--format', 'jsonl'], ROOT);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.pop(), '');
    const index = buildIndex(seedTexts(), seedsRoot());
    const claims = index.sourceUris().flatMap((u) => index.getSource(u)!.claims);
    assert.equal(lines.length, claims.length);
    const records = lines.map((l) => JSON.parse(l) as { source: string; claim: string | null; key: string | null });
    assert.ok(records.some((x) => x.source === 'transatlantic-rift' && x.claim === 'hague-5pc'));
    const file = path.join(tempDir(), 'claims.jsonl');
    assert.equal((await runCli(['export', 'seeds', '--format', 'jsonl', '-o', file], ROOT)).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), r.stdout);
  });
});
