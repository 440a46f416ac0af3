/**
 * One spelling per file. The client may write one file's URI in several ways
 * (`/a/./b`, `%62`, `C:` or `c%3A`); the server keys everything (open
 * documents, the index, reads in flight, folders) by the canonical spelling.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/**
 * One spelling per file: `file:///a/./b.seed.md`, `file:///a/b/../b.seed.md`,
 * `file:///a/%62.seed.md` and `file:///a//b.seed.md` are all `file:///a/b.seed.md`;
 * a drive letter is lower case and its colon encoded (`file:///c%3A/…`), as VS Code
 * spells it. Other schemes are only re-serialised.
 */
export function canonicalUri(uri: string): string {
  try {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || parsed.authority !== '') return parsed.toString();
    const normalized = path.posix.normalize(parsed.path).replace(/\/+$/, '');
    return parsed.with({ path: normalized === '' ? '/' : normalized }).toString();
  } catch {
    return uri;
  }
}

/** A workspace folder's canonical URI, without a trailing slash (whatever its scheme). */
export function folderUri(uri: string): string {
  return canonicalUri(uri).replace(/\/$/, '');
}
