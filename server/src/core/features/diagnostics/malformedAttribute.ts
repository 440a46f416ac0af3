/**
 * malformed-attribute: found by the parser and the model (syntax/parser.ts,
 * model/source.ts); only its quick fix is here: change a misspelt class
 * (`.actr`, or `{actor}` written without its dot) to the class meant.
 */
import { closest } from '../../base/strings';
import type { Fixes } from '../editing/context';

export function fixes(f: Fixes<'malformed-attribute'>): void {
  const { ctx, uri, start, end } = f;
  const written = ctx.text.slice(start, end);
  let replacement = f.data?.replacement;
  // `{actor}`: a class written without its dot.
  if (replacement === undefined && /^[A-Za-z]+$/.test(written) && f.diagnostic.message.startsWith("expected '.class'"))
    replacement = closest(written, ['actor', 'claim']);
  if (replacement === undefined) return;
  if (!/^\.[^\s{}]+$/.test(written) && !/^[A-Za-z]+$/.test(written)) return;
  f.add(`Change to '.${replacement}'`, [{ uri, start, end, newText: `.${replacement}` }], { preferred: true });
}
