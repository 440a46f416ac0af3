/**
 * A checker of the W3C Web Annotation Data Model's requirements
 * (https://www.w3.org/TR/annotation-model/, the MUSTs of §3, §4 and §5 that a
 * text annotation meets), written from the specification for the W3C export's
 * tests; test/fixtures/w3c/examples.json (the specification's own examples)
 * must pass it. Returns the problems found, as `path: what`.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: Json): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isIri = (v: Json): boolean => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v);
const isNonNegativeInteger = (v: Json): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const types = (v: Record<string, Json>): Json[] => asArray(v.type);

/** Problems of a selector. */
function checkSelector(s: Json, at: string, out: string[]): void {
  if (isIri(s)) return;
  if (!isObject(s)) return void out.push(`${at}: a selector is an IRI or an object`);
  const t = types(s);
  if (t.includes('TextQuoteSelector')) {
    if (typeof s.exact !== 'string') out.push(`${at}: TextQuoteSelector needs one string 'exact'`);
    for (const k of ['prefix', 'suffix'])
      if (s[k] !== undefined && typeof s[k] !== 'string') out.push(`${at}: '${k}' is one string`);
  }
  if (t.includes('TextPositionSelector'))
    for (const k of ['start', 'end'])
      if (!isNonNegativeInteger(s[k])) out.push(`${at}: TextPositionSelector needs a non-negative integer '${k}'`);
  if (t.includes('TextPositionSelector') && (s.start as number) > (s.end as number)) out.push(`${at}: start after end`);
  if (s.refinedBy !== undefined) checkSelector(s.refinedBy, `${at}.refinedBy`, out);
}

/** Problems of a body or target resource. */
function checkResource(r: Json, at: string, out: string[]): void {
  if (isIri(r)) return;
  if (!isObject(r)) return void out.push(`${at}: a resource is an IRI or an object`);
  if (r.id !== undefined && !isIri(r.id)) out.push(`${at}: 'id' is one IRI`);
  const t = types(r);
  if (t.includes('TextualBody') && typeof r.value !== 'string') out.push(`${at}: a TextualBody needs one 'value'`);
  if (['Choice', 'Composite', 'List', 'Independents'].some((x) => t.includes(x))) {
    if (!Array.isArray(r.items)) out.push(`${at}: '${String(t[0])}' needs 'items'`);
    else r.items.forEach((item, i) => checkResource(item, `${at}.items[${i}]`, out));
    return;
  }
  if (r.selector !== undefined || r.state !== undefined || r.purpose !== undefined || t.includes('SpecificResource')) {
    if (r.selector !== undefined || r.state !== undefined || t.includes('SpecificResource'))
      if (!isIri(r.source) && !isObject(r.source)) out.push(`${at}: a SpecificResource needs one 'source'`);
    asArray(r.selector).forEach((s, i) => checkSelector(s, `${at}.selector[${i}]`, out));
  }
  if (r.id === undefined && r.source === undefined && !t.includes('TextualBody'))
    out.push(`${at}: a resource object needs an 'id', a 'source' or a TextualBody 'value'`);
}

/** Problems of one annotation (`topLevel`: it must carry the context). */
export function checkAnnotation(a: Json, at: string, topLevel: boolean): string[] {
  const out: string[] = [];
  if (!isObject(a)) return [`${at}: an annotation is an object`];
  if (topLevel && !asArray(a['@context']).includes(ANNO_CONTEXT))
    out.push(`${at}: '@context' must include ${ANNO_CONTEXT}`);
  if (!isIri(a.id)) out.push(`${at}: 'id' must be one IRI`);
  if (!types(a).includes('Annotation')) out.push(`${at}: 'type' must include 'Annotation'`);
  const targets = asArray(a.target);
  if (targets.length === 0) out.push(`${at}: an annotation must have a target`);
  targets.forEach((t, i) => checkResource(t, `${at}.target[${i}]`, out));
  asArray(a.body).forEach((b, i) => checkResource(b, `${at}.body[${i}]`, out));
  if (a.bodyValue !== undefined && (typeof a.bodyValue !== 'string' || a.body !== undefined))
    out.push(`${at}: 'bodyValue' is one string, without 'body'`);
  return out;
}

/** Problems of an AnnotationCollection with its first page embedded. */
export function checkCollection(c: Json): string[] {
  if (!isObject(c)) return ['collection: not an object'];
  const out: string[] = [];
  if (!asArray(c['@context']).includes(ANNO_CONTEXT)) out.push(`collection: '@context' must include ${ANNO_CONTEXT}`);
  if (!isIri(c.id)) out.push(`collection: 'id' must be one IRI`);
  if (!types(c).includes('AnnotationCollection')) out.push(`collection: 'type' must include 'AnnotationCollection'`);
  if (c.total !== undefined && !isNonNegativeInteger(c.total))
    out.push(`collection: 'total' is a non-negative integer`);
  const page = c.first;
  if (isIri(page)) return out;
  if (!isObject(page)) return [...out, `collection: 'first' is a page or its IRI`];
  if (!isIri(page.id)) out.push(`first: 'id' must be one IRI`);
  if (!types(page).includes('AnnotationPage')) out.push(`first: 'type' must include 'AnnotationPage'`);
  if (page.startIndex !== undefined && !isNonNegativeInteger(page.startIndex))
    out.push(`first: 'startIndex' is a non-negative integer`);
  if (!Array.isArray(page.items)) return [...out, `first: a page must have 'items'`];
  page.items.forEach((a, i) => out.push(...checkAnnotation(a, `items[${i}]`, false)));
  return out;
}

/** Every property name and every `type`/`motivation`/`purpose` value used, recursively (values of JSON objects only). */
export function termsUsed(v: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => termsUsed(x, into));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k === '@context') continue;
      into.add(k);
      if (k === 'type' || k === 'motivation' || k === 'purpose') asArray(x).forEach((t) => into.add(String(t)));
      else termsUsed(x, into);
    }
  return into;
}
