import { computeDiagnostics, LineIndex, WorkspaceIndex } from '../../server/src/core';

/** An index of in-memory files (registries first), under the workspace folder `root`. */
export function buildIndex(files: ReadonlyMap<string, string>, root = 'file:///ws'): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [root] });
  for (const [uri, text] of files) if (uri.endsWith('/entities.yaml')) index.setRegistry(uri, text);
  for (const [uri, text] of files) if (!uri.endsWith('/entities.yaml')) index.setSource(uri, text);
  return index;
}

/**
 * Errors of every file, counted by file, code and the text they cover
 * (positions move with edits; covered text does not), or by message (for
 * edits that may insert inside an error's range, which lengthens the covered
 * text of an error that did not change). An edit introduces an error when
 * some count grows.
 */
export function errorsByCoveredText(files: ReadonlyMap<string, string>, root = 'file:///ws', by: 'covered text' | 'message' = 'covered text'): Map<string, number> {
  const index = buildIndex(files, root);
  const out = new Map<string, number>();
  for (const [uri, text] of files) {
    const lines = new LineIndex(text);
    for (const d of computeDiagnostics(index, uri)) {
      if (d.severity !== 'error') continue;
      const key = `${uri} ${d.code} «${by === 'message' ? d.message : text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))}»`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}
