/**
 * Fuzzing the real language server over stdio JSON-RPC (issue 6).
 *
 * What runs: fast-check generates sequences of editor and disk operations. Each sequence
 * starts from a random workspace on disk (sources, a root and a nested `entities.yaml`) and
 * interleaves, in random order:
 *   - didOpen / didChange (incremental, 1–3 changes per notification, ranges anywhere,
 *     including ranges that end between `\r` and `\n` or inside an emoji's surrogate pair,
 *     and the odd full-text change) / didClose, on sources, registries and a file outside the
 *     workspace folder;
 *   - files written, deleted and renamed on disk, and the `sub/` folder deleted, each followed
 *     by the `workspace/didChangeWatchedFiles` an editor sends;
 *   - hover, completion, definition, references, highlights, prepareRename, rename, code
 *     actions, code lenses, semantic tokens (full and range), document and workspace symbols
 *     and tree requests, at random positions, sometimes under another spelling of the URI
 *     (`/./`), sometimes cancelled at once or after a tick (`$/cancelRequest`), sometimes
 *     not awaited before the next operation.
 * Inserted text comes from a vocabulary of brackets, braces, attribute lists (`.claim key=k
 * value=5%`, `.actor ref=`), front matter fences, newlines of all three kinds, emoji and
 * joiners; registries get YAML fragments, anchors and aliases and `!!js/function`.
 *
 * Properties, per sequence:
 *   1. the server process stays up (no exit, no error logged through window/logMessage);
 *   2. every request is answered within 10 s, with a result or a proper LSP error: only
 *      RequestCancelled for a cancelled request and RequestFailed for a refused rename. An
 *      InternalError means a handler threw, and fails the property;
 *   3. once the server has settled (status: not indexing, no disk read pending), what it
 *      reports EQUALS what a fresh server reports when started on the final state: the files
 *      on disk, with the documents still open re-sent with their final text (as an editor does
 *      after restarting the server). Compared exactly: the status counts, the sources tree,
 *      the workspace diagnostic pull (every file in the index, with its diagnostics) and a
 *      document pull of every file on disk or open.
 *
 * Design, to make 10,000 sequences affordable on 2 cores and stay honest:
 *   - One fuzzed server process serves every sequence (so it also proves a long life: no
 *     leak or stale state carried between sequences). Each sequence gets a fresh temp folder,
 *     swapped in with workspace/didChangeWorkspaceFolders (old folder out, new folder in),
 *     which drops the whole index. Half the sequences start editing before that indexing
 *     ends, to exercise edits and file events racing the loader.
 *   - The reference is a different process, and it never sees the edits: the final state is
 *     copied to a *different* folder, the reference is started there, and its URIs are mapped
 *     back before comparing. A reference process serves a batch of sequences: a new process
 *     per sequence in the quick budget (every comparison is against a never-used process),
 *     per 10 sequences in the long one. Within a batch, the reference moves to the next copy
 *     by a workspace-folder change (index cleared, every file read again: the same code path
 *     as a fresh start). Because every copy lives at a new path, anything a reused reference
 *     kept from an earlier copy would show up as extra files and fail the comparison.
 *   - The fuzzed server uses pull diagnostics, which give an exact, race-free comparison
 *     (push diagnostics are covered by test/server/protocol.test.ts).
 *
 * Budgets: `npm test` runs the quick budget (fixed seed, ~40 sequences, well under 30 s).
 * CORROBORATE_FUZZ=long (npm run fuzz) runs 10,000 sequences with a seed taken from the
 * clock. CORROBORATE_FUZZ_SEED and CORROBORATE_FUZZ_SEQUENCES override both. On failure,
 * the seed, the fast-check path and the (shrunk) operation sequence are printed; re-run with
 * CORROBORATE_FUZZ_SEED=<seed> to reproduce. The last line is a count summary
 * (`[fuzz:server] …`) that scripts/fuzz.mjs reports.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { StatusRequest, TreeChildrenRequest, type IndexStatus } from '../../common/protocol';
import { REPO, TestClient } from '../helpers/lspClient';

const LONG = process.env.CORROBORATE_FUZZ === 'long';
const SEQUENCES = Number(process.env.CORROBORATE_FUZZ_SEQUENCES ?? '') || (LONG ? 10000 : 40);
const SEED = Number(process.env.CORROBORATE_FUZZ_SEED ?? '') || (LONG ? Date.now() % 2 ** 31 : 20260601);
const REFERENCE_BATCH = LONG ? 10 : 1;
const REQUEST_TIMEOUT = 10000;
const SHRINK_BUDGET = LONG ? 300000 : 30000;

// ---- the vocabulary ------------------------------------------------------------------

/** Files of a sequence, relative to its workspace folder; the last one is outside it. */
const FILES = [
  'a.seed.md',
  'b.seed.md',
  'sub/c.seed.md',
  'sub/d.seed.md',
  'entities.yaml',
  'sub/entities.yaml',
  '../outside.seed.md',
] as const;
const OUTSIDE = FILES.length - 1;
const isRegistry = (rel: string): boolean => rel.endsWith('entities.yaml');

const SOURCE_FRAGMENTS = [
  '[',
  ']',
  '{',
  '}',
  '[]{}',
  ' ',
  '"',
  '`',
  '```\n',
  '\\',
  '\t',
  '#',
  '=',
  '[Mark Rutte]{.actor ref=rutte}',
  '[NATO]{.actor ref=nato}',
  '[He]{.actor ref=rute}',
  '{.actor ref=',
  '.actor ref=',
  'ref=',
  '[all agreed to 5%]{.claim #five by=rutte key=k value="5%"}',
  '[2%]{.claim #two by=outlet key=k value=2%}',
  '[maybe]{.claim by=anonymous key=k value="5 percent" as-of=2024}',
  '{.claim key=x value=y}',
  '.claim key=k value=5%',
  ' by=outlet',
  ' by=nato',
  ' supports=#five',
  ' disputes=a#two',
  ' supports=b#five',
  '#id',
  '{#two .claim key=k value=3%}',
  '5%',
  '2%',
  '"5 percent"',
  'value=5%',
  ' key=k',
  ' as-of=2023',
  'Rutte said ',
  'NATO met ',
  'Mark Rutte ',
  'prose words ',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '😀',
  '👩‍👩‍👧',
  'é',
  'e\u0301',
  '\u200d',
  '\u202e',
  '\ud800',
  '---\n',
  '---\r\n',
  'id: a\n',
  'id: b\n',
  'title: T\n',
  'outlet: O\n',
  'date: 2024-05-01\n',
  'id: [x\n',
] as const;
const REGISTRY_FRAGMENTS = [
  'actors:\n',
  '  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n',
  '  nato: {name: NATO, kind: organization}\n',
  '  x: {name: X, kind: bogus}\n',
  '  rutte: {name: Other, kind: person}\n',
  '  y: {name: Y, kind: person, aliases: [Rutte]}\n',
  'claims:\n',
  '  k: {type: percent, description: Target}\n',
  '  x: {type: number}\n',
  '  k: {type: date}\n',
  '  rutte:\n    name: Rutte\n    kind: person\n',
  '&a [1]\n',
  '*a\n',
  '!!js/function "x"\n',
  'z: &b {a: *b}\n',
  '\t',
  ':',
  '- ',
  '\n',
  '\r\n',
  '😀',
  '{',
  '}',
  '[',
  ']',
  ' ',
  '"',
] as const;

const GOOD_SOURCES = [
  '---\nid: a\ntitle: Alpha\noutlet: Daily A\n---\n[Mark Rutte]{.actor ref=rutte} said [all agreed to 5%]{.claim #five by=rutte key=k value="5%"}.\n',
  '---\nid: b\ntitle: Beta\n---\r\n[Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}: [the target is 2%]{.claim #two by=outlet key=k value=2%}.\r\n',
  '---\nid: c\n---\n[He]{.actor ref=rute} and [something happened]{.claim supports=a#five}. Rutte 😀 spoke.\n',
  '[x]{.claim by=anonymous key=k value=5% disputes=b#two}\rNATO\r',
] as const;
const GOOD_REGISTRIES = [
  'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n  nato: {name: NATO, kind: organization}\nclaims:\n  k: {type: percent}\n',
  'actors:\n  rute: {name: Mark Rute, kind: person}\n',
] as const;

type Text = { good: number; fragments: number[] };
const textArb = (registry: boolean): fc.Arbitrary<Text> =>
  fc.record({
    good: fc.integer({ min: -2, max: registry ? GOOD_REGISTRIES.length - 1 : GOOD_SOURCES.length - 1 }),
    fragments: fc.array(fc.nat(registry ? REGISTRY_FRAGMENTS.length - 1 : SOURCE_FRAGMENTS.length - 1), {
      maxLength: 12,
    }),
  });
function render(t: Text, registry: boolean): string {
  const good = t.good < 0 ? '' : registry ? GOOD_REGISTRIES[t.good]! : GOOD_SOURCES[t.good]!;
  const pieces = t.fragments.map((i) => (registry ? REGISTRY_FRAGMENTS[i]! : SOURCE_FRAGMENTS[i]!));
  return good + pieces.join('');
}

// ---- the operations --------------------------------------------------------------------

type Edit = { at: number; len: number; special: boolean; text: Text };
const REQUESTS = [
  'hover',
  'completion',
  'definition',
  'references',
  'highlight',
  'prepareRename',
  'rename',
  'codeAction',
  'codeLens',
  'tokens',
  'tokensRange',
  'symbols',
  'workspaceSymbols',
  'tree',
] as const;
type RequestKind = (typeof REQUESTS)[number];
type Op =
  | { op: 'open'; file: number; text: Text }
  | { op: 'change'; file: number; edits: Edit[] }
  | { op: 'replace'; file: number; text: Text }
  | { op: 'close'; file: number }
  | { op: 'write'; file: number; text: Text }
  | { op: 'delete'; file: number }
  | { op: 'rename'; file: number; to: number }
  | { op: 'deleteFolder' }
  | {
      op: 'request';
      kind: RequestKind;
      file: number;
      at: number;
      len: number;
      cancel: 0 | 1 | 2;
      alias: boolean;
      wait: boolean;
    }
  | { op: 'pause' }
  | { op: 'pull' };

const fileArb = fc.nat(FILES.length - 1);
const diskFileArb = fc.nat(FILES.length - 2); // not the outside file
const fracArb = fc.double({ min: 0, max: 1, noNaN: true });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('open' as const), file: fileArb, text: textArb(false) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('change' as const),
      file: fileArb,
      edits: fc.array(fc.record({ at: fracArb, len: fc.nat(6), special: fc.boolean(), text: textArb(false) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), file: fileArb, text: textArb(false) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('close' as const), file: fileArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('write' as const), file: diskFileArb, text: textArb(false) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), file: diskFileArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), file: diskFileArb, to: diskFileArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteFolder' as const) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('request' as const),
      kind: fc.constantFrom(...REQUESTS),
      file: fileArb,
      at: fracArb,
      len: fc.nat(20),
      cancel: fc.constantFrom(0 as const, 0 as const, 1 as const, 2 as const),
      alias: fc.boolean(),
      wait: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pause' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pull' as const) }) },
);
interface Scenario {
  initial: Array<Text | null>;
  waitForIndex: boolean;
  ops: Op[];
}
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  initial: fc.tuple(...FILES.slice(0, OUTSIDE).map((rel) => fc.option(textArb(isRegistry(rel)), { freq: 3 }))),
  waitForIndex: fc.boolean(),
  ops: fc.array(opArb, { minLength: 1, maxLength: 25 }),
});

// ---- the harness -----------------------------------------------------------------------

const counts = {
  sequences: 0,
  ops: 0,
  requests: 0,
  cancelled: 0,
  refused: 0,
  comparisons: 0,
  referenceProcesses: 0,
  files: 0,
};
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-fuzz-'));
let sequenceNo = 0;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** An LSP position for an offset, computed the way a client would (so it may end between \r and \n, or inside a surrogate pair). */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    } else if (c === 13 && i + 1 < offset) {
      line++;
      start = i + 2;
      i++;
    }
  }
  return { line, character: offset - start };
}
/** Offsets that split a CRLF or a surrogate pair, when the text has any. */
function specialOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const prev = text.charCodeAt(i - 1);
    const c = text.charCodeAt(i);
    if ((prev === 13 && c === 10) || (prev >= 0xd800 && prev <= 0xdbff && c >= 0xdc00 && c <= 0xdfff)) out.push(i);
  }
  return out;
}

/** Polls corroborate/status until indexing has ended and no disk read is pending. */
async function settle(client: TestClient): Promise<IndexStatus> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const s = await client.connection.sendRequest(StatusRequest);
    if (!s.indexing && (s.pending ?? 0) === 0) return s;
    if (Date.now() > deadline) throw new Error(`the server did not settle: ${JSON.stringify(s)}`);
    await sleep(3);
  }
}

function alive(client: TestClient, name: string): void {
  assert.ok(
    client.process.exitCode === null && client.process.signalCode === null,
    `the ${name} server exited (${client.process.exitCode ?? client.process.signalCode}); stderr:\n${client.stderr}`,
  );
}

function startServer(root: string): { client: TestClient; errors: string[] } {
  const client = new TestClient(root, { pull: true });
  const errors: string[] = [];
  client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
    if (m.type === 1) errors.push(m.message);
  });
  return { client, errors };
}

interface Observed {
  status: Omit<IndexStatus, 'pending' | 'done' | 'total'>;
  sources: unknown;
  workspace: Record<string, unknown>;
  documents: Record<string, unknown>;
}

/** What a server reports about `uris` (spelt with `toRoot`), with `fromRoot` replaced by `toRoot` in every URI. */
async function observe(client: TestClient, uris: string[], fromRoot: string, toRoot: string): Promise<Observed> {
  const s = await settle(client);
  const map = (v: unknown): unknown =>
    fromRoot === toRoot ? v : JSON.parse(JSON.stringify(v).split(fromRoot).join(toRoot));
  const sources = map(await client.connection.sendRequest(TreeChildrenRequest, { view: 'sources' }));
  const workspace: Record<string, unknown> = {};
  if (s.sources > 0 || uris.some(isRegistryUri)) {
    const cancel = new CancellationTokenSource();
    const timer = setTimeout(() => cancel.cancel(), 5000);
    const report = await client.connection.sendRequest(
      WorkspaceDiagnosticRequest.type,
      { previousResultIds: [] },
      cancel.token,
    );
    clearTimeout(timer);
    for (const item of report.items)
      workspace[String(map(item.uri))] = item.kind === 'full' ? map(item.items) : 'unchanged';
  }
  const documents: Record<string, unknown> = {};
  for (const uri of uris) {
    const r = await client.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: fromRoot === toRoot ? uri : uri.split(toRoot).join(fromRoot) },
    });
    documents[uri] = r.kind === 'full' ? map(r.items) : 'unchanged';
  }
  return {
    status: {
      indexing: s.indexing,
      sources: s.sources,
      actors: s.actors,
      claims: s.claims,
      keys: s.keys,
      conflicts: s.conflicts,
    },
    sources,
    workspace,
    documents,
  };
}
function isRegistryUri(uri: string): boolean {
  return uri.endsWith('/entities.yaml');
}

/** The reference: a fresh process per REFERENCE_BATCH comparisons, moved between copies by workspace-folder changes. */
class Reference {
  private server: { client: TestClient; errors: string[] } | undefined;
  private uses = 0;
  private folder = '';
  private openUris: string[] = [];

  async observe(
    root: string,
    openDocs: Array<{ uri: string; text: string }>,
    uris: string[],
    fuzzRoot: string,
  ): Promise<Observed> {
    const ws = path.join(root, 'ws');
    const folderUri = URI.file(ws).toString();
    if (!this.server || this.uses >= REFERENCE_BATCH) {
      await this.dispose();
      this.server = startServer(ws);
      counts.referenceProcesses++;
      await this.server.client.initialize();
      this.uses = 0;
    } else {
      for (const uri of this.openUris)
        await this.server.client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
          textDocument: { uri },
        });
      await this.server.client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { removed: [{ uri: this.folder, name: 'ws' }], added: [{ uri: folderUri, name: 'ws' }] },
      });
    }
    this.uses++;
    this.folder = folderUri;
    const client = this.server.client;
    const rootUri = URI.file(root).toString();
    this.openUris = [];
    for (const d of openDocs) {
      const uri = d.uri.split(fuzzRoot).join(rootUri);
      this.openUris.push(uri);
      await client.open(uri, d.text);
    }
    const seen = await observe(client, uris, rootUri, fuzzRoot);
    alive(client, 'reference');
    assert.deepEqual(this.server.errors, [], 'the reference server logged errors');
    return seen;
  }

  async dispose(): Promise<void> {
    if (this.server)
      assert.equal(await this.server.client.shutdown(), 0, 'the reference server exits with 0 after shutdown/exit');
    this.server = undefined;
  }
}

class Sequence {
  readonly root: string;
  readonly ws: string;
  readonly disk = new Map<number, string>();
  readonly docs = new Map<number, { doc: TextDocument; uri: string }>();
  readonly pending: Array<Promise<void>> = [];
  readonly problems: string[] = [];

  constructor(
    readonly client: TestClient,
    readonly scenario: Scenario,
  ) {
    this.root = path.join(tmpRoot, `seq-${++sequenceNo}`);
    this.ws = path.join(this.root, 'ws');
    fs.mkdirSync(this.ws, { recursive: true });
    scenario.initial.forEach((t, i) => {
      if (t) this.writeDisk(i, render(t, isRegistry(FILES[i]!)));
    });
  }

  abs(i: number): string {
    return path.join(this.ws, FILES[i]!);
  }
  uri(i: number, alias = false): string {
    const u = URI.file(this.abs(i)).toString();
    return alias ? u.replace(/\/([^/]+)$/, '/./$1') : u;
  }
  writeDisk(i: number, text: string): void {
    fs.mkdirSync(path.dirname(this.abs(i)), { recursive: true });
    fs.writeFileSync(this.abs(i), text);
    this.disk.set(i, text);
  }

  async run(op: Op): Promise<void> {
    const c = this.client.connection;
    counts.ops++;
    switch (op.op) {
      case 'open': {
        if (this.docs.has(op.file)) return;
        const text = this.disk.get(op.file) ?? render(op.text, isRegistry(FILES[op.file]!));
        const uri = this.uri(op.file);
        this.docs.set(op.file, { doc: TextDocument.create(uri, isRegistry(uri) ? 'yaml' : 'seed', 1, text), uri });
        await this.client.open(uri, text, 1);
        return;
      }
      case 'change':
      case 'replace': {
        const d = this.docs.get(op.file);
        if (!d) return;
        const changes: TextDocumentContentChangeEvent[] = [];
        const registry = isRegistry(FILES[op.file]!);
        if (op.op === 'replace') changes.push({ text: render(op.text, registry) });
        else {
          // Each change applies to the text as left by the previous one, as in LSP.
          let text = d.doc.getText();
          let scratch = TextDocument.create(d.uri, 'seed', 0, text);
          for (const e of op.edits) {
            const special = specialOffsets(text);
            const start =
              e.special && special.length > 0
                ? special[Math.floor(e.at * special.length) % special.length]!
                : Math.round(e.at * text.length);
            const end = Math.min(text.length, start + e.len);
            const change = {
              range: { start: positionAt(text, start), end: positionAt(text, end) },
              text: render(e.text, registry),
            };
            changes.push(change);
            scratch = TextDocument.update(scratch, [change], scratch.version + 1);
            text = scratch.getText();
          }
        }
        d.doc = TextDocument.update(d.doc, changes, d.doc.version + 1);
        await c.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri: d.uri, version: d.doc.version },
          contentChanges: changes,
        });
        return;
      }
      case 'close': {
        const d = this.docs.get(op.file);
        if (!d) return;
        this.docs.delete(op.file);
        await c.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: d.uri } });
        return;
      }
      case 'write': {
        const existed = this.disk.has(op.file);
        this.writeDisk(op.file, render(op.text, isRegistry(FILES[op.file]!)));
        await this.client.fileEvents([{ uri: this.uri(op.file), type: existed ? 2 : 1 }]);
        return;
      }
      case 'delete': {
        if (!this.disk.has(op.file)) return;
        fs.rmSync(this.abs(op.file));
        this.disk.delete(op.file);
        await this.client.fileEvents([{ uri: this.uri(op.file), type: 3 }]);
        return;
      }
      case 'rename': {
        const text = this.disk.get(op.file);
        if (text === undefined || op.to === op.file) return;
        const existed = this.disk.has(op.to);
        fs.mkdirSync(path.dirname(this.abs(op.to)), { recursive: true });
        fs.renameSync(this.abs(op.file), this.abs(op.to));
        this.disk.delete(op.file);
        this.disk.set(op.to, text);
        await this.client.fileEvents([
          { uri: this.uri(op.file), type: 3 },
          { uri: this.uri(op.to), type: existed ? 2 : 1 },
        ]);
        return;
      }
      case 'deleteFolder': {
        fs.rmSync(path.join(this.ws, 'sub'), { recursive: true, force: true });
        for (const i of [...this.disk.keys()]) if (FILES[i]!.startsWith('sub/')) this.disk.delete(i);
        await this.client.fileEvents([{ uri: URI.file(path.join(this.ws, 'sub')).toString(), type: 3 }]);
        return;
      }
      case 'pause':
        await sleep(2);
        return;
      case 'pull':
        await this.pullAll();
        return;
      case 'request': {
        const p = this.request(op);
        if (op.wait) await p;
        else this.pending.push(p);
        return;
      }
    }
  }

  private async request(op: Extract<Op, { op: 'request' }>): Promise<void> {
    const c = this.client.connection;
    counts.requests++;
    const text = this.docs.get(op.file)?.doc.getText() ?? this.disk.get(op.file) ?? '';
    const at = Math.round(op.at * text.length);
    const position = positionAt(text, at);
    const range = { start: position, end: positionAt(text, Math.min(text.length, at + op.len)) };
    const textDocument = { uri: this.uri(op.file, op.alias) };
    const source = new CancellationTokenSource();
    const token = source.token;
    let sent: Promise<unknown>;
    switch (op.kind) {
      case 'hover':
        sent = c.sendRequest(HoverRequest.type, { textDocument, position }, token);
        break;
      case 'completion':
        sent = c.sendRequest(CompletionRequest.type, { textDocument, position }, token);
        break;
      case 'definition':
        sent = c.sendRequest(DefinitionRequest.type, { textDocument, position }, token);
        break;
      case 'references':
        sent = c.sendRequest(
          ReferencesRequest.type,
          { textDocument, position, context: { includeDeclaration: op.len % 2 === 0 } },
          token,
        );
        break;
      case 'highlight':
        sent = c.sendRequest(DocumentHighlightRequest.type, { textDocument, position }, token);
        break;
      case 'prepareRename':
        sent = c.sendRequest(PrepareRenameRequest.type, { textDocument, position }, token);
        break;
      case 'rename':
        sent = c.sendRequest(
          RenameRequest.type,
          { textDocument, position, newName: ['renamed', 'k2', '#new', 'bad name', ''][op.len % 5]! },
          token,
        );
        break;
      case 'codeAction':
        sent = c.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }, token);
        break;
      case 'codeLens':
        sent = c.sendRequest(CodeLensRequest.type, { textDocument }, token);
        break;
      case 'tokens':
        sent = c.sendRequest(SemanticTokensRequest.type, { textDocument }, token);
        break;
      case 'tokensRange':
        sent = c.sendRequest(SemanticTokensRangeRequest.type, { textDocument, range }, token);
        break;
      case 'symbols':
        sent = c.sendRequest(DocumentSymbolRequest.type, { textDocument }, token);
        break;
      case 'workspaceSymbols':
        sent = c.sendRequest(WorkspaceSymbolRequest.type, { query: text.slice(at, at + 3) }, token);
        break;
      case 'tree':
        sent = c.sendRequest(
          TreeChildrenRequest,
          { view: (['actors', 'claims', 'sources'] as const)[op.len % 3]! },
          token,
        );
        break;
    }
    if (op.cancel === 1) source.cancel();
    else if (op.cancel === 2) setImmediate(() => source.cancel());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT)),
    );
    try {
      const r = await Promise.race([sent, timeout]);
      if (r === 'timeout')
        this.problems.push(`${op.kind} on ${FILES[op.file]} got no answer within ${REQUEST_TIMEOUT} ms`);
    } catch (e) {
      if (!(e instanceof ResponseError)) this.problems.push(`${op.kind} failed without an LSP error: ${String(e)}`);
      else if (e.code === LSPErrorCodes.RequestCancelled && op.cancel !== 0) counts.cancelled++;
      else if (e.code === LSPErrorCodes.RequestFailed && (op.kind === 'rename' || op.kind === 'prepareRename'))
        counts.refused++;
      else
        this.problems.push(
          `${op.kind} on ${FILES[op.file]} at ${JSON.stringify(position)}: error ${e.code} ${e.message}`,
        );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * What a pull client sees: a document pull of every file with the result id it got last
   * time; "unchanged" keeps what it had. A file whose diagnostics changed while its result id
   * did not (the index's affected-file tracking missed it) shows stale diagnostics here.
   */
  readonly seen = new Map<string, { resultId: string | undefined; items: unknown }>();
  async pullAll(uris = this.finalUris()): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const uri of uris) {
      const previous = this.seen.get(uri);
      const r = await this.client.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
        ...(previous?.resultId ? { previousResultId: previous.resultId } : {}),
      });
      if (r.kind === 'full') this.seen.set(uri, { resultId: r.resultId, items: r.items });
      else if (!previous) this.problems.push(`an 'unchanged' answer for ${uri}, never pulled before`);
      out[uri] = this.seen.get(uri)?.items;
    }
    return out;
  }

  /** Every URI that should be in the index: the files on disk, and the open documents. */
  finalUris(): string[] {
    const uris = new Set<string>();
    for (const i of this.disk.keys()) uris.add(this.uri(i));
    for (const { uri } of this.docs.values()) uris.add(uri);
    return [...uris].sort();
  }

  /** Copies the final disk state to a new folder for the reference. */
  copyDisk(): string {
    const root = path.join(tmpRoot, `ref-${sequenceNo}`);
    fs.mkdirSync(path.join(root, 'ws'), { recursive: true });
    for (const [i, text] of this.disk) {
      const p = path.join(root, 'ws', FILES[i]!);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
    counts.files += this.disk.size + this.docs.size;
    return root;
  }
}

function describeScenario(s: Scenario): string {
  const lines = [
    `initial files: ${s.initial.map((t, i) => (t ? `${FILES[i]} = ${JSON.stringify(render(t, isRegistry(FILES[i]!)))}` : `${FILES[i]} absent`)).join('; ')}`,
    `wait for the index first: ${s.waitForIndex}`,
  ];
  for (const op of s.ops) lines.push(`  ${JSON.stringify(op)}`);
  return lines.join('\n');
}

describe('fuzz: the language server over stdio', function () {
  this.timeout(Math.max(180000, SEQUENCES * 2000));
  let fuzzed: { client: TestClient; errors: string[] };
  let folder = '';
  const reference = new Reference();
  const started = Date.now();

  before(async function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
    const first = path.join(tmpRoot, 'start');
    fs.mkdirSync(first);
    fuzzed = startServer(first);
    await fuzzed.client.initialize();
    folder = URI.file(first).toString();
  });

  after(async function () {
    await reference.dispose();
    if (fuzzed) assert.equal(await fuzzed.client.shutdown(), 0, 'the fuzzed server exits with 0 after shutdown/exit');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[fuzz:server] ${counts.sequences} sequences, ${counts.ops} ops, ${counts.requests} requests (${counts.cancelled} cancelled, ${counts.refused} refused renames), ` +
        `${counts.comparisons} comparisons with ${counts.referenceProcesses} reference processes, ${counts.files} final files, 1 fuzzed process, ${seconds} s, seed ${SEED}, budget ${LONG ? 'long' : 'quick'}`,
    );
  });

  it(`random edit, file-event and request sequences: the server stays up, answers every request, and equals a fresh server (${SEQUENCES} sequences, seed ${SEED})`, async function () {
    const client = fuzzed.client;
    let firstFailure: number | undefined;
    let failures = 0;
    const property = fc.asyncProperty(scenarioArb, async (scenario) => {
      // Shrinking replays candidates on the live server; past its time budget, the rest are skipped.
      fc.pre(firstFailure === undefined || Date.now() - firstFailure < SHRINK_BUDGET);
      const seq = new Sequence(client, scenario);
      const wsUri = URI.file(seq.ws).toString();
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { removed: [{ uri: folder, name: 'ws' }], added: [{ uri: wsUri, name: 'ws' }] },
      });
      folder = wsUri;
      if (scenario.waitForIndex) await settle(client);
      let ok = false;
      try {
        for (const op of scenario.ops) await seq.run(op);
        await Promise.all(seq.pending);
        alive(client, 'fuzzed');
        assert.deepEqual(seq.problems, [], 'every request answered, with a result or a proper LSP error');
        assert.deepEqual(fuzzed.errors, [], 'the fuzzed server logged no error');
        const uris = seq.finalUris();
        const mine = await observe(client, uris, '', '');
        await settle(client);
        const cached = await seq.pullAll(uris);
        assert.deepEqual(
          cached,
          mine.documents,
          'what an incremental pull client shows (result ids, "unchanged") equals a full pull: no file was left out of an edit\'s affected set',
        );
        const openDocs = [...seq.docs.values()].map((d) => ({ uri: d.uri, text: d.doc.getText() }));
        const theirs = await reference.observe(seq.copyDisk(), openDocs, uris, URI.file(seq.root).toString());
        counts.comparisons++;
        assert.deepEqual(mine, theirs, 'the fuzzed server reports what a fresh server on the final state reports');
        ok = true;
      } catch (e) {
        firstFailure ??= Date.now();
        failures++;
        if (failures <= 3)
          console.log(`[fuzz:server] failure: ${e instanceof Error ? e.message : String(e)}`.slice(0, 6000));
        throw e;
      } finally {
        counts.sequences++;
        for (const d of seq.docs.values())
          await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
            textDocument: { uri: d.uri },
          });
        if (ok) {
          fs.rmSync(seq.root, { recursive: true, force: true });
          fs.rmSync(path.join(tmpRoot, `ref-${sequenceNo}`), { recursive: true, force: true });
        } else
          console.log(
            `[fuzz:server] failing sequence (seed ${SEED}), kept in ${seq.root}:\n${describeScenario(scenario)}`,
          );
      }
    });
    const out = await fc.check(property, {
      seed: SEED,
      numRuns: SEQUENCES,
      endOnFailure: process.env.CORROBORATE_FUZZ_SHRINK === '0',
    });
    if (out.failed) {
      const shrunk = out.counterexample?.[0];
      throw new Error(
        `server fuzz failed after ${out.numRuns} sequences (seed ${SEED}, path ${out.counterexamplePath ?? '?'}, ${out.numShrinks} shrinks).\n` +
          `Reproduce: CORROBORATE_FUZZ_SEED=${SEED} npx mocha out/test/fuzz/server.test.js\n` +
          (shrunk ? `Smallest failing sequence:\n${describeScenario(shrunk)}\n` : '') +
          `Error: ${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}`,
      );
    }
    if (!fs.readdirSync(tmpRoot).some((n) => n.startsWith('seq-')))
      fs.rmSync(tmpRoot, { recursive: true, force: true });
  });
});
