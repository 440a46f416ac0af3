/**
 * The export formats, by the name `corroborate export --format` and the VS
 * Code command give them (docs/interop.md). Adding a format is one entry.
 */

import type { Exporter } from './types';
import { exportBrat } from './brat';
import { exportCsv } from './csv';
import { exportW3c } from './w3c';
import { exportSchemaOrg } from './schemaOrg';
import { exportJsonl } from './jsonl';

export interface ExportFormat {
  name: string;
  /** What it is, for the command's help and the VS Code picker. */
  description: string;
  /** Whether it writes several files (a folder) rather than one. */
  multiFile: boolean;
  /** The extension of its one file (a one-file format). */
  extension?: string;
  exporter: Exporter;
}

export const EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = Object.freeze({
  csv: {
    name: 'csv',
    description: 'claims.csv and mentions.csv (RFC 4180, UTF-8), for spreadsheets',
    multiFile: true,
    exporter: exportCsv,
  },
  brat: {
    name: 'brat',
    description: 'brat standoff (<id>.txt, <id>.ann, annotation.conf), for brat and INCEpTION',
    multiFile: true,
    exporter: exportBrat,
  },
  w3c: {
    name: 'w3c',
    description: 'a W3C Web Annotation collection (JSON-LD), one annotation per span',
    multiFile: false,
    extension: 'jsonld',
    exporter: exportW3c,
  },
  schema: {
    name: 'schema',
    description: 'schema.org JSON-LD: a Claim per claim, a ClaimReview per claim with a verdict=',
    multiFile: false,
    extension: 'jsonld',
    exporter: exportSchemaOrg,
  },
  jsonl: {
    name: 'jsonl',
    description: 'one claim per line (JSON Lines), to recompute corroboration elsewhere',
    multiFile: false,
    extension: 'jsonl',
    exporter: exportJsonl,
  },
});

/** The format of this name, if there is one (never an inherited property such as 'constructor'). */
export function exportFormatNamed(name: string): ExportFormat | undefined {
  return Object.hasOwn(EXPORT_FORMATS, name) ? EXPORT_FORMATS[name] : undefined;
}
