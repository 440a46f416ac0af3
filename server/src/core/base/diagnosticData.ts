/**
 * The machine-readable payload (`data`) of each diagnostic code that has
 * one, as a map from code to shape. Quick fixes read it; the LSP client keeps
 * it with the diagnostic and echoes it back in codeAction requests, so every
 * payload is plain JSON and is validated ({@link readDiagnosticData}) when it
 * is read back rather than trusted.
 */

/** The payload of each code that carries one. A code missing here carries none. */
export interface DiagnosticDataMap {
  /** A reference (`ref=`, `by=`) to an unknown actor, with the closest known id; or a mention whose name is unknown. */
  'unknown-actor': { actor: string; suggestion?: string } | { name: string };
  /** A claim key the registry does not describe, with the closest described key. */
  'unknown-claim-key': { key: string; suggestion?: string };
  /** A class written wrong (`.actr`): the class it was probably meant to be. */
  'malformed-attribute': { replacement: string };
  /** The start offset of the unsourced claim's span. */
  'unsourced-claim': { claim: number };
  /** The length of the repeated passage in words, and where its first occurrence is (offsets). */
  'duplicate-passage': { words: number; firstStart: number; firstEnd: number };
  /** The claim's key and the normalized values it conflicts with. */
  'conflicting-claim': { key: string; values: string[] };
  /** The start offset of the claim whose value is ambiguous, and unambiguous ways to write it (the reading first). */
  'ambiguous-value': { claim: number; values: string[] };
  /** The registry actor the unannotated name designates. */
  'unannotated-mention': { actor: string };
  /**
   * A suggested actor (features/suggest/): the id it designates or proposes, its kind, whether the id is new to
   * the registry, and for a new id the entry to add (`name`: the fullest of the article's names for it; `aliases`:
   * the others).
   */
  'suggested-actor': { id: string; kind: string; isNew: boolean; name?: string; aliases?: string[] };
  /**
   * A suggested claim (features/suggest/attributions.ts): `by`, whether it is new to the registry, and the
   * speaker's words. For a new `by`, the registry entry to add (`name`, `aliases`, `kind`) and, when the speaker's
   * name is plain text, its offsets (`nameStart`, `nameEnd`: annotated as an actor too).
   */
  'suggested-claim': {
    by: string;
    byIsNew: boolean;
    speaker: string;
    name?: string;
    aliases?: string[];
    kind?: string;
    nameStart?: number;
    nameEnd?: number;
  };
}

/** The payload of diagnostics of code `C` (`never` for a code without one). */
export type DiagnosticDataOf<C extends string> = C extends keyof DiagnosticDataMap ? DiagnosticDataMap[C] : never;

type Fields = Record<string, unknown>;
const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const optional = (v: unknown, is: (v: unknown) => boolean): boolean => v === undefined || is(v);

/** Per code: whether a plain value has the payload's shape. */
const VALID: { [C in keyof DiagnosticDataMap]: (d: Fields) => boolean } = {
  'unknown-actor': (d) =>
    (isString(d.actor) && optional(d.suggestion, isString)) || (d.actor === undefined && isString(d.name)),
  'unknown-claim-key': (d) => isString(d.key) && optional(d.suggestion, isString),
  'malformed-attribute': (d) => isString(d.replacement),
  'unsourced-claim': (d) => isInteger(d.claim),
  'duplicate-passage': (d) => isInteger(d.words) && isInteger(d.firstStart) && isInteger(d.firstEnd),
  'conflicting-claim': (d) => isString(d.key) && Array.isArray(d.values) && d.values.every(isString),
  'ambiguous-value': (d) => isInteger(d.claim) && Array.isArray(d.values) && d.values.every(isString),
  'unannotated-mention': (d) => isString(d.actor),
  'suggested-actor': (d) =>
    isString(d.id) &&
    isString(d.kind) &&
    typeof d.isNew === 'boolean' &&
    optional(d.name, isString) &&
    optional(d.aliases, (a) => Array.isArray(a) && a.every(isString)),
  'suggested-claim': (d) =>
    isString(d.by) &&
    typeof d.byIsNew === 'boolean' &&
    isString(d.speaker) &&
    optional(d.name, isString) &&
    optional(d.aliases, (a) => Array.isArray(a) && a.every(isString)) &&
    optional(d.kind, isString) &&
    optional(d.nameStart, isInteger) &&
    optional(d.nameEnd, isInteger),
};

/**
 * The payload of a diagnostic of code `code`, if `data` has the shape that
 * code's payload has; undefined for a code without payload or a malformed one
 * (a client may echo back anything).
 */
export function readDiagnosticData<C extends string>(code: C, data: unknown): DiagnosticDataOf<C> | undefined {
  if (!Object.prototype.hasOwnProperty.call(VALID, code)) return undefined;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const valid = VALID[code as keyof DiagnosticDataMap](data as Fields);
  return valid ? (data as DiagnosticDataOf<C>) : undefined;
}
