import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnostics, waitFor, wsUri } from './helpers';

/**
 * One file of test/vscode/fixture/fixes/ per diagnostic code that has a quick
 * fix: the diagnostic appears (the file was never opened), the quick fix is
 * offered for its range, applying it writes exactly the expected text, and
 * the diagnostic goes away.
 */
interface Case {
  file: string;
  code: string;
  title: string;
  /** The whole text of `file` after the fix (when the fix edits it). */
  after?: string;
  /** Text the registry must contain after the fix (when the fix edits it). */
  registry?: string;
  /** Another file whose diagnostic of the same code must go away too. */
  alsoClears?: string;
}

const CASES: Case[] = [
  {
    file: 'unknown-actor.seed.md',
    code: 'unknown-actor',
    title: "Change to 'alice'",
    after: 'A typo: [Alice Example]{.actor ref=alice} arrived.\n',
  },
  {
    file: 'unknown-actor-new.seed.md',
    code: 'unknown-actor',
    title: "Add 'dora' to entities.yaml",
    registry: '    aliases: [Acme]\n  dora:\n    name: Dora Unlisted\n    kind: other\nclaims:\n',
  },
  {
    file: 'unknown-claim-key.seed.md',
    code: 'unknown-claim-key',
    title: "Change to 'fixture.shape'",
    after: '[The widget is round]{.claim by=outlet key=fixture.shape value=round}.\n',
  },
  {
    file: 'malformed-attribute.seed.md',
    code: 'malformed-attribute',
    title: "Change to '.actor'",
    after: 'A misspelt class: [Alice Example]{.actor ref=alice} arrived.\n',
  },
  {
    file: 'unsourced-claim.seed.md',
    code: 'unsourced-claim',
    title: 'Attribute to Acme Corporation (by=acme)',
    after: '[Acme Corporation]{.actor ref=acme} says that [it sells more widgets than anyone]{.claim by=acme}.\n',
  },
  {
    file: 'unannotated-mention.seed.md',
    code: 'unannotated-mention',
    title: "Annotate 'Bob Sample' as actor bob",
    after: 'Yesterday [Bob Sample]{.actor ref=bob} spoke.\n',
  },
  {
    file: 'duplicate-passage.seed.md',
    code: 'duplicate-passage',
    title: 'Remove the repeated passage',
    after:
      'The quick brown fox jumps over the lazy dog while the patient farmer watches from the porch and counts the sheep in the field.\n\nSomething else happens in between.\n\n',
  },
  {
    file: 'conflict-a.seed.md',
    code: 'conflicting-claim',
    title: 'Mark as disputing conflict-b#shops',
    after:
      '[[Acme]{.actor ref=acme} runs ten shops]{.claim #shops by=acme key=fixture.shops value=10 disputes=conflict-b#shops}.\n',
    alsoClears: 'conflict-b.seed.md',
  },
];

describe('quick fixes, one per fixable diagnostic code (a copy of test/vscode/fixture)', () => {
  before(async () => {
    const api = await activeApi();
    assert.equal((await api.ready).sources, 10);
  });

  for (const c of CASES) {
    it(`${c.code}: "${c.title}" fixes ${c.file}`, async () => {
      const uri = wsUri('fixes', c.file);
      const d = await waitFor(() => diagnostics(uri, c.code)[0], `a ${c.code} diagnostic in ${c.file}`);
      if (c.alsoClears)
        await waitFor(
          () => diagnostics(wsUri('fixes', c.alsoClears!), c.code).length > 0,
          `a ${c.code} diagnostic in ${c.alsoClears}`,
        );
      // As a user would: in an editor (the code action command needs the document loaded, and
      // the language client pulls the diagnostics of visible documents as soon as they change).
      const doc = (await vscode.window.showTextDocument(uri)).document;
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
      );
      const titles = actions.map((a) => a.title);
      const action = actions.find((a): a is vscode.CodeAction => a.title === c.title && 'kind' in a);
      assert.ok(action, `"${c.title}" among ${JSON.stringify(titles)}`);
      assert.ok(
        action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind),
        `a quick fix: ${action.kind?.value}`,
      );
      // (vscode.executeCodeActionProvider does not hand the actions' diagnostics back; the title and kind identify the fix.)
      assert.equal(action.isPreferred, true, 'the fix is the preferred one');
      assert.ok(action.edit, 'the action carries its edit');
      assert.ok(await vscode.workspace.applyEdit(action.edit));

      if (c.after !== undefined) assert.equal(doc.getText(), c.after);
      if (c.registry !== undefined)
        assert.ok((await vscode.workspace.openTextDocument(wsUri('entities.yaml'))).getText().includes(c.registry));
      await waitFor(() => diagnostics(uri, c.code).length === 0, `the ${c.code} diagnostic in ${c.file} to go away`);
      if (c.alsoClears)
        await waitFor(
          () => diagnostics(wsUri('fixes', c.alsoClears!), c.code).length === 0,
          `the ${c.code} diagnostic in ${c.alsoClears} to go away`,
        );
    });
  }
});
