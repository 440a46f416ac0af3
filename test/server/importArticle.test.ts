import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportArticleRequest } from '../../common/protocol';
import { REPO, TestClient, writeWorkspace } from '../helpers/lspClient';
import { assertSeedReadsBack } from '../import/seedCheck';

/** The `corroborate/importArticle` request, over stdio against the bundled server, as the VS Code commands send it. */
describe('language server: corroborate/importArticle', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
    dir = writeWorkspace({ 'entities.yaml': 'actors: {}\n' });
    client = new TestClient(dir, { pull: true });
    await client.initialize();
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a page sent as base64 bytes, under the first name not taken', async () => {
    const page = fs.readFileSync(path.join(REPO, 'test/fixtures/html/lemonde-1/source.html'));
    const result = await client.connection.sendRequest(ImportArticleRequest, {
      content: page.toString('base64'),
      encoding: 'base64',
      fileName: 'C:\\saved\\page.html',
      taken: ['le-projet-de-loi-sur-le-renseignement-massivement-approuve-a.seed.md'],
    });
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.fileName, 'le-projet-de-loi-sur-le-renseignement-massivement-approuve-a-2.seed.md');
    assert.equal(result.id, 'le-projet-de-loi-sur-le-renseignement-massivement-approuve-a-2');
    assert.match(result.text, /^---\nid: le-projet-de-loi-sur-le-renseignement-massivement-approuve-a-2\n/);
    assert.match(result.text, /\noutlet: Le Monde\.fr\nurl: https?:\/\/[^\n]+\nlanguage: fr\n---\n/);
  });

  it('imports clipboard text, and refuses bad input with an error, not a failed request', async () => {
    const text = await client.connection.sendRequest(ImportArticleRequest, {
      content: 'A [title]\n\nSome *prose*.',
      kind: 'text',
    });
    assert.ok(!('error' in text));
    assert.equal(text.fileName, 'a-title.seed.md');
    assertSeedReadsBack(text.text, ['Some *prose*.']);
    const cases = [
      { content: '  \n', kind: 'text' as const },
      { content: Buffer.from([0xff, 0xfe, 0, 0x41]).toString('base64'), encoding: 'base64' as const },
      { content: Buffer.from('caf\xe9', 'latin1').toString('base64'), encoding: 'base64' as const },
    ];
    const malformed = [{}, { content: 5 }, { content: 'x', taken: 'y', fileName: 3, kind: 'pdf' }] as unknown as Array<
      (typeof cases)[number]
    >;
    cases.push(...malformed.slice(0, 2));
    const odd = await client.connection.sendRequest(ImportArticleRequest, malformed[2]!);
    assert.ok(!('error' in odd) && odd.fileName === 'article.seed.md', JSON.stringify(odd));
    for (const c of cases) {
      const r = await client.connection.sendRequest(ImportArticleRequest, c);
      assert.ok('error' in r && /empty|binary|UTF-8|no content/.test(r.error), JSON.stringify(r));
    }
  });
});
