import { AssertionError } from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceMap } from 'node:module';
import { lineDiff } from './diff';

/**
 * Inline snapshots, in the style of rust-analyzer's `expect-test`:
 *
 *   expect`
 *     **Mark Rutte** · person · `rutte`
 *   `.assertEq(renderHover(h));
 *
 * The literal is dedented (its first and last lines, when blank, and the
 * common indentation are not part of it) and compared with the actual text
 * (without its final newline). On a mismatch the test fails with a line
 * diff, unless `UPDATE_EXPECT=1` is set: then the literal in the TypeScript
 * source is rewritten to the actual text and the test passes. The source is
 * found from the caller's stack frame, mapped from out/…js back to the .ts
 * file through tsc's source map.
 *
 * The literal is read raw: backslashes are kept as written (Markdown's `\*`
 * reads as itself). Only a backtick and `${` are escaped, as \` and \${.
 */

export interface Location {
  /** The file that holds the literal (the .ts source when a source map leads to it). */
  file: string;
  /** 0-based line and column of the call, in that file. */
  line: number;
  column: number;
}

export class Expect {
  constructor(
    /** The literal's raw text, as written between the backticks. */
    readonly raw: string,
    /** Where the call was made; resolved only when the literal must be rewritten. */
    private readonly site: () => Location | undefined,
  ) {}

  /** Where the literal is written (undefined if the stack does not tell). */
  location(): Location | undefined {
    return this.site();
  }

  /** The expected text: the literal decoded and dedented. */
  get data(): string {
    return dedent(decode(this.raw));
  }

  /** Asserts the actual text equals the literal, or rewrites the literal under UPDATE_EXPECT=1. */
  assertEq(actual: string): void {
    const normalized = actual.endsWith('\n') ? actual.slice(0, -1) : actual;
    const expected = this.data;
    if (normalized === expected) return;
    const location = this.location();
    const where = location ? `${location.file}:${location.line + 1}` : 'an unknown place';
    if (updating()) {
      if (!location) throw new Error(`UPDATE_EXPECT: cannot find the source of the snapshot at ${where}`);
      updateLiteral(location, normalized);
      return;
    }
    throw new AssertionError({
      message: `snapshot at ${where} differs (- expected, + actual); UPDATE_EXPECT=1 rewrites it:\n${lineDiff(expected, normalized)}`,
      actual: normalized,
      expected,
      operator: 'strictEqual',
    });
  }
}

/** The `expect` tag. The literal may not hold `${…}` substitutions. */
export function expect(strings: TemplateStringsArray, ...substitutions: never[]): Expect {
  if (substitutions.length > 0 || strings.raw.length !== 1) throw new Error('an expect`…` literal takes no ${…}');
  const frames = callSites();
  return new Expect(strings.raw[0]!, () => resolve(frames));
}

export function updating(): boolean {
  return process.env.UPDATE_EXPECT === '1';
}

/** The literal's raw text → its content: \` → `, \${ → ${ (with the backslashes before them halved). */
export function decode(raw: string): string {
  return raw.replace(/(\\+)(`|\$\{)/g, (_, bs: string, t: string) => '\\'.repeat((bs.length - 1) / 2) + t);
}

/** Content → raw text that a template literal keeps as written: the inverse of `decode`. */
export function encode(content: string): string {
  return content.replace(/(\\*)(`|\$\{)/g, (_, bs: string, t: string) => bs + bs + '\\' + t);
}

/** Drops a blank first and last line and the common indentation of the non-blank lines. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common))).join('\n');
}

/** The literal (with its backticks) for `content`, its lines indented by `indent` + 2 spaces. */
export function literal(content: string, indent: string): string {
  if (content === '') return '``';
  const body = encode(content)
    .split('\n')
    .map((l) => (l === '' ? '' : `${indent}  ${l}`));
  return `\`\n${body.join('\n')}\n${indent}\``;
}

/** Original texts and the literals rewritten so far, per file: several snapshots of one file, in any order. */
const rewrites = new Map<string, { original: string; literals: Map<number, { end: number; text: string }> }>();

/** Rewrites the `expect` literal at or after `location` in its file so that it reads `content`. */
export function updateLiteral(location: Location, content: string): void {
  let file = rewrites.get(location.file);
  if (!file) {
    file = { original: fs.readFileSync(location.file, 'utf8'), literals: new Map() };
    rewrites.set(location.file, file);
  }
  const { original, literals } = file;
  const { start, end } = findLiteral(original, location);
  const lineStart = original.lastIndexOf('\n', start) + 1;
  const indent = /^[ \t]*/.exec(original.slice(lineStart))![0];
  const text = literal(content, indent);
  if (content.includes('\r') || dedent(decode(text.slice(1, -1))) !== content)
    throw new Error(`UPDATE_EXPECT: this text cannot be written as a snapshot:\n${JSON.stringify(content)}`);
  literals.set(start, { end, text });
  // Rebuild from the original, bottom up, so that the offsets of the other literals stay right.
  let out = original;
  for (const [s, l] of [...literals].sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + l.text + out.slice(l.end);
  fs.writeFileSync(location.file, out);
}

/** The first expect`…` literal that starts at or after the call's position: offsets of its two backticks (end after). */
export function findLiteral(text: string, location: Location): { start: number; end: number } {
  let offset = 0;
  for (let l = 0; l < location.line; l++) offset = text.indexOf('\n', offset) + 1;
  const from = Math.max(offset, offset + location.column - 'expect'.length);
  const tag = /\bexpect`/g;
  tag.lastIndex = from;
  const m = tag.exec(text);
  if (!m) throw new Error(`UPDATE_EXPECT: no expect\`…\` at ${location.file}:${location.line + 1}`);
  const start = m.index + m[0].length - 1;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return { start, end: i + 1 };
  }
  throw new Error(`UPDATE_EXPECT: unterminated expect\`…\` at ${location.file}:${location.line + 1}`);
}

interface Frame {
  file: string;
  line: number;
  column: number;
}

/** The stack above `expect`, as 0-based positions in the generated files. */
function callSites(): Frame[] {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, expect);
  return (holder.stack ?? '').split('\n').flatMap((line) => {
    const m = /^\s*at (?:.*\()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    return m ? [{ file: m[1]!, line: Number(m[2]) - 1, column: Number(m[3]) - 1 }] : [];
  });
}

/** The caller's position in its source: through `file.js.map` when there is one. */
function resolve(frames: Frame[]): Location | undefined {
  const frame = frames[0];
  if (!frame) return undefined;
  const file = frame.file.startsWith('file://') ? new URL(frame.file).pathname : frame.file;
  const mapFile = `${file}.map`;
  if (!fs.existsSync(mapFile)) return { file, line: frame.line, column: frame.column };
  const payload = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sourceRoot?: string };
  const entry = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]).findEntry(
    frame.line,
    frame.column,
  ) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  const source = entry.originalSource.startsWith('file://')
    ? new URL(entry.originalSource).pathname
    : path.resolve(path.dirname(mapFile), payload.sourceRoot ?? '', entry.originalSource);
  return { file: source, line: entry.originalLine, column: entry.originalColumn ?? 0 };
}
