/**
 * The `corroborate/report` request (common/protocol.ts): *Corroborate: Export
 * Report…* asks for the page and writes it where the user says. The page is
 * the core's (features/report/); this gives it the annotations' stylesheet
 * (read once from the install) and shows files relative to their workspace
 * folder, as `corroborate report` shows them relative to the working directory.
 */

import { URI } from 'vscode-uri';
import type { ReportResult } from '../../common/protocol';
import { readAnnotationCss } from './node/annotationCss';
import type { ServerState } from './state';

let annotationCss: string | undefined;

/** A URI as the report shows it: its path inside its workspace folder, or its file path. */
function fileOf(state: ServerState, uri: string): string {
  const folder = state.folderOf(uri);
  const parsed = URI.parse(uri);
  if (folder === '') return parsed.scheme === 'file' ? parsed.fsPath : uri;
  const rel = URI.parse(folder).path;
  return parsed.path.startsWith(rel + '/') ? parsed.path.slice(rel.length + 1) : parsed.path;
}

/** Answers the request: the whole page, and whether the index was complete. */
export function reportRequest(state: ServerState, p: { title?: string } | undefined): ReportResult {
  annotationCss ??= readAnnotationCss();
  const title = typeof p?.title === 'string' && p.title !== '' ? p.title : undefined;
  const chunks = state.service.report({
    annotationCss,
    fileOf: (uri) => fileOf(state, uri),
    ...(title !== undefined && { title }),
  });
  return { html: [...chunks].join(''), complete: state.indexing === undefined };
}
