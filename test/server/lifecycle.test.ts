import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { StatusRequest } from '../../common/protocol';
import { fileUri, REPO, TestClient, writeWorkspace } from '../helpers/lspClient';

/**
 * The server's lifecycle over stdio (issue 6): it exits when the client goes away (stdin
 * closed, or the process named in initialize dies), exits 0 after shutdown/exit, and a new
 * server on the same workspace with the open documents re-sent reports the same diagnostics.
 */

const FILES = {
  'entities.yaml': 'actors:\n  rutte: {name: Mark Rutte, kind: person}\nclaims:\n  k: {type: percent}\n',
  'a.seed.md': '---\nid: a\n---\n[Mark Rutte]{.actor ref=rutte} said [5%]{.claim by=rutte key=k value=5%}.\n',
  'b.seed.md': '---\nid: b\n---\n[2%]{.claim by=outlet key=k value=2%}\n',
};

function exited(p: ChildProcess, ms: number): Promise<number | null | 'timeout'> {
  if (p.exitCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    p.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids whose parent is `pid` (Linux /proc). */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function settle(client: TestClient): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const s = await client.connection.sendRequest(StatusRequest);
    if (!s.indexing && (s.pending ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server did not settle');
}

describe('language server: lifecycle', function () {
  this.timeout(60000);
  let dir: string;
  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
    dir = writeWorkspace(FILES);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shutdown then exit: exit code 0, and no process left behind', async () => {
    const client = new TestClient(dir, { pull: true });
    await client.initialize();
    await settle(client);
    const pid = client.process.pid!;
    assert.deepEqual(children(pid), [], 'the server starts no child process');
    assert.equal(await client.shutdown(), 0);
    assert.equal(running(pid), false);
  });

  it('exit without shutdown: exit code 1, as LSP says', async () => {
    const client = new TestClient(dir, { pull: true });
    await client.initialize();
    const gone = exited(client.process, 10000);
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await gone, 1);
    client.connection.dispose();
  });

  it('a server that cannot start fails the client at once, with its stderr, not after a timeout', async () => {
    // `node -e` runs in place of the server script: it writes a line and exits, as a server that cannot load would.
    const client = new TestClient(dir, {
      pull: true,
      nodeArgs: ['-e', 'console.error("cannot start"); process.exit(3)'],
    });
    const started = Date.now();
    await assert.rejects(client.initialize(), (e: Error) => {
      assert.match(e.message, /exited before answering initialize \(code 3\)/);
      assert.match(e.message, /cannot start/);
      return true;
    });
    // Far below the protocol suite's 20 s timeout (a generous bound, not a timing test).
    assert.ok(Date.now() - started < 10000);
    client.connection.dispose();
  });

  it('exits when the client closes stdin without shutdown or exit', async () => {
    const client = new TestClient(dir, { pull: true });
    await client.initialize();
    await settle(client);
    const pid = client.process.pid!;
    const gone = exited(client.process, 10000);
    client.process.stdin!.end();
    const code = await gone;
    assert.notEqual(code, 'timeout', 'the server outlived its stdin');
    assert.equal(running(pid), false);
    client.connection.dispose();
  });

  it('exits when the client process named in initialize dies, even with stdin still open', async () => {
    // A stand-in for the editor: a process we can kill while the pipes stay open here.
    const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const client = new TestClient(dir, { pull: true, processId: editor.pid! });
    await client.initialize();
    await settle(client);
    const pid = client.process.pid!;
    const gone = exited(client.process, 15000);
    editor.kill('SIGKILL');
    const code = await gone;
    assert.notEqual(
      code,
      'timeout',
      'the server outlived the client process (vscode-languageserver checks it every 3 s)',
    );
    assert.equal(running(pid), false);
    client.connection.dispose();
  });

  it('exits when the IPC channel closes (--node-ipc, as the VS Code extension starts it)', async () => {
    const server = spawn(process.execPath, [path.join(REPO, 'bin/corroborate-language-server.js'), '--node-ipc'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(server.exitCode, null, 'the server waits for its client');
    const gone = exited(server, 10000);
    server.disconnect();
    assert.notEqual(await gone, 'timeout', 'the server outlived its IPC channel');
  });

  it('recovers when restarted mid-edit: a new server with the open documents re-sent reports the same diagnostics', async () => {
    const first = new TestClient(dir, { pull: true });
    await first.initialize();
    await settle(first);
    const a = fileUri(dir, 'a.seed.md');
    const edited = FILES['a.seed.md'].replace('value=5%', 'value=2%').replace('ref=rutte}', 'ref=rute}');
    await first.open(a, FILES['a.seed.md']);
    await first.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: a, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await settle(first);
    const before = await first.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    // The server dies mid-edit (a crash, a kill): no shutdown.
    const gone = exited(first.process, 10000);
    first.process.kill('SIGKILL');
    await gone;
    first.connection.dispose();

    const second = new TestClient(dir, { pull: true });
    await second.initialize();
    await second.open(a, edited, 2);
    await settle(second);
    const after = await second.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const strip = (r: typeof before): Record<string, unknown> =>
      Object.fromEntries(r.items.map((i) => [i.uri, i.kind === 'full' ? i.items : null]));
    assert.deepEqual(strip(after), strip(before));
    assert.ok(
      JSON.stringify(strip(after)).includes('conflict') === false &&
        JSON.stringify(strip(after)).includes('corroborated'),
      'the edit (5% → 2%) is what both see',
    );
    assert.ok(JSON.stringify(strip(after)).includes('unknown-actor'), 'the unsaved ref=rute is what both see');
    await second.connection.sendRequest(ShutdownRequest.type);
    const code = exited(second.process, 10000);
    await second.connection.sendNotification(ExitNotification.type);
    assert.equal(await code, 0);
    second.connection.dispose();
  });
});
