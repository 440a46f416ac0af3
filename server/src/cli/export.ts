/**
 * `corroborate export [paths…] --format csv|w3c|brat|schema [-o PATH]`
 * (docs/interop.md): runs one exporter of the core (features/export/) on the
 * sources found and writes its files as their chunks come, to stdout or
 * `-o FILE` for a one-file format, into `-o DIR` for a format of several
 * files (created if missing).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORT_FORMATS, exportFormatNamed, type ExportFormat, type ExportFile } from '../core';
import { Output } from './output';

/** Usage problems of `export`, reported like the other commands' (exit 2). */
export class ExportUsageError extends Error {}

/** The export format named on the command line, or a usage error. */
export function exportFormat(name: string | undefined): ExportFormat {
  if (name === undefined)
    throw new ExportUsageError(`export needs --format (${Object.keys(EXPORT_FORMATS).join(', ')})`);
  const format = exportFormatNamed(name);
  if (!format)
    throw new ExportUsageError(`unknown export format '${name}' (expected ${Object.keys(EXPORT_FORMATS).join(', ')})`);
  return format;
}

/** Writes `chunks` to a stream, waiting while it is full; resolves once it is closed. */
async function writeChunks(stream: fs.WriteStream, chunks: Iterable<string>): Promise<void> {
  const out = new Output(stream);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  for (const chunk of chunks) await Promise.race([out.write(chunk), failed]);
  await Promise.race([out.flush(), failed]);
  await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
}

/** Refuses an output that does not fit the format (before any work): a folder for one file, a file for a folder. */
export function checkExportOutput(format: ExportFormat, output: string | undefined, shown = output): void {
  if (format.multiFile && output === undefined)
    throw new ExportUsageError(`--format ${format.name} writes several files: give a folder with -o DIR`);
  if (output === undefined || !fs.existsSync(output)) return;
  const isDir = fs.statSync(output).isDirectory();
  if (format.multiFile && !isDir)
    throw new ExportUsageError(`-o ${shown} is a file; --format ${format.name} writes a folder`);
  if (!format.multiFile && isDir)
    throw new ExportUsageError(`-o ${shown} is a folder; --format ${format.name} writes one file`);
}

/**
 * Writes the files of an export. A one-file format (`multiFile` false) goes to
 * `output` or, without it, to `stdout`; a format of several files needs
 * `output`, a directory. Returns the paths written (none for stdout).
 */
export async function writeExport(
  format: ExportFormat,
  files: Iterable<ExportFile>,
  output: string | undefined,
  stdout: NodeJS.WritableStream,
  /** How `output` is named in messages (as the user wrote it). */
  shown = output,
): Promise<string[]> {
  checkExportOutput(format, output, shown);
  if (output !== undefined && format.multiFile) fs.mkdirSync(output, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    if (output === undefined) {
      const out = new Output(stdout);
      for (const chunk of file.chunks) await out.write(chunk);
      await out.flush();
      continue;
    }
    const target = format.multiFile ? path.join(output, ...file.path.split('/')) : output;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await writeChunks(fs.createWriteStream(target), file.chunks);
    written.push(target);
  }
  return written;
}
