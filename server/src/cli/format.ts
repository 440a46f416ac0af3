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
}

export type UriToFile = (uri: string) => string;

export function toJson(reports: FileReport[], uriToFile: UriToFile): JsonDiagnostic[] {
  const out: JsonDiagnostic[] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      out.push({
        file: r.file,
        range: d.range,
        severity: d.severity,
        code: d.code,
        message: d.message,
        related: (d.related ?? []).map((x) => ({ file: uriToFile(x.uri), range: x.range, message: x.message })),
      });
    }
  }
  return out;
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function count(reports: FileReport[]): Counts {
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const d of r.diagnostics) c[d.severity]++;
  return c;
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

/** Human-readable output grouped by file, in the style of ESLint's "stylish". */
export function formatStylish(reports: FileReport[], options: { color: boolean; showHints: boolean }): string {
  const paint = (code: keyof typeof ANSI, s: string): string => (options.color ? ANSI[code] + s + ANSI.reset : s);
  const label: Record<Severity, string> = {
    error: paint('red', 'error'),
    warning: paint('yellow', 'warning'),
    information: paint('blue', 'info'),
    hint: paint('dim', 'hint'),
  };
  const lines: string[] = [];
  for (const r of reports) {
    const shown = r.diagnostics.filter((d) => options.showHints || d.severity !== 'hint');
    if (shown.length === 0) continue;
    lines.push(paint('underline', r.file));
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
    lines.push('');
  }
  const c = count(reports);
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
  lines.push(summary);
  return lines.join('\n') + '\n';
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

/** SARIF 2.1.0, as accepted by GitHub code scanning. */
export function formatSarif(
  reports: FileReport[],
  uriToFile: UriToFile,
  version: string,
  baseDir: string = process.cwd(),
): unknown {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  // A relative URI reference: each segment percent-encoded (a space, '#', '%' or 'é' in a name must not end or break the URI).
  const artifactUri = (file: string): string => file.split(path.sep).map(encodeURIComponent).join('/');
  const results = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const result: Record<string, unknown> = {
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.file), uriBaseId: '%SRCROOT%' },
              region: sarifRegion(d.range),
            },
          },
        ],
      };
      if (d.related && d.related.length > 0) {
        result.relatedLocations = d.related.map((x, i) => ({
          id: i + 1,
          message: { text: x.message },
          physicalLocation: {
            artifactLocation: { uri: artifactUri(uriToFile(x.uri)), uriBaseId: '%SRCROOT%' },
            region: sarifRegion(x.range),
          },
        }));
      }
      results.push(result);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'corroborate',
            version,
            rules: codes.map((code) => ({
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
        results,
      },
    ],
  };
}
