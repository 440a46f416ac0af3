import * as assert from 'node:assert/strict';
import * as lsp from 'vscode-languageserver-types';
import type { ParsedText, Span } from '../../server/src/core/syntax/parser';
import { applyWorkspaceEdit } from './applyEdits';
import { lineDiff } from './diff';
import { ROOT } from './fixture';

/**
 * Text renderings of what the features return, for inline snapshots
 * (`expect.ts`): each shows everything a test could assert about the result,
 * one fact a line.
 */

const COMPLETION_KIND = Object.fromEntries(Object.entries(lsp.CompletionItemKind).map(([k, v]) => [v, k])) as Record<
  number,
  string
>;

/** A path relative to the fixture root (file:///ws), or the whole URI outside it. */
export function showUri(uri: string): string {
  return uri.startsWith(ROOT) ? uri.slice(ROOT.length) : uri;
}

/** `line:char-line:char`, or `line:start-end` when the range is on one line. */
export function showRange(r: lsp.Range): string {
  const end = r.end.line === r.start.line ? `${r.end.character}` : `${r.end.line}:${r.end.character}`;
  return `${r.start.line}:${r.start.character}-${end}`;
}

/** `/path:line:start-end` (see `showRange`). */
export function showLocation(l: lsp.Location): string {
  return `${showUri(l.uri)}:${showRange(l.range)}`;
}

/** A hover: its range, then its Markdown as written. Hovers are always Markdown here. */
export function renderHover(h: lsp.Hover | null | undefined): string {
  if (!h) return 'no hover';
  const contents = h.contents as lsp.MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return `range ${h.range ? showRange(h.range) : 'none'}\n---\n${contents.value}`;
}

function markup(doc: string | lsp.MarkupContent | undefined): string | undefined {
  if (doc === undefined) return undefined;
  return typeof doc === 'string' ? doc : `(${doc.kind}) ${doc.value}`;
}

/**
 * A completion list, one item a line in the order given:
 * `label (Kind) · detail · label: description → "newText" @range sort=… ⟳ command`,
 * and with `documentation`, each item's documentation indented under it.
 */
export function renderCompletions(items: lsp.CompletionItem[], options: { documentation?: boolean } = {}): string {
  if (items.length === 0) return 'no completions';
  const lines: string[] = [];
  for (const i of items) {
    let line = `${i.label} (${i.kind !== undefined ? COMPLETION_KIND[i.kind] : 'no kind'})`;
    if (i.detail !== undefined) line += ` · ${i.detail}`;
    if (i.labelDetails?.description !== undefined) line += ` · label: ${i.labelDetails.description}`;
    if (i.textEdit) {
      assert.ok('range' in i.textEdit, `${i.label}: an InsertReplaceEdit`);
      line += ` → ${JSON.stringify(i.textEdit.newText)} @${showRange(i.textEdit.range)}`;
    } else if (i.insertText !== undefined) line += ` → ${JSON.stringify(i.insertText)}`;
    if (i.sortText !== undefined) line += ` sort=${i.sortText}`;
    if (i.filterText !== undefined) line += ` filter=${i.filterText}`;
    if (i.command) line += ` ⟳ ${i.command.title} (${i.command.command})`;
    lines.push(line);
    const doc = markup(i.documentation);
    if (options.documentation && doc !== undefined) for (const l of doc.split('\n')) lines.push(`    ${l}`.trimEnd());
  }
  return lines.join('\n');
}

/**
 * A code action: its title and kind, then for each file it changes, the file's
 * lines before and after (`- ` removed, `+ ` added, `  ` kept).
 */
export function renderCodeAction(action: lsp.CodeAction, files: ReadonlyMap<string, string>): string {
  const lines = [`${action.title}${action.kind ? ` (${action.kind})` : ''}${action.isPreferred ? ' preferred' : ''}`];
  if (action.command) lines.push(`⟳ ${action.command.title} (${action.command.command})`);
  if (action.edit) {
    const after = applyWorkspaceEdit(files, action.edit);
    for (const [uri, text] of [...after].sort((a, b) => a[0].localeCompare(b[0]))) {
      const before = files.get(uri);
      if (before === text) continue;
      lines.push(`--- ${showUri(uri)}${before === undefined ? ' (created)' : ''}`);
      lines.push(lineDiff(before ?? '', text));
    }
  }
  return lines.join('\n');
}

/**
 * The parse of a text: front matter, then the span tree (children under their
 * parent, from the parent links), each span with its offsets, content,
 * classes, id and attributes; then code regions, skipped markup and problems.
 * Offsets are `start..end`; the span's depth must equal its nesting.
 */
export function renderSpans(text: string, parsed: ParsedText): string {
  const lines: string[] = [];
  const fm = parsed.frontMatter;
  if (fm) lines.push(`front matter ${fm.start}..${fm.end} yaml ${fm.contentStart}..${fm.contentEnd}`);
  if (parsed.bodyStart !== 0) lines.push(`body from ${parsed.bodyStart}`);
  const children = new Map<number, number[]>();
  parsed.spans.forEach((s, i) => children.set(s.parent, [...(children.get(s.parent) ?? []), i]));
  const show = (i: number, depth: number): void => {
    const s: Span = parsed.spans[i]!;
    assert.equal(s.depth, depth, `span ${i}: depth ${s.depth}, nested ${depth} deep`);
    const pad = '  '.repeat(depth);
    lines.push(
      `${pad}span ${s.start}..${s.end} ${JSON.stringify(text.slice(s.contentStart, s.contentEnd))} ${s.contentStart}..${s.contentEnd} {${s.attrStart}`,
    );
    for (const c of s.classes) lines.push(`${pad}  .${c.value} ${c.start}..${c.end}`);
    if (s.id) lines.push(`${pad}  #${s.id.value} ${s.id.start}..${s.id.end}`);
    for (const a of s.attributes)
      lines.push(
        `${pad}  ${a.key}=${JSON.stringify(a.value)} ${a.keyStart}..${a.keyEnd}=${a.valueStart}..${a.valueEnd}${a.quoted ? ' quoted' : ''}`,
      );
    for (const c of children.get(i) ?? []) show(c, depth + 1);
  };
  for (const i of children.get(-1) ?? []) show(i, 0);
  for (const c of parsed.code) lines.push(`code ${c.start}..${c.end} ${JSON.stringify(text.slice(c.start, c.end))}`);
  for (const s of parsed.skipped)
    lines.push(`skipped ${s.start}..${s.end} ${JSON.stringify(text.slice(s.start, s.end))}`);
  for (const p of parsed.problems) lines.push(`problem ${p.code} ${p.start}..${p.end}: ${p.message}`);
  return lines.length > 0 ? lines.join('\n') : 'nothing';
}
