import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { readIfExists, readRegularFile } from '../../server/src/loader';
import { StatusRequest, TreeChildrenRequest, type IndexStatus } from '../../common/protocol';
import { canonicalUri } from '../../server/src/uris';
import { fileUri, REPO, TestClient, writeWorkspace } from '../helpers/lspClient';

/**
 * Workspace events over stdio (issue 6): files deleted or renamed while open, a registry
 * deleted, 10,000 files added at once, a symlink loop, unreadable files, and one file opened
 * under several URIs. Every test drives the real server bundle as an editor would.
 */

const REGISTRY =
  'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n  nato: {name: NATO, kind: organization}\nclaims:\n  k: {type: percent}\n';
const A =
  '---\nid: a\ntitle: Alpha\n---\n[Mark Rutte]{.actor ref=rutte} said [all agreed to 5%]{.claim #five by=rutte key=k value="5%"}.\n';
const B =
  '---\nid: b\ntitle: Beta\n---\n[NATO]{.actor ref=nato} said [the target is 5%]{.claim by=nato key=k value=5%}.\n';

async function settle(client: TestClient): Promise<IndexStatus> {
  const deadline = Date.now() + 60000;
  for (;;) {
    const s = await client.connection.sendRequest(StatusRequest);
    if (!s.indexing && (s.pending ?? 0) === 0) return s;
    if (Date.now() > deadline) throw new Error(`the server did not settle: ${JSON.stringify(s)}\n${client.stderr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const r = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  return r.kind === 'full' ? r.items : [];
}

/** Every file in the index with its diagnostics (a workspace pull from scratch). */
async function workspace(client: TestClient): Promise<Map<string, Diagnostic[]>> {
  const r = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  return new Map(r.items.map((i) => [i.uri, i.kind === 'full' ? i.items : []]));
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
const message = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : '');

async function sourceLabels(client: TestClient): Promise<string[]> {
  return (await client.connection.sendRequest(TreeChildrenRequest, { view: 'sources' })).map((n) => n.label).sort();
}

describe('language server: workspace events', function () {
  this.timeout(120000);
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  async function start(
    files: Record<string, string>,
    options: Partial<ConstructorParameters<typeof TestClient>[1]> = {},
  ): Promise<{ dir: string; client: TestClient }> {
    const dir = writeWorkspace(files);
    dirs.push(dir);
    const client = new TestClient(dir, { pull: true, ...options });
    clients.push(client);
    await client.initialize();
    await settle(client);
    return { dir, client };
  }

  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });
  afterEach(async () => {
    for (const c of clients.splice(0))
      assert.equal(await c.shutdown(), 0, `exit code after shutdown/exit; stderr:\n${c.stderr}`);
    for (const d of dirs.splice(0)) {
      fs.chmodSync(d, 0o700);
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('a file deleted while open keeps its editor text until it is closed, then leaves the index', async () => {
    const { dir, client } = await start({ 'entities.yaml': REGISTRY, 'a.seed.md': A, 'b.seed.md': B });
    const a = fileUri(dir, 'a.seed.md');
    const b = fileUri(dir, 'b.seed.md');
    assert.ok(
      (await pull(client, b)).some((d) => d.code === 'corroborated-claim'),
      'b is corroborated by a',
    );
    await client.open(a, A);
    fs.rmSync(path.join(dir, 'a.seed.md'));
    await client.fileEvents([{ uri: a, type: 3 }]);
    let s = await settle(client);
    assert.equal(s.sources, 2, 'the open document stays');
    assert.ok(
      (await pull(client, b)).some((d) => d.code === 'corroborated-claim'),
      'still corroborated by the open a',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: a } });
    s = await settle(client);
    assert.equal(s.sources, 1);
    assert.deepEqual(await pull(client, a), []);
    assert.ok(!(await pull(client, b)).some((d) => d.code === 'corroborated-claim'), 'nothing corroborates b any more');
    assert.deepEqual([...(await workspace(client)).keys()].sort(), [b, fileUri(dir, 'entities.yaml')].sort());
  });

  it('a file renamed while open: the old name lives while open, the new name is read from disk', async () => {
    const { dir, client } = await start({ 'entities.yaml': REGISTRY, 'a.seed.md': A, 'b.seed.md': B });
    const a = fileUri(dir, 'a.seed.md');
    const moved = fileUri(dir, 'moved/a2.seed.md');
    const edited = A.replace('title: Alpha', 'title: Alpha (unsaved)');
    await client.open(a, edited);
    fs.mkdirSync(path.join(dir, 'moved'));
    fs.renameSync(path.join(dir, 'a.seed.md'), path.join(dir, 'moved/a2.seed.md'));
    await client.fileEvents([
      { uri: a, type: 3 },
      { uri: moved, type: 1 },
    ]);
    await settle(client);
    assert.deepEqual(await sourceLabels(client), ['Alpha', 'Alpha (unsaved)', 'Beta']);
    assert.ok(
      (await pull(client, a)).some((d) => d.code === 'duplicate-id'),
      'the two copies share the source id a',
    );
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: a } });
    await settle(client);
    assert.deepEqual(await sourceLabels(client), ['Alpha', 'Beta']);
    assert.ok(!(await pull(client, moved)).some((d) => d.code === 'duplicate-id'));
    assert.ok(!(await workspace(client)).has(a));
  });

  it('a registry deleted: every actor becomes unknown, and comes back when the registry does', async () => {
    const { dir, client } = await start({ 'entities.yaml': REGISTRY, 'a.seed.md': A, 'b.seed.md': B });
    const a = fileUri(dir, 'a.seed.md');
    const registry = fileUri(dir, 'entities.yaml');
    assert.ok(!(await pull(client, a)).some((d) => d.code === 'unknown-actor'));
    fs.rmSync(path.join(dir, 'entities.yaml'));
    await client.fileEvents([{ uri: registry, type: 3 }]);
    await settle(client);
    assert.ok(
      (await pull(client, a)).some((d) => d.code === 'unknown-actor' && message(d).includes('rutte')),
      'rutte is unknown without the registry',
    );
    assert.ok(!(await workspace(client)).has(registry));
    fs.writeFileSync(path.join(dir, 'entities.yaml'), REGISTRY);
    await client.fileEvents([{ uri: registry, type: 1 }]);
    await settle(client);
    assert.ok(!(await pull(client, a)).some((d) => d.code === 'unknown-actor'));
  });

  it('a folder of 10,000 files added at once is indexed while a hover on an open file is answered', async () => {
    const { dir, client } = await start({
      'entities.yaml': REGISTRY,
      'open.seed.md': '[Mark Rutte]{.actor ref=rutte}\n',
    });
    const bulk = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-bulk-'));
    dirs.push(bulk);
    for (let i = 0; i < 10000; i++)
      fs.writeFileSync(
        path.join(bulk, `${String(i).padStart(5, '0')}.seed.md`),
        `---\nid: s${i}\n---\n[Rutte]{.actor ref=rutte} said [x]{.claim by=rutte key=k value=${i % 7}%}. ${'Filler prose. '.repeat(30)}\n`,
      );
    const openUri = fileUri(dir, 'open.seed.md');
    await client.open(openUri, '[Mark Rutte]{.actor ref=rutte}\n');
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: URI.file(bulk).toString(), name: 'bulk' }], removed: [] },
    });
    const [hover, during] = (await Promise.all([
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: openUri },
        position: { line: 0, character: 2 },
      }),
      client.connection.sendRequest(StatusRequest),
    ])) as [Hover, IndexStatus];
    // Adding a folder reindexes every folder: until the registry is read again the card has no registry entry (a known limit).
    assert.match((hover.contents as MarkupContent).value, /rutte/);
    assert.equal(during.indexing, true, 'the hover was answered while the folder was still being indexed');
    assert.ok(during.sources < 10001, `${during.sources} sources indexed at the hover`);
    const s = await settle(client);
    assert.equal(s.sources, 10001);

    // The same 10,000 files changed at once, in one didChangeWatchedFiles: answered meanwhile too.
    for (let i = 0; i < 10000; i++)
      fs.writeFileSync(
        path.join(bulk, `${String(i).padStart(5, '0')}.seed.md`),
        `---\nid: t${i}\n---\n[NATO]{.actor ref=nato}\n`,
      );
    await client.fileEvents(
      Array.from({ length: 10000 }, (_, i) => ({
        uri: URI.file(path.join(bulk, `${String(i).padStart(5, '0')}.seed.md`)).toString(),
        type: 2 as const,
      })),
    );
    // Both requests are sent at once, right behind the notification: the status is answered just after the hover.
    const [again, statusAfterHover] = (await Promise.all([
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: openUri },
        position: { line: 0, character: 2 },
      }),
      client.connection.sendRequest(StatusRequest),
    ])) as [Hover, IndexStatus];
    const pendingAtHover = statusAfterHover.pending ?? 0;
    assert.match((again.contents as MarkupContent).value, /Mark Rutte/);
    assert.ok(pendingAtHover > 0, 'the hover was answered while the 10,000 reads were still pending');
    const after = await settle(client);
    assert.equal(after.sources, 10001);
    assert.equal(after.claims, 0, 'every changed file was read again');
  });

  it('a symlink loop: each file is indexed once, and the server answers', async () => {
    const { dir, client } = await start({ 'entities.yaml': REGISTRY, 'a.seed.md': A, 'sub/b.seed.md': B }, {});
    // Loops made after the first index; a reindex walks them.
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    fs.symlinkSync('self', path.join(dir, 'self'));
    await client.connection.sendRequest('corroborate/reindex');
    const s = await settle(client);
    assert.equal(s.sources, 2);
    assert.deepEqual(await sourceLabels(client), ['Alpha', 'Beta']);
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: fileUri(dir, 'a.seed.md') },
      position: { line: 4, character: 2 },
    });
    assert.ok(h);
  });

  it('unreadable files: a file without permissions, a FIFO and a directory named .seed.md are skipped with a logged reason, and the rest is served', async () => {
    const root = process.getuid?.() === 0;
    const logs: string[] = [];
    // Root reads any file whatever its mode, so the server runs as `nobody` for this test when the suite runs as root.
    const dir = writeWorkspace({
      'entities.yaml': REGISTRY,
      'a.seed.md': A,
      'locked.seed.md': B,
      'folder.seed.md/inner.txt': 'x',
    });
    dirs.push(dir);
    execFileSync('mkfifo', [path.join(dir, 'pipe.seed.md')]);
    fs.chmodSync(path.join(dir, 'locked.seed.md'), 0o000);
    for (const p of [dir, path.join(dir, 'folder.seed.md')]) fs.chmodSync(p, 0o755);
    for (const f of ['entities.yaml', 'a.seed.md', 'folder.seed.md/inner.txt']) fs.chmodSync(path.join(dir, f), 0o644);
    const client = new TestClient(dir, { pull: true, ...(root ? { uid: 65534, gid: 65534 } : {}) });
    clients.push(client);
    client.connection.onNotification('window/logMessage', (m: { message: string }) => {
      logs.push(m.message);
    });
    await client.initialize();
    await settle(client);
    assert.ok(
      logs.some((l) => l.includes('locked.seed.md') && l.includes('EACCES')),
      logs.join('\n'),
    );
    // File events for the three: none may block the server (a FIFO read would block a libuv thread forever).
    await client.fileEvents(
      ['pipe.seed.md', 'folder.seed.md', 'locked.seed.md'].map((f) => ({ uri: fileUri(dir, f), type: 2 as const })),
    );
    const s = await settle(client);
    assert.equal(s.sources, 1);
    assert.ok(
      logs.some((l) => l.includes('pipe.seed.md') && l.includes('not a regular file')),
      logs.join('\n'),
    );
    assert.ok(!(await pull(client, fileUri(dir, 'a.seed.md'))).some((d) => d.code === 'unknown-actor'));
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: fileUri(dir, 'a.seed.md') },
      position: { line: 4, character: 2 },
    });
    assert.ok(h);
  });

  it('the loader reports an fs error and refuses FIFOs and devices without reading them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-read-'));
    dirs.push(dir);
    execFileSync('mkfifo', [path.join(dir, 'pipe.seed.md')]);
    const reasons: string[] = [];
    assert.equal(await readIfExists(path.join(dir, 'pipe.seed.md'), (r) => reasons.push(r)), undefined);
    assert.equal(await readIfExists('/dev/zero', (r) => reasons.push(r)), undefined);
    assert.equal(await readIfExists(dir, (r) => reasons.push(r)), undefined);
    assert.deepEqual(reasons, ['not a regular file', 'not a regular file', 'not a regular file']);
    assert.deepEqual(await readRegularFile(path.join(dir, 'missing.seed.md')), { error: 'ENOENT' });
    assert.equal(await readIfExists(path.join(dir, 'missing.seed.md'), (r) => reasons.push(r)), undefined);
    assert.equal(reasons.length, 3, 'a missing file is not an error worth logging');
  });

  it('one file opened under several URIs is one document: no duplicate claims or diagnostics', async () => {
    const { dir, client } = await start({ 'entities.yaml': REGISTRY, 'a.seed.md': A, 'b.seed.md': B });
    const a = fileUri(dir, 'a.seed.md');
    const b = fileUri(dir, 'b.seed.md');
    const before = await settle(client);
    const spellings = [
      a.replace('/a.seed.md', '/./a.seed.md'),
      a.replace('/a.seed.md', '/x/../a.seed.md'),
      a.replace('/a.seed.md', '/%61.seed.md'),
      a.replace('/a.seed.md', '//a.seed.md'),
    ];
    for (const u of spellings) assert.equal(canonicalUri(u), a, u);
    await client.open(a, A);
    for (const u of spellings) await client.open(u, A);
    let s = await settle(client);
    assert.deepEqual({ sources: s.sources, claims: s.claims }, { sources: before.sources, claims: before.claims });
    const corroborations = (await pull(client, b)).filter((d) => d.code === 'corroborated-claim');
    assert.equal(corroborations.length, 1);
    assert.ok(!message(corroborations[0]!).includes('2 other'), message(corroborations[0]!));
    assert.deepEqual([...(await workspace(client)).keys()].sort(), [a, b, fileUri(dir, 'entities.yaml')].sort());

    // The spelling changed last holds the text; closing one spelling keeps the file open under the others.
    await client.change(spellings[0]!, 2, A.replace('value="5%"', 'value="2%"'));
    await settle(client);
    assert.ok((await pull(client, b)).some((d) => d.code === 'conflicting-claim'));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: a } });
    await settle(client);
    assert.ok(
      (await pull(client, b)).some((d) => d.code === 'conflicting-claim'),
      'still open under other spellings, with the edited text',
    );
    for (const u of spellings)
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: u } });
    s = await settle(client);
    assert.equal(s.sources, 2);
    assert.ok(
      (await pull(client, b)).some((d) => d.code === 'corroborated-claim'),
      'back to the disk text once every spelling is closed',
    );
    assert.deepEqual(codes(await pull(client, spellings[2]!)), codes(await pull(client, a)));
  });

  it('drive letters and their encodings are one spelling', () => {
    assert.equal(canonicalUri('file:///C:/x/a.seed.md'), canonicalUri('file:///c%3A/x/a.seed.md'));
    assert.equal(canonicalUri('file:///c:/x/./a.seed.md'), 'file:///c%3A/x/a.seed.md');
    assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
