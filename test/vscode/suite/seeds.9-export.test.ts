import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, stub } from './helpers';

/**
 * *Corroborate: Export Annotations…*: the format is picked and the file or
 * folder chosen (both stubbed, as a user's choice); the server returns the
 * files and the client writes them.
 */
describe('exporting the annotations (a copy of seeds/)', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Runs the command with `format` picked and `target` chosen (a save or a folder dialog). */
  async function exportAs(format: string, target: vscode.Uri): Promise<vscode.Uri[]> {
    await activeApi();
    const pick = stub(vscode.window, 'showQuickPick', ((items: ReadonlyArray<{ label: string }>) =>
      Promise.resolve(items.find((i) => i.label === format))) as unknown as typeof vscode.window.showQuickPick);
    const save = stub(vscode.window, 'showSaveDialog', () => Promise.resolve(target));
    const open = stub(vscode.window, 'showOpenDialog', () => Promise.resolve([target]));
    try {
      return (await vscode.commands.executeCommand<vscode.Uri[]>('corroborate.exportAnnotations')) ?? [];
    } finally {
      pick.restore();
      save.restore();
      open.restore();
    }
  }

  it('writes the brat folder of the seeds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-export-'));
    dirs.push(dir);
    const written = await exportAs('brat', vscode.Uri.file(dir));
    assert.ok(written.length >= 12, `${written.length} files`);
    const names = fs.readdirSync(dir).sort();
    for (const n of ['annotation.conf', 'tools.conf', 'new-nato.ann', 'new-nato.txt'])
      assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    assert.match(fs.readFileSync(path.join(dir, 'new-nato.ann'), 'utf8'), /^T1\t\w+ \d+ \d+\t/);
  });

  it('writes the W3C collection to the file chosen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-export-'));
    dirs.push(dir);
    const file = vscode.Uri.file(path.join(dir, 'annotations.jsonld'));
    await exportAs('w3c', file);
    const collection = JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as { type: string; total: number };
    assert.equal(collection.type, 'AnnotationCollection');
    assert.ok(collection.total > 300);
  });
});
