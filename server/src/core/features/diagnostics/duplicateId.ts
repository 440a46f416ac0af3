/**
 * duplicate-id, across files: a source id used by another file too. (A span
 * id repeated within one file is found by the model, model/source.ts.) No
 * quick fix: which file should change its id is the author's call.
 */
import { problem, type Problem } from '../../base/types';
import type { CheckContext } from './check';
import { MAX_RELATED } from './crossFile';

export function check(ctx: CheckContext, out: Problem[]): void {
  const { index, model } = ctx;
  const sameId = index.sourcesWithId(model.id).filter((u) => u !== model.uri);
  if (sameId.length === 0) return;
  const start = model.meta.idStart ?? model.parsed.bodyStart;
  const end = model.meta.idEnd ?? model.parsed.bodyStart;
  out.push(
    problem(
      'duplicate-id',
      start,
      end,
      `source id '${model.id}' is also used by ${sameId.length === 1 ? 'another file' : `${sameId.length} other files`}: set a unique 'id' in the front matter`,
      {
        related: sameId.slice(0, MAX_RELATED).map((u) => {
          const other = index.getSource(u)!;
          const s = other.meta.idStart ?? other.parsed.bodyStart;
          return { uri: u, range: other.lines.rangeAt(s, other.meta.idEnd ?? s), message: `also '${model.id}'` };
        }),
      },
    ),
  );
}
