import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createLanguageService, type LanguageService, type Position } from '../../server/src/core';
import { parseText } from '../../server/src/core/syntax/parser';
import { codeActions } from '../../server/src/core/features/codeActions';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { definition, documentHighlights, references } from '../../server/src/core/features/navigation';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { completion } from '../../server/src/core/features/completion';

/**
 * The language service object (server/src/core/languageService.ts) is the
 * core's one entry point: each method answers exactly what the feature
 * module behind it answers, for the file and position it is given. Checked
 * on the seeds at the start, middle and end of every span.
 */
describe('createLanguageService', () => {
  const SEEDS = path.resolve(__dirname, '../../../seeds');
  const uriOf = (f: string): string => URI.file(path.join(SEEDS, f)).toString();
  const files = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.seed.md'));
  let service: LanguageService;

  before(() => {
    service = createLanguageService();
    service.workspace.setFolders([URI.file(SEEDS).toString()]);
    service.workspace.setRegistry(uriOf('entities.yaml'), fs.readFileSync(path.join(SEEDS, 'entities.yaml'), 'utf8'));
    for (const f of files) service.workspace.setSource(uriOf(f), fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  });

  /** Positions at the start, inside and at the end of each span of a file. */
  function positionsIn(uri: string): Position[] {
    const model = service.workspace.getSource(uri)!;
    const offsets = parseText(model.text).spans.flatMap((s) => [s.start, (s.start + s.end) >> 1, s.end]);
    return offsets.map((o) => model.lines.positionAt(o));
  }

  it('answers every request as the feature module does', () => {
    const index = service.workspace;
    let checked = 0;
    for (const f of [...files, 'entities.yaml']) {
      const uri = uriOf(f);
      assert.deepEqual(service.diagnostics(uri), computeDiagnostics(index, uri));
      if (f === 'entities.yaml') continue;
      for (const p of positionsIn(uri)) {
        assert.deepEqual(service.hover(uri, p), hover(index, uri, p));
        assert.deepEqual(service.definition(uri, p), definition(index, uri, p));
        assert.deepEqual(service.references(uri, p, true), references(index, uri, p, true));
        assert.deepEqual(service.references(uri, p, false), references(index, uri, p, false));
        assert.deepEqual(service.documentHighlights(uri, p), documentHighlights(index, uri, p));
        assert.deepEqual(service.prepareRename(uri, p), prepareRename(index, uri, p));
        assert.deepEqual(service.rename(uri, p, 'renamed-id'), rename(index, uri, p, 'renamed-id'));
        assert.deepEqual(service.completion(uri, p), completion(index, uri, p));
        const range = { start: p, end: p };
        assert.deepEqual(service.codeActions(uri, range), codeActions(index, uri, range));
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} positions checked`);
  });

  it('has an index of its own unless it is given one', () => {
    const a = createLanguageService();
    const b = createLanguageService();
    a.workspace.setSource('file:///ws/a.seed.md', '---\nid: a\n---\nText.\n');
    assert.equal(b.workspace.getSource('file:///ws/a.seed.md'), undefined);
    assert.equal(createLanguageService(a.workspace).workspace, a.workspace);
  });
});

describe('LanguageService.suggestActors', () => {
  it('suggests with what the workspace knows: the registry, and names annotated in other sources', () => {
    const service = createLanguageService();
    const w = service.workspace;
    w.setFolders(['file:///ws']);
    w.setRegistry('file:///ws/entities.yaml', 'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n');
    w.setSource('file:///ws/a.seed.md', '---\nid: a\n---\n[Jens Stoltenberg]{.actor ref=stoltenberg} spoke.\n');
    const text = '---\nid: b\n---\nJens Stoltenberg met Rutte. [Mark Rutte]{.actor ref=rutte} left.\n';
    w.setSource('file:///ws/b.seed.md', text);
    const found = service.suggestActors('file:///ws/b.seed.md');
    const brief = found.map((s) => [text.slice(s.start, s.end), s.id, s.evidence]);
    assert.deepEqual(brief, [
      ['Jens Stoltenberg', 'stoltenberg', 'known'],
      ['Rutte', 'rutte', 'registry'],
    ]);
    assert.deepEqual(service.suggestActors('file:///ws/b.seed.md', { minConfidence: 1 }), []);
    assert.deepEqual(service.suggestActors('file:///ws/missing.seed.md'), []);
  });

  it('follows edits, new and removed sources for the names known from other sources', () => {
    const service = createLanguageService();
    const w = service.workspace;
    w.setFolders(['file:///ws']);
    const text = '---\nid: b\n---\nJens Stoltenberg met Ursula von der Leyen.\n';
    w.setSource('file:///ws/b.seed.md', text);
    const known = (): string[] =>
      service
        .suggestActors('file:///ws/b.seed.md')
        .filter((s) => s.evidence === 'known')
        .map((s) => `${text.slice(s.start, s.end)}=${s.id}`);
    assert.deepEqual(known(), []);
    w.setSource('file:///ws/a.seed.md', '---\nid: a\n---\n[Jens Stoltenberg]{.actor ref=stoltenberg} spoke.\n');
    assert.deepEqual(known(), ['Jens Stoltenberg=stoltenberg']);
    w.setSource('file:///ws/a.seed.md', '---\nid: a\n---\n[Jens Stoltenberg]{.actor ref=jens} spoke.\n');
    w.setSource('file:///ws/c.seed.md', '---\nid: c\n---\n[Ursula von der Leyen]{.actor ref=vdl} spoke.\n');
    assert.deepEqual(known(), ['Jens Stoltenberg=jens', 'Ursula von der Leyen=vdl']);
    w.removeSource('file:///ws/a.seed.md');
    assert.deepEqual(known(), ['Ursula von der Leyen=vdl']);
    // The file's own annotations are not "known from elsewhere".
    w.setSource('file:///ws/c.seed.md', '---\nid: c\n---\nNothing.\n');
    w.setSource('file:///ws/b.seed.md', text.replace('Ursula von der Leyen', '[Ursula von der Leyen]{.actor ref=vdl}'));
    assert.deepEqual(known(), []);
  });
});
