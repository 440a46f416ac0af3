import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from '../../server/src/core';
import { openFixture, placeCursor, ROOT } from './fixture';

/** The fixture opened with its cursor where `|` is in `needle` (see `placeCursor`). */
export function openAt(text: string, needle: string): ReturnType<typeof openFixture> {
  return openFixture(placeCursor(text, needle));
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
