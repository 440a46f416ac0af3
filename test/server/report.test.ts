import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportRequest } from '../../common/protocol';
import { REPO, seedFiles, TestClient, writeWorkspace } from '../helpers/lspClient';

/** The `corroborate/report` request, over stdio against the bundled server, as *Export Report…* sends it. */
describe('language server: corroborate/report', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;
  const files = seedFiles('news');
  const seeds = Object.keys(files).map((f) => path.basename(f));

  before(async () => {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
    dir = writeWorkspace(files);
    client = new TestClient(dir, { pull: true });
    await client.initialize();
    await client.waitForIndex(seeds.length - 1);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers with the whole page: every source by its path in the workspace folder, the styles, the conflict', async () => {
    const result = await client.connection.sendRequest(ReportRequest, { title: 'News & views' });
    assert.equal(result.complete, true);
    assert.match(result.html, /^<!DOCTYPE html>\n/);
    assert.ok(result.html.trimEnd().endsWith('</html>'));
    assert.ok(result.html.includes('<title>News &amp; views</title>'));
    const sources = seeds.filter((f) => f.endsWith('.seed.md'));
    assert.ok(result.html.includes(`<dd data-count="sources">${sources.length}</dd>`));
    for (const f of sources) assert.ok(result.html.includes(`<code>news/${f}</code>`), f);
    assert.match(result.html, /<tr data-status="conflicting" data-key="nato\.spending-target">/);
    // client/media/preview.css, read by the server from the install.
    const css = fs.readFileSync(path.join(REPO, 'client/media/preview.css'), 'utf8');
    assert.ok(result.html.includes(css.trim()));
  });

  it('ignores a title that is not a string', async () => {
    const result = await client.connection.sendRequest(ReportRequest, { title: 5 as unknown as string });
    assert.ok(result.html.includes('<title>Corroborate report</title>'));
  });
});
