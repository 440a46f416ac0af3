import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { WorkspaceIndex, type Severity } from '../../../server/src/core';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/diagnostics';
import { activeApi, codeOf, diagnostics, textAt, waitFor, wsUri } from './helpers';

const SEEDS = [
  '000-turkey-summit',
  '001-transatlantic-rift',
  '002-new-nato',
  '003-rutte-strategy',
  '004-can-nato-survive',
].map((s) => `${s}.seed.md`);

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}

function key(
  code: string | undefined,
  severity: vscode.DiagnosticSeverity,
  r: { start: { line: number; character: number }; end: { line: number; character: number } },
  message: string,
): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${code} (${severity}) ${message}`;
}

describe('diagnostics of files that were never opened (a copy of seeds/)', () => {
  before(async () => {
    await activeApi();
  });

  it('reports a conflicting claim, with related information pointing at the other seeds', async () => {
    const uri = wsUri('001-transatlantic-rift.seed.md');
    assert.ok(!isOpen(uri), '001 must not be open for this test');
    const d = await waitFor(
      () => diagnostics(uri, 'conflicting-claim').find((x) => x.message.startsWith('trump.office')),
      'the trump.office conflict in 001',
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.source, 'corroborate');
    assert.match(
      d.message,
      /conflicts with 2 other sources: "former President of the United States" in rutte-strategy, can-nato-survive/,
    );
    const text = textAt(uri.fsPath, d.range);
    assert.ok(text.startsWith('['), `the range starts at the claim's '[': ${text}`);
    assert.ok(text.endsWith('}'), `the range ends at the claim's '}': ${text}`);
    assert.ok(text.includes("[Donald Trump]{.actor ref=trump}'s return to the"), text);
    assert.ok(text.includes('key=trump.office value="President of the United States"'), text);

    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 3);
    const files = new Set(related.map((r) => r.location.uri.path.split('/').pop()));
    assert.deepEqual([...files].sort(), ['003-rutte-strategy.seed.md', '004-can-nato-survive.seed.md']);
    for (const r of related) {
      const other = textAt(r.location.uri.fsPath, r.location.range);
      assert.ok(other.startsWith('[') && other.includes('value="former President of the United States"'), other);
      assert.match(r.message, /says "former President of the United States"/);
    }
  });

  it('reports unsourced claims at the claim span', async () => {
    for (const [file, words] of [
      ['000-turkey-summit.seed.md', '’s job, as framed in the source'],
      ['003-rutte-strategy.seed.md', 'This close alignment has been scrutinized by some observers'],
    ] as const) {
      const uri = wsUri(file);
      assert.ok(!isOpen(uri), `${file} must not be open for this test`);
      const [d, ...more] = await waitFor(() => {
        const list = diagnostics(uri, 'unsourced-claim');
        return list.length > 0 ? list : undefined;
      }, `an unsourced claim in ${file}`);
      assert.equal(more.length, 0);
      assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(d!.message, /^unsourced claim/);
      const text = textAt(uri.fsPath, d!.range);
      assert.ok(text.startsWith('[') && text.includes(words), text);
      assert.match(text, /\]\{\.claim [^}]*\}$/);
      assert.doesNotMatch(text.slice(text.lastIndexOf(']{')), /\bby=/);
    }
  });

  it('shows every seed exactly the diagnostics the core computes for the same files', async () => {
    const index = new WorkspaceIndex();
    index.setFolders([wsUri().toString()]);
    index.setRegistry(wsUri('entities.yaml').toString(), fs.readFileSync(wsUri('entities.yaml').fsPath, 'utf8'));
    for (const f of SEEDS) index.setSource(wsUri(f).toString(), fs.readFileSync(wsUri(f).fsPath, 'utf8'));
    for (const f of SEEDS) {
      const uri = wsUri(f);
      const expected = computeDiagnostics(index, uri.toString())
        .map((d) => key(d.code, SEVERITY[d.severity], d.range, d.message))
        .sort();
      assert.ok(expected.length > 0);
      // suggested-actor and suggested-claim hints are not computeDiagnostics': the server adds them when idle.
      const actual = (): string[] =>
        diagnostics(uri)
          .filter((d) => d.source === 'corroborate' && !String(codeOf(d)).startsWith('suggested-'))
          .map((d) => key(codeOf(d), d.severity, d.range, d.message))
          .sort();
      await waitFor(() => actual().length === expected.length, `${expected.length} diagnostics in ${f}`).catch(
        () => undefined,
      );
      assert.deepEqual(actual(), expected, f);
    }
  });
});
