import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Location,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { AnnotateRequest, TreeChildrenRequest } from '../../common/protocol';
import { fileUri, REPO, TestClient, writeWorkspace } from '../helpers/lspClient';

const REGISTRY = `actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte], description: Secretary General of NATO}
  nato: {name: NATO, kind: organization}
claims:
  k: {type: percent, description: Spending target}
`;
const FILES: Record<string, string> = {
  'entities.yaml': REGISTRY,
  'a.seed.md':
    '---\nid: a\ntitle: Alpha\noutlet: Daily A\n---\n[Mark Rutte]{.actor ref=rutte} said [all agreed to 5%]{.claim #five by=rutte key=k value="5%"}.\n',
  'b.seed.md':
    '---\nid: b\ntitle: Beta\n---\n[Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}: [the target is 2%]{.claim #two by=outlet key=k value=2%}.\n',
  'sub/c.seed.md': '---\nid: c\n---\n[He]{.actor ref=rute} and [something happened]{.claim}.\n',
};

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((x, y) => offset(y.range.start) - offset(x.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function msg(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function codes(ds: Diagnostic[] | undefined): string[] {
  return (ds ?? []).map((d) => String(d.code)).sort();
}

describe('language server over stdio', function () {
  this.timeout(60000);

  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });

  describe('push diagnostics (a client without pull support)', () => {
    let dir: string;
    let client: TestClient;
    before(async () => {
      dir = writeWorkspace(FILES);
      // Every file, not only the open ones (corroborate.diagnostics.publish).
      client = new TestClient(dir, { pull: false, settings: { diagnostics: { publish: 'all' } } });
      const init = await client.initialize();
      assert.equal(init.capabilities.diagnosticProvider, undefined);
      await client.waitForIndex(3);
    });
    after(async () => {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes diagnostics for files that were never opened, with related information', async () => {
      const a = fileUri(dir, 'a.seed.md');
      const c = fileUri(dir, 'sub/c.seed.md');
      const ds = await client.waitFor('diagnostics for a', () => client.published.get(a));
      const conflict = ds.find((d) => d.code === 'conflicting-claim')!;
      assert.ok(conflict, JSON.stringify(ds));
      assert.equal(conflict.source, 'corroborate');
      assert.equal(conflict.relatedInformation?.[0]?.location.uri, fileUri(dir, 'b.seed.md'));
      assert.deepEqual(conflict.range, { start: { line: 5, character: 36 }, end: { line: 5, character: 94 } });
      const cds = await client.waitFor('diagnostics for c', () => client.published.get(c));
      assert.deepEqual(codes(cds), ['unknown-actor', 'unsourced-claim']);
    });

    it('reports indexing progress', () => {
      const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      assert.ok(kinds.includes('begin') && kinds.includes('end'), JSON.stringify(client.progress));
    });

    it('keeps other files fresh when an edit resolves a conflict, and falls back to disk on close', async () => {
      const a = fileUri(dir, 'a.seed.md');
      const b = fileUri(dir, 'b.seed.md');
      const text = FILES['b.seed.md']!;
      await client.open(b, text);
      await client.change(b, 2, text.replace('value=2%', 'value="5 percent"'));
      const ds = await client.waitFor('a without the conflict', () => {
        const d = client.published.get(a);
        return d && !d.some((x) => x.code === 'conflicting-claim') && d.some((x) => x.code === 'corroborated-claim')
          ? d
          : undefined;
      });
      assert.ok(ds.length > 0);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: b } });
      await client.waitFor('the conflict back after closing b', () =>
        client.published.get(a)?.some((x) => x.code === 'conflicting-claim'),
      );
    });

    it('follows files created, changed and deleted on disk', async () => {
      const a = fileUri(dir, 'a.seed.md');
      const d = fileUri(dir, 'd.seed.md');
      fs.writeFileSync(path.join(dir, 'd.seed.md'), '---\nid: d\n---\n[three]{.claim by=outlet key=k value=3%}\n');
      await client.fileEvents([{ uri: d, type: 1 }]);
      await client.waitFor('a conflicting with 2 sources', () =>
        client.published.get(a)?.find((x) => x.code === 'conflicting-claim' && msg(x).includes('2 other sources')),
      );
      fs.writeFileSync(path.join(dir, 'd.seed.md'), '---\nid: d\n---\n[five]{.claim by=outlet key=k value=5%}\n');
      await client.fileEvents([{ uri: d, type: 2 }]);
      await client.waitFor('a corroborated by d', () =>
        client.published.get(a)?.find((x) => x.code === 'corroborated-claim' && msg(x).includes('d')),
      );
      fs.rmSync(path.join(dir, 'd.seed.md'));
      await client.fileEvents([{ uri: d, type: 3 }]);
      await client.waitFor('d cleared', () => client.published.get(d)?.length === 0);
      await client.waitFor('a back to one conflict', () =>
        client.published.get(a)?.find((x) => x.code === 'conflicting-claim' && msg(x).includes('1 other source')),
      );
    });

    it('drops the files of a deleted folder', async () => {
      const c = fileUri(dir, 'sub/c.seed.md');
      fs.rmSync(path.join(dir, 'sub'), { recursive: true });
      await client.fileEvents([{ uri: fileUri(dir, 'sub'), type: 3 }]);
      await client.waitFor('c cleared', () => client.published.get(c)?.length === 0);
    });
  });

  describe('pull diagnostics and every request', () => {
    let dir: string;
    let client: TestClient;
    const a = (): string => fileUri(dir, 'a.seed.md');
    const b = (): string => fileUri(dir, 'b.seed.md');
    const c = (): string => fileUri(dir, 'sub/c.seed.md');
    before(async () => {
      dir = writeWorkspace(FILES);
      client = new TestClient(dir, { pull: true });
      const init = await client.initialize();
      assert.deepEqual(init.capabilities.diagnosticProvider, {
        identifier: 'corroborate',
        interFileDependencies: true,
        workspaceDiagnostics: true,
      });
      await client.waitForIndex(3);
    });
    after(async () => {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers workspace and document pulls, holding an unchanged workspace pull until something changes', async () => {
      const first = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const byUri = new Map(first.items.map((i) => [i.uri, i]));
      assert.ok(byUri.has(a()) && byUri.has(b()) && byUri.has(c()) && byUri.has(fileUri(dir, 'entities.yaml')));
      const itemsOf = (uri: string): Diagnostic[] => {
        const r = byUri.get(uri)!;
        return r.kind === 'full' ? r.items : [];
      };
      assert.ok(itemsOf(a()).some((d) => d.code === 'conflicting-claim'));
      assert.deepEqual(codes(itemsOf(c())), ['unknown-actor', 'unsourced-claim']);
      const doc = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: a() } });
      assert.equal(doc.kind, 'full');
      const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri: a() },
        previousResultId: doc.resultId!,
      });
      assert.equal(again.kind, 'unchanged');

      const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
      let settled = false;
      const held = client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }).then((r) => {
        settled = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(settled, false, 'an unchanged workspace pull should wait');
      const refreshesBefore = client.refreshRequests;
      await client.open(b(), FILES['b.seed.md']!);
      await client.change(b(), 2, FILES['b.seed.md']!.replace('value=2%', 'value=5%'));
      // Opening b (same text) changes b only; the edit then changes a too. The held pull may
      // answer between the two: pull again (as VS Code does) until both have been reported.
      const changed = new Set<string>();
      let ids = new Map(previousResultIds.map((p) => [p.uri, p.value]));
      let report = await held;
      for (const deadline = Date.now() + 10_000; ;) {
        for (const item of report.items) {
          changed.add(item.uri);
          ids.set(item.uri, item.resultId!);
        }
        if ((changed.has(a()) && changed.has(b())) || Date.now() > deadline) break;
        report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
          previousResultIds: [...ids].map(([uri, value]) => ({ uri, value })),
        });
      }
      ids = new Map();
      assert.ok(changed.has(a()) && changed.has(b()), [...changed].join(', '));
      assert.ok(!changed.has(c()), 'c is not affected by the edit');
      await client.waitFor('a refresh request', () => client.refreshRequests > refreshesBefore);
    });

    it('streams a workspace pull as partial results when the client offers a token (as VS Code does)', async () => {
      const whole = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const final = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
        previousResultIds: [],
        partialResultToken: 'partial-1',
      });
      assert.deepEqual(final.items, [], 'everything was streamed, the final response is empty');
      // The test client records every $/progress (work done and partial results alike).
      const streamed = (client.progress as Array<{ token?: unknown; value?: { items?: Array<{ uri: string }> } }>)
        .filter((p) => p.token === 'partial-1')
        .flatMap((p) => (p.value?.items ?? []).map((i) => i.uri));
      assert.deepEqual(streamed.sort(), whole.items.map((i) => i.uri).sort());
    });

    it('returns promptly when a held workspace pull is cancelled', async () => {
      const ids = (
        await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] })
      ).items.map((i) => ({ uri: i.uri, value: i.resultId! }));
      const source = new CancellationTokenSource();
      const started = Date.now();
      const pending = client.connection
        .sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: ids }, source.token)
        .catch((e: unknown) => e);
      setTimeout(() => source.cancel(), 100);
      await pending;
      assert.ok(Date.now() - started < 5000);
    });

    it('hover on an actor names the other sources; on a claim, the conflicting one', async () => {
      const h = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 3 },
      })) as Hover;
      const text = (h.contents as MarkupContent).value;
      assert.match(text, /Mark Rutte/);
      assert.match(text, /2 sources/);
      assert.match(text, /Beta/);
      const hc = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: fileUri(dir, 'sub/c.seed.md') },
        position: { line: 3, character: 0 },
      });
      assert.ok(hc === null || typeof hc === 'object');
    });

    it('definition, references, highlights-free navigation', async () => {
      const defs = (await client.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 27 },
      })) as Location[];
      assert.equal(defs[0]?.uri, fileUri(dir, 'entities.yaml'));
      assert.equal(defs[0]?.range.start.line, 1);
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 3 },
        context: { includeDeclaration: false },
      })) as Location[];
      const uris = [...new Set(refs.map((r) => r.uri))].sort();
      assert.deepEqual(uris, [a(), b()].sort());
    });

    it('rename changes the id everywhere and never the prose', async () => {
      const prep = await client.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 27 },
      });
      assert.ok(prep);
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 27 },
        newName: 'mark-rutte',
      })) as WorkspaceEdit;
      const changes = edit.changes!;
      assert.deepEqual(Object.keys(changes).sort(), [a(), b(), fileUri(dir, 'entities.yaml')].sort());
      for (const rel of ['a.seed.md', 'b.seed.md']) {
        const before = fs.readFileSync(path.join(dir, rel), 'utf8');
        const after = applyEdits(before, changes[fileUri(dir, rel)]!);
        assert.equal(stripMarkup(after), stripMarkup(before));
        assert.match(after, /ref=mark-rutte/);
      }
      assert.match(applyEdits(REGISTRY, changes[fileUri(dir, 'entities.yaml')]!), /^ {2}mark-rutte:/m);
    });

    it('symbols, completion, code lens and semantic tokens', async () => {
      const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: a() } });
      assert.ok(Array.isArray(symbols) && symbols.length > 0);
      const ws = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'rutte' });
      assert.ok(Array.isArray(ws) && ws.some((s) => s.name.includes('Rutte')));
      const text = '[Someone]{.actor ref=}\n';
      await client.open(fileUri(dir, 'e.seed.md'), text);
      const completions = (await client.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: fileUri(dir, 'e.seed.md') },
        position: { line: 0, character: 21 },
      })) as CompletionItem[] | CompletionList;
      const items = Array.isArray(completions) ? completions : completions.items;
      assert.ok(
        items.some((i) => i.label === 'rutte'),
        JSON.stringify(items.map((i) => i.label)),
      );
      const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: a() } });
      assert.ok(lenses && lenses.length > 0 && lenses.some((l) => l.command?.command === 'corroborate.showReferences'));
      const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: a() } });
      assert.ok(tokens && tokens.data.length > 0 && tokens.data.length % 5 === 0);
      const range = await client.connection.sendRequest(SemanticTokensRangeRequest.type, {
        textDocument: { uri: a() },
        range: { start: { line: 5, character: 0 }, end: { line: 5, character: 20 } },
      });
      assert.ok(range && range.data.length > 0 && range.data.length <= tokens.data.length);
    });

    it('a quick fix, applied, makes its diagnostic go away', async () => {
      const uri = c();
      const text = fs.readFileSync(path.join(dir, 'sub/c.seed.md'), 'utf8');
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 20 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      const fix = actions.find((x) => x.title.includes("'rutte'"));
      assert.ok(fix, actions.map((x) => x.title).join(' | '));
      const fixed = applyEdits(text, fix.edit!.changes![uri]!);
      assert.equal(stripMarkup(fixed), stripMarkup(text));
      await client.open(uri, fixed);
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['unsourced-claim']);
    });

    it('serves the sidebar tree and the annotate request', async () => {
      const roots = await client.connection.sendRequest(TreeChildrenRequest, { view: 'actors' });
      assert.ok(roots.some((r) => r.label === 'People'));
      const people = await client.connection.sendRequest(TreeChildrenRequest, {
        view: 'actors',
        parent: roots.find((r) => r.label === 'People')!.id,
      });
      assert.ok(people.some((p) => p.label === 'Mark Rutte'));
      const uri = fileUri(dir, 'f.seed.md');
      await client.open(uri, 'NATO met today.\n');
      const result = await client.connection.sendRequest(AnnotateRequest, {
        uri,
        kind: 'actor',
        ref: 'nato',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      });
      assert.equal(
        applyEdits('NATO met today.\n', result.edit!.changes![uri]!),
        '[NATO]{.actor ref=nato} met today.\n',
      );
    });

    it('survives a cancelled request and keeps answering', async () => {
      const source = new CancellationTokenSource();
      const p = client.connection
        .sendRequest(
          ReferencesRequest.type,
          { textDocument: { uri: a() }, position: { line: 5, character: 3 }, context: { includeDeclaration: true } },
          source.token,
        )
        .catch((e: unknown) => e);
      source.cancel();
      await p;
      const h = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: a() },
        position: { line: 5, character: 3 },
      });
      assert.ok(h);
    });
  });

  describe('the seeds, and a large workspace', () => {
    it('started on seeds/, reports the real conflicts and answers requests across the articles', async () => {
      const seeds = path.join(REPO, 'seeds');
      const client = new TestClient(seeds, { pull: true });
      await client.initialize();
      await client.waitForIndex(5);
      const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const conflicts = report.items.flatMap((i) =>
        i.kind === 'full' ? i.items.filter((d) => d.code === 'conflicting-claim') : [],
      );
      assert.ok(conflicts.length >= 8, `${conflicts.length} conflicts`);
      assert.ok(conflicts.some((d) => msg(d).includes('Brussels')));

      // Line 6 of 000 opens with [Mark Rutte]{.actor ref=rutte}.
      const turkey = fileUri(seeds, '000-turkey-summit.seed.md');
      const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: turkey },
        position: { line: 5, character: 3 },
      }))!;
      const card = (hover.contents as MarkupContent).value;
      assert.match(card, /Mentioned in 5 sources/);
      assert.match(card, /TROIB News/);
      const defs = (await client.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri: turkey },
        position: { line: 5, character: 26 },
      })) as Location[];
      assert.equal(defs[0]?.uri, fileUri(seeds, 'entities.yaml'));
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: turkey },
        position: { line: 5, character: 3 },
        context: { includeDeclaration: false },
      }))!;
      assert.equal(new Set(refs.map((r) => r.uri)).size, 5);
      const edit = (await client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: turkey },
        position: { line: 5, character: 26 },
        newName: 'mark-rutte',
      }))!;
      for (const [uri, edits] of Object.entries(edit.changes!)) {
        if (!uri.endsWith('.seed.md')) continue;
        const before = fs.readFileSync(new URL(uri), 'utf8');
        assert.equal(stripMarkup(applyEdits(before, edits)), stripMarkup(before), uri);
      }
      assert.equal(Object.keys(edit.changes!).length, 6);
      assert.equal(await client.shutdown(), 0);
    });

    it('applies settings: severity overrides, and hints off', async () => {
      // g.seed.md names Rutte in plain text: by default that is an unannotated-mention hint.
      const dir = writeWorkspace({ ...FILES, 'g.seed.md': 'Rutte spoke.\n' });
      const client = new TestClient(dir, {
        pull: false,
        settings: {
          diagnostics: {
            publish: 'all',
            severity: { 'unsourced-claim': 'error', 'conflicting-claim': 'off' },
            unannotatedMentions: false,
          },
        },
      });
      try {
        await client.initialize();
        await client.waitForIndex(4);
        assert.deepEqual(
          await client.waitFor('diagnostics for g', () => client.published.get(fileUri(dir, 'g.seed.md'))),
          [],
        );
        const c = await client.waitFor('diagnostics for c', () => client.published.get(fileUri(dir, 'sub/c.seed.md')));
        assert.equal(c.find((d) => d.code === 'unsourced-claim')?.severity, 1);
        const a = await client.waitFor('diagnostics for a', () => client.published.get(fileUri(dir, 'a.seed.md')));
        assert.ok(
          !a.some((d) => d.code === 'conflicting-claim' || d.code === 'unannotated-mention'),
          codes(a).join(','),
        );
      } finally {
        assert.equal(await client.shutdown(), 0);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('answers a request for an open file while a large workspace is still being indexed', async () => {
      const files: Record<string, string> = { 'entities.yaml': REGISTRY };
      for (let i = 0; i < 4000; i++) {
        files[`bulk/${String(i).padStart(4, '0')}.seed.md`] =
          `---\nid: s${i}\n---\n[Rutte]{.actor ref=rutte} said [x]{.claim by=rutte key=k value=${i % 7}%}. ${'Filler prose. '.repeat(40)}\n`;
      }
      files['open.seed.md'] = '[Mark Rutte]{.actor ref=rutte}\n';
      const dir = writeWorkspace(files);
      const client = new TestClient(dir, { pull: true });
      try {
        await client.initialize();
        await client.open(fileUri(dir, 'open.seed.md'), files['open.seed.md']);
        const hover = (await client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri: fileUri(dir, 'open.seed.md') },
          position: { line: 0, character: 2 },
        })) as Hover;
        const indexedAtHover = client.statuses.some((s) => !s.indexing && s.sources === 4001);
        assert.match((hover.contents as MarkupContent).value, /rutte/i);
        await client.waitForIndex(4001, 60000);
        assert.equal(indexedAtHover, false, 'the hover should be answered before indexing finished');
        const reports = client.progress
          .map((p) => (p as { value: { message?: string } }).value.message)
          .filter(Boolean);
        assert.ok(
          reports.some((m) => /Indexing [\d,]+ \/ 4,001 sources/.test(m!)),
          reports.slice(0, 3).join(' | '),
        );
      } finally {
        assert.equal(await client.shutdown(), 0);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
