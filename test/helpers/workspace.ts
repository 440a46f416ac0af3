import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/core';
import { LineIndex } from '../../server/src/core/base/text';
import { indexOf, parseFixture, ROOT, type openFixture } from './fixture';

/**
 * The fixture opened with its cursor where `|` is in `needle`, which must
 * occur exactly once in the fixture's file texts (after caret lines are
 * removed, so that a caret line keeps its columns whichever needle is used).
 */
export function openAt(text: string, needle: string): ReturnType<typeof openFixture> {
  const fixture = parseFixture(text);
  const plain = needle.replace('|', '');
  const hits = [...fixture.files].flatMap(([uri, t]) => {
    const at = t.indexOf(plain);
    return at < 0
      ? []
      : t.indexOf(plain, at + 1) >= 0
        ? [
            { uri, at },
            { uri, at },
          ]
        : [{ uri, at }];
  });
  assert.equal(hits.length, 1, `'${plain}' must occur exactly once in the fixture's files`);
  const { uri, at } = hits[0]!;
  const offset = at + needle.indexOf('|');
  fixture.cursor = { uri, offset };
  return { index: indexOf(fixture), uri, position: new LineIndex(fixture.files.get(uri)!).positionAt(offset), fixture };
}

/** An index of `files` (URI → text) under the workspace folder `root`: registries first, then sources. */
export function buildIndex(files: ReadonlyMap<string, string>, root = ROOT): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [root] });
  for (const [uri, text] of files) if (uri.endsWith('/entities.yaml')) index.setRegistry(uri, text);
  for (const [uri, text] of files) if (!uri.endsWith('/entities.yaml')) index.setSource(uri, text);
  return index;
}

/** The seeds/ folder of the repository: its path, URIs and texts. */
export const SEEDS = path.resolve(__dirname, '../../../seeds');
export const seedsRoot = (): string => URI.file(SEEDS).toString();
export const seedUri = (name: string): string => URI.file(path.join(SEEDS, name)).toString();
/** The seed sources' file names, sorted. */
export const seedSources = (): string[] =>
  fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.seed.md'))
    .sort();

/** The seeds' texts (entities.yaml and the sources), by URI, in file-name order. */
export function seedTexts(): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of ['entities.yaml', ...seedSources()].sort())
    files.set(seedUri(f), fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  return files;
}

/** An index of the seeds read as bytes from disk, as the server does for files not open in the editor. */
export function seedsIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [seedsRoot()] });
  index.setRegistryBytes(seedUri('entities.yaml'), fs.readFileSync(path.join(SEEDS, 'entities.yaml')));
  for (const f of seedSources()) index.setSourceBytes(seedUri(f), fs.readFileSync(path.join(SEEDS, f)));
  return index;
}
