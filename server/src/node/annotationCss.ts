/**
 * The annotations' stylesheet, client/media/preview.css, which the report
 * inlines (the Markdown preview's look, one file for both). It is read at run
 * time from the install: next to the bundles (`dist/../client/media/`, as the
 * VSIX and a checkout have it) or, for the compiled tests, a few folders up.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

const RELATIVE = path.join('client', 'media', 'preview.css');

/** The stylesheet's text. Throws an Error naming the file if it is not found above `from`. */
export function readAnnotationCss(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, RELATIVE);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${RELATIVE} above ${from}`);
  }
}
