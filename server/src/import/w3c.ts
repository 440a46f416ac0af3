/**
 * W3C Web Annotations → annotated seeds (`corroborate import --from w3c FILE
 * --text DIR`, docs/interop.md). The annotations are anchored on sources the
 * user also has: a target's `source` names a seed of DIR by its `url` front
 * matter or by its file name. Each target is resolved on the seed's text
 * without markup: its `TextPositionSelector` if the `TextQuoteSelector`'s
 * exact text is there, else the one place where the exact text occurs with
 * its prefix and suffix; a selector that resolves nowhere, or in several
 * places, is reported. Bodies are read as the W3C export writes them (actors
 * identified with `corr:actor`, claims with `corr:key`, … ); others are
 * reported and left out. The seed's own spans are replaced.
 */

import { ACTOR_KINDS, slugify, type ActorKind } from '../../../common/actors';
import { buildSourceModel, stripMarkup } from '../core';
import { registryText, type ImportedActor } from './brat';
import { attrValue, insertSpans, utf16Offsets, type StandoffSpan } from './standoff';
import { ImportError } from './types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The annotations of a collection (its first page), a page, a list, or one annotation. */
export function annotationsOf(json: unknown): Json[] {
  if (Array.isArray(json)) return json.filter(isObject);
  if (!isObject(json)) throw new ImportError('not a Web Annotation document (a JSON object or list)');
  if (isObject(json.first)) return list(json.first.items).filter(isObject);
  if (Array.isArray(json.items)) return json.items.filter(isObject);
  if (list(json.type).includes('Annotation')) return [json];
  throw new ImportError('no annotations: expected an AnnotationCollection, an AnnotationPage, a list or an Annotation');
}

/** A source of --text: its file name, text, url and text without markup. */
interface Source {
  name: string;
  /** Its source id. */
  id: string;
  text: string;
  url?: string;
  head: string;
  body: string;
  spans: StandoffSpan[];
}

/** Where a quote and position selector pair falls in `body`, in code points, or why it does not. */
function resolve(body: string, selectors: Json[]): { start: number; end: number } | string {
  const quote = selectors.find((s) => list(s.type).includes('TextQuoteSelector'));
  const pos = selectors.find((s) => list(s.type).includes('TextPositionSelector'));
  const cps = Array.from(body);
  const at = (a: number, b: number): string => cps.slice(a, b).join('');
  const exact = str(quote?.exact);
  if (pos && typeof pos.start === 'number' && typeof pos.end === 'number') {
    if (exact === undefined || at(pos.start, pos.end) === exact) return { start: pos.start, end: pos.end };
  }
  if (exact === undefined || exact === '') return 'no TextQuoteSelector, and no TextPositionSelector that fits';
  const prefix = str(quote?.prefix) ?? '';
  const suffix = str(quote?.suffix) ?? '';
  const n = Array.from(exact).length;
  const fits: number[] = [];
  for (let i = body.indexOf(exact); i >= 0; i = body.indexOf(exact, i + 1)) {
    const start = Array.from(body.slice(0, i)).length;
    if (
      at(start - Array.from(prefix).length, start) === prefix &&
      at(start + n, start + n + Array.from(suffix).length) === suffix
    )
      fits.push(start);
  }
  if (fits.length === 1) return { start: fits[0]!, end: fits[0]! + n };
  const quoted = exact.length > 40 ? exact.slice(0, 39) + '…' : exact;
  return fits.length === 0
    ? `'${quoted}' is not in the text with its prefix and suffix`
    : `'${quoted}' is in the text ${fits.length} times with its prefix and suffix`;
}

/** `source#claim` of a claim annotation id written by the export (`urn:corroborate:<source>:claim:<id>`). */
function claimRef(id: string): { source: string; claim: string } | undefined {
  const m = /^urn:corroborate:([^:]+):claim:([^:]+)$/.exec(id);
  return m ? { source: decodeURIComponent(m[1]!), claim: decodeURIComponent(m[2]!) } : undefined;
}

/** The span attributes of a body, or undefined if it is neither an actor nor a claim. */
function spanAttrs(a: Json, body: Json, sourceId: string, actors: Map<string, ImportedActor>): string | undefined {
  const types = list(body.type);
  if (types.includes('corr:Claim') || str(body['corr:key']) !== undefined) {
    const parts = ['.claim'];
    const ref = claimRef(str(a.id) ?? '');
    if (ref) parts.push(`#${ref.claim}`);
    for (const [k, attr] of [
      ['corr:by', 'by'],
      ['corr:key', 'key'],
      ['corr:value', 'value'],
      ['corr:asOf', 'as-of'],
      ['corr:verdict', 'verdict'],
    ] as const) {
      const v = str(body[k]);
      if (v !== undefined) parts.push(`${attr}=${attrValue(v)}`);
    }
    for (const kind of ['supports', 'disputes'] as const) {
      const targets = list(body[`corr:${kind}`])
        .map((id) => claimRef(String(id)))
        .filter((r) => r !== undefined)
        .map((r) => (r.source === sourceId ? `#${r.claim}` : `${r.source}#${r.claim}`));
      if (targets.length > 0) parts.push(`${kind}=${attrValue(targets.join(','))}`);
    }
    return parts.join(' ');
  }
  const actor = str(body['corr:actor']) ?? (str(body.name) !== undefined ? slugify(str(body.name)!) : undefined);
  if (actor === undefined) return undefined;
  const kind = str(body['corr:kind']);
  const wikidata = /\/(Q\d+)$/.exec(str(body.id) ?? '')?.[1];
  if (kind !== undefined && (ACTOR_KINDS as readonly string[]).includes(kind) && !actors.has(actor))
    actors.set(actor, { name: str(body.name) ?? actor, kind: kind as ActorKind, ...(wikidata ? { wikidata } : {}) });
  return `.actor ref=${attrValue(actor)}`;
}

/** The source a target names: by its url front matter, else by its file name. */
function findSource(sources: readonly Source[], iri: string): Source | undefined {
  const byUrl = sources.find((s) => s.url === iri);
  if (byUrl) return byUrl;
  const name = decodeURIComponent(iri.replace(/[?#].*$/, '').replace(/^.*\//, ''));
  return sources.find((s) => s.name === name);
}

/** Annotations (parsed JSON) on the seeds of `texts` (file name → text) → the annotated seeds and a registry. */
export function importW3c(
  json: unknown,
  texts: ReadonlyMap<string, string>,
  report: (message: string) => void,
): { seeds: Array<{ name: string; text: string }>; registry?: string } {
  const sources: Source[] = [...texts].map(([name, text]) => {
    const model = buildSourceModel(`file:///${name}`, text);
    const head = text.slice(0, model.parsed.bodyStart);
    const url = model.meta.url;
    const body = stripMarkup(text, model.parsed);
    return { name, id: model.id, text, head, body, spans: [], ...(url ? { url } : {}) };
  });
  const actors = new Map<string, ImportedActor>();
  for (const a of annotationsOf(json)) {
    const name = str(a.id) ?? '(an annotation without id)';
    const target = list(a.target).find(isObject);
    const iri = str(target?.source);
    const source = iri !== undefined ? findSource(sources, iri) : undefined;
    if (!target || iri === undefined) {
      report(`${name}: no target with a source and selectors`);
      continue;
    }
    if (!source) {
      report(`${name}: no source of --text is ${iri}`);
      continue;
    }
    const place = resolve(source.body, list(target.selector).filter(isObject));
    if (typeof place === 'string') {
      report(`${name}: the selector cannot be resolved in ${source.name}: ${place}`);
      continue;
    }
    const body = list(a.body).find(isObject);
    const attrs = body ? spanAttrs(a, body, source.id, actors) : undefined;
    if (attrs === undefined) {
      report(`${name}: its body is neither an actor nor a claim; left out`);
      continue;
    }
    const utf16 = utf16Offsets(source.body);
    source.spans.push({ start: utf16(place.start)!, end: utf16(place.end)!, attrs, name });
  }
  const seeds = sources
    .filter((s) => s.spans.length > 0)
    .map((s) => {
      const inserted = insertSpans(s.body, s.spans);
      for (const r of inserted.skipped) report(`${s.name}: ${r}`);
      return { name: s.name, text: s.head + inserted.text };
    });
  return { seeds, ...(actors.size > 0 ? { registry: registryText(actors) } : {}) };
}
