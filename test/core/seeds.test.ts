import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceIndex, type Diagnostic } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';

const REPO = path.resolve(__dirname, '../../..');
const SEEDS = path.join(REPO, 'seeds');
const RAW = path.join(REPO, 'test/fixtures/raw');
const seedFiles = fs
  .readdirSync(SEEDS)
  .filter((f) => f.endsWith('.seed.md'))
  .sort();

function loadSeeds(): { index: WorkspaceIndex; diagnostics: Map<string, Diagnostic[]> } {
  const index = new WorkspaceIndex({ folders: [URI.file(SEEDS).toString()] });
  index.setRegistryBytes(
    URI.file(path.join(SEEDS, 'entities.yaml')).toString(),
    fs.readFileSync(path.join(SEEDS, 'entities.yaml')),
  );
  for (const f of seedFiles)
    index.setSourceBytes(URI.file(path.join(SEEDS, f)).toString(), fs.readFileSync(path.join(SEEDS, f)));
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const f of [...seedFiles, 'entities.yaml'])
    diagnostics.set(f, computeDiagnostics(index, URI.file(path.join(SEEDS, f)).toString()));
  return { index, diagnostics };
}

describe('the annotated seeds', () => {
  it('are the five raw articles', () => {
    assert.equal(seedFiles.length, 5);
    assert.deepEqual(
      seedFiles.map((f) => f.replace('.seed.md', '.txt')),
      fs.readdirSync(RAW).sort(),
    );
  });

  for (const f of seedFiles) {
    it(`${f}: stripping the markup gives back the raw article word for word`, () => {
      const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
      const raw = fs.readFileSync(path.join(RAW, f.replace('.seed.md', '.txt')), 'utf8');
      assert.equal(stripMarkup(text), raw);
    });

    it(`${f}: parses without syntax errors and has annotations`, () => {
      const parsed = parseText(fs.readFileSync(path.join(SEEDS, f), 'utf8'));
      assert.deepEqual(parsed.problems, []);
      assert.ok(parsed.frontMatter);
      assert.ok(parsed.spans.some((s) => s.classes.some((c) => c.value === 'claim')));
    });
  }

  it('have no errors: every reference resolves and the registry is valid', () => {
    const { diagnostics } = loadSeeds();
    const errors = [...diagnostics].flatMap(([f, ds]) =>
      ds.filter((d) => d.severity === 'error').map((d) => `${f}:${d.range.start.line + 1} ${d.code} ${d.message}`),
    );
    assert.deepEqual(errors, []);
  });

  it('show the real contradictions between the articles', () => {
    const { index, diagnostics } = loadSeeds();
    const conflictsOn = (key: string): string[] =>
      [...diagnostics]
        .filter(([, ds]) => ds.some((d) => d.code === 'conflicting-claim' && d.data?.key === key))
        .map(([f]) => index.getSource(URI.file(path.join(SEEDS, f)).toString())!.id)
        .sort();
    // 003 calls Trump a former president while the others describe him in office.
    assert.ok(conflictsOn('trump.office').includes('rutte-strategy'));
    // 001 places the 2025 summit in The Hague, 003 in Brussels.
    assert.deepEqual(conflictsOn('nato.summit-2025.location'), ['rutte-strategy', 'transatlantic-rift']);
    // 004 still calls 2% "the target"; 001 and 003 report 5%.
    assert.ok(conflictsOn('nato.spending-target').includes('can-nato-survive'));
  });

  it('show corroborations across articles', () => {
    const { diagnostics } = loadSeeds();
    const corroborated = [...diagnostics].flatMap(([, ds]) => ds.filter((d) => d.code === 'corroborated-claim'));
    assert.ok(corroborated.length >= 10, `only ${corroborated.length} corroborated claims`);
  });

  it('flag the repeated paragraphs of 003', () => {
    const { diagnostics } = loadSeeds();
    const repeated = diagnostics.get('003-rutte-strategy.seed.md')!.filter((d) => d.code === 'duplicate-passage');
    assert.ok(repeated.length >= 1);
    assert.ok(
      repeated.every(
        (d) => d.related?.[0]?.range.start.line !== undefined && d.related[0].range.start.line < d.range.start.line,
      ),
    );
  });
});
