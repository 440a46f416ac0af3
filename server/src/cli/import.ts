/**
 * `corroborate import PAGE.html|ARTICLE.txt [--out DIR]`: reads an article,
 * imports it (server/src/import/, pure) and writes `DIR/<id>.seed.md`, never
 * over an existing file (common/importing.ts names the next free file).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_NAME_ATTEMPTS, seedFileName } from '../../../common/importing';
import {
  decodeInput,
  idFromTitle,
  ImportError,
  importArticle,
  kindOfFileName,
  MAX_IMPORT_BYTES,
  namedSeed,
  type ImportedArticle,
} from '../import';

/** What `import` did: the file written, and whether its first-choice name was taken. */
export interface ImportResult {
  written: string;
  /** The name that was taken, when the file had to be given another. */
  taken?: string;
}

/** Reads the input file's bytes; refuses a directory or a file too large to read (before reading it). */
function readInput(file: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new ImportError(`no such file: ${file}`);
  }
  if (st.isDirectory()) throw new ImportError(`${file} is a directory, not a page or a text file`);
  if (st.size > MAX_IMPORT_BYTES)
    throw new ImportError(`${file} is ${st.size} bytes; the importer reads at most ${MAX_IMPORT_BYTES}`);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new ImportError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/**
 * Writes the seed as `dir/<id>.seed.md`, or under the first of `<id>-2.seed.md`, `<id>-3.seed.md`, …
 * that does not exist (with the id to match). The `wx` flag makes "does not exist" and "write" one
 * step: nothing is overwritten, even by a file created meanwhile.
 */
export function writeNewSeed(dir: string, imported: ImportedArticle): ImportResult {
  for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
    const seed = namedSeed(imported, n);
    const file = path.join(dir, seed.fileName);
    try {
      fs.writeFileSync(file, seed.text, { flag: 'wx' });
      return n === 1 ? { written: file } : { written: file, taken: path.join(dir, seedFileName(imported.id, 1)) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new ImportError(`cannot write ${file}: ${code ?? String(e)}`);
    }
  }
  throw new ImportError(
    `${seedFileName(imported.id, 1)} and the next ${MAX_NAME_ATTEMPTS - 1} names are all taken in ${dir}`,
  );
}

/** Runs `import` on one file; the paths are resolved against `cwd`. Throws ImportError for bad input. */
export function importFile(input: string, outDir: string | undefined, cwd: string): ImportResult {
  const file = path.resolve(cwd, input);
  const dir = path.resolve(cwd, outDir ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ImportError(`no such directory: ${outDir}`);
  const text = decodeInput(readInput(file));
  const stem = path.basename(file).replace(/\.[^.]*$/, '');
  return writeNewSeed(dir, importArticle(text, kindOfFileName(file), idFromTitle(stem)));
}
