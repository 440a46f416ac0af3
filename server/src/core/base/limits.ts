import { problem, type Problem } from './types';

/**
 * The explicit limits of the analysis. Each protects the editor from one kind
 * of input that would otherwise cost too much time or memory; each is a user
 * setting (`corroborate.limits.*`) and a CLI option, and each says so in the
 * diagnostic it gives when it is hit. Pure: no I/O.
 */
export interface Limits {
  /** Largest source or registry analysed, in bytes of UTF-8. A larger file gets one `file-too-large` error and is not analysed. */
  maxFileSize: number;
  /** Deepest span nesting analysed; deeper `[` are read as text and reported once. */
  maxNesting: number;
  /** Most alias expansions in one YAML block (front matter or registry); more is refused as an alias bomb. */
  maxYamlAliases: number;
  /** Longest attribute list, in UTF-16 code units; a longer one is read as never closed. */
  maxAttributeLength: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileSize: 10 * 1024 * 1024,
  maxNesting: 64,
  maxYamlAliases: 100,
  maxAttributeLength: 4096,
});

/** Accepted range of each limit (a value outside it is clamped), the setting that sets it and the CLI flag. */
export const LIMIT_INFO: Readonly<Record<keyof Limits, { min: number; max: number; setting: string; flag: string }>> =
  Object.freeze({
    maxFileSize: {
      min: 1024,
      max: 1024 * 1024 * 1024,
      setting: 'corroborate.limits.maxFileSize',
      flag: '--max-file-size',
    },
    maxNesting: { min: 1, max: 10_000, setting: 'corroborate.limits.maxNesting', flag: '--max-nesting' },
    maxYamlAliases: { min: 0, max: 100_000, setting: 'corroborate.limits.maxYamlAliases', flag: '--max-yaml-aliases' },
    maxAttributeLength: {
      min: 16,
      max: 1_000_000,
      setting: 'corroborate.limits.maxAttributeLength',
      flag: '--max-attribute-length',
    },
  });

/**
 * YAML nested deeper than this is refused before the YAML parser sees it: the
 * parser recurses, and a stack overflow inside it can leave V8 unable to
 * compile the next regular expression (a fatal out-of-memory that ends the
 * process). Fixed, not a setting.
 */
export const YAML_MAX_DEPTH = 100;

/**
 * Complete limits from anything: missing, non-numeric or non-finite values
 * take the default; numbers are truncated to integers and clamped to the
 * accepted range.
 */
export function sanitizeLimits(raw: unknown): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(LIMIT_INFO) as Array<keyof Limits>) {
    const v = r[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const { min, max } = LIMIT_INFO[key];
    out[key] = Math.min(max, Math.max(min, Math.trunc(v)));
  }
  return out;
}

/** `base` with the values `changes` defines (an undefined value changes nothing). */
export function mergeLimits(base: Limits, changes: Partial<Limits> | undefined): Limits {
  const out = { ...base };
  for (const key of Object.keys(LIMIT_INFO) as Array<keyof Limits>) {
    const v = changes?.[key];
    if (typeof v === 'number') out[key] = v;
  }
  return out;
}

/** Whether two sets of limits are the same. */
export function sameLimits(a: Limits, b: Limits): boolean {
  return (Object.keys(LIMIT_INFO) as Array<keyof Limits>).every((k) => a[k] === b[k]);
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate counts 3, as U+FFFD). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 4 bytes for 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

/** The `file-too-large` problem for a file of `size` bytes (`atLeast`: or more), at the start of the (empty) analysed text. */
export function fileTooLargeProblem(size: number, maxFileSize: number, atLeast = false): Problem {
  const { setting, flag } = LIMIT_INFO.maxFileSize;
  return problem(
    'file-too-large',
    0,
    0,
    `the file is ${atLeast ? 'at least ' : ''}${bytes(size)}, more than the limit of ${bytes(maxFileSize)}: not analysed (raise ${setting}, or ${flag} on the command line)`,
  );
}

/**
 * The `file-too-large` problem if `text` is larger than `maxFileSize` bytes in
 * UTF-8, else undefined. O(1) when the text is shorter than a third of the
 * limit or longer than the limit (every UTF-16 unit is at least one byte: the
 * message then says "at least"), otherwise one pass over it.
 */
export function checkTextSize(text: string, maxFileSize: number): Problem | undefined {
  if (text.length * 3 <= maxFileSize) return undefined;
  if (text.length > maxFileSize) return fileTooLargeProblem(text.length, maxFileSize, true);
  const size = utf8Length(text);
  return size > maxFileSize ? fileTooLargeProblem(size, maxFileSize) : undefined;
}

/** The `file-too-large` problem if a file of `byteLength` bytes is too large, else undefined. */
export function checkByteSize(byteLength: number, maxFileSize: number): Problem | undefined {
  return byteLength > maxFileSize ? fileTooLargeProblem(byteLength, maxFileSize) : undefined;
}

/** The options of `buildSourceModel` and `parseRegistry` that carry these limits. */
export function modelOptions(limits: Limits): {
  maxNesting: number;
  maxAttributeLength: number;
  maxFileSize: number;
  maxYamlAliases: number;
} {
  return {
    maxNesting: limits.maxNesting,
    maxAttributeLength: limits.maxAttributeLength,
    maxFileSize: limits.maxFileSize,
    maxYamlAliases: limits.maxYamlAliases,
  };
}
