/**
 * brat standoff → seeds and a registry (`corroborate import --from brat DIR`,
 * docs/interop.md). Reads what the brat export writes
 * (core/features/export/brat.ts) and brat's own files alike:
 *
 * - a `T` of an actor kind (`person`, `organization`, …) or of another type
 *   becomes an `.actor` span; its `Ref` attribute is its `ref=` (else an id
 *   made from its text); the kind and its `N … Wikidata:Q…` normalisation go
 *   to the registry (a type that is no actor kind adds no registry entry);
 * - a `Claim` becomes a `.claim` span: `Id` → `#id`, `Key`, `AsOf`,
 *   `Verdict`, `By` → attributes, its `AnnotatorNotes` → `value=`, a `By`
 *   relation → `by=` the actor of the mention it points to, `Supports` and
 *   `Disputes` relations and attributes → `supports=`/`disputes=`.
 *
 * Offsets are code points of the `.txt`; a span of several fragments covers
 * them all. Spans that cross are left out and reported.
 */

import { ACTOR_KINDS, slugify, type ActorKind } from '../../../common/actors';
import { attrValue, insertSpans, utf16Offsets, type StandoffSpan } from './standoff';
import { ImportError } from './types';

export const CLAIM_TYPE = 'Claim';

interface TAnn {
  id: string;
  type: string;
  start: number;
  end: number;
  text: string;
}

interface Doc {
  ts: Map<string, TAnn>;
  attrs: Map<string, Map<string, string>>;
  notes: Map<string, string>;
  norms: Map<string, { ref: string; text: string }>;
  relations: Array<{ type: string; arg1: string; arg2: string }>;
}

/** Parses a .ann file; lines it does not know (events, equivalences) are reported. */
export function parseAnnFile(ann: string, report: (message: string) => void): Doc {
  const doc: Doc = { ts: new Map(), attrs: new Map(), notes: new Map(), norms: new Map(), relations: [] };
  ann.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const [id = '', body = '', text = ''] = line.split('\t');
    const t = /^T\d+$/.test(id) ? /^(\S+) (\d+) (\d+)(?:;\d+ (\d+))*$/.exec(body) : null;
    const a = /^[AM]\d+$/.test(id) ? /^(\S+) (T\d+)(?: (\S+))?$/.exec(body) : null;
    const r = /^R\d+$/.test(id) ? /^(\S+) Arg1:(T\d+) Arg2:(T\d+)$/.exec(body) : null;
    const n = /^N\d+$/.test(id) ? /^Reference (T\d+) Wikidata:(Q\d+)$/.exec(body) : null;
    const note = /^#\d+$/.test(id) ? /^AnnotatorNotes (T\d+)$/.exec(body) : null;
    if (t) {
      const last = /(\d+)$/.exec(body)![1]!;
      doc.ts.set(id, { id, type: t[1]!, start: Number(t[2]), end: Number(last), text });
    } else if (a) {
      let m = doc.attrs.get(a[2]!);
      if (!m) doc.attrs.set(a[2]!, (m = new Map<string, string>()));
      m.set(a[1]!, a[3] ?? 'true');
    } else if (r) doc.relations.push({ type: r[1]!, arg1: r[2]!, arg2: r[3]! });
    else if (n) doc.norms.set(n[1]!, { ref: n[2]!, text });
    else if (note) doc.notes.set(note[1]!, text);
    else report(`line ${i + 1}: not imported: ${line.length > 60 ? line.slice(0, 59) + '…' : line}`);
  });
  return doc;
}

/** An actor of the registry being built. */
export interface ImportedActor {
  name: string;
  kind: ActorKind;
  wikidata?: string;
}

const isKind = (type: string): type is ActorKind => (ACTOR_KINDS as readonly string[]).includes(type);

/** The actor id of a mention: its Ref, else one made from its text. */
function mentionActor(doc: Doc, t: TAnn): string {
  return doc.attrs.get(t.id)?.get('Ref') ?? slugify(t.text);
}

/** The attributes of a claim span. */
function claimAttrs(doc: Doc, t: TAnn, actors: Map<string, ImportedActor>): string {
  const a = doc.attrs.get(t.id) ?? new Map<string, string>();
  const parts = ['.claim'];
  if (a.has('Id')) parts.push(`#${a.get('Id')!}`);
  const byRel = doc.relations.find((r) => r.type === 'By' && r.arg1 === t.id);
  const by = byRel ? mentionActor(doc, doc.ts.get(byRel.arg2) ?? t) : a.get('By');
  if (by !== undefined) {
    parts.push(`by=${attrValue(by)}`);
    if (by !== 'outlet' && by !== 'anonymous' && !actors.has(by)) actors.set(by, { name: by, kind: 'other' });
  }
  if (a.has('Key')) parts.push(`key=${attrValue(a.get('Key')!)}`);
  const value = doc.notes.get(t.id);
  if (value !== undefined) parts.push(`value=${attrValue(value)}`);
  if (a.has('AsOf')) parts.push(`as-of=${attrValue(a.get('AsOf')!)}`);
  if (a.has('Verdict')) parts.push(`verdict=${attrValue(a.get('Verdict')!)}`);
  for (const kind of ['Supports', 'Disputes'] as const) {
    const targets = doc.relations
      .filter((r) => r.type === kind && r.arg1 === t.id)
      .map((r) => `#${doc.attrs.get(r.arg2)?.get('Id') ?? r.arg2}`);
    if (a.has(kind)) targets.push(...a.get(kind)!.split(','));
    if (targets.length > 0) parts.push(`${kind.toLowerCase()}=${attrValue(targets.join(','))}`);
  }
  return parts.join(' ');
}

/** One brat document (its .txt and .ann) → a seed's text; adds its actors to `actors`, reports what it skips. */
export function bratToSeed(
  id: string,
  txt: string,
  ann: string,
  actors: Map<string, ImportedActor>,
  report: (message: string) => void,
): string {
  const doc = parseAnnFile(ann, report);
  const utf16 = utf16Offsets(txt);
  const spans: StandoffSpan[] = [];
  for (const t of doc.ts.values()) {
    const start = utf16(t.start);
    const end = utf16(t.end);
    if (start === undefined || end === undefined) {
      report(`${t.id}: offsets ${t.start}-${t.end} are outside the text`);
      continue;
    }
    if (t.type === CLAIM_TYPE) {
      spans.push({ start, end, attrs: claimAttrs(doc, t, actors), name: t.id });
      continue;
    }
    const actor = mentionActor(doc, t);
    const norm = doc.norms.get(t.id);
    if (isKind(t.type) && !actors.has(actor))
      actors.set(actor, { name: norm?.text || t.text, kind: t.type, ...(norm ? { wikidata: norm.ref } : {}) });
    spans.push({ start, end, attrs: `.actor ref=${attrValue(actor)}`, name: t.id });
  }
  const inserted = insertSpans(txt, spans);
  for (const s of inserted.skipped) report(s);
  return `---\nid: ${JSON.stringify(id)}\n---\n${inserted.text}`;
}

/** The registry (entities.yaml) of the imported actors, in id order. */
export function registryText(actors: ReadonlyMap<string, ImportedActor>): string {
  let out = '# Written by corroborate import --from brat (docs/interop.md).\nactors:\n';
  for (const id of [...actors.keys()].sort()) {
    const a = actors.get(id)!;
    out += `  ${JSON.stringify(id)}:\n    name: ${JSON.stringify(a.name)}\n    kind: ${a.kind}\n`;
    if (a.wikidata) out += `    wikidata: ${a.wikidata}\n`;
  }
  return out;
}

/** The documents of a brat folder: for each `<id>.ann` with its `<id>.txt`, the seed; and the registry. */
export function importBrat(
  files: ReadonlyMap<string, string>,
  report: (message: string) => void,
): { seeds: Array<{ id: string; text: string }>; registry: string } {
  const actors = new Map<string, ImportedActor>();
  const seeds: Array<{ id: string; text: string }> = [];
  const anns = [...files.keys()].filter((f) => f.endsWith('.ann')).sort();
  if (anns.length === 0) throw new ImportError('no .ann file: not a brat folder');
  for (const name of anns) {
    const stem = name.slice(0, -'.ann'.length);
    const txt = files.get(`${stem}.txt`);
    if (txt === undefined) {
      report(`${name}: no ${stem}.txt beside it; skipped`);
      continue;
    }
    const id = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stem) ? stem : slugify(stem);
    seeds.push({ id, text: bratToSeed(id, txt, files.get(name)!, actors, (m) => report(`${name}: ${m}`)) });
  }
  return { seeds, registry: registryText(actors) };
}
