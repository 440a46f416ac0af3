import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { fileUri, REPO, TestClient, writeWorkspace } from '../helpers/lspClient';

/**
 * Issue 13: no diagnostics before the registries governing a file are read
 * (an editor that opens a file at once must not see every actor unknown), and
 * `corroborate.diagnostics.publish` (all files, or the open ones) for push clients.
 */

// The nearest registry (desk/) governs the article, two folders below it; the root one names other actors.
const DESK_REGISTRY = `actors:
  nagel: {name: Joachim Nagel, kind: person, aliases: [Nagel]}
  bundesbank: {name: Bundesbank, kind: organization}
claims:
  inflation: {type: percent}
`;
const ARTICLE =
  '---\nid: article\n---\n[Joachim Nagel]{.actor ref=nagel} of the [Bundesbank]{.actor ref=bundesbank} said ' +
  '[inflation will be 2%]{.claim by=nagel key=inflation value=2%}.\n';

function workspace(): string {
  const files: Record<string, string> = {
    'entities.yaml': 'actors:\n  other: {name: Someone Else, kind: person}\n',
    'desk/entities.yaml': DESK_REGISTRY,
    'desk/2024/article.seed.md': ARTICLE,
  };
  // Each with an unsourced claim: a diagnostic to publish. Enough files that the workspace walk is not over before the article is opened.
  for (let i = 0; i < 400; i++)
    files[`archive/${i}/s${i}.seed.md`] = `---\nid: s${i}\n---\n[Prices rose]{.claim} in year ${i}.\n`;
  return writeWorkspace(files);
}

function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the client has received no publication for `ms`. */
async function quiet(client: TestClient, ms = 400): Promise<void> {
  for (let seen = -1; seen !== client.publications.length;) {
    seen = client.publications.length;
    await sleep(ms);
  }
}

describe('startup: registries before diagnostics (issue 13)', function () {
  this.timeout(60000);
  const dirs: string[] = [];
  const clients: TestClient[] = [];

  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) assert.equal(await c.shutdown(), 0);
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function start(pull: boolean, settings?: unknown, configuration = true): { dir: string; client: TestClient } {
    const dir = workspace();
    dirs.push(dir);
    const client = new TestClient(dir, {
      pull,
      ...(settings !== undefined ? { settings } : {}),
      // Without configuration support the settings are the defaults, known at once.
      ...(configuration ? {} : { capabilities: { workspace: { workspaceFolders: true } } }),
    });
    clients.push(client);
    return { dir, client };
  }

  /** Resolves once the server has begun reading the workspace (its progress began). */
  function indexingBegun(client: TestClient): Promise<unknown> {
    return client.waitFor('indexing to begin', () =>
      client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'begin'),
    );
  }

  /** The first diagnostics published for the article, and the last once the server is quiet. */
  async function firstAndFinal(client: TestClient, uri: string): Promise<[Diagnostic[], Diagnostic[]]> {
    const first = await client.waitFor('the first diagnostics of the article', () =>
      client.publications.find((p) => p.uri === uri),
    );
    await client.waitForIndex(401);
    await quiet(client);
    return [first.diagnostics, client.published.get(uri)!];
  }

  it('push: a file opened right after initialized is first published with its registry read', async () => {
    // A client without workspace/configuration: nothing delays the first publication.
    const { dir, client } = start(false, undefined, false);
    const uri = fileUri(dir, 'desk/2024/article.seed.md');
    await client.initialize();
    await client.open(uri, ARTICLE);
    const [first, final] = await firstAndFinal(client, uri);
    assert.ok(!first.some((d) => d.code === 'unknown-actor'), JSON.stringify(first));
    assert.deepEqual(first, final);
  });

  for (const settings of [undefined, { registry: 'desk/entities.yaml' }])
    it(`push: a file opened while the workspace is being read is first published with its registry read${settings ? ' (corroborate.registry)' : ''}`, async () => {
      const { dir, client } = start(false, settings);
      const uri = fileUri(dir, 'desk/2024/article.seed.md');
      await client.initialize();
      await indexingBegun(client);
      await client.open(uri, ARTICLE);
      const [first, final] = await firstAndFinal(client, uri);
      assert.ok(!first.some((d) => d.code === 'unknown-actor'), JSON.stringify(first));
      assert.deepEqual(first, final);
    });

  for (const when of ['right after initialized', 'while the workspace is being read'])
    it(`pull: a diagnostic request for a file opened ${when} waits for its registry`, async () => {
      const { dir, client } = start(true);
      const uri = fileUri(dir, 'desk/2024/article.seed.md');
      await client.initialize();
      if (when !== 'right after initialized') await indexingBegun(client);
      await client.open(uri, ARTICLE);
      const pull = (): Promise<FullDocumentDiagnosticReport> =>
        client.connection.sendRequest(DocumentDiagnosticRequest.type, {
          textDocument: { uri },
        }) as Promise<FullDocumentDiagnosticReport>;
      const first = await pull();
      await client.waitForIndex(401);
      const final = await pull();
      assert.ok(!first.items.some((d) => d.code === 'unknown-actor'), JSON.stringify(first.items));
      assert.deepEqual(first.items, final.items);
    });

  it("publish 'open' (the default): only open files are published, and cleared on close", async () => {
    const { dir, client } = start(false);
    const uri = fileUri(dir, 'desk/2024/article.seed.md');
    await client.initialize();
    await client.waitForIndex(401);
    await quiet(client);
    assert.equal(client.publications.length, 0, 'nothing is published before a file is opened');
    await client.open(uri, ARTICLE);
    await client.waitFor('the article published', () => client.published.get(uri));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.waitFor('the article cleared', () => client.published.get(uri)?.length === 0);
    await quiet(client);
    assert.deepEqual(new Set(client.publications.map((p) => p.uri)), new Set([uri]));
    assert.deepEqual(client.published.get(uri), []);
  });

  it("publish 'all': every file; switched to 'open', the closed files are cleared", async () => {
    const settings = { diagnostics: { publish: 'all' } };
    const { dir, client } = start(false, settings);
    const uri = fileUri(dir, 'desk/2024/article.seed.md');
    const other = fileUri(dir, 'archive/7/s7.seed.md');
    await client.initialize();
    await client.waitForIndex(401);
    // 400 plain sources, the article and two registries.
    await client.waitFor('every file published', () => client.published.size === 403);
    assert.deepEqual(codes(client.published.get(other)!), ['unsourced-claim']);
    await client.open(uri, ARTICLE.replace('ref=bundesbank', 'ref=buba'));
    await client.waitFor('the edited article', () => codes(client.published.get(uri) ?? []).includes('unknown-actor'));
    settings.diagnostics.publish = 'open';
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.waitFor('a closed file cleared', () => client.published.get(other)?.length === 0);
    await quiet(client);
    for (const [file, ds] of client.published)
      if (file !== uri) assert.deepEqual(ds, [], `${file} should have been cleared`);
    assert.deepEqual(codes(client.published.get(uri)!), ['unknown-actor']);
  });
});
