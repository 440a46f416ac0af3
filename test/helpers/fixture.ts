import * as assert from 'node:assert/strict';
import { WorkspaceIndex, type Diagnostic, type DiagnosticCode } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';

/**
 * Data-driven fixtures, in the style of rust-analyzer's:
 *
 *   //- /entities.yaml
 *   actors: {rutte: {name: Mark Rutte, kind: person}}
 *   //- /a.seed.md
 *   [Mark Rutte]{.actor ref=rutt}
 *                           ^^^^ unknown-actor: did you mean 'rutte'
 *
 * `//- /path` starts a file (paths are relative to the workspace root
 * file:///ws). A line made of spaces, carets and `code[: message part]`
 * is an expectation about the line above it and is removed from the text;
 * the carets mark the characters of the diagnostic's range. `$0` marks a
 * cursor. `\r\n` line endings and a BOM can be asked for per file with
 * `//- /path crlf bom`.
 *
 * A line of bare carets (one group or several, no code) marks targets, the
 * ranges a definition, references or rename is expected to find, under the
 * line above as it is written (a `$0` on that line is not counted):
 *
 *   //- /entities.yaml
 *   actors: {rutte: {name: Mark Rutte}}
 *            ^^^^^
 */

export const ROOT = 'file:///ws';

export interface Expectation {
  uri: string;
  line: number;
  start: number;
  end: number;
  code: string;
  message?: string;
}

/** A range marked by a line of bare carets, on one line. */
export interface Target {
  uri: string;
  line: number;
  start: number;
  end: number;
}

export interface Fixture {
  files: Map<string, string>;
  expected: Expectation[];
  /** The caret-marked targets, in the order written. */
  targets: Target[];
  cursor?: { uri: string; offset: number };
}

const ANNOTATION = /^(\s*)(\^+)\s+([a-z][a-z-]*)(?::\s*(.*))?$/;
const TARGETS = /^[ \t]*\^+(?:[ \t]+\^+)*[ \t]*$/;

export function parseFixture(fixture: string): Fixture {
  const files = new Map<string, string>();
  const expected: Expectation[] = [];
  const targets: Target[] = [];
  let cursor: Fixture['cursor'];
  const chunks = fixture.split(/^\/\/- /m).filter((c) => c.trim() !== '');
  for (const chunk of chunks) {
    const newline = chunk.indexOf('\n');
    const header = chunk.slice(0, newline).trim().split(/\s+/);
    const uri = ROOT + header[0];
    const crlf = header.includes('crlf');
    const bom = header.includes('bom');
    const kept: string[] = [];
    for (const line of chunk.slice(newline + 1).split('\n')) {
      const m = ANNOTATION.exec(line);
      if (m && kept.length > 0) {
        const e: Expectation = {
          uri,
          line: kept.length - 1,
          start: m[1]!.length,
          end: m[1]!.length + m[2]!.length,
          code: m[3]!,
        };
        if (m[4]) e.message = m[4];
        expected.push(e);
      } else if (TARGETS.test(line) && kept.length > 0) {
        const above = kept[kept.length - 1]!;
        const cursorAt = above.indexOf('$0');
        // Carets go under the line as written: a `$0` before or inside the range is not counted.
        const col = (c: number): number => (cursorAt >= 0 && cursorAt < c ? c - 2 : c);
        for (const g of line.matchAll(/\^+/g))
          targets.push({ uri, line: kept.length - 1, start: col(g.index), end: col(g.index + g[0].length) });
      } else kept.push(line);
    }
    let text = kept.join('\n');
    if (crlf) text = text.replace(/\n/g, '\r\n');
    if (bom) text = '\uFEFF' + text;
    // The cursor offset is taken in the final text (after CRLF and BOM).
    const at = text.indexOf('$0');
    if (at >= 0) {
      text = text.slice(0, at) + text.slice(at + 2);
      cursor = { uri, offset: at };
    }
    files.set(uri, text);
    // Expectations were written against LF text: with CRLF only lines shift, not characters; a BOM shifts line 0.
    if (bom) {
      for (const e of [...expected, ...targets]) {
        if (e.uri !== uri || e.line !== 0) continue;
        e.start++;
        e.end++;
      }
    }
  }
  const result: Fixture = { files, expected, targets };
  if (cursor) result.cursor = cursor;
  return result;
}

export function indexOf(fixture: Fixture): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [ROOT] });
  for (const [uri, text] of fixture.files) if (uri.endsWith('/entities.yaml')) index.setRegistry(uri, text);
  for (const [uri, text] of fixture.files) if (!uri.endsWith('/entities.yaml')) index.setSource(uri, text);
  return index;
}

function show(uri: string, d: { line: number; start: number; end: number; code: string }): string {
  return `${uri.slice(ROOT.length)}:${d.line}:${d.start}-${d.end} ${d.code}`;
}

export interface CheckOptions {
  /** Diagnostic codes not asserted on (left out of both sides). */
  ignore?: DiagnosticCode[];
}

/**
 * Analyses the fixture and asserts that its diagnostics are exactly the
 * annotated ones (code and range; message when the annotation gives a part).
 * Multi-line diagnostics are matched by their start.
 */
export function check(fixtureText: string, options: CheckOptions = {}): Map<string, Diagnostic[]> {
  const fixture = parseFixture(fixtureText);
  const index = indexOf(fixture);
  const ignore = new Set<string>(options.ignore ?? []);
  const actual: string[] = [];
  const all = new Map<string, Diagnostic[]>();
  const messages = new Map<string, string>();
  for (const uri of fixture.files.keys()) {
    const ds = computeDiagnostics(index, uri);
    all.set(uri, ds);
    for (const d of ds) {
      if (ignore.has(d.code)) continue;
      const end = d.range.end.line === d.range.start.line ? d.range.end.character : d.range.start.character + 1;
      const key = show(uri, { line: d.range.start.line, start: d.range.start.character, end, code: d.code });
      actual.push(key);
      messages.set(key, d.message);
    }
  }
  const expected = fixture.expected.filter((e) => !ignore.has(e.code)).map((e) => show(e.uri, e));
  assert.deepEqual(
    actual.sort(),
    expected.sort(),
    `diagnostics differ\n  actual messages:\n${[...messages].map(([k, m]) => `    ${k}: ${m}`).join('\n')}`,
  );
  for (const e of fixture.expected) {
    if (!e.message) continue;
    const m = messages.get(show(e.uri, e)) ?? '';
    assert.ok(m.includes(e.message), `message of ${show(e.uri, e)} is "${m}", expected it to include "${e.message}"`);
  }
  return all;
}

/** The fixture's index and its `$0` cursor as an LSP position. */
export function openFixture(text: string): {
  index: WorkspaceIndex;
  uri: string;
  position: { line: number; character: number };
  fixture: Fixture;
} {
  const fixture = parseFixture(text);
  assert.ok(fixture.cursor, 'the fixture has no $0');
  const { uri, offset } = fixture.cursor;
  return { index: indexOf(fixture), uri, position: new LineIndex(fixture.files.get(uri)!).positionAt(offset), fixture };
}

/** Puts the `$0` cursor where `|` is in `needle`, which must occur exactly once in `text`. */
export function placeCursor(text: string, needle: string): string {
  const plain = needle.replace('|', '');
  assert.equal(text.split(plain).length, 2, `'${plain}' must occur exactly once in the fixture`);
  return text.replace(plain, needle.replace('|', '$0'));
}

/** Offset of the `n`-th (0-based) occurrence of `needle` in `text`; fails if absent. */
export function offsetOf(text: string, needle: string, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `'${needle}' (#${n}) not found in ${JSON.stringify(text)}`);
  }
  return i;
}

/** The one element of `xs` (fails otherwise). */
export function only<T>(xs: T[]): T {
  assert.equal(xs.length, 1, `expected exactly one element, got ${JSON.stringify(xs, null, 1)}`);
  return xs[0]!;
}

/** `/path:line:start-end`, as `showLocation` (render.ts) writes a one-line location. */
export function showTarget(t: Target): string {
  return `${t.uri.slice(ROOT.length)}:${t.line}:${t.start}-${t.end}`;
}

/**
 * The fixture's caret-marked targets as `/path:line:start-end`, in the order
 * the features return locations: by URI, then by position. `keep` filters them.
 */
export function targetsOf(fixture: Fixture, keep: (t: Target) => boolean = () => true): string[] {
  assert.ok(fixture.targets.length > 0, 'the fixture marks no targets');
  return fixture.targets
    .filter(keep)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line || a.start - b.start))
    .map(showTarget);
}
