/**
 * `corroborate import PAGE.html|ARTICLE.txt [--out DIR]`: reads an article,
 * imports it (server/src/import/, pure) and writes `DIR/<id>.seed.md`, never
 * over an existing file (common/importing.ts names the next free file).
 * `--from brat DIR` and `--from w3c FILE --text DIR` import annotations kept
 * apart from their text (docs/interop.md), never over an existing file either.
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
import { importBrat } from '../import/brat';
import { importW3c } from '../import/w3c';
import { REGISTRY_FILE, SEED_SUFFIX } from '../core';

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

/** What `import --from brat|w3c` wrote, and what it could not import (one line each). */
export interface StandoffImportResult {
  written: string[];
  reports: string[];
}

/** The files of a folder (not its subfolders), name → UTF-8 text; refuses what is not a readable folder. */
function readFolder(dir: string, what: string): Map<string, string> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ImportError(`no such directory: ${what}`);
  const files = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(dir, e.name);
    if (fs.statSync(file).size > MAX_IMPORT_BYTES)
      throw new ImportError(`${e.name} is larger than ${MAX_IMPORT_BYTES} bytes`);
    files.set(e.name, decodeInput(fs.readFileSync(file)));
  }
  return files;
}

/** Writes new files (name → text) into `dir`; refuses, before writing any, if one of them exists. */
function writeNewFiles(dir: string, files: ReadonlyArray<readonly [string, string]>): string[] {
  const taken = files.filter(([name]) => fs.existsSync(path.join(dir, name))).map(([name]) => name);
  if (taken.length > 0)
    throw new ImportError(
      `${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''} in ${dir}; nothing written`,
    );
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { flag: 'wx' });
    return file;
  });
}

/** The output folder of an import (created if missing). */
function outputFolder(cwd: string, outDir: string | undefined): string {
  const dir = path.resolve(cwd, outDir ?? '.');
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new ImportError(`${outDir} is not a directory`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `import --from brat DIR`: a seed per brat document and an entities.yaml, written to `outDir`. */
export function importBratFolder(input: string, outDir: string | undefined, cwd: string): StandoffImportResult {
  const files = readFolder(path.resolve(cwd, input), input);
  const reports: string[] = [];
  const { seeds, registry } = importBrat(files, (m) => reports.push(m));
  const dir = outputFolder(cwd, outDir);
  const out: Array<[string, string]> = seeds.map((s) => [`${s.id}${SEED_SUFFIX}`, s.text]);
  out.push([REGISTRY_FILE, registry]);
  return { written: writeNewFiles(dir, out), reports };
}

/** `import --from w3c FILE --text DIR`: the sources of DIR that annotations of FILE anchor on, annotated, into `outDir`. */
export function importW3cFile(
  input: string,
  textDir: string,
  outDir: string | undefined,
  cwd: string,
): StandoffImportResult {
  const bytes = readInput(path.resolve(cwd, input));
  let json: unknown;
  try {
    json = JSON.parse(decodeInput(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`not JSON: ${(e as Error).message}`);
  }
  const texts = new Map([...readFolder(path.resolve(cwd, textDir), textDir)].filter(([n]) => n.endsWith(SEED_SUFFIX)));
  if (texts.size === 0) throw new ImportError(`no ${SEED_SUFFIX} file in ${textDir}`);
  const reports: string[] = [];
  const { seeds, registry } = importW3c(json, texts, (m) => reports.push(m));
  const dir = outputFolder(cwd, outDir);
  const out: Array<[string, string]> = seeds.map((s) => [s.name, s.text]);
  if (registry !== undefined) out.push([REGISTRY_FILE, registry]);
  return { written: writeNewFiles(dir, out), reports };
}
