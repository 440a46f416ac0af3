/**
 * What the tests of suggestion hints and of accepting suggestions share:
 * a language service over a fixture, hints shown one per line, and the
 * regions of a text where accepting a suggestion may insert no markup.
 */
import { createLanguageService, type Diagnostic } from '../../server/src/core';
import { parseText } from '../../server/src/core/syntax/parser';
import { indexOf, parseFixture } from './fixture';
import { showRange } from './render';

/** A language service over a fixture, its first source and its files. */
export function openService(text: string): {
  service: ReturnType<typeof createLanguageService>;
  uri: string;
  files: Map<string, string>;
} {
  const fixture = parseFixture(text);
  const uri = [...fixture.files.keys()].find((u) => u.endsWith('.seed.md'))!;
  return { service: createLanguageService(indexOf(fixture)), uri, files: fixture.files };
}

/** Hints one per line: range, severity, code, message and data. */
export function showHints(hints: Diagnostic[]): string {
  return hints
    .map((d) => `${showRange(d.range)} ${d.severity} ${d.code} ${d.message} ${JSON.stringify(d.data)}`)
    .join('\n');
}

/** The regions where no markup may be inserted, in the text before the edits: [from, to) exclusive of the ends. */
export function noMarkupRegions(text: string): Array<[number, number, string]> {
  const parsed = parseText(text);
  const out: Array<[number, number, string]> = [[0, parsed.bodyStart, 'front matter']];
  for (const sp of parsed.spans) {
    out.push([sp.contentEnd, sp.end, 'attribute list']);
    if (sp.classes.some((c) => c.value === 'actor')) out.push([sp.contentStart, sp.contentEnd, 'actor span']);
  }
  for (const c of parsed.code) out.push([c.start, c.end, 'code']);
  return out;
}
