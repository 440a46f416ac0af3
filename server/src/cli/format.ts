/**
 * Output formats of `corroborate check` and `corroborate suggest`. Every format reports the same
 * diagnostics the language server publishes; ranges in `json` are 0-based
 * with UTF-16 characters (exactly LSP's), SARIF regions are 1-based.
 */

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIAGNOSTIC_CODES,
  type ActorSuggestion,
  type ClaimSuggestion,
  type Diagnostic,
  type DiagnosticCode,
  type Range,
  type Severity,
} from '../core';

export interface FileReport {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  diagnostics: Diagnostic[];
}

export interface JsonDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  related: Array<{ file: string; range: Range; message: string }>;
  /** How many related entries the core attached beyond those in `related`; only present when some were left out. */
  relatedOmitted?: number;
}

export type UriToFile = (uri: string) => string;

/**
 * At most this many related entries are printed per diagnostic by default (--max-related). The core attaches up
 * to 20 (`MAX_RELATED`) to a conflict or a corroboration; in a large archive nearly every claim of a popular key
 * has 20, and printed they were three quarters of `--format json` (docs/benchmarks.md, issue 13).
 */
export const DEFAULT_MAX_RELATED = 5;

/** One diagnostic as `--format json` and `jsonl` print it, its related entries cut to `maxRelated`. */
export function toJsonDiagnostic(
  file: string,
  d: Diagnostic,
  uriToFile: UriToFile,
  maxRelated: number,
): JsonDiagnostic {
  const related = d.related ?? [];
  const out: JsonDiagnostic = {
    file,
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
    related: related.slice(0, maxRelated).map((x) => ({ file: uriToFile(x.uri), range: x.range, message: x.message })),
  };
  if (related.length > maxRelated) out.relatedOmitted = related.length - maxRelated;
  return out;
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

/** Adds each diagnostic to the count of its severity. */
export function addCounts(c: Counts, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) c[d.severity]++;
}

const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  underline: '\x1b[4m',
  reset: '\x1b[0m',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface StylishOptions {
  color: boolean;
  showHints: boolean;
}

function painter(color: boolean): (code: keyof typeof ANSI, s: string) => string {
  return (code, s) => (color ? ANSI[code] + s + ANSI.reset : s);
}

/**
 * Human-readable output grouped by file, in the style of ESLint's "stylish": one file's block (its name, a row per
 * diagnostic, a blank line), or nothing when it has nothing to show. Columns are aligned within the file, so that
 * blocks can be printed as soon as each file is checked.
 */
export function stylishFile(r: FileReport, options: StylishOptions): string {
  const paint = painter(options.color);
  const label: Record<Severity, string> = {
    error: paint('red', 'error'),
    warning: paint('yellow', 'warning'),
    information: paint('blue', 'info'),
    hint: paint('dim', 'hint'),
  };
  const shown = r.diagnostics.filter((d) => options.showHints || d.severity !== 'hint');
  if (shown.length === 0) return '';
  const lines: string[] = [paint('underline', r.file)];
  const rows = shown.map(
    (d) => [`${d.range.start.line + 1}:${d.range.start.character + 1}`, d.severity, d.message, d.code] as const,
  );
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => (x[1] === 'information' ? 4 : x[1].length)));
  for (const [pos, sev, message, code] of rows) {
    const sevText = sev === 'information' ? 'info' : sev;
    lines.push(
      `  ${paint('dim', pos.padEnd(w0))}  ${label[sev]}${' '.repeat(w1 - sevText.length)}  ${message}  ${paint('dim', code)}`,
    );
  }
  return lines.join('\n') + '\n\n';
}

/** The last line of stylish output: the problems counted over every file. */
export function stylishSummary(c: Counts, options: StylishOptions): string {
  const paint = painter(options.color);
  const problems = c.error + c.warning + c.information;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.information, 'info')];
  let summary =
    problems === 0
      ? paint('bold', '✔ no problems')
      : paint('bold', `${c.error > 0 ? '✖' : '⚠'} ${plural(problems, 'problem')} (${parts.join(', ')})`);
  if (c.hint > 0)
    summary += options.showHints
      ? ` and ${plural(c.hint, 'hint')}`
      : paint('dim', ` · ${plural(c.hint, 'hint')} not shown (--hints lists them)`);
  return summary + '\n';
}

/** The actor and claim suggestions of one source, with what turns their offsets into positions. */
export interface FileSuggestions {
  /** Path as shown to the user (relative to the working directory). */
  file: string;
  lines: { rangeAt(start: number, end: number): Range };
  suggestions: ActorSuggestion[];
  claims?: ClaimSuggestion[];
}

/** One suggested actor in `suggest --format json`; `range` as in `check --format json` (0-based, UTF-16). */
export interface JsonActorSuggestion {
  file: string;
  kind: 'actor';
  range: Range;
  text: string;
  /** The actor's kind: person, organization, country, place, group or other. */
  type: string;
  ref: string;
  /** True when `ref` is a proposed id that the registry does not have yet. */
  new: boolean;
  confidence: number;
}

/** One suggested claim in `suggest --format json`: `range` covers the attributed content. */
export interface JsonClaimSuggestion {
  file: string;
  kind: 'claim';
  range: Range;
  text: string;
  /** The speaker's actor id, or `anonymous`. */
  by: string;
  /** True when `by` is neither `anonymous` nor an id of the registry. */
  new: boolean;
  confidence: number;
}

export type JsonSuggestion = JsonActorSuggestion | JsonClaimSuggestion;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Every suggestion of every file, actors and claims together in text order per file. */
export function suggestionsJson(found: FileSuggestions[]): JsonSuggestion[] {
  return found.flatMap(({ file, lines, suggestions, claims = [] }) => {
    const rows: Array<[number, JsonSuggestion]> = suggestions.map((s) => [
      s.start,
      {
        file,
        kind: 'actor',
        range: lines.rangeAt(s.start, s.end),
        text: s.text,
        type: s.kind,
        ref: s.id,
        new: s.isNew,
        confidence: round3(s.confidence),
      },
    ]);
    for (const c of claims)
      rows.push([
        c.start,
        {
          file,
          kind: 'claim',
          range: lines.rangeAt(c.start, c.end),
          text: c.text,
          by: c.by,
          new: c.byIsNew,
          confidence: round3(c.confidence),
        },
      ]);
    return rows.sort((a, b) => a[0] - b[0]).map(([, j]) => j);
  });
}

/** A claim's text on one line, cut to 60 characters. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `“${flat.length > 60 ? flat.slice(0, 59) + '…' : flat}”`;
}

/**
 * Suggestions grouped by file: position, text, the id (new ones marked) and kind, confidence; a claim shows
 * its content cut short and `by=` its source.
 */
export function formatSuggestions(found: FileSuggestions[], options: { color: boolean }): string {
  const paint = (code: keyof typeof ANSI, s: string): string => (options.color ? ANSI[code] + s + ANSI.reset : s);
  const lines: string[] = [];
  const count = { actor: 0, fresh: 0, claim: 0 };
  for (const entry of found) {
    lines.push(paint('underline', entry.file));
    const rows = suggestionsJson([entry]).map(
      (j) => [`${j.range.start.line + 1}:${j.range.start.character + 1}`, j] as const,
    );
    const w0 = Math.max(...rows.map(([pos]) => pos.length));
    for (const [pos, j] of rows) {
      const at = paint('dim', pos.padEnd(w0));
      const conf = paint('dim', j.confidence.toFixed(2));
      if (j.kind === 'claim') {
        const by = j.new ? `by=${j.by} ${paint('yellow', '(new)')}` : `by=${j.by}`;
        lines.push(`  ${at}  ${excerpt(j.text)}  → ${by}  claim  ${conf}`);
        count.claim++;
        continue;
      }
      const id = j.new ? `${j.ref} ${paint('yellow', '(new)')}` : j.ref;
      lines.push(`  ${at}  ${j.text}  → ${id}  ${j.type}  ${conf}`);
      count.actor++;
      if (j.new) count.fresh++;
    }
    lines.push('');
  }
  const actors = `${plural(count.actor, 'suggested actor')} (${count.fresh} new to the registry)`;
  const total = count.actor + count.claim;
  const summary = count.claim > 0 ? `${actors}, ${plural(count.claim, 'suggested claim')}` : actors;
  lines.push(paint('bold', total === 0 ? 'no suggestions' : summary));
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

function sarifRegion(range: Range): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A relative URI reference: each segment percent-encoded (a space, '#', '%' or 'é' in a name must not end or break the URI). */
function artifactUri(file: string): string {
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

const DIAGNOSTIC_CODE_LIST = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/**
 * One SARIF result. Its related locations are cut to `maxRelated`; the number left out is then in
 * `properties.relatedOmitted`.
 */
export function sarifResult(file: string, d: Diagnostic, uriToFile: UriToFile, maxRelated: number): unknown {
  const result: Record<string, unknown> = {
    ruleId: d.code,
    ruleIndex: DIAGNOSTIC_CODE_LIST.indexOf(d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(file), uriBaseId: '%SRCROOT%' },
          region: sarifRegion(d.range),
        },
      },
    ],
  };
  const related = d.related ?? [];
  if (related.length > 0 && maxRelated > 0) {
    result.relatedLocations = related.slice(0, maxRelated).map((x, i) => ({
      id: i + 1,
      message: { text: x.message },
      physicalLocation: {
        artifactLocation: { uri: artifactUri(uriToFile(x.uri)), uriBaseId: '%SRCROOT%' },
        region: sarifRegion(x.range),
      },
    }));
  }
  if (related.length > maxRelated) result.properties = { relatedOmitted: related.length - maxRelated };
  return result;
}

/**
 * SARIF 2.1.0, as accepted by GitHub code scanning, in two pieces to print around the results, which are printed
 * one at a time: `head` ends where the `results` array begins, `tail` follows it. `JSON.stringify(doc, null, 2)`
 * of the whole document is `head + '[' + results, each indented by 8 spaces + ']' + tail`.
 */
export function sarifFrame(version: string, baseDir: string = process.cwd()): { head: string; tail: string } {
  const marker = '\u0000results';
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'corroborate',
            version,
            rules: DIAGNOSTIC_CODE_LIST.map((code) => ({
              id: code,
              name: code.replace(/(^|-)(\w)/g, (_m, _d: string, ch: string) => ch.toUpperCase()),
              shortDescription: { text: DIAGNOSTIC_CODES[code].summary },
              help: { text: `${DIAGNOSTIC_CODES[code].summary} See docs/format.md, section "${code}".` },
              defaultConfiguration: { level: SARIF_LEVEL[DIAGNOSTIC_CODES[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(baseDir + path.sep).href } },
        results: marker,
      },
    ],
  };
  const text = JSON.stringify(doc, null, 2) + '\n';
  const at = text.indexOf(JSON.stringify(marker));
  return { head: text.slice(0, at), tail: text.slice(at + JSON.stringify(marker).length) };
}
