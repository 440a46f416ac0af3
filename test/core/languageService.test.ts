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
import { buildIndex, seedsRoot, seedTexts, seedUri } from '../helpers/workspace';

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

describe('LanguageService.suggestClaims', () => {
  it('gives by= the id of the speaker from the registry, an actor span, or anonymous, and skips existing claims', () => {
    const service = createLanguageService();
    const w = service.workspace;
    w.setFolders(['file:///ws']);
    w.setRegistry('file:///ws/entities.yaml', 'actors:\n  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}\n');
    const text = [
      '---\nid: b\n---',
      '“We will spend more,” said Rutte.',
      '[Mark Rutte]{.actor ref=rutte} said that the alliance would survive the crisis.',
      '[“It is over,” said a diplomat.]{.claim by=anonymous}',
      'A NATO official said the summit would be short.',
      '',
    ].join('\n');
    w.setSource('file:///ws/b.seed.md', text);
    const found = service.suggestClaims('file:///ws/b.seed.md');
    assert.deepEqual(
      found.map((s) => [text.slice(s.start, s.end), s.by, s.byIsNew, s.speaker.text]),
      [
        ['We will spend more', 'rutte', false, 'Rutte'],
        ['the alliance would survive the crisis', 'rutte', false, 'Mark Rutte'],
        ['the summit would be short', 'anonymous', false, 'A NATO official'],
      ],
    );
    assert.deepEqual(service.suggestClaims('file:///ws/b.seed.md', { minConfidence: 1 }), []);
    assert.deepEqual(service.suggestClaims('file:///ws/missing.seed.md'), []);
  });
});

describe('LanguageService.suggestClaims on the seeds', function () {
  /** The seeds with their claim spans (or all spans) reduced to their text. */
  function stripped(all: boolean): Map<string, string> {
    const files = seedTexts();
    for (const [uri, text] of files) {
      if (!uri.endsWith('.seed.md')) continue;
      const cuts: Array<[number, number]> = [];
      for (const s of parseText(text).spans)
        if (all || s.classes.some((c) => c.value === 'claim'))
          cuts.push([s.start, s.contentStart], [s.contentEnd, s.end]);
      cuts.sort((a, b) => a[0] - b[0]);
      let out = '';
      let at = 0;
      for (const [s, e] of cuts) {
        out += text.slice(at, s);
        at = e;
      }
      files.set(uri, out + text.slice(at));
    }
    return files;
  }

  for (const all of [false, true])
    it(`finds the seeds' attributed quotations with their sources (${all ? 'all markup' : 'claim markup'} stripped)`, function () {
      const files = stripped(all);
      const service = createLanguageService(buildIndex(files, seedsRoot()));
      const uri = seedUri('002-new-nato.seed.md');
      const found = service.suggestClaims(uri);
      const text = files.get(uri)!;
      const by = (content: string): string | undefined => found.find((s) => s.text === content)?.by;
      assert.equal(by('The alliance won’t die'), 'anonymous');
      assert.equal(by('it will just morph into something else.'), 'anonymous');
      assert.equal(by('It’s in the DNA of the organization not to create waves'), 'anonymous');
      const jeglinskas = found.find((s) => s.by === 'jeglinskas');
      assert.ok(jeglinskas && text.slice(jeglinskas.start, jeglinskas.end).includes('Trump'), JSON.stringify(found));
      assert.equal(jeglinskas.byIsNew, false);
      for (const s of found) {
        const wrapped = `${text.slice(0, s.start)}[${text.slice(s.start, s.end)}]{.claim by=${s.by}}${text.slice(s.end)}`;
        assert.equal(parseText(wrapped).problems.length, parseText(text).problems.length, wrapped);
        // `anonymous` and the registry's ids are never new; an id the registry lacks always is.
        const registered = service.workspace.registryFor(uri)?.actors.has(s.by) ?? false;
        assert.equal(s.byIsNew, s.by !== 'anonymous' && !registered, s.by);
      }
      assert.deepEqual(service.suggestClaims(uri, { minConfidence: 1.01 }), []);
      assert.deepEqual(service.suggestClaims('file:///nowhere.seed.md'), []);
    });
});
