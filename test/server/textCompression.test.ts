import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { toLspDiagnostic, WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { references } from '../../server/src/core/features/navigation';
import type { PerfReport } from '../../common/protocol';
import { generateCorpus } from '../../bench/generate';
import { TestClient } from '../helpers/lspClient';

/**
 * The texts of closed sources kept compressed by the language server (server/src/textCompression.ts): after a pass
 * every closed source's text is compressed, an open one's is not, a closed file read again is compressed again, and
 * the answers over compressed texts are those of an index that keeps them as they are.
 */
describe('language server: texts of closed sources kept compressed', () => {
  const N = 80;
  let dir: string;
  let files: string[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-texts-'));
    files = generateCorpus(dir, N, 3).files;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const uriOf = (file: string): string => URI.file(path.join(dir, file)).toString();

  /** The server's report of its compressed texts, now. */
  async function textsNow(client: TestClient): Promise<NonNullable<PerfReport['texts']>> {
    const texts = (await client.connection.sendRequest<PerfReport>('corroborate/perf', {})).texts;
    assert.ok(texts, 'corroborate/perf reports the compressed texts');
    return texts;
  }

  /** The server's report of its compressed texts, once it is done compressing. */
  async function compressed(client: TestClient, atLeast: number): Promise<NonNullable<PerfReport['texts']>> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const texts = await textsNow(client);
      if (!texts.compressing && texts.compressed >= atLeast) return texts;
      assert.ok(Date.now() < deadline, `${atLeast} texts compressed within 15 s: ${JSON.stringify(texts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** What the server sends as `uri`'s diagnostics, computed in process. */
  const lspDiagnostics = (index: WorkspaceIndex, uri: string): unknown =>
    JSON.parse(JSON.stringify(computeDiagnostics(index, uri).map((d) => toLspDiagnostic(d))));

  /** An index of the folder as it is on disk, in process, with the open file's text. */
  function inProcess(open: { uri: string; text: string }): WorkspaceIndex {
    const index = new WorkspaceIndex({ folders: [URI.file(dir).toString()] });
    index.setRegistryBytes(uriOf('entities.yaml'), fs.readFileSync(path.join(dir, 'entities.yaml')));
    for (const f of files) index.setSourceBytes(uriOf(f), fs.readFileSync(path.join(dir, f)));
    index.setSource(open.uri, open.text);
    return index;
  }

  /** Runs `test` against a server that has indexed the folder with its first file open, then shuts it down. */
  async function withServer(
    test: (client: TestClient, open: { uri: string; text: string }) => Promise<void>,
  ): Promise<void> {
    const client = new TestClient(dir, { pull: true, initializationOptions: { collectTimings: true } });
    try {
      await client.initialize();
      const open = { uri: uriOf(files[0]!), text: fs.readFileSync(path.join(dir, files[0]!), 'utf8') };
      await client.open(open.uri, open.text);
      await client.waitForIndex(N);
      await test(client, open);
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  }

  it('compresses every closed source after a pass, answers from them as from the texts, and again after a change', () =>
    withServer(async (client, open) => {
      const texts = await compressed(client, N - 1);
      assert.equal(texts.compressed, N - 1, 'every closed source, not the open one');
      assert.ok(texts.bytesAfter < texts.bytesBefore / 2, `${texts.bytesBefore} → ${texts.bytesAfter} bytes`);
      assert.ok(
        client.logs.some((l) => new RegExp(`compressed ${N - 1} texts of closed sources`).test(l)),
        'the log says so',
      );

      // Every position below needs the line table, so the text, of a compressed source.
      const index = inProcess(open);
      for (const file of files.slice(1, 12)) {
        const uri = uriOf(file);
        const report = await client.connection.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', {
          textDocument: { uri },
        });
        assert.deepEqual(report.items, lspDiagnostics(index, uri), file);
      }
      // The open file's mention of the actor mentioned in the most sources.
      const [at] = index
        .mentionRefs(open.uri)
        .sort((a, b) => index.mentionsOf(b.actor).size - index.mentionsOf(a.actor).size);
      const position = index.getSource(open.uri)!.lines.positionAt(at!.mention.start + 1);
      const served = await client.connection.sendRequest<unknown[]>('textDocument/references', {
        textDocument: { uri: open.uri },
        position,
        context: { includeDeclaration: true },
      });
      const expected = references(index, open.uri, position, true);
      assert.ok(expected.length > 10, 'the actor is mentioned across the workspace');
      assert.deepEqual(served, JSON.parse(JSON.stringify(expected)));

      // A closed file changed on disk is read again, then compressed again.
      const changed = path.join(dir, files[5]!);
      fs.appendFileSync(changed, '\nOne more line about [NATO]{.actor ref=nato}.\n');
      await client.fileEvents([{ uri: uriOf(files[5]!), type: 2 }]);
      const again = await compressed(client, N);
      assert.equal(again.compressed, N);
      const report = await client.connection.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', {
        textDocument: { uri: uriOf(files[5]!) },
      });
      index.setSourceBytes(uriOf(files[5]!), fs.readFileSync(changed));
      assert.deepEqual(report.items, lspDiagnostics(index, uriOf(files[5]!)));
    }));

  it('compresses nothing while an open document is being typed in or hovered, and catches up after a pause', () =>
    withServer(async (client, open) => {
      const before = await compressed(client, N - 1);

      // Closed files change on disk while the open one is typed in, an edit every 150 ms for 2.4 s.
      for (const file of files.slice(10, 14)) fs.appendFileSync(path.join(dir, file), '\nAnother line.\n');
      let text = open.text;
      let version = 1;
      const typing = async (ms: number): Promise<void> => {
        for (const end = Date.now() + ms; Date.now() < end;) {
          text += 'x';
          await client.change(open.uri, ++version, text);
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      };
      await client.change(open.uri, ++version, (text += ' '));
      await client.fileEvents(files.slice(10, 14).map((file) => ({ uri: uriOf(file), type: 2 as const })));
      await typing(2400);
      const during = await textsNow(client);
      assert.equal(during.compressed, before.compressed, 'no text compressed while typing');
      assert.ok(during.compressing, 'the four files wait to be compressed');
      // Then hovers, one every 150 ms for 1.6 s: the user is still there.
      for (const end = Date.now() + 1600; Date.now() < end;) {
        await client.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: open.uri },
          position: { line: 0, character: 0 },
        });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const hovering = await textsNow(client);
      assert.equal(hovering.compressed, before.compressed, 'no text compressed while hovering');

      const after = await compressed(client, before.compressed + 4);
      assert.equal(after.compressed, before.compressed + 4);
    }));
});
