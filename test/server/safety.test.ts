import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  WorkspaceDiagnosticRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { AnnotateRequest, ReindexRequest, StatusRequest } from '../../common/protocol';
import { fileUri, REPO, TestClient } from '../helpers/lspClient';

/**
 * Safety (issue 6): what package.json declares about workspace trust, and a whole session
 * of the real server under a preload (test/helpers/forbidIo.ts) that makes any network
 * call, child process or file write fail and records it. The server must attempt none, and
 * the workspace tree must be byte-for-byte and mtime-for-mtime what it was: the server only
 * returns edits.
 */

const PRELOAD = path.join(REPO, 'out/test/helpers/forbidIo.js');

interface PackageJson {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
  };
}

/** Every file and folder below `dir`, with a hash of its content and its mtime. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out[rel + '/'] = `dir ${st.mtimeMs}`;
        visit(p);
      } else out[rel] = `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${st.mtimeMs} ${st.mode}`;
    }
  };
  visit(dir);
  return out;
}

function copySeeds(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-safety-'));
  fs.cpSync(path.join(REPO, 'seeds'), dir, { recursive: true });
  return dir;
}

/** Positions spread over a text: every `step`-th offset, as line/character. */
function positions(text: string, step: number): Position[] {
  const out: Position[] = [];
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++)
    for (let character = 0; character <= lines[line]!.length; character += step) out.push({ line, character });
  return out;
}

describe('safety', function () {
  this.timeout(120000);

  describe('workspace trust, as declared in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as PackageJson;

    it('declares untrusted workspaces as supported, limited only by the settings that name a file', () => {
      const trust = pkg.capabilities?.untrustedWorkspaces;
      assert.ok(trust, 'capabilities.untrustedWorkspaces is declared');
      assert.equal(trust.supported, 'limited');
      assert.ok(trust.description && trust.description.length > 20);
      const settings = pkg.contributes.configuration.properties;
      // A setting that names a path lets a workspace point the server at any file: it must be restricted.
      const pathSettings = Object.entries(settings)
        .filter(([, v]) => /\bpath\b/i.test(v.markdownDescription ?? v.description ?? ''))
        .map(([k]) => k)
        .sort();
      assert.deepEqual(pathSettings, ['corroborate.registry']);
      assert.deepEqual([...(trust.restrictedConfigurations ?? [])].sort(), pathSettings);
      for (const key of trust.restrictedConfigurations ?? [])
        assert.ok(settings[key], `${key} is a contributed setting`);
    });

    it('declares virtual workspaces unsupported, as the server reads from the file system', () => {
      const virtual = pkg.capabilities?.virtualWorkspaces;
      assert.ok(virtual !== undefined && typeof virtual === 'object' && virtual.supported === false);
      const client = fs.readFileSync(path.join(REPO, 'client/src/extension.ts'), 'utf8');
      assert.ok(!/scheme: '(?!file')/.test(client), 'the client selects file: documents only');
    });
  });

  describe('no network, no process, no write', () => {
    let log: string;
    before(function () {
      if (!fs.existsSync(PRELOAD) || !fs.existsSync(path.join(REPO, 'dist/server.js')))
        throw new Error('run `npm run build` first');
      log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-forbidden-')), 'attempts.log');
    });
    beforeEach(() => fs.writeFileSync(log, ''));
    after(() => fs.rmSync(path.dirname(log), { recursive: true, force: true }));

    it('the preload really catches network calls, child processes and writes', () => {
      const script = `
        const tryIt = (f) => { try { f(); } catch {} };
        tryIt(() => require('net').connect(80, 'example.com'));
        tryIt(() => require('https').get('https://example.com'));
        tryIt(() => require('dns').lookup('example.com', () => {}));
        tryIt(() => require('child_process').spawn('true'));
        tryIt(() => require('fs').writeFileSync(${JSON.stringify(path.join(path.dirname(log), 'x'))}, 'x'));
        tryIt(() => require('fs').openSync(${JSON.stringify(path.join(path.dirname(log), 'y'))}, 'w'));
        require('fs').readFileSync(${JSON.stringify(path.join(REPO, 'package.json'))});`;
      const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], {
        env: { ...process.env, CORROBORATE_FORBIDDEN_LOG: log },
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
      const attempts = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => /^[a-z_.]+\.[a-zA-Z]+( for writing)?$/.test(l));
      assert.deepEqual(attempts, [
        'net.connect',
        'http.get',
        'dns.lookup',
        'child_process.spawn',
        'fs.writeFileSync',
        'fs.openSync for writing',
      ]);
      assert.ok(!fs.existsSync(path.join(path.dirname(log), 'x')));
    });

    it('a whole session on the seeds (every request at positions all over every file, file events, a reindex): nothing attempted, nothing changed on disk', async () => {
      const dir = copySeeds();
      // Old mtimes, so that any rewrite, even with the same bytes, would show.
      const old = new Date('2020-01-01T00:00:00Z');
      for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), old, old);
      const before = tree(dir);
      process.env.CORROBORATE_FORBIDDEN_LOG = log;
      const client = new TestClient(dir, { pull: true, nodeArgs: ['--require', PRELOAD] });
      delete process.env.CORROBORATE_FORBIDDEN_LOG;
      let requests = 0;
      try {
        await client.initialize();
        for (;;) {
          const s = await client.connection.sendRequest(StatusRequest);
          if (!s.indexing) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
        const files = fs.readdirSync(dir).filter((f) => f.endsWith('.seed.md') || f === 'entities.yaml');
        let renames = 0;
        let actions = 0;
        for (const f of files) {
          const uri = fileUri(dir, f);
          const text = fs.readFileSync(path.join(dir, f), 'utf8');
          await client.open(uri, text);
          const textDocument = { uri };
          await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
          await client.connection.sendRequest(CodeLensRequest.type, { textDocument });
          await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
          requests += 3;
          for (const position of positions(text, 23)) {
            await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
            await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
            await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
            await client.connection.sendRequest(ReferencesRequest.type, {
              textDocument,
              position,
              context: { includeDeclaration: true },
            });
            const range = { start: position, end: { line: position.line, character: position.character + 10 } };
            const fixes = await client.connection.sendRequest(CodeActionRequest.type, {
              textDocument,
              range,
              context: { diagnostics: [] },
            });
            actions += fixes?.length ?? 0;
            const prepared = await client.connection
              .sendRequest(PrepareRenameRequest.type, { textDocument, position })
              .catch(() => null);
            requests += 6;
            if (prepared) {
              const edit = await client.connection
                .sendRequest(RenameRequest.type, { textDocument, position, newName: 'renamed-id' })
                .catch(() => null);
              if (edit) renames++;
              requests++;
            }
          }
          await client.connection.sendRequest(AnnotateRequest, {
            uri,
            kind: 'actor',
            ref: 'new-actor',
            newActor: { name: 'New Actor', kind: 'person' },
            range: { start: { line: 6, character: 0 }, end: { line: 6, character: 4 } },
          });
          requests++;
        }
        assert.ok(renames > 10 && actions > 10, `${renames} renames and ${actions} code actions were proposed`);
        await client.fileEvents(files.map((f) => ({ uri: fileUri(dir, f), type: 2 as const })));
        await client.connection.sendRequest(ReindexRequest);
        await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
        requests += 3;
      } finally {
        assert.equal(await client.shutdown(), 0, client.stderr);
      }
      const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
      const pid = client.process.pid!;
      assert.deepEqual(
        lines.filter((l) => l === `preload active in ${pid}`),
        [`preload active in ${pid}`],
        'the preload ran in the server',
      );
      assert.deepEqual(
        lines.filter((l) => l !== `preload active in ${pid}` && !/^preload active in \d+ worker \d+$/.test(l)),
        [],
        'nothing forbidden was attempted, on any thread',
      );
      assert.deepEqual(tree(dir), before, 'the workspace is unchanged');
      assert.ok(requests > 1000, `${requests} requests`);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
