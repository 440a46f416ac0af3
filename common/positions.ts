/**
 * Positions in a text file, shaped like LSP's (0-based lines, UTF-16 code
 * unit characters), so that every side can hand them over without
 * conversion and without depending on an LSP package. The core
 * (server/src/core/base/types.ts), the protocol and the view data use these.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset within the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
