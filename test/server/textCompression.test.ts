import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { toLspDiagnostic, uncompressedText, WorkspaceIndex } from '../../server/src/core';
import { dictionaryOf, TextCompressor, ZlibCodec } from '../../server/src/textCompression';
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

/**
 * The compressor itself, in process (server/src/textCompression.ts): a run of many texts compresses them with a
 * dictionary of pieces of them, every text comes back exactly, and texts compressed with an earlier dictionary still
 * do after a later run made another.
 */
describe('text compression: a dictionary shared by the texts of a run', () => {
  const ROOT = URI.file(path.join(os.tmpdir(), 'corroborate-dictionary')).toString();
  const uri = (i: number): string => `${ROOT}/s${i}.seed.md`;
  /** Articles alike as an archive's are (front matter, boilerplate), each with text of its own; odd bytes too. */
  function article(i: number): string {
    const eol = i % 5 === 0 ? '\r\n' : '\n';
    const lines = [
      '---',
      `id: s${i}`,
      `title: "Report ${i} on the harbour budget"`,
      'outlet: The Daily Example',
      `published: 2024-0${1 + (i % 9)}-1${i % 10}`,
      '---',
      '',
      `Subscribe to The Daily Example for more reporting like this. Story ${i} 🚢 — Zoë Müller writes:`,
      '',
      `[The council]{.actor ref=council} said spending rose by ${i * 7 + 3} percent in year ${2000 + i}; ` +
        `[Mark Rutte]{.actor ref=rutte} disputed figure ${i * 13}.`,
      '',
    ];
    return lines.join(eol);
  }
  const N = 40;
  const texts = Array.from({ length: N }, (_, i) => article(i));

  function compressor(index: WorkspaceIndex): TextCompressor {
    return new TextCompressor({
      index,
      busy: () => false,
      lastActivityAt: () => -Infinity,
      background: () => undefined,
      log: () => undefined,
    });
  }

  async function done(c: TextCompressor): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (c.running) {
      assert.ok(Date.now() < deadline, 'compressed within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('compresses a run of texts smaller than each alone, releases their bytes, and every text comes back exactly', async () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    texts.forEach((t, i) => index.loadSourceBytes(uri(i), new TextEncoder().encode(t)));
    const before = texts.map((_, i) => uncompressedText(index.getSource(uri(i))!)!);
    const c = compressor(index);
    c.schedule(texts.map((_, i) => uri(i)));
    await done(c);
    assert.equal(c.totals.compressed, N);
    // The bytes each model kept before are freed (their buffer moved away to be collected young), not held twice.
    before.forEach((bytes, i) => assert.equal(bytes.byteLength, 0, `${uri(i)}: the uncompressed bytes released`));
    const alone = (await Promise.all(texts.map((t) => new ZlibCodec().compress(new TextEncoder().encode(t))))).reduce(
      (n, b) => n + b.length,
      0,
    );
    assert.ok(
      c.totals.bytesAfter < alone * 0.8,
      `with a dictionary ${c.totals.bytesAfter} bytes, each alone ${alone} bytes`,
    );
    texts.forEach((t, i) => {
      const model = index.getSource(uri(i))!;
      assert.equal(uncompressedText(model), undefined, `${uri(i)} is kept compressed`);
      assert.equal(model.text, t);
    });
  });

  it('texts compressed with an earlier dictionary come back after a later run made another', async () => {
    const index = new WorkspaceIndex({ folders: [ROOT] });
    texts.forEach((t, i) => index.loadSourceBytes(uri(i), new TextEncoder().encode(t)));
    const c = compressor(index);
    c.schedule(texts.slice(0, N / 2).map((_, i) => uri(i)));
    await done(c);
    c.schedule(texts.slice(N / 2).map((_, i) => uri(N / 2 + i)));
    await done(c);
    assert.equal(c.totals.compressed, N);
    texts.forEach((t, i) => assert.equal(index.getSource(uri(i))!.text, t, uri(i)));
  });

  it('makes a dictionary of the first KiB of each text, and none of fewer than eight', () => {
    const bytes = texts.map((t) => new TextEncoder().encode(t.repeat(10)));
    assert.equal(dictionaryOf(bytes.slice(0, 7)), undefined);
    const dictionary = dictionaryOf(bytes.slice(0, 8))!;
    assert.equal(dictionary.length, 8 * 1024);
    assert.deepEqual(dictionary.subarray(1024, 2048), bytes[1]!.subarray(0, 1024));
  });
});
