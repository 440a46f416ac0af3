/**
 * `corroborate/exportFormats` and `corroborate/export` (common/protocol.ts):
 * the core's exporters (core/features/export/) for the *Corroborate: Export
 * Annotations…* command. The server joins each file's chunks; the client
 * writes the files.
 */

import { EXPORT_FORMATS, exportFormatNamed, type WorkspaceIndex } from './core';
import type { ExportFormatInfo, ExportParams, ExportResult } from '../../common/protocol';
import { canonicalUri } from './uris';

export function exportFormats(): ExportFormatInfo[] {
  return Object.values(EXPORT_FORMATS).map((f) => ({
    name: f.name,
    description: f.description,
    multiFile: f.multiFile,
    ...(f.extension !== undefined ? { extension: f.extension } : {}),
  }));
}

export function exportRequest(index: WorkspaceIndex, p: ExportParams): ExportResult {
  const format = exportFormatNamed(p.format);
  if (!format) return { error: `unknown export format '${p.format}'` };
  const known = new Set(index.sourceUris());
  const uris = p.uris?.map(canonicalUri).filter((u) => known.has(u));
  const files = [...format.exporter({ index, ...(uris ? { uris } : {}) })].map((f) => ({
    path: f.path,
    text: [...f.chunks].join(''),
  }));
  return { files };
}
