import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as lsp from 'vscode-languageserver-types';
import { type WorkspaceIndex } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';
import { prepareRename, rename } from '../../server/src/core/features/rename';
import { stripMarkup } from '../../server/src/core/syntax/parser';
import { codeActions, REMOVE_PASSAGE_TITLE } from '../../server/src/core/features/codeActions';
import { applyWorkspaceEdit } from '../helpers/applyEdits';
import { errorsByCoveredText } from '../helpers/errors';
import { buildIndex } from '../helpers/workspace';
import { fuzz, mutatedSeed, runs, SEED, SEED_REGISTRY, SEED_TEXTS } from './coreFuzz';

/**
 * Quick fixes and rename on the real seeds after random mutations (the
 * property tests in test/core use generated documents; these use the five
 * real articles, broken in random places, with the real registry). Every
 * action keeps the prose of every source (but "Remove the repeated passage",
 * which removes one contiguous piece), and applying it adds no error: no file
 * has more errors of any code than before.
 */

const ROOT = 'file:///ws';
const REG = `${ROOT}/entities.yaml`;
const uriOf = (name: string): string => `${ROOT}/${name}`;

const build = (files: ReadonlyMap<string, string>): WorkspaceIndex => buildIndex(files, ROOT);
// By file and code: on broken documents a fix may insert inside the range of an error it leaves
// as it is, and a rename of an unknown id changes the text of the error that quotes it.
const errors = (files: ReadonlyMap<string, string>): Map<string, number> => errorsByCoveredText(files, ROOT, 'code');

/** The one contiguous piece `before` lost to become `after`, if that is what happened. */
function removedPiece(before: string, after: string): string | undefined {
  let p = 0;
  while (p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return p + s === after.length ? before.slice(p, before.length - s) : undefined;
}

function checkEdit(
  title: string,
  files: Map<string, string>,
  before: Map<string, number>,
  edit: lsp.WorkspaceEdit,
): void {
  const after = applyWorkspaceEdit(files, edit);
  for (const [uri, t] of files) {
    if (uri === REG) continue;
    const prose0 = stripMarkup(t);
    const prose1 = stripMarkup(after.get(uri) ?? '');
    if (title === REMOVE_PASSAGE_TITLE) {
      const piece = removedPiece(prose0, prose1);
      assert.ok(
        piece !== undefined && (piece.trim() !== '' || prose0 === prose1),
        `'${title}' removed more than one piece of ${uri}`,
      );
    } else assert.equal(prose1, prose0, `'${title}' changed the prose of ${uri}`);
  }
  for (const [key, n] of errors(after))
    assert.ok(n <= (before.get(key) ?? 0), `'${title}' introduced an error: ${key}`);
}

describe('core fuzz: quick fixes and rename on mutated seeds', function () {
  this.timeout(0);

  it(`keep the prose and introduce no error (seed ${SEED})`, () => {
    let actions = 0;
    let renames = 0;
    fuzz(
      'edits: quick fixes and rename on mutated seeds',
      [
        mutatedSeed(12),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/),
      ],
      (seed, picks, newName) => {
        const files = new Map<string, string>([[REG, SEED_REGISTRY]]);
        for (const s of SEED_TEXTS) files.set(uriOf(s.name), s.name === seed.name ? seed.text : s.text);
        const uri = uriOf(seed.name);
        const text = seed.text;
        const lines = new LineIndex(text);
        const index = build(files);
        const before = errors(files);
        // The actions offered on a diagnostic's range, and on a random selection.
        const ds = computeDiagnostics(index, uri);
        const ranges: lsp.Range[] = [];
        if (ds.length > 0) ranges.push(ds[picks[0]! % ds.length]!.range);
        const a = picks[1]! % (text.length + 1);
        ranges.push(lines.rangeAt(a, Math.min(text.length, a + (picks[2]! % 40))));
        const checked = new Set<string>();
        for (const range of ranges) {
          const offered = codeActions(index, uri, range).filter((x) => x.edit);
          // At most two per range: each check re-analyses the workspace.
          for (const action of offered.slice(0, 2)) {
            const key = JSON.stringify(action.edit);
            if (checked.has(key)) continue;
            checked.add(key);
            actions++;
            checkEdit(action.title, files, before, action.edit!);
          }
        }
        // Rename an identifier of the file (an actor ref, a claim key or id), or whatever is at a random offset.
        const model = index.getSource(uri)!;
        const targets = [
          ...model.mentions.map((m) => m.refStart),
          ...model.claims.flatMap((c) => [c.keyStart, c.idStart, c.byStart]),
        ].filter((o): o is number => o !== undefined);
        const p = lines.positionAt(
          targets.length > 0 && picks[2]! % 5 !== 0
            ? targets[picks[2]! % targets.length]!
            : picks[2]! % (text.length + 1),
        );
        const prepared = prepareRename(index, uri, p);
        if (prepared && 'range' in prepared) {
          const edit = rename(index, uri, p, `${newName}-fz`);
          if (!('error' in edit)) {
            renames++;
            checkEdit(`rename to ${newName}-fz`, files, before, edit);
          }
        }
      },
      runs(25, 1500),
      () => ({ actions, renames }),
    );
  });
});
