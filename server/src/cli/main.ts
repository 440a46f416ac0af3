/**
 * `corroborate`: the command-line face of the core. It reads files from
 * disk, feeds them to the same WorkspaceIndex the language server uses, and
 * prints the same diagnostics.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  createLanguageService,
  DEFAULT_LIMITS,
  EXPORT_FORMATS,
  LIMIT_INFO,
  MAX_RELATED,
  WorkspaceIndex,
  type LanguageService,
  type Limits,
} from '../core';
import { REGISTRY_NAME, registriesAbove, walkFolders } from '../node/files';
import {
  addCounts,
  DEFAULT_MAX_RELATED,
  formatSuggestions,
  stylishSummary,
  suggestionsJson,
  type Counts,
  type FileSuggestions,
} from './format';
import { checkPrinter, Output, type CheckFormat } from './output';
import { importBratFolder, importFile, importW3cFile } from './import';
import { checkExportOutput, exportFormat, ExportUsageError, writeExport } from './export';
import { DiffError, runDiff } from './diff';
import { readAnnotationCss } from '../node/annotationCss';
import { ImportError } from '../import';
import { version } from '../../../package.json';

/** The confidence below which `suggest` leaves a suggestion out, unless --min-confidence says otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS).join('|');
const EXPORT_FORMAT_LINES = Object.values(EXPORT_FORMATS)
  .map((f) => `  ${f.name}: ${f.description}${f.multiFile ? ' (-o DIR)' : ''}`)
  .join('\n');

const USAGE = `Usage: corroborate check [paths...] [options]
       corroborate suggest [paths...] [options] [--write]
       corroborate import PAGE.html|ARTICLE.txt [--out DIR]
       corroborate import --from brat DIR [--out DIR]
       corroborate import --from w3c FILE --text DIR [--out DIR]
       corroborate export [paths...] --format <${EXPORT_FORMAT_NAMES}> [-o PATH]
       corroborate diff A B [path] [--format markdown|json]
       corroborate report [paths...] [-o report.html] [--title TEXT]

check: checks annotated sources (*.seed.md) against each other and their
registry (entities.yaml, the nearest one at or above each file).
suggest: lists names in the sources' prose that could be annotated as actors,
with the registry id each designates or a proposed new id, and reported speech
that could be annotated as claims, with by= its source (docs/suggestions.md);
with --write, annotates the actors in the files and adds the new actors to the registry.
import: turns a saved web page or a text file into a new source, DIR/<id>.seed.md
(DIR: the working directory), and prints its path. An existing file is never
overwritten: the next free name <id>-2.seed.md, <id>-3.seed.md, … is used (docs/import.md).
import --from brat: brat standoff (<id>.txt + <id>.ann) → <id>.seed.md and entities.yaml;
import --from w3c: W3C Web Annotations on the sources of --text DIR → the sources annotated
(docs/interop.md; what cannot be imported is listed on stderr, exit status 1; no file is overwritten).
export: writes the sources' annotations in another tool's format (docs/interop.md):
${EXPORT_FORMAT_LINES}
diff: what changed in the claims, conflicts and actors from A to B, two directories
or two git revisions (corroborate diff --help).
report: writes one self-contained HTML page (no network request when opened): an
overview, the claims × sources matrix, the conflicts and unsourced claims, and
every article rendered with its annotations; to -o FILE, or stdout.
Directories are searched recursively, skipping node_modules and dot-folders.
Default path: .

Options:
  --format <stylish|json|jsonl|sarif>
                                 output format (default: stylish; suggest: stylish or json);
                                 jsonl: one diagnostic per line, the objects of json
  --max-related <n>              check: related entries printed per diagnostic, 0 to ${MAX_RELATED}
                                 (json, jsonl, sarif; default ${DEFAULT_MAX_RELATED}; the rest are counted)
  --min-confidence <0..1>        suggest: leave out suggestions below this (default ${DEFAULT_MIN_CONFIDENCE})
  --write                        suggest: annotate the suggestions in place, adding the registry
                                 entries of new actors (name and aliases, no description)
  --max-warnings <n>             exit 1 if there are more than n warnings
  --hints                        list hints too (stylish; json and sarif always include them)
  --registry <file>              use this entities.yaml for every source
  --out <dir>                    import: the folder to write the new source to (default: .)
  --from <brat|w3c>              import: annotations kept apart from their text (docs/interop.md)
  --text <dir>                   import --from w3c: the folder of the sources the annotations are on
  -o, --output <path>            report: the HTML file to write; export: the file to write, or the
                                 folder of a format of several files (created if missing); default: stdout
  --title <text>                 report: the page's title (default: Corroborate report)
  --max-file-size <bytes>        larger files are not analysed (file-too-large;
                                 default ${DEFAULT_LIMITS.maxFileSize}, i.e. 10 MiB)
  --max-nesting <n>              deepest span nesting analysed (default ${DEFAULT_LIMITS.maxNesting})
  --max-yaml-aliases <n>         most YAML nodes aliases may stand for (default ${DEFAULT_LIMITS.maxYamlAliases})
  --max-attribute-length <n>     longest attribute list {…} (default ${DEFAULT_LIMITS.maxAttributeLength})
  --no-color                     plain output
  -h, --help                     show this help
  -v, --version                  show the version

Exit status: 0 no errors (and warnings within --max-warnings; suggest and report:
always), 1 problems found, 2 usage or I/O error, or input import refuses.
`;

export class UsageError extends Error {}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

interface Options {
  command: 'check' | 'suggest' | 'import' | 'report' | 'export' | 'help' | 'version';
  paths: string[];
  format: CheckFormat;
  /** --format as given: checked, once the command is known, against its formats (see {@link checkFormatArgs}). */
  formatName?: string;
  /** export and report: -o, the file (or, for export, the folder) to write; stdout if undefined. */
  output?: string;
  /** import: --from (brat or w3c; an article page or text without it) and --text (w3c: the texts' folder). */
  from?: string;
  text?: string;
  maxRelated: number;
  maxWarnings: number;
  hints: boolean;
  write: boolean;
  color: boolean;
  registry?: string;
  /** import: the folder to write to. */
  out?: string;
  /** report: the page's title. */
  title?: string;
  minConfidence: number;
  limits: Partial<Limits>;
}

const LIMIT_FLAGS = new Map((Object.keys(LIMIT_INFO) as Array<keyof Limits>).map((k) => [LIMIT_INFO[k].flag, k]));

const VALUE_FLAGS = new Set([
  '--format',
  '--max-warnings',
  '--max-related',
  '--min-confidence',
  '--registry',
  '--out',
  '-o',
  '--output',
  '--title',
  '--from',
  '--text',
]);

/** The commands, as named on the command line (`diff` reads its own arguments). */
const COMMANDS = ['check', 'suggest', 'import', 'report', 'export'] as const;

/** Sets the option of a flag that takes a value (VALUE_FLAGS, LIMIT_FLAGS), after checking the value. */
function setValue(o: Options, flag: string, v: string): void {
  const limit = LIMIT_FLAGS.get(flag);
  if (limit !== undefined) {
    const { min, max } = LIMIT_INFO[limit];
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not '${v}'`);
    o.limits[limit] = Number(v);
  } else if (flag === '--format') {
    o.formatName = v;
  } else if (flag === '--max-related') {
    if (!/^\d+$/.test(v) || Number(v) > MAX_RELATED)
      throw new UsageError(`--max-related takes a whole number from 0 to ${MAX_RELATED}, not '${v}'`);
    o.maxRelated = Number(v);
  } else if (flag === '--max-warnings') {
    if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number, not '${v}'`);
    o.maxWarnings = Number(v);
  } else if (flag === '--min-confidence') {
    if (!/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.test(v))
      throw new UsageError(`--min-confidence takes a number from 0 to 1, not '${v}'`);
    o.minConfidence = Number(v);
  } else if (flag === '--out') o.out = v;
  else if (flag === '-o' || flag === '--output') o.output = v;
  else if (flag === '--title') o.title = v;
  else if (flag === '--from') o.from = v;
  else if (flag === '--text') o.text = v;
  else o.registry = v;
}

/** `--title` belongs to `report`, which writes HTML only and takes none of check's output options. */
function checkReportArgs(o: Options): void {
  if (o.command !== 'report') {
    if (o.title !== undefined) throw new UsageError('--title is an option of report');
    return;
  }
  if (o.formatName !== undefined)
    throw new UsageError('report writes HTML; --format is an option of check and suggest');
  if (o.hints) throw new UsageError('--hints is an option of check');
  if (o.maxWarnings >= 0) throw new UsageError('--max-warnings is an option of check');
}

/** Checks --format against the command's formats (check and suggest: `format`; export: the export formats), and -o. */
function checkFormatArgs(o: Options): void {
  if (o.output !== undefined && o.command !== 'export' && o.command !== 'report')
    throw new UsageError('-o is an option of export and report');
  if (o.command === 'export') {
    try {
      exportFormat(o.formatName);
    } catch (e) {
      if (e instanceof ExportUsageError) throw new UsageError(e.message);
      throw e;
    }
    return;
  }
  const v = o.formatName;
  if (v === undefined || o.command === 'report') return;
  if (v !== 'stylish' && v !== 'json' && v !== 'jsonl' && v !== 'sarif')
    throw new UsageError(`unknown format '${v}' (expected stylish, json, jsonl or sarif)`);
  o.format = v;
}

/** `import` takes one file, and `--out` belongs to `import` alone. */
function checkImportArgs(o: Options): void {
  if (o.command !== 'import') {
    for (const [flag, v] of [
      ['--out', o.out],
      ['--from', o.from],
      ['--text', o.text],
    ] as const)
      if (v !== undefined) throw new UsageError(`${flag} is an option of import`);
    return;
  }
  if (o.from !== undefined && o.from !== 'brat' && o.from !== 'w3c')
    throw new UsageError(`--from takes brat or w3c, not '${o.from}'`);
  if (o.text !== undefined && o.from !== 'w3c') throw new UsageError('--text is an option of import --from w3c');
  if (o.from === 'w3c' && o.text === undefined)
    throw new UsageError('import --from w3c needs --text DIR, the folder of the sources the annotations are on');
  const what =
    o.from === 'brat' ? 'brat folder' : o.from === 'w3c' ? 'annotation file' : 'file (a .html page or a .txt text)';
  if (o.paths.length !== 1) throw new UsageError(`import takes one ${what}, not ${o.paths.length}`);
}

export function parseArgs(argv: string[]): Options {
  const o: Options = {
    command: 'check',
    paths: [],
    format: 'stylish',
    maxRelated: DEFAULT_MAX_RELATED,
    maxWarnings: -1,
    hints: false,
    write: false,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    limits: {},
  };
  const args = [...argv];
  if (args.length === 0) return { ...o, command: 'help' };
  const takeValue = (flag: string, inline: string | undefined): string => {
    const v = inline ?? args.shift();
    if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
    return v;
  };
  let sawCommand = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    // `--hints=no` must not quietly mean --hints.
    if (inline !== undefined && ['--help', '--version', '--hints', '--no-color', '--write'].includes(flag))
      throw new UsageError(`${flag} takes no value`);
    switch (flag) {
      case '-h':
      case '--help':
        return { ...o, command: 'help' };
      case '-v':
      case '--version':
        return { ...o, command: 'version' };
      case '--hints':
        o.hints = true;
        break;
      case '--write':
        o.write = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      default: {
        if (VALUE_FLAGS.has(flag) || LIMIT_FLAGS.has(flag)) {
          setValue(o, flag, takeValue(flag, inline));
          break;
        }
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        if (!sawCommand) {
          if (!(COMMANDS as readonly string[]).includes(arg))
            throw new UsageError(
              `unknown command '${arg}' (expected 'check', 'suggest', 'import', 'report', 'export' or 'diff')`,
            );
          o.command = arg as Options['command'];
          sawCommand = true;
        } else o.paths.push(arg);
      }
    }
  }
  if (!sawCommand) throw new UsageError("missing command: try 'corroborate check .'");
  checkFormatArgs(o);
  if (o.command === 'suggest' && (o.format === 'sarif' || o.format === 'jsonl'))
    throw new UsageError(`suggest prints stylish or json, not ${o.format} (${o.format} is for check's diagnostics)`);
  if (o.write && o.command !== 'suggest') throw new UsageError('--write is an option of suggest');
  checkImportArgs(o);
  checkReportArgs(o);
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

/** What `check` reads: sources, registries, the workspace folders that hold them, and the --registry override. */
interface CheckFiles {
  sources: string[];
  registries: Set<string>;
  folders: string[];
  override: string | undefined;
}

/** Finds the files to check under the paths and the registries above them. Throws UsageError for bad paths. */
async function findFiles(o: Options, cwd: string): Promise<CheckFiles> {
  const found = {
    sources: [] as string[],
    registries: [] as string[],
    unreadable: [] as Array<{ path: string; reason: string }>,
  };
  const roots: string[] = [];
  for (const p of o.paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    // The "workspace folder" of a path: the working directory if the path is inside it.
    const inside = abs === cwd || abs.startsWith(cwd + path.sep);
    const root = inside ? cwd : st.isDirectory() ? abs : path.dirname(abs);
    roots.push(root);
    if (st.isDirectory()) {
      const walked = await walkFolders([abs], { isCancellationRequested: false }, (p, reason) =>
        found.unreadable.push({ path: p, reason }),
      );
      found.sources.push(...walked.sources);
      found.registries.push(...walked.registries);
    }
    // An explicitly named entities.yaml is a registry, not a source.
    else if (path.basename(abs) === REGISTRY_NAME) found.registries.push(abs);
    else found.sources.push(abs);
  }
  // A root inside another root is no workspace folder of its own: otherwise the
  // registry search would depend on the order of the paths on the command line.
  const folders = [...new Set(roots)].filter((r) => !roots.some((o) => o !== r && r.startsWith(o + path.sep)));
  if (found.unreadable.length > 0) {
    throw new UsageError(
      found.unreadable.map((u) => `cannot read ${path.relative(cwd, u.path) || u.path}: ${u.reason}`).join('\n'),
    );
  }
  const sources = [...new Set(found.sources)].sort();
  const registries = new Set(found.registries);
  for (const s of sources) {
    const root = folders.find((r) => s.startsWith(r + path.sep)) ?? path.dirname(s);
    for (const r of registriesAbove(s, root)) registries.add(r);
  }
  let override: string | undefined;
  if (o.registry !== undefined) {
    const abs = path.resolve(cwd, o.registry);
    if (!fs.existsSync(abs)) throw new UsageError(`no such registry: ${o.registry}`);
    registries.add(abs);
    override = URI.file(abs).toString();
  }
  return { sources, registries, folders, override };
}

/** The files found under the paths, read into a language service. */
interface LoadedWorkspace {
  service: LanguageService;
  files: CheckFiles;
  toUri: (file: string) => string;
  /** A URI as the file name to print: relative to the working directory when inside it. */
  uriToFile: (uri: string) => string;
}

/** Finds the files under the paths and reads them into a new language service. Throws UsageError for bad paths. */
async function loadWorkspace(o: Options, cwd: string): Promise<LoadedWorkspace> {
  const files = await findFiles(o, cwd);
  const toUri = (p: string): string => URI.file(p).toString();
  const service = createLanguageService(
    new WorkspaceIndex({
      folders: files.folders.map(toUri),
      limits: o.limits,
      ...(files.override ? { registryOverride: files.override } : {}),
    }),
  );
  const read = (p: string): Uint8Array => {
    try {
      return fs.readFileSync(p);
    } catch (e) {
      throw new UsageError(
        `cannot read ${path.relative(cwd, p) || p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
  };
  for (const r of files.registries) service.workspace.setRegistryBytes(toUri(r), read(r));
  // Bulk: no affected-file bookkeeping (it would cost O(files × claims per key)).
  for (const s of files.sources) service.workspace.loadSourceBytes(toUri(s), read(s));
  const uriToFile = (uri: string): string => path.relative(cwd, URI.parse(uri).fsPath) || URI.parse(uri).fsPath;
  return { service, files, toUri, uriToFile };
}

/**
 * Runs `check`, writing to `out` file by file (registries first, then sources, in path order) as each file is
 * checked; nothing of a file is kept once it is written. Resolves to the exit status. Throws UsageError for bad
 * paths (before anything is written).
 */
export async function check(o: Options, cwd: string, out: Output): Promise<number> {
  const { service, files, toUri, uriToFile } = await loadWorkspace(o, cwd);
  const { sources, registries } = files;
  const printer = checkPrinter({ ...o, uriToFile, showHints: o.hints, version, baseDir: cwd });
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  await out.write(printer.head);
  for (const file of [...registries].sort().concat(sources)) {
    const uri = toUri(file);
    const diagnostics = service.diagnostics(uri);
    if (diagnostics.length === 0) continue;
    addCounts(c, diagnostics);
    // A reader that went away (`| head`) gets no more, but every file is still checked: the exit status is the same.
    if (!out.closed) await out.write(printer.file({ file: uriToFile(uri), diagnostics }));
  }
  await out.write(printer.tail());
  const tooManyWarnings = o.maxWarnings >= 0 && c.warning > o.maxWarnings;
  if (o.format === 'stylish') {
    const s = service.workspace.stats();
    await out.write(
      stylishSummary(c, { color: o.color, showHints: o.hints }) +
        `${plural(sources.length, 'source')}, ${plural(s.actors, 'actor')} mentioned ${plural(s.mentions, 'time')}, ${plural(s.claims, 'claim')} on ${plural(s.keys, 'key')}\n`,
    );
    if (tooManyWarnings) await out.write(`too many warnings: ${c.warning} (--max-warnings ${o.maxWarnings})\n`);
  }
  await out.flush();
  return c.error > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * Runs `suggest`: the actor and claim suggestions of every source found, in file and text order. Always exit
 * status 0.
 */
export async function suggest(o: Options, cwd: string): Promise<{ output: string; exitCode: number }> {
  const loaded = await loadWorkspace(o, cwd);
  if (o.write) return { output: writeSuggestions(o, loaded), exitCode: 0 };
  const { service, files, toUri, uriToFile } = loaded;
  const found: FileSuggestions[] = [];
  for (const file of files.sources) {
    const uri = toUri(file);
    const model = service.workspace.getSource(uri);
    const suggestions = service.suggestActors(uri, { minConfidence: o.minConfidence });
    const claims = service.suggestClaims(uri, { minConfidence: o.minConfidence });
    if (model && suggestions.length + claims.length > 0)
      found.push({ file: uriToFile(uri), lines: model.lines, suggestions, claims });
  }
  const output =
    o.format === 'json'
      ? JSON.stringify(suggestionsJson(found), null, 2) + '\n'
      : formatSuggestions(found, { color: o.color });
  return { output, exitCode: 0 };
}

/**
 * `suggest --write`: accepts the suggestions at or above --min-confidence in
 * each source, one file after the other, writing the source and its registry
 * (created beside the source if none governs it) and reading them back into
 * the index, so that a later file sees the entries an earlier one added.
 * Files that were not read as clean UTF-8 are left alone. Returns the summary.
 */
function writeSuggestions(o: Options, { service, files, toUri, uriToFile }: LoadedWorkspace): string {
  const index = service.workspace;
  const written: Array<{ file: string; annotated: number; added: string[] }> = [];
  for (const file of files.sources) {
    const uri = toUri(file);
    const model = index.getSource(uri);
    if (!model || model.problems.some((p) => p.code === 'encoding' || p.code === 'file-too-large')) continue;
    const done = service.acceptSuggestions(uri, service.suggestActors(uri, { minConfidence: o.minConfidence }));
    if (!done) continue;
    for (const f of done.files) {
      const target = URI.parse(f.uri).fsPath;
      const bom =
        !f.created &&
        fs
          .readFileSync(target)
          .subarray(0, 3)
          .equals(Buffer.from([0xef, 0xbb, 0xbf]));
      fs.writeFileSync(target, (bom && !f.text.startsWith('\uFEFF') ? '\uFEFF' : '') + f.text);
      if (f.uri === uri) index.setSource(f.uri, f.text);
      else index.setRegistry(f.uri, f.text);
    }
    written.push({ file: uriToFile(uri), annotated: done.annotated, added: done.added });
  }
  const annotated = written.reduce((n, w) => n + w.annotated, 0);
  const added = written.flatMap((w) => w.added);
  if (o.format === 'json') return JSON.stringify({ files: written, annotated, added }, null, 2) + '\n';
  const lines = written.map(
    (w) =>
      `${w.file}: ${plural(w.annotated, 'actor')} annotated${w.added.length > 0 ? `, added ${w.added.join(', ')}` : ''}`,
  );
  lines.push(
    `${plural(annotated, 'actor')} annotated in ${plural(written.length, 'file')}, ${plural(added.length, 'registry entry', 'registry entries')} added`,
  );
  return lines.join('\n') + '\n';
}

/** Runs `import`: writes the new source and prints its path (and, on stderr, that its first name was taken). */
function runImport(o: Options, cwd: string): { output: string; exitCode: number } {
  const input = o.paths[0]!;
  if (o.from !== undefined) return runStandoffImport(o, input, cwd);
  try {
    const result = importFile(input, o.out, cwd);
    const shown = (p: string): string => path.relative(cwd, p) || p;
    if (result.taken)
      process.stderr.write(`corroborate: ${shown(result.taken)} exists; wrote ${shown(result.written)} instead\n`);
    return { output: shown(result.written) + '\n', exitCode: 0 };
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(`import ${input}: ${e.message}`);
    throw e;
  }
}

/**
 * `import --from brat|w3c`: prints the files written; each thing that could not be imported is one line on stderr,
 * and makes the exit status 1.
 */
function runStandoffImport(o: Options, input: string, cwd: string): { output: string; exitCode: number } {
  try {
    const result = o.from === 'brat' ? importBratFolder(input, o.out, cwd) : importW3cFile(input, o.text!, o.out, cwd);
    const shown = (p: string): string => path.relative(cwd, p) || p;
    for (const r of result.reports) process.stderr.write(`corroborate: ${r}\n`);
    return { output: result.written.map((f) => shown(f) + '\n').join(''), exitCode: result.reports.length > 0 ? 1 : 0 };
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(`import ${input}: ${e.message}`);
    throw e;
  }
}

/** Runs `export`: the exporter of --format over the sources found, written as it goes. Exit status 0. */
async function runExport(o: Options, cwd: string, stdout: NodeJS.WritableStream): Promise<number> {
  const format = exportFormat(o.formatName);
  const output = o.output === undefined ? undefined : path.resolve(cwd, o.output);
  try {
    checkExportOutput(format, output, o.output);
  } catch (e) {
    if (e instanceof ExportUsageError) throw new UsageError(e.message);
    throw e;
  }
  const { service, files, toUri, uriToFile } = await loadWorkspace(o, cwd);
  try {
    const exported = format.exporter({
      index: service.workspace,
      uris: files.sources.map(toUri),
      fileName: uriToFile,
    });
    await writeExport(format, exported, output, stdout, o.output);
  } catch (e) {
    if (e instanceof ExportUsageError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new UsageError(`cannot write ${o.output ?? 'the export'}: ${code}`);
    throw e;
  }
  return 0;
}

/** `folder` read as `check` reads it, with `root` as the working directory: the index `diff` compares. */
async function loadIndex(folder: string, root: string): Promise<WorkspaceIndex> {
  return (await loadWorkspace(parseArgs(['check', folder]), root)).service.workspace;
}

/**
 * Runs `report`: reads the workspace, then writes the page chunk by chunk to
 * --output (created or replaced) or `stdout`, and says on stderr what it wrote.
 * Always exit status 0; a bad path or an unwritable file is a UsageError (2).
 */
async function report(o: Options, cwd: string, stdout: NodeJS.WritableStream): Promise<number> {
  let annotationCss: string;
  try {
    annotationCss = readAnnotationCss();
  } catch (e) {
    throw new UsageError(`report: ${(e as Error).message}`);
  }
  const { service, uriToFile } = await loadWorkspace(o, cwd);
  const chunks = service.report({ annotationCss, fileOf: uriToFile, ...(o.title !== undefined && { title: o.title }) });
  if (o.output === undefined) {
    const out = new Output(stdout);
    for (const chunk of chunks) if (!out.closed) await out.write(chunk);
    await out.flush();
    return 0;
  }
  const target = path.resolve(cwd, o.output);
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'w');
    for (const chunk of chunks) fs.writeSync(fd, chunk);
  } catch (e) {
    throw new UsageError(`cannot write ${o.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const s = service.workspace.stats();
  process.stderr.write(
    `corroborate: wrote ${o.output} (${plural(s.sources, 'source')}, ${plural(s.claims, 'claim')})\n`,
  );
  return 0;
}

/** Entry point; resolves to the exit status. `check` writes to `stdout` as it goes. */
export async function main(
  argv: string[],
  cwd = process.cwd(),
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  try {
    // diff has arguments of its own (two directories or revisions): cli/diff.ts reads them.
    if (argv[0] === 'diff') return await runDiff(argv.slice(1), cwd, stdout, loadIndex);
    const o = parseArgs(argv);
    if (o.command === 'help') {
      stdout.write(USAGE);
      return 0;
    }
    if (o.command === 'version') {
      stdout.write(`corroborate ${version}\n`);
      return 0;
    }
    if (o.command === 'check') return await check(o, cwd, new Output(stdout));
    if (o.command === 'report') return await report(o, cwd, stdout);
    if (o.command === 'export') return await runExport(o, cwd, stdout);
    const result = o.command === 'import' ? runImport(o, cwd) : await suggest(o, cwd);
    stdout.write(result.output);
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError || e instanceof DiffError) {
      process.stderr.write(`corroborate: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`corroborate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
