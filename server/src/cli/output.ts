/**
 * Streamed output of `corroborate check`: each file's diagnostics are
 * formatted and written as soon as the file is checked, so that neither the
 * diagnostics of the whole workspace nor one string of the whole output is
 * ever held (at 10,000 articles `--format json` was once one string past
 * what V8 allows, docs/benchmarks.md, issue 13). The writer respects the
 * stream's backpressure: when stdout is a slow pipe, checking waits for it.
 */

import type { Diagnostic } from '../core';
import {
  sarifFrame,
  sarifResult,
  stylishFile,
  toJsonDiagnostic,
  type FileReport,
  type StylishOptions,
  type UriToFile,
} from './format';

/**
 * Writes text to a stream in chunks of about `chunkSize` UTF-16 code units; after a write that the stream could
 * not take at once, waits for 'drain'. Once the stream has failed or closed (a reader that went away: `| head`),
 * further text is dropped and {@link closed} is true.
 */
export class Output {
  private buffer = '';
  private failed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkSize = 64 * 1024,
  ) {
    stream.on('error', () => (this.failed = true));
  }

  /** True once the stream has failed: nothing more will be written. */
  get closed(): boolean {
    return this.failed;
  }

  /** Adds text; writes the buffer once it is a chunk, waiting while the stream is full. */
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  /** Writes what is buffered, waiting while the stream is full. */
  async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    if (text === '' || this.failed) return;
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
}

/** What `check` prints, in three parts: before the first file, each file's diagnostics, after the last file. */
export interface CheckPrinter {
  head: string;
  file(report: FileReport): string;
  tail(): string;
}

export type CheckFormat = 'stylish' | 'json' | 'jsonl' | 'sarif';

export interface PrinterOptions extends StylishOptions {
  format: CheckFormat;
  uriToFile: UriToFile;
  /** Related entries printed per diagnostic (json, jsonl, sarif). */
  maxRelated: number;
  /** sarif: the tool's version and the folder of `%SRCROOT%`. */
  version: string;
  baseDir: string;
}

/**
 * A JSON array printed item by item: the same text as `JSON.stringify(items, null, 2)` nested `depth` levels deep
 * (each item's lines indented by 2 × depth spaces, the closing bracket by 2 × (depth − 1)).
 */
function jsonArray(
  depth: number,
  each: (file: string, d: Diagnostic) => unknown,
): { items: (r: FileReport) => string; close: () => string } {
  const indent = ' '.repeat(2 * depth);
  let first = true;
  return {
    items: (r) => {
      let text = '';
      for (const d of r.diagnostics) {
        text +=
          (first ? '\n' : ',\n') + indent + JSON.stringify(each(r.file, d), null, 2).replace(/\n/g, '\n' + indent);
        first = false;
      }
      return text;
    },
    close: () => (first ? ']' : '\n' + ' '.repeat(2 * (depth - 1)) + ']'),
  };
}

/** The printer of one format. Stylish leaves the summary to the caller (it needs the counts and the index). */
export function checkPrinter(o: PrinterOptions): CheckPrinter {
  const json = (file: string, d: Diagnostic): unknown => toJsonDiagnostic(file, d, o.uriToFile, o.maxRelated);
  switch (o.format) {
    case 'stylish':
      return { head: '', file: (r) => stylishFile(r, o), tail: () => '' };
    case 'jsonl':
      return {
        head: '',
        file: (r) => r.diagnostics.map((d) => JSON.stringify(json(r.file, d)) + '\n').join(''),
        tail: () => '',
      };
    case 'json': {
      const array = jsonArray(1, json);
      return { head: '[', file: array.items, tail: () => array.close() + '\n' };
    }
    case 'sarif': {
      const frame = sarifFrame(o.version, o.baseDir);
      const array = jsonArray(4, (file, d) => sarifResult(file, d, o.uriToFile, o.maxRelated));
      return { head: frame.head + '[', file: array.items, tail: () => array.close() + frame.tail };
    }
  }
}
