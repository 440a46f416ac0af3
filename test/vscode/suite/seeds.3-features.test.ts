import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, hoverText, positionOf, waitFor, wsUri } from './helpers';

const SEED_000 = '000-turkey-summit.seed.md';
const SEED_001 = '001-transatlantic-rift.seed.md';

describe('language features through VS Code (a copy of seeds/)', () => {
  let doc0: vscode.TextDocument;
  let doc1: vscode.TextDocument;

  before(async () => {
    await activeApi();
    doc0 = await vscode.workspace.openTextDocument(wsUri(SEED_000));
    doc1 = await vscode.workspace.openTextDocument(wsUri(SEED_001));
  });

  it('hover on an actor mention lists the other sources that mention it', async () => {
    const at = positionOf(doc0, '[Mark Rutte]{.actor ref=rutte}', 3);
    const text = await waitFor(
      async () =>
        hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc0.uri, at)),
      'a hover on Mark Rutte',
    );
    assert.match(text, /\*\*Mark Rutte\*\* · person · `rutte`/);
    assert.match(text, /Mentioned in 5 sources/);
    for (const other of ['001-transatlantic-rift', '002-new-nato', '003-rutte-strategy', '004-can-nato-survive']) {
      assert.ok(text.includes(`${other}.seed.md#L`), `the hover links to ${other}:\n${text}`);
    }
    assert.ok(text.includes("[Rutte Stands Alone in the 'New NATO']"), 'the other sources are named by their titles');
  });

  it('hover on a claim lists the corroborating and the conflicting claims', async () => {
    const at = positionOf(doc1, "[[Donald Trump]{.actor ref=trump}'s return");
    const text = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc1.uri, at),
    );
    assert.match(text, /\*\*Claim\*\* `#trump-president`/);
    assert.match(text, /`trump\.office` = \*\*President of the United States\*\*/);
    assert.match(text, /Corroborated by 1 source\n\n- \[TROIB News \(new-nato\)\]/);
    assert.match(text, /Contradicted by 2 sources/);
    assert.match(
      text,
      /\(rutte-strategy\)\]\([^)]*003-rutte-strategy\.seed\.md#L11,306\) says \*\*former President of the United States\*\*/,
    );
    assert.match(text, /\(can-nato-survive\)\]/);
  });

  it('go to definition takes a mention to its registry entry', async () => {
    const at = positionOf(doc0, '[Mark Rutte]{.actor ref=rutte}', 3);
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc0.uri,
      at,
    );
    assert.equal(defs.length, 1);
    const def = defs[0]!;
    const uri = 'targetUri' in def ? def.targetUri : def.uri;
    const range = 'targetUri' in def ? def.targetRange : def.range;
    assert.equal(uri.toString(), wsUri('entities.yaml').toString());
    const registry = await vscode.workspace.openTextDocument(uri);
    assert.equal(registry.getText(range), 'rutte');
    assert.equal(registry.lineAt(range.start.line + 1).text.trim(), 'name: Mark Rutte');
  });

  it('find references lists every mention and by= across the sources, and the registry entry', async () => {
    const at = positionOf(doc0, '[Mark Rutte]{.actor ref=rutte}', 3);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      doc0.uri,
      at,
    );
    const files = new Set(refs.map((r) => r.uri.path.split('/').pop()));
    assert.deepEqual([...files].sort(), [
      '000-turkey-summit.seed.md',
      '001-transatlantic-rift.seed.md',
      '002-new-nato.seed.md',
      '003-rutte-strategy.seed.md',
      '004-can-nato-survive.seed.md',
      'entities.yaml',
    ]);
    const counts: Record<string, number> = {};
    for (const r of refs) {
      const text = (await vscode.workspace.openTextDocument(r.uri)).getText(r.range);
      counts[text] = (counts[text] ?? 0) + 1;
    }
    // 50 mentions (10 "Mark Rutte", 40 "Rutte"), 3 claims by=rutte and the registry key.
    assert.deepEqual(counts, { '[Mark Rutte]{.actor ref=rutte}': 10, '[Rutte]{.actor ref=rutte}': 40, rutte: 4 });
  });

  it('the outline lists the actors (with their mentions) and the claims of a source', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc0.uri,
    );
    const names = symbols.map((s) => s.name);
    assert.equal(names[0], 'Mark Rutte braces as Trump-pressed NATO unity faces a Turkey summit reckoning');
    const actors = symbols.find((s) => s.name === 'Actors');
    assert.ok(actors, `an Actors group in ${names.join(', ')}`);
    const rutte = actors.children.find((c) => c.name === 'rutte');
    assert.ok(rutte, 'rutte is among the actors');
    assert.equal(rutte.children.length, 6, 'six mentions of rutte in 000');
    assert.equal(rutte.detail, 'Mark Rutte · person');
    const claims = symbols.find((s) => s.name === 'Claims');
    assert.ok(claims, 'a Claims group');
    assert.equal(claims.children.length, 5);
    assert.equal(claims.children[0]!.name, 'rutte.office = Secretary General of NATO');
    assert.equal(claims.children[0]!.detail, '#rutte-sg · by outlet');
  });

  it('completes actor ids after ref=', async () => {
    const at = positionOf(doc0, 'ref=rutte}', 4);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc0.uri,
      at,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of ['rutte', 'trump', 'nato', 'the-hague'])
      assert.ok(labels.includes(id), `${id} in ${labels.slice(0, 20).join(', ')}…`);
    const rutte = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'rutte')!;
    assert.equal(rutte.detail, 'Mark Rutte · person');
  });

  it('returns semantic tokens with the actor kinds of the legend', async () => {
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      doc0.uri,
    );
    assert.ok(legend.tokenTypes.includes('actorPerson'), legend.tokenTypes.join(', '));
    const tokens = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.SemanticTokens | undefined>(
          'vscode.provideDocumentSemanticTokens',
          doc0.uri,
        ),
      'semantic tokens',
    );
    const data = tokens.data;
    assert.ok(data.length > 0 && data.length % 5 === 0);
    // Decode (relative line, relative start, length, type, modifiers) into absolute tokens.
    let line = 0;
    let char = 0;
    const decoded: Array<{ line: number; char: number; length: number; type: string }> = [];
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
      decoded.push({ line, char, length: data[i + 2]!, type: legend.tokenTypes[data[i + 3]!]! });
    }
    const markRutte = positionOf(doc0, '[Mark Rutte]', 1);
    assert.deepEqual(
      decoded.find((t) => t.line === markRutte.line && t.char === markRutte.character),
      { line: markRutte.line, char: markRutte.character, length: 'Mark Rutte'.length, type: 'actorPerson' },
    );
    const nato = positionOf(doc0, '[NATO]{.actor ref=nato}', 1);
    assert.equal(decoded.find((t) => t.line === nato.line && t.char === nato.character)?.type, 'actorOrganization');
    assert.ok(decoded.some((t) => t.type === 'claim'));
  });

  it('code lenses count the corroborating and conflicting sources of a claim', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc1.uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /\d+ sources? corroborate/.test(t)),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => /conflicts?/.test(t)),
      titles.join(' | '),
    );
    const commands = new Set(lenses.map((l) => l.command?.command));
    assert.deepEqual([...commands].sort(), ['corroborate.openMatrix', 'corroborate.showReferences']);
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('corroborate.openMatrix') && registered.includes('corroborate.showReferences'));
  });

  it('workspace symbols find actors, keys and sources', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
      'vscode.executeWorkspaceSymbolProvider',
      'rutte',
    );
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Mark Rutte (rutte)'), names.join(', '));
    assert.ok(names.includes('rutte.office'), names.join(', '));
    assert.ok(names.includes("Rutte Stands Alone in the 'New NATO'"), names.join(', '));
    const source = symbols.find((s) => s.name === "Rutte Stands Alone in the 'New NATO'")!;
    assert.equal(source.location.uri.toString(), wsUri('002-new-nato.seed.md').toString());
  });
});
