import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { LineIndex } from '../../server/src/core/base/text';
import { buildIndex } from './workspace';

/**
 * Errors of every file, counted by file, code and the text they cover
 * (positions move with edits; covered text does not), or by file and code
 * only (on broken documents, where an edit may insert inside the range of an
 * error it leaves as it is, or rename the id an unknown-actor error quotes).
 * An edit introduces an error when some count grows.
 */
export function errorsByCoveredText(
  files: ReadonlyMap<string, string>,
  root = 'file:///ws',
  by: 'covered text' | 'code' = 'covered text',
): Map<string, number> {
  const index = buildIndex(files, root);
  const out = new Map<string, number>();
  for (const [uri, text] of files) {
    const lines = new LineIndex(text);
    for (const d of computeDiagnostics(index, uri)) {
      if (d.severity !== 'error') continue;
      const key =
        by === 'code'
          ? `${uri} ${d.code}`
          : `${uri} ${d.code} «${text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))}»`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}
