/**
 * brat standoff export (`corroborate export --format brat -o DIR`,
 * docs/interop.md), which brat and INCEpTION open: per source `<id>.txt` (the
 * text without markup) and `<id>.ann`, plus `annotation.conf` (the types,
 * relations and attribute values used) and `tools.conf` (Wikidata as a
 * normalisation database).
 *
 * In `<id>.ann`, offsets are code points of the `.txt` (brat counts
 * characters); a span that crosses a line break is written as fragments
 * (`start end;start end`), as brat requires:
 *
 * - `T` an actor mention, typed by the actor's kind (`person`, …; `Actor`
 *   when the registry does not know it), or a claim (`Claim`);
 * - `A… Ref T… <actor id>` a mention's actor; `A… Id|Key|AsOf|Verdict T… …`
 *   a claim's id, key, as-of and verdict; `A… By T… <actor id>` the `by=` of
 *   a claim whose actor is not mentioned in the source (else a relation);
 *   `A… Supports|Disputes T… <source#claim,…>` links to other sources;
 * - `#… AnnotatorNotes T…\t<value>` a claim's value, as written;
 * - `N… Reference T… Wikidata:Q…\t<name>` the actor's Wikidata item;
 * - `R… By Arg1:<claim> Arg2:<mention>` the `by=` actor's mention nearest the
 *   claim; `R… Supports|Disputes Arg1:<claim> Arg2:<claim>` links within the
 *   source.
 *
 * The importer (server/src/import/brat.ts) reads exactly this back.
 */

import { ACTOR_KINDS } from '../../../../../common/actors';
import type { ExportFile, ExportInput, Exporter } from './types';
import { exportedUris } from './types';
import { codePointCounter, exportedSource, type ExportedClaim, type ExportedSource } from './annotations';

/** The brat type of claims, and of a mention of an actor the registry does not know. */
export const CLAIM_TYPE = 'Claim';
export const UNKNOWN_ACTOR_TYPE = 'Actor';

/** The attribute values used, by attribute name, for annotation.conf. */
type Used = Map<string, Set<string>>;

function use(used: Used, name: string, value: string): void {
  let set = used.get(name);
  if (!set) used.set(name, (set = new Set()));
  set.add(value);
}

/** `start end` fragments of [from, to) of `text` (UTF-16), cut at line breaks, in code points. */
function fragments(text: string, from: number, to: number, cp: (i: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = from;
  const re = /\r\n|\r|\n/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    if (m.index > at) out.push([at, m.index]);
    at = m.index + m[0].length;
  }
  if (to > at || out.length === 0) out.push([at, Math.max(at, to)]);
  return out.map(([a, b]) => [cp(a), cp(b)]);
}

/** One `T` line: id, type, fragments, and the text of the fragments joined by spaces. */
function tLine(
  s: ExportedSource,
  id: string,
  type: string,
  from: number,
  to: number,
  cp: (i: number) => number,
): string {
  const frags = fragments(s.text, from, to, (i) => i);
  const text = frags.map(([a, b]) => s.text.slice(a, b)).join(' ');
  return `${id}\t${type} ${frags.map(([a, b]) => `${cp(a)} ${cp(b)}`).join(';')}\t${text}\n`;
}

/** The mention of `actor` nearest the claim (the first inside it, else the closest before, else after). */
function speakerMention(s: ExportedSource, c: ExportedClaim, actor: string): number {
  let best = -1;
  let distance = Infinity;
  s.mentions.forEach((m, i) => {
    if (m.actor !== actor) return;
    const d = m.start >= c.start && m.end <= c.end ? -1 : m.end <= c.start ? c.start - m.end : m.start - c.end;
    if (d < distance) {
      best = i;
      distance = d;
    }
  });
  return best;
}

/** The `.ann` text of one source, recording the attribute values it uses. */
export function annText(s: ExportedSource, used: Used): string {
  const cp = codePointCounter(s.text);
  let out = '';
  let a = 0;
  let n = 0;
  let r = 0;
  let note = 0;
  s.mentions.forEach((m, i) => {
    const t = `T${i + 1}`;
    const type = m.def?.kind ?? UNKNOWN_ACTOR_TYPE;
    out += tLine(s, t, type, m.start, m.end, cp);
    if (m.actor !== undefined) {
      out += `A${++a}\tRef ${t} ${m.actor}\n`;
      use(used, 'Ref', m.actor);
    }
    if (m.def?.wikidata) out += `N${++n}\tReference ${t} Wikidata:${m.def.wikidata}\t${m.def.name}\n`;
  });
  const claimT = (i: number): string => `T${s.mentions.length + i + 1}`;
  const byId = new Map(s.claims.flatMap((c, i) => (c.claim.id !== undefined ? [[c.claim.id, i] as const] : [])));
  s.claims.forEach((c, i) => {
    const t = claimT(i);
    out += tLine(s, t, CLAIM_TYPE, c.start, c.end, cp);
    const attr = (name: string, value: string | undefined): void => {
      if (value === undefined) return;
      out += `A${++a}\t${name} ${t} ${value}\n`;
      use(used, name, value);
    };
    attr('Id', c.claim.id);
    attr('Key', c.claim.key);
    attr('AsOf', c.claim.asOf);
    attr('Verdict', c.claim.verdict);
    if (c.claim.value !== undefined) out += `#${++note}\tAnnotatorNotes ${t}\t${c.claim.value.replace(/\s+/g, ' ')}\n`;
    if (c.claim.by !== undefined) {
      const m = speakerMention(s, c, c.claim.by);
      if (m >= 0) out += `R${++r}\tBy Arg1:${t} Arg2:T${m + 1}\n`;
      else attr('By', c.claim.by);
    }
    for (const kind of ['supports', 'disputes'] as const) {
      const name = kind === 'supports' ? 'Supports' : 'Disputes';
      const external: string[] = [];
      for (const link of c.claim.links.filter((l) => l.kind === kind)) {
        const target = link.source === undefined || link.source === s.id ? byId.get(link.claim) : undefined;
        if (target !== undefined) out += `R${++r}\t${name} Arg1:${t} Arg2:${claimT(target)}\n`;
        else external.push(`${link.source ?? ''}#${link.claim}`);
      }
      if (external.length > 0) attr(name, external.join(','));
    }
  });
  return out;
}

/** annotation.conf: every entity type, the relations, and each attribute with the values used. */
export function annotationConf(used: Used): string {
  const attrs = ['Ref', 'Id', 'Key', 'AsOf', 'Verdict', 'By', 'Supports', 'Disputes'];
  const lines = [
    '# Written by corroborate export --format brat (docs/interop.md).',
    '[entities]',
    ...ACTOR_KINDS,
    UNKNOWN_ACTOR_TYPE,
    CLAIM_TYPE,
    '[relations]',
    `By Arg1:${CLAIM_TYPE}, Arg2:<ENTITY>`,
    `Supports Arg1:${CLAIM_TYPE}, Arg2:${CLAIM_TYPE}`,
    `Disputes Arg1:${CLAIM_TYPE}, Arg2:${CLAIM_TYPE}`,
    '<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '[events]',
    '[attributes]',
  ];
  for (const name of attrs) {
    const values = [...(used.get(name) ?? [])].sort();
    if (values.length === 0) continue;
    const arg = name === 'Ref' ? '<ENTITY>' : CLAIM_TYPE;
    lines.push(`${name} Arg:${arg}, Value:${values.join('|')}`);
  }
  return lines.join('\n') + '\n';
}

/** tools.conf: Wikidata as the normalisation database of the `N` lines. */
export const TOOLS_CONF =
  '[normalization]\nWikidata DB:wikidata, <URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s\n';

export const exportBrat: Exporter = (input: ExportInput): Iterable<ExportFile> => bratFiles(input);

function* bratFiles(input: ExportInput): Generator<ExportFile> {
  const used: Used = new Map();
  const names = new Set<string>();
  for (const uri of exportedUris(input)) {
    const s = exportedSource(input.index, uri);
    if (!s) continue;
    // Two sources with one id (itself an error the checker reports) get distinct files.
    let name = s.id;
    for (let k = 2; names.has(name); k++) name = `${s.id}-${k}`;
    names.add(name);
    yield { path: `${name}.txt`, chunks: [s.text] };
    yield { path: `${name}.ann`, chunks: [annText(s, used)] };
  }
  yield { path: 'annotation.conf', chunks: [annotationConf(used)] };
  yield { path: 'tools.conf', chunks: [TOOLS_CONF] };
}
