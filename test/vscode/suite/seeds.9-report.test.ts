import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportResult } from '../../../common/protocol';
import type { CorroborateApi } from '../../../client/src/extension';
import { activeApi, REPO, stub, waitFor } from './helpers';

/**
 * *Corroborate: Export Report…*: the server answers `corroborate/report` with
 * the page, and the command writes it where the save dialog (stubbed, as the
 * user's choice) says, then offers to open it.
 */
describe('the report (a copy of seeds/)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-report-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The sources the server has indexed (earlier tests add and remove some), and the seeds' own. */
  const indexedSources = async (api: CorroborateApi): Promise<number> =>
    (await api.client.sendRequest<{ sources: number }>('corroborate/status')).sources;
  const SEEDS = fs.readdirSync(path.join(REPO, 'seeds')).filter((f) => f.endsWith('.seed.md'));

  it('answers corroborate/report with the page: every source, the matrix with the spending-target conflict', async () => {
    const api = await activeApi();
    // By method name: the bundle's jsonrpc message types are not the test's.
    const result = await api.client.sendRequest<ReportResult>('corroborate/report', { title: 'Seeds' });
    assert.equal(result.complete, true);
    assert.match(result.html, /^<!DOCTYPE html>/);
    assert.ok(result.html.includes('<title>Seeds</title>'));
    const counted = /<dd data-count="sources">(\d+)<\/dd>/.exec(result.html)?.[1];
    assert.equal(Number(counted), await indexedSources(api));
    assert.equal((result.html.match(/<details class="article"/g) ?? []).length, Number(counted));
    assert.match(result.html, /<tr data-status="conflicting" data-key="nato\.spending-target">/);
    // Every seed, by its path relative to the workspace folder; and preview.css inlined.
    for (const f of SEEDS) assert.ok(result.html.includes(`<code>${f}</code>`), f);
    assert.ok(result.html.includes('.corroborate-actor-person'));
  });

  it('Export Report… writes the page where the save dialog says and offers to open it', async () => {
    const api = await activeApi();
    const target = vscode.Uri.file(path.join(dir, 'report.html'));
    const asked: vscode.SaveDialogOptions[] = [];
    const messages: string[][] = [];
    const dialog = stub(vscode.window, 'showSaveDialog', (options?: vscode.SaveDialogOptions) => {
      asked.push(options ?? {});
      return Promise.resolve(target);
    });
    const info = stub(vscode.window, 'showInformationMessage', ((message: string, ...items: string[]) => {
      messages.push([message, ...items]);
      return Promise.resolve(undefined);
    }) as unknown as typeof vscode.window.showInformationMessage);
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('corroborate.exportReport');
      assert.equal(written?.fsPath, target.fsPath);
    } finally {
      dialog.restore();
      info.restore();
    }
    assert.deepEqual(asked[0]?.filters, { 'HTML page': ['html', 'htm'] });
    assert.equal(asked[0]?.defaultUri?.path.endsWith('/report.html'), true);
    const html = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.equal((html.match(/<details class="article"/g) ?? []).length, await indexedSources(api));
    for (const f of SEEDS) assert.ok(html.includes(`<code>${f}</code>`), f);
    await waitFor(() => messages.length > 0, 'the message that the report was written');
    assert.match(messages[0]![0]!, /^Corroborate: report written to .*report\.html\.$/);
    assert.deepEqual(messages[0]!.slice(1), ['Open in Browser']);
  });

  it('Export Report… writes nothing when the save dialog is cancelled', async () => {
    const dialog = stub(vscode.window, 'showSaveDialog', () => Promise.resolve(undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('corroborate.exportReport'), undefined);
    } finally {
      dialog.restore();
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['report.html']);
  });
});
