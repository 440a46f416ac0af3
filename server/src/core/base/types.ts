/**
 * Plain data types shared by the whole core. They are deliberately shaped like
 * their LSP counterparts (0-based lines, UTF-16 code unit characters) so the
 * server can hand them over without conversion, but the core does not depend
 * on any LSP package. Positions and ranges are common/positions.ts's, the
 * ones the protocol and the client use too.
 */
import type { Range } from '../../../../common/positions';

export type { Position, Range } from '../../../../common/positions';

/**
 * A request the core declines to carry out (a rename to an invalid id, an
 * annotation that would cross a span): one sentence saying why, written for
 * the user, which the server returns as the request's error.
 */
export interface Refusal {
  error: string;
}

import type { DiagnosticDataOf } from './diagnosticData';

export type { DiagnosticDataMap, DiagnosticDataOf } from './diagnosticData';
export { readDiagnosticData } from './diagnosticData';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every diagnostic code the core can produce. Documented in docs/format.md. */
export const DIAGNOSTIC_CODES = {
  'malformed-span': {
    severity: 'error',
    summary: 'A bracketed span that is not well-formed (unclosed bracket, attribute list never closed).',
  },
  'malformed-attribute': {
    severity: 'error',
    summary: 'An attribute that is not well-formed or does not belong on this kind of span.',
  },
  'front-matter': {
    severity: 'error',
    summary: 'The YAML front matter does not parse or has a field of the wrong form.',
  },
  registry: { severity: 'error', summary: 'entities.yaml does not parse or does not follow the registry schema.' },
  encoding: {
    severity: 'error',
    summary: 'The file is not valid UTF-8 text, is binary, or holds NUL characters or lone UTF-16 surrogates.',
  },
  'file-too-large': {
    severity: 'error',
    summary: 'The file is larger than corroborate.limits.maxFileSize and is not analysed.',
  },
  'unknown-actor': { severity: 'error', summary: 'An actor reference (ref= or by=) that is not in the registry.' },
  'duplicate-id': { severity: 'error', summary: 'A span id repeated in one file, or a source id used by two files.' },
  'broken-link': { severity: 'warning', summary: 'A supports= or disputes= link to a claim that does not exist.' },
  'unsourced-claim': { severity: 'warning', summary: 'A claim with no by= attribute: nobody is said to assert it.' },
  'conflicting-claim': {
    severity: 'warning',
    summary: 'A claim whose value differs from the same key in another source, at a comparable time.',
  },
  'ambiguous-value': {
    severity: 'information',
    summary: 'A claim value that can be read two ways (a decimal separator, a day and month that can be swapped).',
  },
  'duplicate-passage': { severity: 'warning', summary: 'A passage of 20 or more words repeated within one file.' },
  'anonymous-source': { severity: 'information', summary: 'A claim attributed to a source the article does not name.' },
  'corroborated-claim': { severity: 'hint', summary: 'A claim that other sources state with the same value.' },
  'unannotated-mention': { severity: 'hint', summary: 'A registry actor name or alias in plain, unannotated text.' },
  'unknown-claim-key': { severity: 'hint', summary: 'A claim key that the registry does not describe.' },
  'suggested-actor': {
    severity: 'hint',
    summary: 'A name in plain text that the suggester proposes to annotate as an actor (computed when idle).',
  },
  'suggested-claim': {
    severity: 'hint',
    summary: 'Reported speech or thought with a source that the suggester proposes as a claim (computed when idle).',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

interface DiagnosticFields {
  range: Range;
  severity: Severity;
  message: string;
  related?: RelatedInformation[];
}

/**
 * A diagnostic of one code. `Diagnostic` alone is the union over every code,
 * discriminated by `code`: narrowing the code types the payload.
 */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = C extends DiagnosticCode
  ? DiagnosticFields & {
      code: C;
      /** Machine-readable details for quick fixes (e.g. the suggested id): plain JSON, see diagnosticData.ts. */
      data?: DiagnosticDataOf<C>;
    }
  : never;

interface ProblemFields {
  start: number;
  end: number;
  message: string;
  /** Overrides the code's default severity (rarely needed). */
  severity?: Severity;
  related?: RelatedInformation[];
}

/**
 * A problem found while analysing one file, located by UTF-16 offsets into
 * that file's text. Converted to a {@link Diagnostic} when reported. Like
 * `Diagnostic`, a union over the codes.
 */
export type Problem<C extends DiagnosticCode = DiagnosticCode> = C extends DiagnosticCode
  ? ProblemFields & { code: C; data?: DiagnosticDataOf<C> }
  : never;

/** What a problem may carry besides its code, range and message. */
export type ProblemExtra<C extends DiagnosticCode> = Pick<ProblemFields, 'severity' | 'related'> & {
  data?: DiagnosticDataOf<C>;
};

export function problem<C extends DiagnosticCode>(
  code: C,
  start: number,
  end: number,
  message: string,
  extra?: ProblemExtra<C>,
): Problem<C> {
  return { code, start, end, message, ...extra } as Problem<C>;
}
