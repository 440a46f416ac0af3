import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DocumentDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic as CoreDiagnostic, LanguageService } from '../../server/src/core';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { DEFAULT_SETTINGS, sanitize } from '../../server/src/settings';
import { IDLE_MS, SuggestionHints } from '../../server/src/suggestionHints';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { fileUri, REPO, TestClient, writeWorkspace } from '../helpers/lspClient';

/**
 * suggested-actor and suggested-claim hints over stdio: they are not in the
 * first diagnostics of a document, arrive once it has been idle (a refresh
 * for pull clients, a publication for push clients), go with an edit, and
 * their code actions resolve to the expected edits. The settings switch them
 * off, each code on its own.
 */

const REGISTRY = `actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
`;
const ARTICLE = `---
id: a
---
Christine Lagarde met [Mark Rutte]{.actor ref=rutte} in Frankfurt.
`;

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  return report.kind === 'full' ? report.items : [];
}

const suggested = (ds: Diagnostic[], code = 'suggested-actor'): Diagnostic[] => ds.filter((d) => d.code === code);

/** Pulls the document's diagnostics every 100 ms until some are hints of `code` (at most 10 s). */
async function pullHints(client: TestClient, uri: string, code = 'suggested-actor'): Promise<Diagnostic[]> {
  for (let i = 0; i < 100; i++) {
    const hints = suggested(await pull(client, uri), code);
    if (hints.length > 0) return hints;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${code} hints for ${uri}; server stderr:\n${client.stderr}`);
}

describe('suggestion hints (suggested-actor, suggested-claim) over stdio', function () {
  this.timeout(60000);
  const clients: TestClient[] = [];
  const dirs: string[] = [];

  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist/server.js')))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });
  after(async () => {
    for (const c of clients) assert.equal(await c.shutdown(), 0);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function start(
    pullMode: boolean,
    settings?: unknown,
    article = ARTICLE,
  ): Promise<{ client: TestClient; uri: string; reg: string }> {
    const dir = writeWorkspace({ 'entities.yaml': REGISTRY, 'a.seed.md': article });
    dirs.push(dir);
    const client = new TestClient(dir, { pull: pullMode, ...(settings ? { settings } : {}) });
    clients.push(client);
    await client.initialize();
    await client.waitForIndex(1);
    return { client, uri: fileUri(dir, 'a.seed.md'), reg: fileUri(dir, 'entities.yaml') };
  }

  it('pull: arrive after idle with a refresh, carry the code and data, and their actions resolve to edits', async () => {
    const { client, uri, reg } = await start(true);
    const refreshes = client.refreshRequests;
    await client.open(uri, ARTICLE);
    const first = await pull(client, uri);
    assert.deepEqual(suggested(first), [], 'no suggestion on the keystroke path');
    await client.waitFor('a refresh after idle', () => client.refreshRequests > refreshes);
    const hints = await pullHints(client, uri);
    const lagarde = hints.find((d) => d.range.start.character === 0)!;
    assert.ok(lagarde, JSON.stringify(hints));
    assert.equal(lagarde.severity, 4);
    assert.deepEqual(lagarde.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 17 } });
    assert.deepEqual(lagarde.data, {
      id: 'lagarde',
      kind: 'person',
      isNew: true,
      name: 'Christine Lagarde',
      aliases: [],
    });

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: lagarde.range,
      context: { diagnostics: [lagarde] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === "Annotate 'Christine Lagarde' as new actor lagarde (person)");
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    const after = applyWorkspaceEdit(
      new Map([
        [uri, ARTICLE],
        [reg, REGISTRY],
      ]),
      fix.edit as WorkspaceEdit,
    );
    assert.equal(
      after.get(uri)!.split('\n')[3],
      '[Christine Lagarde]{.actor ref=lagarde} met [Mark Rutte]{.actor ref=rutte} in Frankfurt.',
    );
    assert.equal(after.get(reg), `${REGISTRY}  lagarde: {name: Christine Lagarde, kind: person}\n`);

    const source = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: lagarde.range,
      context: { diagnostics: [], only: ['source'] },
    })) as CodeAction[];
    assert.equal(source.length, 1, JSON.stringify(source));
    assert.equal(source[0]!.kind, 'source.corroborate.annotateSuggestedActors');
    assert.match(source[0]!.title, /^Annotate all \d+ suggested actors? in this file$/);
    const all = applyWorkspaceEdit(
      new Map([
        [uri, ARTICLE],
        [reg, REGISTRY],
      ]),
      source[0]!.edit as WorkspaceEdit,
    );
    assert.equal(stripMarkup(all.get(uri)!), stripMarkup(ARTICLE));

    // An edit hides them until the document is idle again.
    const edited = ARTICLE.replace('Frankfurt', 'Frankfurt on Monday');
    await client.change(uri, 2, edited);
    assert.deepEqual(suggested(await pull(client, uri)), []);
    await pullHints(client, uri);
  });

  it('claims: a suggested-claim hint arrives after idle and its actions resolve to edits; the setting hides it', async () => {
    const said = `${ARTICLE}\nJane Holloway said that the alliance would survive the crisis.\n`;
    const { client, uri, reg } = await start(true, undefined, said);
    await client.open(uri, said);
    assert.deepEqual(suggested(await pull(client, uri), 'suggested-claim'), [], 'no suggestion on the keystroke path');
    const [claim, ...rest] = await pullHints(client, uri, 'suggested-claim');
    assert.deepEqual(rest, []);
    assert.equal(claim!.severity, 4);
    assert.equal(claim!.message, 'Attributed to Jane Holloway (by=holloway, a new actor): annotate as a claim?');
    assert.deepEqual(claim!.range, { start: { line: 5, character: 24 }, end: { line: 5, character: 61 } });
    assert.deepEqual(claim!.data, {
      by: 'holloway',
      byIsNew: true,
      speaker: 'Jane Holloway',
      name: 'Jane Holloway',
      aliases: [],
      kind: 'person',
      nameStart: said.indexOf('Jane'),
      nameEnd: said.indexOf(' said'),
    });
    const files = new Map([
      [uri, said],
      [reg, REGISTRY],
    ]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: claim!.range,
      context: { diagnostics: [claim!] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Annotate as a claim by holloway (new actor)');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    const after = applyWorkspaceEdit(files, fix.edit as WorkspaceEdit);
    assert.equal(
      after.get(uri)!.split('\n')[5],
      '[Jane Holloway]{.actor ref=holloway} said that [the alliance would survive the crisis]{.claim by=holloway}.',
    );
    assert.equal(after.get(reg), `${REGISTRY}  holloway: {name: Jane Holloway, kind: person}\n`);

    const source = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: claim!.range,
      context: { diagnostics: [], only: ['source.corroborate.annotateSuggestedClaims'] },
    })) as CodeAction[];
    assert.deepEqual(
      source.map((a) => [a.kind, a.title]),
      [['source.corroborate.annotateSuggestedClaims', 'Annotate all 1 attributed statement']],
    );
    assert.equal(applyWorkspaceEdit(files, source[0]!.edit as WorkspaceEdit).get(uri), after.get(uri));

    const off = await start(true, { suggestions: { claims: false } }, said);
    await off.client.open(off.uri, said);
    const hints = await pullHints(off.client, off.uri);
    assert.ok(hints.length > 0, 'the actor hints still come');
    assert.deepEqual(suggested(await pull(off.client, off.uri), 'suggested-claim'), []);
  });

  it('push: published after idle; none with corroborate.suggestions.actors off', async () => {
    const on = await start(false);
    await on.client.open(on.uri, ARTICLE);
    await on.client.waitFor('published hints', () => suggested(on.client.published.get(on.uri) ?? []).length > 0);

    const off = await start(false, { suggestions: { actors: false } });
    await off.client.open(off.uri, ARTICLE);
    await off.client.waitFor('published diagnostics', () => off.client.published.get(off.uri));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.deepEqual(suggested(off.client.published.get(off.uri)!), []);
  });
});

describe('suggestion hints in the server (unit)', () => {
  it('corroborate.suggestions.actors, or diagnostics.suggestedActors, switch them off; default on', () => {
    assert.equal(sanitize({}).suggestedActors, true);
    assert.equal(sanitize({ suggestions: { actors: false } }).suggestedActors, false);
    assert.equal(sanitize({ diagnostics: { suggestedActors: false } }).suggestedActors, false);
    assert.equal(sanitize({ suggestions: { actors: 'no' } }).suggestedActors, true);
  });

  it('corroborate.suggestions.claims, or diagnostics.suggestedClaims, switch the claim hints off; default on', () => {
    assert.equal(sanitize({}).suggestedClaims, true);
    assert.equal(sanitize({ suggestions: { claims: false } }).suggestedClaims, false);
    assert.equal(sanitize({ suggestions: { claims: false } }).suggestedActors, true);
    assert.equal(sanitize({ diagnostics: { suggestedClaims: false } }).suggestedClaims, false);
    assert.equal(sanitize({ suggestions: { claims: 0 } }).suggestedClaims, true);
  });

  it('compute once the document is idle: a change meanwhile cancels, a closed document forgets', async () => {
    let calls = 0;
    let version = 1;
    const ready: string[] = [];
    const hint: CoreDiagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: 'hint',
      code: 'suggested-actor',
      message: 'm',
    };
    const service = {
      allSuggestionHintsSteps: function* () {
        calls++;
        return [hint];
      },
    } as unknown as LanguageService;
    const open = new Set(['file:///a.seed.md']);
    const hints = new SuggestionHints(
      service,
      () => Promise.resolve(DEFAULT_SETTINGS),
      (uri) => (open.has(uri) ? version : null),
      (uri) => ready.push(uri),
      (_, work) => void work,
    );
    const a = 'file:///a.seed.md';
    hints.schedule([a, 'file:///closed.seed.md']);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 2));
    version = 2;
    hints.schedule([a]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 2));
    assert.equal(calls, 0, 'the first timer was reset');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    assert.equal(calls, 1);
    assert.deepEqual(ready, [a]);
    assert.deepEqual(hints.current(a), [hint]);
    version = 3;
    assert.deepEqual(hints.current(a), [], 'a newer version hides them');
    version = 2;
    hints.forget(a);
    assert.deepEqual(hints.current(a), []);
    hints.schedule([a]);
    hints.dispose();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 1.5));
    assert.equal(calls, 1, 'disposed: nothing computed');
  });

  it('nothing is computed while an indexing pass runs; scheduled again after it, the hints come', async () => {
    let calls = 0;
    let indexing = true;
    const service = {
      allSuggestionHintsSteps: function* () {
        calls++;
        return [];
      },
    } as unknown as LanguageService;
    const a = 'file:///a.seed.md';
    const hints = new SuggestionHints(
      service,
      () => Promise.resolve(DEFAULT_SETTINGS),
      () => 1,
      () => undefined,
      (_, work) => void work,
      () => indexing,
    );
    hints.schedule([a]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 1.5));
    assert.equal(calls, 0, 'not while indexing');
    // The end of the pass schedules the open documents again (ServerState.invalidateAll).
    indexing = false;
    hints.schedule([a]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 1.5));
    assert.equal(calls, 1);
    hints.dispose();
  });

  it('a step at a time: a document changed between two steps drops the computation, the next one shows', async () => {
    let version = 1;
    let steps = 0;
    const ready: string[] = [];
    const hint: CoreDiagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: 'hint',
      code: 'suggested-actor',
      message: 'm',
    };
    const a = 'file:///a.seed.md';
    const service = {
      allSuggestionHintsSteps: function* () {
        steps++;
        // The document changes while the computation waits for its next turn (a keystroke between two steps).
        if (version === 1) version = 2;
        yield;
        steps++;
        return [hint];
      },
    } as unknown as LanguageService;
    const hints = new SuggestionHints(
      service,
      () => Promise.resolve(DEFAULT_SETTINGS),
      () => version,
      (uri) => ready.push(uri),
      (_, work) => void work,
    );
    hints.schedule([a]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 1.5));
    assert.equal(steps, 1, 'dropped after its first step');
    assert.deepEqual(ready, []);
    assert.deepEqual(hints.current(a), []);
    // The change scheduled it again (openDocuments.ts): computed for version 2, in two steps.
    hints.schedule([a]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 1.5));
    assert.equal(steps, 3);
    assert.deepEqual(ready, [a]);
    assert.deepEqual(hints.current(a), [hint]);
    hints.dispose();
  });
});
