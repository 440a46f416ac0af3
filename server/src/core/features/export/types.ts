/**
 * What every export (`corroborate export --format …`, docs/interop.md) has in
 * common: it reads the index and writes files, each as a sequence of string
 * chunks, so that the CLI streams an export of 100,000 sources instead of
 * holding it in one string. The exporters are pure; the CLI and the server
 * write what they return.
 */

import type { WorkspaceIndex } from '../../workspace/workspace';

/** What to export: the index, and the sources to export (their URIs; every source of the index if omitted). */
export interface ExportInput {
  index: WorkspaceIndex;
  uris?: readonly string[];
  /** How a file is named in an export (a path relative to where the export is run, say); its URI if omitted. */
  fileName?: (uri: string) => string;
}

/**
 * One file an export writes. `path` is relative to the output directory, with `/` separators; a format that writes
 * one file names it `''`, and the CLI writes it to `-o PATH` or stdout.
 */
export interface ExportFile {
  path: string;
  chunks: Iterable<string>;
}

/** An export format. */
export type Exporter = (input: ExportInput) => Iterable<ExportFile>;

/** The sources an export covers, in URI order. */
export function exportedUris(input: ExportInput): string[] {
  return [...(input.uris ?? input.index.sourceUris())].sort();
}
