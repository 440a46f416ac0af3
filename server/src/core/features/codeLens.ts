/**
 * Code lenses: above each claim with a key and value, how many other sources
 * corroborate or contradict it; above each actor of a registry, where it is
 * mentioned. Clicking one runs `corroborate.showReferences` with the
 * locations (the client shows them in the references peek). Beside each
 * claim's lens, "Claims matrix" opens the matrix view at the claim's key
 * (`corroborate.openMatrix`, a client command).
 */

import * as lsp from 'vscode-languageserver-types';
import { plural } from './markdown';
import type { WorkspaceIndex } from '../workspace/workspace';

export const SHOW_REFERENCES_COMMAND = 'corroborate.showReferences';
export const OPEN_MATRIX_COMMAND = 'corroborate.openMatrix';

export function codeLenses(index: WorkspaceIndex, uri: string): lsp.CodeLens[] {
  const registry = index.getRegistry(uri);
  if (registry) {
    const lenses: lsp.CodeLens[] = [];
    for (const actor of registry.actors.values()) {
      const locations: lsp.Location[] = [];
      let sources = 0;
      for (const [uri, mentions] of index.mentionsOf(actor.id)) {
        const model = index.getSource(uri)!;
        sources++;
        for (const m of mentions) locations.push(lsp.Location.create(uri, model.lines.rangeAt(m.start, m.end)));
      }
      sortLocations(locations);
      const title =
        sources === 0
          ? 'not mentioned in any source'
          : `mentioned in ${plural(sources, 'source')} (${plural(locations.length, 'time')})`;
      const range = registry.lines.rangeAt(actor.keyStart, actor.keyEnd);
      lenses.push(lens(uri, range, title, locations));
    }
    return lenses.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  }

  const model = index.getSource(uri);
  if (!model) return [];
  const lenses: lsp.CodeLens[] = [];
  for (const claim of model.claims) {
    if (claim.key === undefined || claim.value === undefined) continue;
    const ref = index.claimRef(uri, claim);
    if (!ref) continue;
    const view = index.corroboration(ref);
    const parts: string[] = [];
    const agree = view.corroborating.sources;
    const conflict = view.conflicting.sources;
    const acknowledged = view.acknowledged.sources;
    if (agree > 0) parts.push(`${plural(agree, 'source')} ${agree === 1 ? 'corroborates' : 'corroborate'}`);
    if (conflict > 0) parts.push(`${conflict} ${conflict === 1 ? 'conflicts' : 'conflict'}`);
    if (acknowledged > 0) parts.push(`${acknowledged} disputed`);
    const title = parts.length > 0 ? parts.join(' · ') : 'no other source';
    const locations = [...view.corroborating, ...view.conflicting, ...view.acknowledged].map((r) =>
      lsp.Location.create(r.model.uri, r.model.lines.rangeAt(r.claim.start, r.claim.end)),
    );
    const range = model.lines.rangeAt(claim.start, claim.end);
    lenses.push(lens(uri, range, title, locations), {
      range,
      command: { title: 'Claims matrix', command: OPEN_MATRIX_COMMAND, arguments: [claim.key] },
    });
  }
  return lenses;
}

function lens(uri: string, range: lsp.Range, title: string, locations: lsp.Location[]): lsp.CodeLens {
  return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, locations] } };
}

function sortLocations(locations: lsp.Location[]): void {
  locations.sort(
    (a, b) =>
      (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
}
