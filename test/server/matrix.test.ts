import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { decodeMatrix, type ClaimsMatrix, type WireMatrix } from '../../common/matrix';
import { ClaimsMatrixRequest, MatrixCellRequest } from '../../common/protocol';
import { generateCorpus } from '../../bench/generate';
import { fileUri, REPO, seedFiles, TestClient, writeWorkspace } from '../helpers/lspClient';

/** `corroborate/claimsMatrix` and `corroborate/matrixCell`, over stdio against the bundled server, as the view sends them. */
describe('language server: the claims matrix requests', function () {
  this.timeout(120000);

  before(() => {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });

  describe('on the seeds', () => {
    let dir: string;
    let client: TestClient;
    const files = seedFiles();
    const matrix = async (): Promise<ClaimsMatrix> =>
      decodeMatrix(JSON.parse(await client.connection.sendRequest(ClaimsMatrixRequest)) as WireMatrix);

    before(async () => {
      dir = writeWorkspace(files);
      client = new TestClient(dir, { pull: true });
      await client.initialize();
      await client.waitForIndex(Object.keys(files).length - 1);
    });
    after(async () => {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sends the matrix as JSON text of the wire format, with the seeds’ conflict', async () => {
      const m = await matrix();
      const row = m.rows.find((r) => r.key === 'nato.spending-target')!;
      assert.equal(row.status, 'conflicting');
      const values = (id: string): string[] =>
        row.cells.find((c) => m.sources[c.source]!.id === id)?.claims.map((c) => c.value) ?? [];
      assert.ok(values('can-nato-survive').some((v) => v.startsWith('2%')));
      assert.ok(values('transatlantic-rift').some((v) => v.startsWith('5%')));
    });

    it('gives a cell’s claims in detail: ranges that hold the claims, and who contradicts them', async () => {
      const m = await matrix();
      const source = m.sources.find((s) => s.id === 'can-nato-survive')!;
      const claims = await client.connection.sendRequest(MatrixCellRequest, {
        key: 'nato.spending-target',
        uri: source.uri,
      });
      assert.ok(claims.length >= 1);
      const text = fs.readFileSync(path.join(dir, '004-can-nato-survive.seed.md'), 'utf8').split(/\r?\n/);
      for (const c of claims) {
        assert.equal(c.range.start.line, c.range.end.line);
        const line = text[c.range.start.line]!;
        assert.ok(line.slice(c.range.start.character, c.range.end.character).startsWith('['), line);
        assert.ok(line.slice(c.range.start.character, c.range.end.character).includes('key=nato.spending-target'));
      }
      assert.ok(
        claims.some((c) => c.conflictsWith.includes('transatlantic-rift')),
        JSON.stringify(claims.map((c) => c.conflictsWith)),
      );
      assert.deepEqual(
        await client.connection.sendRequest(MatrixCellRequest, { key: 'no.such-key', uri: source.uri }),
        [],
      );
    });

    it('is prepared after indexing for a client with a matrix view, and the first request gets that text', async () => {
      const prepared = new TestClient(dir, { pull: true, initializationOptions: { prepareClaimsMatrix: true } });
      try {
        await prepared.initialize();
        await prepared.waitForIndex(Object.keys(files).length - 1);
        const log = await prepared.waitFor('the matrix prepared', () =>
          prepared.logs.find((l) => l.startsWith('corroborate: prepared the claims matrix')),
        );
        const json = await prepared.connection.sendRequest(ClaimsMatrixRequest);
        assert.match(log, new RegExp(`\\(${json.length.toLocaleString('en-US')} characters\\)`));
        assert.deepEqual(decodeMatrix(JSON.parse(json) as WireMatrix), await matrix());
      } finally {
        assert.equal(await prepared.shutdown(), 0);
      }
      // Not prepared for a client without the view.
      assert.ok(!client.logs.some((l) => l.includes('prepared the claims matrix')), client.logs.join('\n'));
    });

    it('follows an edit: the next matrix has the new value', async () => {
      const uri = fileUri(dir, '004-can-nato-survive.seed.md');
      const text = fs.readFileSync(path.join(dir, '004-can-nato-survive.seed.md'), 'utf8');
      const at = text.indexOf('key=nato.spending-target');
      assert.ok(at > 0);
      const end = text.indexOf('}', at);
      const edited = `${text.slice(0, at)}key=nato.spending-target value="9%"${text.slice(end)}`;
      await client.open(uri, text, 1);
      await client.change(uri, 2, edited);
      const m = await matrix();
      const row = m.rows.find((r) => r.key === 'nato.spending-target')!;
      const cell = row.cells.find((c) => m.sources[c.source]!.id === 'can-nato-survive')!;
      assert.ok(
        cell.claims.some((c) => c.value === '9%'),
        JSON.stringify(cell.claims.map((c) => c.value)),
      );
    });
  });

  describe('on 3,000 generated articles', () => {
    let dir: string;
    let client: TestClient;

    before(async () => {
      dir = writeWorkspace({});
      const info = generateCorpus(dir, 3000, 5);
      client = new TestClient(dir, { pull: true });
      await client.initialize();
      await client.waitForIndex(info.files.length, 90000);
    });
    after(async () => {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers a hover sent while the matrix is built before the matrix (the build is sliced)', async () => {
      const file = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .find((f) => f.endsWith('.seed.md'))!;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const at = text.indexOf('{.actor');
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - text.lastIndexOf('\n', at - 1) - 2;
      const order: string[] = [];
      const built = client.connection.sendRequest(ClaimsMatrixRequest).then((json) => {
        order.push('matrix');
        return json;
      });
      const hover = client.connection
        .sendRequest(HoverRequest.type, { textDocument: { uri: fileUri(dir, file) }, position: { line, character } })
        .then((h) => {
          order.push('hover');
          return h;
        });
      const [json, h] = await Promise.all([built, hover]);
      assert.ok(h, 'no hover on the first actor mention');
      assert.deepEqual(order, ['hover', 'matrix']);
      assert.ok(decodeMatrix(JSON.parse(json) as WireMatrix).sources.length > 2000);
    });

    it('stops building when the request is cancelled', async () => {
      // An edit first, so that the matrix is not the one kept from the test above.
      const file = fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .find((f) => f.endsWith('.seed.md'))!;
      const uri = fileUri(dir, file);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      await client.open(uri, text, 1);
      await client.change(uri, 2, `${text}\nA new paragraph.\n`);
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(ClaimsMatrixRequest, source.token);
      setImmediate(() => source.cancel());
      await assert.rejects(
        pending,
        (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled,
      );
    });
  });
});
