import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ExportFormatsRequest, ExportRequest } from '../../common/protocol';
import { TestClient, writeWorkspace } from '../helpers/lspClient';

/** `corroborate/exportFormats` and `corroborate/export`, over stdio against the bundled server, as *Export Annotations…* sends them. */
describe('language server: corroborate/export', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = writeWorkspace({
      'entities.yaml': 'actors:\n  rutte:\n    name: Mark Rutte\n    kind: person\n    wikidata: Q57792\n',
      'a.seed.md': '[Rutte]{.actor ref=rutte} said [it]{.claim #c by=rutte key=k value="5, or 6"}.\n',
    });
    client = new TestClient(dir, { pull: true });
    await client.initialize();
    await client.waitForIndex(1);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the formats, one-file formats with their extension', async () => {
    const formats = await client.connection.sendRequest(ExportFormatsRequest);
    assert.deepEqual(
      formats.map((f) => [f.name, f.multiFile, f.extension]),
      [
        ['csv', true, undefined],
        ['brat', true, undefined],
        ['w3c', false, 'jsonld'],
        ['schema', false, 'jsonld'],
        ['jsonl', false, 'jsonl'],
      ],
    );
  });

  it('returns the files of a format, and an error for an unknown one', async () => {
    const csv = await client.connection.sendRequest(ExportRequest, { format: 'csv' });
    assert.ok(!('error' in csv));
    assert.deepEqual(
      csv.files.map((f) => f.path),
      ['claims.csv', 'mentions.csv'],
    );
    const claims = csv.files[0]!.text.split('\r\n');
    assert.match(claims[1]!, /^"a","c","k","5, or 6",/);
    const brat = await client.connection.sendRequest(ExportRequest, { format: 'brat' });
    assert.ok(!('error' in brat));
    assert.equal(brat.files.find((f) => f.path === 'a.ann')!.text.split('\n')[0], 'T1\tperson 0 5\tRutte');
    assert.deepEqual(await client.connection.sendRequest(ExportRequest, { format: 'xml' }), {
      error: "unknown export format 'xml'",
    });
  });
});
