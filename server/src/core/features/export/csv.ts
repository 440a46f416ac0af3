/**
 * CSV export (`corroborate export --format csv -o DIR`, docs/interop.md): two
 * tables, `claims.csv` (one row per claim, with its status and the sources
 * that corroborate or contradict it, as the index decides them) and
 * `mentions.csv` (one row per actor mention). RFC 4180: CRLF line ends,
 * text fields quoted (see {@link csvField}), quotes doubled. UTF-8
 * with a byte order mark: Excel reads a CSV file without one in the
 * system's legacy code page (mojibake for "António Costa"), and LibreOffice
 * and Python's `utf-8-sig` take the mark as the encoding.
 */

import type { ExportFile, ExportInput, Exporter } from './types';
import { exportedUris } from './types';
import { exportedSource, type ExportedClaim, type ExportedMention, type ExportedSource } from './annotations';

export const CLAIM_COLUMNS = [
  'source',
  'id',
  'key',
  'value',
  'normalised value',
  'as-of',
  'by',
  'status',
  'corroborating sources',
  'conflicting sources',
  'quotation',
  'file',
  'line',
] as const;

export const MENTION_COLUMNS = [
  'source',
  'actor',
  'name',
  'kind',
  'wikidata',
  'text',
  'start',
  'end',
  'file',
  'line',
] as const;

const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): a number as it is, text in quotes with its quotes
 * doubled, nothing for nothing. Quoting all text, not only text with a comma,
 * a quote or a line break, lets a spreadsheet keep a value such as `5%` or
 * `2024-10` as written instead of reading it as a number or a date
 * (LibreOffice: "Format quoted field as text" in the import dialog).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

/** One CSV record with its CRLF. */
export function csvRecord(fields: ReadonlyArray<string | number | undefined>): string {
  return fields.map(csvField).join(',') + '\r\n';
}

function claimRow(s: ExportedSource, c: ExportedClaim, file: string): Array<string | number | undefined> {
  return [
    s.id,
    c.claim.id,
    c.claim.key,
    c.claim.value,
    c.norm,
    c.claim.asOf,
    c.claim.by,
    c.status,
    c.corroborating.join('; '),
    c.conflicting.join('; '),
    c.claim.text,
    file,
    c.line,
  ];
}

function mentionRow(s: ExportedSource, m: ExportedMention, file: string): Array<string | number | undefined> {
  return [s.id, m.actor, m.def?.name, m.def?.kind, m.def?.wikidata, m.mention.text, m.cpStart, m.cpEnd, file, m.line];
}

/** The rows of one table, source by source (each source is read when its rows are written). */
function* table(
  input: ExportInput,
  header: readonly string[],
  rows: (s: ExportedSource, file: string) => Array<Array<string | number | undefined>>,
): Generator<string> {
  yield BOM + csvRecord(header);
  for (const uri of exportedUris(input)) {
    const s = exportedSource(input.index, uri);
    if (!s) continue;
    const file = input.fileName ? input.fileName(uri) : uri;
    yield rows(s, file).map(csvRecord).join('');
  }
}

export const exportCsv: Exporter = (input: ExportInput): ExportFile[] => [
  { path: 'claims.csv', chunks: table(input, CLAIM_COLUMNS, (s, f) => s.claims.map((c) => claimRow(s, c, f))) },
  {
    path: 'mentions.csv',
    chunks: table(input, MENTION_COLUMNS, (s, f) => s.mentions.map((m) => mentionRow(s, m, f))),
  },
];
