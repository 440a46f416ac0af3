import type { Position, Range } from './types';

/**
 * Maps UTF-16 offsets to LSP positions and back. Line terminators are
 * `\n`, `\r\n` and a lone `\r`, as in LSP. Offsets are JavaScript string
 * indices, which are UTF-16 code units, so no transcoding is involved.
 */
export class LineIndex {
  readonly length: number;
  private text: string | undefined;
  private starts: Uint32Array | undefined;
  private ends: Uint32Array | undefined;

  /** Where the text comes from when it is not held (see {@link deferred}). */
  private source: { readonly text: string } | undefined;

  /** Cheap: the line table is computed on first use (indexing a file needs no positions). */
  constructor(text: string) {
    this.length = text.length;
    this.text = text;
  }

  /**
   * A line table for a text of `length` UTF-16 code units that is not at hand (a model that keeps its text in a
   * compact form): it is built from `source.text` on first use.
   */
  static deferred(length: number, source: { readonly text: string }): LineIndex {
    const lines = new LineIndex('');
    (lines as { length: number }).length = length;
    lines.text = undefined;
    lines.source = source;
    return lines;
  }

  /** Offset at which each line starts; lineStarts[0] === 0. */
  get lineStarts(): Uint32Array {
    if (!this.starts) this.build();
    return this.starts!;
  }

  /** Offset at which each line's content ends (its line break, or the text length). */
  get lineEnds(): Uint32Array {
    if (!this.ends) this.build();
    return this.ends!;
  }

  private build(): void {
    const text = this.text ?? this.source!.text;
    const starts: number[] = [0];
    const ends: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        ends.push(i);
        starts.push(i + 1);
      } else if (c === 13 /* \r */) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(text.length);
    this.starts = Uint32Array.from(starts);
    this.ends = Uint32Array.from(ends);
    this.text = undefined; // the table no longer needs the text
    this.source = undefined;
  }

  /**
   * Builds the table, if it is not built yet, from `utf8`, the exact UTF-8 encoding of the text (no BOM), without
   * decoding it: for a text about to be kept compressed, so that positions never need it again. Offsets are counted
   * in UTF-16 code units as the text's are (a 4-byte sequence is two).
   */
  buildFromUtf8(utf8: Uint8Array): void {
    if (this.starts) return;
    const starts: number[] = [0];
    const ends: number[] = [];
    let unit = 0;
    for (let i = 0; i < utf8.length; i++) {
      const b = utf8[i]!;
      if (b === 10 /* \n */) {
        ends.push(unit);
        starts.push(++unit);
      } else if (b === 13 /* \r */) {
        ends.push(unit);
        if (utf8[i + 1] === 10) {
          i++;
          unit++;
        }
        starts.push(++unit);
      } else if ((b & 0xc0) !== 0x80) unit += b >= 0xf0 ? 2 : 1; // a sequence's first byte
    }
    if (unit !== this.length) throw new Error(`buildFromUtf8: ${unit} code units, not the text's ${this.length}`);
    ends.push(unit);
    this.starts = Uint32Array.from(starts);
    this.ends = Uint32Array.from(ends);
    this.text = undefined;
    this.source = undefined;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    return this.positionFrom(offset, 0);
  }

  /** {@link positionAt}, knowing that the offset is not on a line before `line`. */
  private positionFrom(offset: number, line: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const starts = this.lineStarts;
    let lo = line;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between '\r' and '\n' is not a position: it maps to the end of the line, as in LSP.
    return { line: lo, character: Math.min(o, this.lineEnds[lo]!) - starts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[position.line]!;
    // A character past the end of the line means the end of the line, before its line break (LSP).
    return Math.max(start, Math.min(start + position.character, this.lineEnds[position.line]!));
  }

  /** `{ start: positionAt(start), end: positionAt(end) }`, with one search when the range is on one line (most are). */
  rangeAt(start: number, end: number): Range {
    const from = this.positionAt(start);
    if (end < start) return { start: from, end: this.positionAt(end) };
    const starts = this.lineStarts;
    const next = from.line + 1;
    if (next < starts.length && starts[next]! <= end) return { start: from, end: this.positionFrom(end, next) };
    const o = Math.max(0, Math.min(end, this.length));
    return {
      start: from,
      end: { line: from.line, character: Math.min(o, this.lineEnds[from.line]!) - starts[from.line]! },
    };
  }
}

/** Result of turning raw file bytes into text. */
export interface DecodedText {
  text: string;
  /** Set when the bytes were not clean UTF-8 text; describes why. */
  problem?: { kind: 'binary' | 'invalid-utf8'; message: string; offset: number };
}

/**
 * The bytes {@link decodeText} reads as UTF-8: without a UTF-8 BOM. Undefined
 * when a UTF-16 BOM says the bytes are UTF-16. When decodeText reports no
 * problem, its text is exactly the UTF-8 decoding of these bytes.
 */
export function utf8Body(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return undefined;
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/**
 * Decodes file bytes the way an editor would show them: UTF-8 with its BOM
 * removed (VS Code never includes the BOM in a document), UTF-16 when a
 * UTF-16 BOM says so. Invalid UTF-8 becomes U+FFFD and is reported; a file
 * with NUL bytes in its first 8 KiB is reported as binary.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const body = utf8Body(bytes);
  if (!body)
    return {
      text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2)),
    };
  const probe = Math.min(body.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (body[i] === 0) {
      return {
        text: '',
        problem: { kind: 'binary', message: `binary file (NUL byte at byte ${i}): not analysed`, offset: 0 },
      };
    }
  }
  // The BOM, if any, was removed above: a second one is text (the decoders would drop it silently).
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    return {
      text,
      problem: {
        kind: 'invalid-utf8',
        message: 'invalid UTF-8: undecodable bytes are shown as U+FFFD',
        offset: invalidUtf8Offset(body),
      },
    };
  }
}

/**
 * Offset, in the decoded text, of the first undecodable byte sequence (the
 * text may hold genuine U+FFFD characters before it). The longest prefix a
 * fatal streaming decoder accepts ends inside or just before that sequence.
 */
function invalidUtf8Offset(body: Uint8Array): number {
  const accepts = (n: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (accepts(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Complete characters of that prefix only (a trailing partial sequence is the bad one).
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, lo), { stream: true }).length;
}

/** Copies a string so that it does not keep a large parent string alive (V8 sliced strings). */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** See {@link intern}. */
const interned = new Map<string, string>();
const INTERNED_KEPT = 100_000;

/**
 * Like {@link detach}, for strings that repeat across files (ids, keys,
 * values, names): equal strings come back as one copy, so an actor id
 * written in thousands of files is kept once. Short strings too: V8 copies a
 * short slice, so each mention's `rutte` would be a string of its own (at
 * 10,000 articles, 52,000 copies of a few hundred actor ids). The table is
 * bounded; when full it starts again (only the sharing is lost).
 */
export function intern(s: string): string {
  let kept = interned.get(s);
  if (kept === undefined) {
    if (interned.size >= INTERNED_KEPT) interned.clear();
    kept = detach(s);
    interned.set(kept, kept);
  }
  return kept;
}

const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]/;
const INVISIBLE_NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero width no-break space',
};

/**
 * " (it contains an invisible U+200D ZERO WIDTH JOINER)" when `s` holds an
 * invisible or bidirectional control character (which makes two different
 * strings look the same on screen), else ''. For messages about names and ids.
 */
export function invisibleNote(s: string): string {
  const m = INVISIBLE.exec(s);
  if (!m) return '';
  const c = m[0].charCodeAt(0);
  const name = INVISIBLE_NAMES[c] ?? 'formatting character';
  return ` (it contains an invisible U+${c.toString(16).toUpperCase().padStart(4, '0')} ${name.toUpperCase()})`;
}
