import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/cliRun';

/**
 * docs/interop.md: its examples are what `corroborate export` writes now
 * (scripts/interop-examples.mjs --check renders every example block again
 * from the bundled CLI and compares), so the doc cannot go stale.
 */
describe('docs/interop.md', function () {
  this.timeout(120_000);

  it('shows each format as the export writes it now', async () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'interop.md'), 'utf8');
    const blocks = doc.match(/^<!-- example: /gm) ?? [];
    assert.ok(blocks.length >= 8, `${blocks.length} examples`);
    for (const format of ['csv', 'brat', 'w3c', 'schema'])
      assert.ok(doc.includes(`--format ${format} |`), `an example of ${format}`);
    const r = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'scripts', 'interop-examples.mjs'), '--check'], (e, stdout, stderr) =>
        resolve({ code: e ? ((e.code as number) ?? 1) : 0, out: stdout + stderr }),
      ),
    );
    assert.equal(r.code, 0, r.out);
  });
});
