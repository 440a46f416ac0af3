import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * LibreOffice Calc as the real reader of the CSV export: `soffice --headless
 * --convert-to` opens a CSV file with the CSV import filter (comma, double
 * quote, UTF-8, from line 1: what its import dialog proposes for a UTF-8 file
 * with a byte order mark, plus "Format quoted field as text", which keeps a
 * value such as 5% as written) and saves the sheet again as tab-separated text with
 * every text cell quoted, which {@link readSheetText} splits into cells.
 * scripts/vscode/setup.sh installs it (Debian's libreoffice-calc-nogui).
 */

/** The cells LibreOffice read from a CSV file, row by row. */
export function libreOfficeCells(csvFile: string, workDir: string): string[][] {
  const out = path.join(workDir, 'lo-out');
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(workDir, 'lo-profile')}`,
      '--infilter=CSV:44,34,76,1,,0,true',
      '--convert-to',
      'txt:Text - txt - csv (StarCalc):9,34,76,1,,0,true,false',
      '--outdir',
      out,
      csvFile,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const txt = path.join(out, path.basename(csvFile).replace(/\.csv$/, '.txt'));
  return readSheetText(fs.readFileSync(txt, 'utf8'));
}

/** Splits LibreOffice's tab-separated text (text cells quoted, quotes doubled, LF rows) into cells. */
export function readSheetText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quoted cell in LibreOffice output');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else while (i < text.length && text[i] !== '\t' && text[i] !== '\n') cell += text[i++];
    row.push(cell);
    if (text[i] === '\t') i++;
    else {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}
