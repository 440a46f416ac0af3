import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, diagnostics, stub, waitFor, wsUri } from './helpers';

/**
 * The annotate-selection commands ask with quick picks and input boxes. The
 * tests answer them by replacing `vscode.window.showQuickPick` and
 * `showInputBox` (the extension and the tests share one `vscode` API object)
 * with scripted answers, and check the questions on the way.
 */
type QuickPickAnswer = (
  items: readonly vscode.QuickPickItem[],
  options: vscode.QuickPickOptions | undefined,
) => vscode.QuickPickItem | undefined;
type InputBoxAnswer = (options: vscode.InputBoxOptions | undefined) => string | undefined;

async function answering<T>(picks: QuickPickAnswer[], inputs: InputBoxAnswer[], run: () => Thenable<T>): Promise<T> {
  const asked = { picks: 0, inputs: 0 };
  const showQuickPick = async (
    items: ReadonlyArray<vscode.QuickPickItem | string> | Thenable<ReadonlyArray<vscode.QuickPickItem | string>>,
    options?: vscode.QuickPickOptions,
  ): Promise<vscode.QuickPickItem | string | undefined> => {
    const answer = picks[asked.picks++];
    assert.ok(answer, `unexpected quick pick: ${options?.title}`);
    // Plain strings are shown to the answer as items and given back as strings.
    const original = await items;
    const shown = original.map((i) => (typeof i === 'string' ? { label: i } : i));
    const chosen = answer(shown, options);
    return chosen === undefined ? undefined : original[shown.indexOf(chosen)];
  };
  const showInputBox = (options?: vscode.InputBoxOptions): Promise<string | undefined> => {
    const answer = inputs[asked.inputs++];
    assert.ok(answer, `unexpected input box: ${options?.title}`);
    return Promise.resolve(answer(options));
  };
  const quickPick = stub(
    vscode.window,
    'showQuickPick',
    showQuickPick as unknown as typeof vscode.window.showQuickPick,
  );
  const inputBox = stub(vscode.window, 'showInputBox', showInputBox);
  try {
    const result = await run();
    assert.equal(asked.picks, picks.length, 'every scripted quick pick was shown');
    assert.equal(asked.inputs, inputs.length, 'every scripted input box was shown');
    return result;
  } finally {
    quickPick.restore();
    inputBox.restore();
  }
}

function select(editor: vscode.TextEditor, text: string): void {
  const offset = editor.document.getText().indexOf(text);
  assert.ok(offset >= 0, `'${text}' is in the document`);
  editor.selection = new vscode.Selection(
    editor.document.positionAt(offset),
    editor.document.positionAt(offset + text.length),
  );
}

const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

describe('annotate-selection commands (a copy of test/vscode/fixture)', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await activeApi();
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri('annotate.seed.md')));
  });

  it('Annotate Selection as Actor, with an actor of the registry', async () => {
    select(editor, 'Bob Sample');
    const ok = await answering(
      [
        (items, options) => {
          assert.equal(options?.title, 'Annotate selection as actor');
          assert.equal(items[0]!.label, '$(add) New actor “Bob Sample”…');
          assert.equal(items[1]!.label, 'Bob Sample', 'the actor whose name is the selection comes first');
          assert.equal(items[1]!.description, 'bob · person');
          return items[1];
        },
      ],
      [],
      () => vscode.commands.executeCommand<boolean>('corroborate.annotateActor'),
    );
    assert.equal(ok, true);
    assert.equal(
      editor.document.lineAt(4).text,
      '[Bob Sample]{.actor ref=bob} met Carol Novel in the lobby on Monday.',
    );
  });

  it('Annotate Selection as Actor, with a new actor added to entities.yaml', async () => {
    select(editor, 'Carol Novel');
    const ok = await answering(
      [
        (items) => items[0],
        (items, options) => {
          assert.equal(options?.title, 'New actor: what kind of actor is Carol Novel?');
          assert.ok(items.some((i) => i.label === 'organization'));
          return items.find((i) => i.label === 'person');
        },
      ],
      [
        (options) => {
          assert.equal(options?.title, 'New actor: name');
          return options?.value;
        },
        (options) => {
          assert.equal(options?.title, 'New actor: id');
          assert.equal(options?.value, 'carol-novel');
          assert.equal(options?.validateInput?.('bob'), "'bob' is already an actor");
          assert.equal(options?.validateInput?.('carol novel'), 'Letters, digits, ".", "_" and "-"');
          assert.equal(options?.validateInput?.('carol-novel'), undefined);
          return options?.value;
        },
      ],
      () => vscode.commands.executeCommand<boolean>('corroborate.annotateActor'),
    );
    assert.equal(ok, true);
    assert.equal(
      editor.document.lineAt(4).text,
      '[Bob Sample]{.actor ref=bob} met [Carol Novel]{.actor ref=carol-novel} in the lobby on Monday.',
    );
    const registry = await vscode.workspace.openTextDocument(wsUri('entities.yaml'));
    assert.ok(
      registry.getText().includes('\n  carol-novel:\n    name: Carol Novel\n    kind: person\n'),
      registry.getText(),
    );
    await waitFor(
      () =>
        diagnostics(editor.document.uri, 'unknown-actor').length === 0 &&
        diagnostics(editor.document.uri, 'unannotated-mention').length === 0,
      'no unknown actor and no unannotated mention in annotate.seed.md',
    );
  });

  it('Annotate Selection as Claim, with who, key, value and as-of', async () => {
    select(editor, 'The widget is blue');
    const ok = await answering(
      [
        (items, options) => {
          assert.equal(options?.title, 'Annotate selection as claim: who asserts it?');
          assert.deepEqual(
            items.slice(0, 3).map((i) => i.description),
            ['by=outlet', 'by=anonymous', 'no by='],
          );
          return items.find((i) => i.description === 'by=bob');
        },
        (items) => items.find((i) => i.label === 'fixture.color'),
      ],
      [
        (options) => {
          assert.equal(options?.title, 'Value of fixture.color according to this source');
          return ' blue ';
        },
        (options) => {
          assert.equal(options?.validateInput?.('2025-13-01x'), 'YYYY, YYYY-MM or YYYY-MM-DD');
          return '2025';
        },
      ],
      () => vscode.commands.executeCommand<boolean>('corroborate.annotateClaim'),
    );
    assert.equal(ok, true);
    assert.equal(
      editor.document.lineAt(6).text,
      '[The widget is blue]{.claim #claim-1 by=bob key=fixture.color value=blue as-of=2025}, said the caretaker.',
    );
  });

  it('does nothing without a selection', async () => {
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(0));
    const before = editor.document.getText();
    let told = '';
    const showInformationMessage = (message: string): Promise<undefined> => {
      told = message;
      return Promise.resolve(undefined);
    };
    const info = stub(
      vscode.window,
      'showInformationMessage',
      showInformationMessage as typeof vscode.window.showInformationMessage,
    );
    try {
      const ok = await answering([], [], () => vscode.commands.executeCommand<boolean>('corroborate.annotateActor'));
      assert.equal(ok, false);
      assert.equal(told, 'Corroborate: select the text to annotate first.');
    } finally {
      info.restore();
    }
    assert.equal(editor.document.getText(), before);
  });

  it('completes actor ids typed after ref=, including the actor just added', async () => {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, '\n[Alice]{.actor ref=}\n')));
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l === '[Alice]{.actor ref=}');
    const at = new vscode.Position(line, '[Alice]{.actor ref='.length);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        at,
      );
      const found = list.items.map(label);
      return found.includes('carol-novel') && found;
    }, 'carol-novel among the completions');
    for (const id of ['alice', 'bob', 'acme']) assert.ok(labels.includes(id), labels.join(', '));
  });
});
