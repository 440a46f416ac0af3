import * as assert from 'node:assert/strict';
import type * as lsp from 'vscode-languageserver-types';
import { WorkspaceIndex, type Diagnostic } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { codeActions } from '../../server/src/core/features/codeActions';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { parseFixture, ROOT } from '../helpers/fixture';
import { buildIndex } from '../helpers/workspace';

const A = `${ROOT}/a.seed.md`;
const REG = `${ROOT}/entities.yaml`;

const REGISTRY = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  us: {name: United States, kind: country, aliases: [U.S.]}
claims:
  nato.members: {type: number}
  nato.spending-target: {type: percent}
`;

const build = (files: ReadonlyMap<string, string>): WorkspaceIndex => buildIndex(files, ROOT);

interface Setup {
  files: Map<string, string>;
  index: WorkspaceIndex;
  actions: lsp.CodeAction[];
}

/**
 * Code actions of /a.seed.md. The range is the `$0` cursor, or the first
 * occurrence of `select` in the file, or the whole file.
 */
function setup(
  fixture: string,
  options: { select?: string; whole?: boolean; only?: string[]; uri?: string } = {},
): Setup {
  const fx = parseFixture(fixture);
  const uri = options.uri ?? A;
  const index = build(fx.files);
  const text = fx.files.get(uri)!;
  const lines = new LineIndex(text);
  let range: lsp.Range;
  if (options.select !== undefined) {
    const at = text.indexOf(options.select);
    assert.ok(at >= 0, `'${options.select}' is not in the file`);
    range = lines.rangeAt(at, at + options.select.length);
  } else if (options.whole || !fx.cursor) range = lines.rangeAt(0, text.length);
  else range = lines.rangeAt(fx.cursor.offset, fx.cursor.offset);
  return { files: fx.files, index, actions: codeActions(index, uri, range, options.only) };
}

function titles(s: Setup): string[] {
  return s.actions.map((a) => a.title);
}

function action(s: Setup, title: string): lsp.CodeAction {
  const found = s.actions.find((a) => a.title === title);
  assert.ok(found, `no action '${title}' among ${JSON.stringify(titles(s))}`);
  return found;
}

/** Applies an action; returns the new texts and their diagnostics. */
function apply(s: Setup, title: string): { files: Map<string, string>; diagnostics: (uri?: string) => Diagnostic[] } {
  const a = action(s, title);
  assert.ok(a.edit, 'the action has an edit');
  const files = applyWorkspaceEdit(s.files, a.edit);
  const index = build(files);
  return { files, diagnostics: (uri = A) => computeDiagnostics(index, uri) };
}

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => d.code);
}

describe('code actions', () => {
  describe('unknown-actor', () => {
    it('changes a misspelt ref to the suggestion', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[Mark Rutte]{.actor ref=ru$0te} spoke.\n`);
      assert.deepEqual(titles(s), ["Change to 'rutte'"]);
      const a = action(s, "Change to 'rutte'");
      assert.equal(a.kind, 'quickfix');
      assert.equal(a.isPreferred, true);
      assert.equal(a.diagnostics?.[0]?.code, 'unknown-actor');
      const r = apply(s, "Change to 'rutte'");
      assert.equal(r.files.get(A), '[Mark Rutte]{.actor ref=rutte} spoke.\n');
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('changes a by= written as a name to the actor id', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[it works]{.claim by="Rut$0te"}\n`);
      const r = apply(s, "Change to 'rutte'");
      assert.equal(r.files.get(A), '[it works]{.claim by=rutte}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('adds an unknown ref to the registry, named by the mention, in the style of its entries', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[Jens Stoltenberg]{.actor ref=stolten$0berg} spoke.\n`);
      assert.deepEqual(titles(s), ["Add 'stoltenberg' to entities.yaml"]);
      const r = apply(s, "Add 'stoltenberg' to entities.yaml");
      assert.equal(
        r.files.get(REG),
        `actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
  us: {name: United States, kind: country, aliases: [U.S.]}
  stoltenberg: {name: Jens Stoltenberg, kind: other}
claims:
  nato.members: {type: number}
  nato.spending-target: {type: percent}
`,
      );
      assert.equal(r.files.get(A), s.files.get(A), 'the source is not touched');
      assert.deepEqual(codes(r.diagnostics()), []);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
    });

    it('adds an unknown by= to a block-style registry, after comments and a block scalar', () => {
      const s = setup(`//- /entities.yaml
# The registry.
actors:
  rutte:
    name: Mark Rutte   # NATO
    kind: person
    description: |
      Secretary General.
      Former PM.

# Keys below.
claims:
  x.y:
    type: text
//- /a.seed.md
[They will]{.claim by=zelen$0sky}
`);
      const r = apply(s, "Add 'zelensky' to entities.yaml");
      assert.equal(
        r.files.get(REG),
        `# The registry.
actors:
  rutte:
    name: Mark Rutte   # NATO
    kind: person
    description: |
      Secretary General.
      Former PM.
  zelensky:
    name: zelensky
    kind: other

# Keys below.
claims:
  x.y:
    type: text
`,
      );
      assert.deepEqual(codes(r.diagnostics()), []);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
    });

    it('a ref whose text names another actor: change to that actor rather than register the name twice', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[NATO]{.actor ref=o$0tan}\n`);
      assert.deepEqual(titles(s), ["Change to 'nato'", "Add 'otan' to entities.yaml"]);
      assert.equal(action(s, "Change to 'nato'").isPreferred, true);
      const r = apply(s, "Add 'otan' to entities.yaml");
      assert.match(r.files.get(REG)!, /\n  otan: \{name: otan, kind: other\}\n/);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('an actor span without ref: add ref= to the closest name, or register the name', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[Mark Rute$0]{.actor} spoke.\n`);
      assert.deepEqual(titles(s), ['Add ref=rutte', "Add 'Mark Rute' to entities.yaml"]);
      assert.equal(action(s, 'Add ref=rutte').isPreferred, true);
      const r1 = apply(s, 'Add ref=rutte');
      assert.equal(r1.files.get(A), '[Mark Rute]{.actor ref=rutte} spoke.\n');
      assert.deepEqual(codes(r1.diagnostics()), []);
      const r2 = apply(s, "Add 'Mark Rute' to entities.yaml");
      assert.match(r2.files.get(REG)!, /\n  mark-rute: \{name: Mark Rute, kind: other\}\n/);
      assert.deepEqual(codes(r2.diagnostics()), []);
    });

    it('quotes names that plain YAML would misread', () => {
      for (const name of [
        'Le Monde: Paris',
        'Group #1',
        '"Quoted"',
        'yes',
        '1984 Group',
        "O'Brien's - Co",
        'Name, Inc.',
      ]) {
        const s = setup(REGISTRY + `//- /a.seed.md\n$0[${name}]{.actor} spoke.\n`);
        const title = `Add '${name}' to entities.yaml`;
        const r = apply(s, title);
        assert.deepEqual(codes(r.diagnostics(REG)), [], `registry after adding ${name}:\n${r.files.get(REG)}`);
        assert.deepEqual(codes(r.diagnostics()), [], `source after adding ${name}`);
      }
    });

    it("appends an 'actors:' section to a registry without one", () => {
      const s = setup(`//- /entities.yaml
claims:
  nato.members: {type: number}
//- /a.seed.md
[Jens]{.actor$0}
`);
      assert.deepEqual(titles(s), ["Add 'Jens' to entities.yaml"]);
      const r = apply(s, "Add 'Jens' to entities.yaml");
      assert.equal(
        r.files.get(REG),
        `claims:\n  nato.members: {type: number}\nactors:\n  jens:\n    name: Jens\n    kind: other\n`,
      );
      assert.deepEqual(codes(r.diagnostics()), []);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
    });

    it("adds under an empty 'actors:' and into an empty flow mapping", () => {
      let s = setup(`//- /entities.yaml\nactors:\nclaims:\n  k: {type: text}\n//- /a.seed.md\n[Jens]{.actor$0}\n`);
      let r = apply(s, "Add 'Jens' to entities.yaml");
      assert.equal(r.files.get(REG), `actors:\n  jens:\n    name: Jens\n    kind: other\nclaims:\n  k: {type: text}\n`);
      assert.deepEqual(codes(r.diagnostics()), []);
      s = setup(`//- /entities.yaml\nactors: {}\n//- /a.seed.md\n[Jens]{.actor$0}\n`);
      r = apply(s, "Add 'Jens' to entities.yaml");
      assert.equal(r.files.get(REG), `actors: {jens: {name: Jens, kind: other}}\n`);
      assert.deepEqual(codes(r.diagnostics()), []);
      s = setup(`//- /entities.yaml\nactors: ~  # none yet\n//- /a.seed.md\n[Jens]{.actor$0}\n`);
      r = apply(s, "Add 'Jens' to entities.yaml");
      assert.equal(r.files.get(REG), `actors:   # none yet\n  jens:\n    name: Jens\n    kind: other\n`);
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('creates entities.yaml next to the file when there is no registry', () => {
      const s = setup(`//- /sub/a.seed.md\n[Jens]{.actor ref=jens$0} and [Mark]{.actor}\n`, {
        uri: `${ROOT}/sub/a.seed.md`,
      });
      assert.deepEqual(titles(s), ["Add 'jens' to entities.yaml"]);
      const a = action(s, "Add 'jens' to entities.yaml");
      const changes = a.edit!.documentChanges!;
      assert.deepEqual(changes[0], {
        kind: 'create',
        uri: `${ROOT}/sub/entities.yaml`,
        options: { ignoreIfExists: true },
      });
      const files = applyWorkspaceEdit(s.files, a.edit!);
      assert.equal(files.get(`${ROOT}/sub/entities.yaml`), 'actors:\n  jens:\n    name: Jens\n    kind: other\n');
      const index = build(files);
      const left = computeDiagnostics(index, `${ROOT}/sub/a.seed.md`);
      assert.deepEqual(
        left.map((d) => d.message),
        ["no actor is named 'Mark' in entities.yaml: add 'ref=' or register the name"],
      );
    });

    it('keeps the line endings of a CRLF registry', () => {
      const s = setup(
        `//- /entities.yaml crlf\nactors:\n  rutte:\n    name: Mark Rutte\n//- /a.seed.md\n[x]{.claim by=jens$0}\n`,
      );
      const r = apply(s, "Add 'jens' to entities.yaml");
      assert.equal(
        r.files.get(REG),
        'actors:\r\n  rutte:\r\n    name: Mark Rutte\r\n  jens:\r\n    name: jens\r\n    kind: other\r\n',
      );
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('offers one registry addition for several uses of the same unknown id', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[Jens]{.actor ref=jens} said [x]{.claim by=jens}.\n`, {
        whole: true,
      });
      const adds = s.actions.filter((a) => a.title === "Add 'jens' to entities.yaml");
      assert.equal(adds.length, 1);
      assert.equal(adds[0]!.diagnostics?.length, 2);
    });
  });

  describe('unsourced-claim', () => {
    const doc =
      REGISTRY +
      `//- /a.seed.md\n[NATO]{.actor ref=nato} met. [Rutte]{.actor} said that [the [U.S.]{.actor ref=us} will $0stay]{.claim #stay}. [Mark Rutte]{.actor ref=rutte} left.\n`;

    it('attributes to each actor of the sentence, to an unnamed source or to the outlet', () => {
      const s = setup(doc);
      assert.deepEqual(titles(s), [
        'Attribute to Mark Rutte (by=rutte)',
        'Attribute to United States (by=us)',
        'Attribute to an unnamed source (by=anonymous)',
        'Attribute to the outlet (by=outlet)',
      ]);
      const r = apply(s, 'Attribute to Mark Rutte (by=rutte)');
      assert.equal(
        r.files.get(A),
        '[NATO]{.actor ref=nato} met. [Rutte]{.actor} said that [the [U.S.]{.actor ref=us} will stay]{.claim #stay by=rutte}. [Mark Rutte]{.actor ref=rutte} left.\n',
      );
      assert.deepEqual(codes(r.diagnostics()), []);
      const o = apply(s, 'Attribute to the outlet (by=outlet)');
      assert.deepEqual(codes(o.diagnostics()), []);
      assert.deepEqual(codes(apply(s, 'Attribute to an unnamed source (by=anonymous)').diagnostics()), [
        'anonymous-source',
      ]);
    });

    it('prefers the only actor of the sentence', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\nLine one.\n[Rutte]{.actor} said [it $0works]{.claim}\n`);
      assert.deepEqual(titles(s), [
        'Attribute to Mark Rutte (by=rutte)',
        'Attribute to an unnamed source (by=anonymous)',
        'Attribute to the outlet (by=outlet)',
      ]);
      assert.equal(s.actions[0]!.isPreferred, true);
    });

    it('replaces a malformed by= instead of adding a second one', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\n[it works]{.claim by="a b"$0}\n`);
      const r = apply(s, 'Attribute to the outlet (by=outlet)');
      assert.equal(r.files.get(A), '[it works]{.claim by=outlet}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
    });
  });

  describe('unannotated-mention', () => {
    it('annotates one mention, or all mentions of the actor in the file', () => {
      const s = setup(
        REGISTRY + `//- /a.seed.md\nRut$0te met NATO. Then Rutte left; [Rutte]{.actor} stays and Mark Rutte waits.\n`,
      );
      assert.deepEqual(titles(s), [
        "Annotate 'Rutte' as actor rutte",
        'Annotate all 3 mentions of Mark Rutte in this file',
      ]);
      assert.equal(s.actions[0]!.isPreferred, true);
      const one = apply(s, "Annotate 'Rutte' as actor rutte");
      assert.equal(
        one.files.get(A),
        '[Rutte]{.actor ref=rutte} met NATO. Then Rutte left; [Rutte]{.actor} stays and Mark Rutte waits.\n',
      );
      const all = apply(s, 'Annotate all 3 mentions of Mark Rutte in this file');
      assert.equal(
        all.files.get(A),
        '[Rutte]{.actor ref=rutte} met NATO. Then [Rutte]{.actor ref=rutte} left; [Rutte]{.actor} stays and [Mark Rutte]{.actor ref=rutte} waits.\n',
      );
      assert.deepEqual(
        all.diagnostics().map((d) => d.message),
        ["'NATO' is actor 'nato' but is not annotated"],
      );
    });

    it('works in a CRLF file with emoji and flags (UTF-16 positions)', () => {
      const s = setup(REGISTRY + `//- /a.seed.md crlf\n😀 Rutte met 🇳🇱 officials.\n🇳🇱🇳🇱 Rutte$0 left.\n`);
      const all = apply(s, 'Annotate all 2 mentions of Mark Rutte in this file');
      assert.equal(
        all.files.get(A),
        '😀 [Rutte]{.actor ref=rutte} met 🇳🇱 officials.\r\n🇳🇱🇳🇱 [Rutte]{.actor ref=rutte} left.\r\n',
      );
      assert.deepEqual(codes(all.diagnostics()), []);
    });
  });

  describe('duplicate-passage', () => {
    const P =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';

    it('removes a repeated paragraph with one of the blank lines around it', () => {
      const s = setup(`//- /a.seed.md\nIntro.\n\n${P}.\n\nMiddle.\n\n${P}.\n\nEnd.\n`, { select: `\n\n${P}.\n\nEnd` });
      assert.deepEqual(
        titles(s).filter((t) => !t.startsWith('Annotate')),
        ['Remove the repeated passage'],
      );
      const r = apply(s, 'Remove the repeated passage');
      assert.equal(r.files.get(A), `Intro.\n\n${P}.\n\nMiddle.\n\nEnd.\n`);
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('removes repeated lines of a paragraph, their markup and punctuation, with their line breaks (CRLF)', () => {
      const s = setup(`//- /a.seed.md crlf\n“${P}”\nMiddle.\n[“${P}”]{.claim by=outlet}\nEnd.\n`, { select: 'Middle' });
      const text = s.files.get(A)!;
      const at = text.lastIndexOf('[“');
      const lines = new LineIndex(text);
      const t = codeActions(s.index, A, lines.rangeAt(at + 5, at + 6), ['quickfix']);
      const files = applyWorkspaceEdit(s.files, t.find((a) => a.title === 'Remove the repeated passage')!.edit!);
      assert.equal(files.get(A), `“${P}”\r\nMiddle.\r\nEnd.\r\n`);
    });

    it('removes a repeat inside a line with one adjacent space', () => {
      const s = setup(`//- /a.seed.md\n${P}. Then ${P} and done.\n`, { whole: true });
      const r = apply(s, 'Remove the repeated passage');
      assert.equal(r.files.get(A), `${P}. Then and done.\n`);
      assert.deepEqual(codes(r.diagnostics()), []);
    });

    it('offers nothing when the repeat cuts through a span', () => {
      const s = setup(
        `//- /a.seed.md\n${P} x.\nThen ${P.replace('twenty', '[twenty and more]{.claim by=outlet}')}.\n`,
        { whole: true, only: ['quickfix'] },
      );
      assert.deepEqual(titles(s), []);
    });
  });

  describe('conflicting-claim', () => {
    const files =
      REGISTRY +
      `//- /b.seed.md
---
id: b
---
[The target is 2%]{.claim #target by=outlet key=nato.spending-target value=2% as-of=2014}.
[The target was 3%]{.claim by=outlet key=nato.spending-target value=3% as-of=2014}.
//- /a.seed.md
---
published: 2025-06-25
---
[The target is 5%]{.claim #five$0 by=outlet key=nato.spending-target value=5%}.
`;

    it('offers the publication date and a disputes= link to each conflicting claim with an id', () => {
      const s = setup(files);
      assert.deepEqual(titles(s), ['Add as-of=2025', 'Add as-of=2025-06', 'Mark as disputing b#target']);
      const dated = apply(s, 'Add as-of=2025');
      assert.match(dated.files.get(A)!, /value=5% as-of=2025\}/);
      assert.deepEqual(codes(dated.diagnostics()), []);
      const disputed = apply(s, 'Mark as disputing b#target');
      assert.match(disputed.files.get(A)!, /value=5% disputes=b#target\}/);
      assert.deepEqual(
        disputed.diagnostics().map((d) => d.code),
        ['conflicting-claim'],
        'the claim without an id still conflicts',
      );
      assert.ok(!disputed.diagnostics()[0]!.message.includes('2%'));
    });

    it('extends an existing disputes= list, and offers no date without one in the front matter', () => {
      const s = setup(
        REGISTRY +
          `//- /b.seed.md\n[x]{.claim #t by=outlet key=nato.members value=30}\n[y]{.claim #u by=outlet key=nato.members value=31}\n//- /a.seed.md\n[z]{.claim by=outlet key=nato.members value=32 disputes=b#t$0}\n`,
      );
      assert.deepEqual(titles(s), ['Mark as disputing b#u']);
      assert.equal(s.actions[0]!.isPreferred, true);
      const r = apply(s, 'Mark as disputing b#u');
      assert.equal(r.files.get(A), '[z]{.claim by=outlet key=nato.members value=32 disputes=b#t,b#u}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
    });
  });

  describe('unknown-claim-key and malformed classes', () => {
    it('changes a misspelt key, or adds a new one under claims:', () => {
      let s = setup(REGISTRY + `//- /a.seed.md\n[x]{.claim by=outlet key=nato.membres$0 value=32}\n`);
      let r = apply(s, "Change to 'nato.members'");
      assert.equal(r.files.get(A), '[x]{.claim by=outlet key=nato.members value=32}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
      s = setup(REGISTRY + `//- /a.seed.md\n[x]{.claim by=outlet key=eu.budget$0 value=32}\n`);
      assert.deepEqual(titles(s), ["Add 'eu.budget' to entities.yaml"]);
      r = apply(s, "Add 'eu.budget' to entities.yaml");
      assert.ok(r.files.get(REG)!.endsWith('  nato.spending-target: {type: percent}\n  eu.budget: {type: text}\n'));
      assert.deepEqual(codes(r.diagnostics()), []);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
    });

    it("changes a misspelt class, or a class without its dot, to '.actor'", () => {
      let s = setup(REGISTRY + `//- /a.seed.md\n[Rutte]{.act$0r ref=rutte}\n`);
      let r = apply(s, "Change to '.actor'");
      assert.equal(r.files.get(A), '[Rutte]{.actor ref=rutte}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
      s = setup(REGISTRY + `//- /a.seed.md\n[Rutte]{act$0or ref=rutte}\n`);
      r = apply(s, "Change to '.actor'");
      assert.equal(r.files.get(A), '[Rutte]{.actor ref=rutte}\n');
      assert.deepEqual(codes(r.diagnostics()), []);
    });
  });

  describe('refactorings', () => {
    const doc =
      REGISTRY +
      `//- /a.seed.md\nThe U.S. and Jens Stoltenberg agree. [Rutte]{.actor} says the alliance will grow.\n\nNext paragraph.\n`;

    it('annotates a registry name as that actor', () => {
      const s = setup(doc, { select: 'U.S.', only: ['refactor'] });
      assert.deepEqual(titles(s), ['Annotate selection as actor us', 'Annotate selection as claim']);
      assert.equal(s.actions[0]!.kind, 'refactor.rewrite');
      const r = apply(s, 'Annotate selection as actor us');
      assert.equal(
        r.files.get(A)!.split('\n')[0],
        'The [U.S.]{.actor ref=us} and Jens Stoltenberg agree. [Rutte]{.actor} says the alliance will grow.',
      );
    });

    it('annotates a new name as a new actor and registers it', () => {
      const s = setup(doc, { select: ' Jens Stoltenberg ', only: ['refactor.rewrite'] });
      const r = apply(s, "Annotate selection as new actor 'jens-stoltenberg'");
      assert.equal(
        r.files.get(A)!.split('\n')[0],
        'The U.S. and [Jens Stoltenberg]{.actor ref=jens-stoltenberg} agree. [Rutte]{.actor} says the alliance will grow.',
      );
      assert.match(r.files.get(REG)!, /\n  jens-stoltenberg: \{name: Jens Stoltenberg, kind: other\}\n/);
      assert.deepEqual(codes(r.diagnostics(REG)), []);
      assert.ok(!codes(r.diagnostics()).includes('unknown-actor'));
    });

    it('creates the registry for a new actor when there is none', () => {
      const s = setup(`//- /a.seed.md\nThen Jens spoke.\n`, { select: 'Jens', only: ['refactor'] });
      const a = action(s, "Annotate selection as new actor 'jens'");
      const changes = a.edit!.documentChanges!;
      assert.equal(changes.length, 3);
      const files = applyWorkspaceEdit(s.files, a.edit!);
      assert.equal(files.get(A), 'Then [Jens]{.actor ref=jens} spoke.\n');
      assert.equal(files.get(REG), 'actors:\n  jens:\n    name: Jens\n    kind: other\n');
      assert.deepEqual(codes(computeDiagnostics(build(files), A)), []);
    });

    it('annotates a claim with a fresh id, attributed to the one actor of the sentence', () => {
      const s = setup(doc.replace('the alliance', '[x]{.claim #claim-1 by=outlet} the alliance'), {
        select: 'the alliance will grow',
      });
      const r = apply(s, 'Annotate selection as claim');
      assert.match(
        r.files.get(A)!,
        /says \[x\]\{\.claim #claim-1 by=outlet\} \[the alliance will grow\]\{\.claim #claim-2 by=rutte\}\./,
      );
      const s2 = setup(doc, { select: 'The U.S. and Jens' });
      const r2 = apply(s2, 'Annotate selection as claim');
      assert.match(r2.files.get(A)!, /^\[The U\.S\. and Jens\]\{\.claim #claim-1\} Stoltenberg/);
      const s3 = setup(doc, { select: '[Rutte]{.actor} says the alliance' });
      const r3 = apply(s3, 'Annotate selection as claim');
      assert.match(r3.files.get(A)!, /\[\[Rutte\]\{\.actor\} says the alliance\]\{\.claim #claim-1 by=rutte\} will/);
      assert.deepEqual(titles(s3), ['Annotate selection as claim'], 'a selection holding a span is no actor');
    });

    it('refuses selections across paragraphs, partly over spans, or in markup', () => {
      for (const select of ['grow.\n\nNext', 'Rutte]{.actor} says', '.actor}', 'agree. [Rutte', 'id: 1']) {
        const d = select === 'id: 1' ? doc.replace('//- /a.seed.md\n', '//- /a.seed.md\n---\nid: 1a\n---\n') : doc;
        assert.deepEqual(titles(setup(d, { select, only: ['refactor'] })), [], select);
      }
      // Surrounding whitespace is left out of the span.
      const s = setup(doc, { select: 'says the alliance will grow.\n\n', only: ['refactor'] });
      assert.match(
        apply(s, 'Annotate selection as claim').files.get(A)!,
        /\[says the alliance will grow\.\]\{\.claim #claim-1 by=rutte\}\n\nNext/,
      );
    });

    it('respects only=', () => {
      const s = setup(REGISTRY + `//- /a.seed.md\nRutte said so.\n`, { select: 'Rutte', only: ['quickfix'] });
      assert.deepEqual(titles(s), ["Annotate 'Rutte' as actor rutte"]);
      const t = setup(REGISTRY + `//- /a.seed.md\nRutte said so.\n`, { select: 'Rutte' });
      assert.deepEqual(titles(t), [
        "Annotate 'Rutte' as actor rutte",
        'Annotate selection as actor rutte',
        'Annotate selection as claim',
      ]);
      assert.deepEqual(
        titles(setup(REGISTRY + `//- /a.seed.md\nRutte said so.\n`, { select: 'Rutte', only: ['source'] })),
        [],
      );
    });
  });

  it('does not offer to annotate a mention whose new markup an attribute list left open earlier in the paragraph would swallow (long fuzz, seed 45638126)', () => {
    // `]{` with no `[` opens an attribute list that the paragraph never closes; the '}' of a new span on the next line would close it.
    const broken =
      REGISTRY +
      `//- /a.seed.md\nConfronting [NATO]{.actor ref=nato}]{'s defence challenges.\nHowever, Rutte said so.\n\nLater, Rutte said so.\n`;
    const fx = parseFixture(broken);
    const index = build(fx.files);
    const uri = `${ROOT}/a.seed.md`;
    const text = fx.files.get(uri)!;
    const mentions = computeDiagnostics(index, uri).filter((d) => d.code === 'unannotated-mention');
    assert.equal(mentions.length, 2, 'both mentions are reported');
    const offered = (d: Diagnostic): string[] =>
      codeActions(index, uri, d.range)
        .filter((a) => a.edit)
        .map((a) => a.title);
    // In the paragraph with the open list: nothing that would change the prose.
    assert.deepEqual(
      offered(mentions[0]!).filter((t) => t.startsWith('Annotate')),
      [],
    );
    // In the next paragraph the list is closed by the paragraph break: the fix is offered, and keeps the prose.
    const fix = codeActions(index, uri, mentions[1]!.range).find((a) => a.title === "Annotate 'Rutte' as actor rutte");
    assert.ok(fix?.edit, 'offered after the paragraph break');
    assert.equal(stripMarkup(applyWorkspaceEdit(fx.files, fix.edit).get(uri)!), stripMarkup(text));
  });

  it('returns nothing for a registry or an unknown file', () => {
    const fx = parseFixture(REGISTRY);
    const index = build(fx.files);
    assert.deepEqual(codeActions(index, REG, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }), []);
    assert.deepEqual(
      codeActions(index, `${ROOT}/none.seed.md`, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
      [],
    );
  });
});
