/**
 * A small reader of brat standoff (.ann) and annotation.conf, written from
 * brat's documentation (https://brat.nlplab.org/standoff.html), independent
 * of the exporter and the importer: what the brat tests read the export with.
 */

export interface BratText {
  id: string;
  type: string;
  /** Code point offsets. */
  fragments: Array<[number, number]>;
  text: string;
}

export interface BratDoc {
  texts: Map<string, BratText>;
  attributes: Array<{ id: string; name: string; target: string; value: string }>;
  relations: Array<{ id: string; type: string; arg1: string; arg2: string }>;
  normalizations: Array<{ id: string; target: string; db: string; ref: string; text: string }>;
  notes: Array<{ id: string; target: string; text: string }>;
}

/** Parses one .ann file; throws on a line it does not understand. */
export function parseAnn(ann: string): BratDoc {
  const doc: BratDoc = { texts: new Map(), attributes: [], relations: [], normalizations: [], notes: [] };
  for (const line of ann.split('\n')) {
    if (line === '') continue;
    const [id, body, text, ...rest] = line.split('\t');
    if (id === undefined || body === undefined || rest.length > 0) throw new Error(`bad line: ${line}`);
    const words = body.split(' ');
    if (/^T\d+$/.test(id)) {
      const type = words[0]!;
      const fragments = body
        .slice(type.length + 1)
        .split(';')
        .map((f) => {
          const m = /^(\d+) (\d+)$/.exec(f);
          if (!m) throw new Error(`bad fragment '${f}': ${line}`);
          return [Number(m[1]), Number(m[2])] as [number, number];
        });
      doc.texts.set(id, { id, type, fragments, text: text ?? '' });
    } else if (/^A\d+$/.test(id)) {
      if (words.length !== 3) throw new Error(`bad attribute: ${line}`);
      doc.attributes.push({ id, name: words[0]!, target: words[1]!, value: words[2]! });
    } else if (/^R\d+$/.test(id)) {
      const a1 = /^Arg1:(T\d+)$/.exec(words[1] ?? '');
      const a2 = /^Arg2:(T\d+)$/.exec(words[2] ?? '');
      if (!a1 || !a2 || words.length !== 3) throw new Error(`bad relation: ${line}`);
      doc.relations.push({ id, type: words[0]!, arg1: a1[1]!, arg2: a2[1]! });
    } else if (/^N\d+$/.test(id)) {
      const m = /^Reference (T\d+) ([^:\s]+):(\S+)$/.exec(body);
      if (!m) throw new Error(`bad normalization: ${line}`);
      doc.normalizations.push({ id, target: m[1]!, db: m[2]!, ref: m[3]!, text: text ?? '' });
    } else if (/^#\d+$/.test(id)) {
      const m = /^AnnotatorNotes (T\d+)$/.exec(body);
      if (!m || text === undefined) throw new Error(`bad note: ${line}`);
      doc.notes.push({ id, target: m[1]!, text });
    } else throw new Error(`unknown annotation: ${line}`);
  }
  return doc;
}

export interface BratConf {
  entities: Set<string>;
  relations: Map<string, { arg1: string; arg2: string }>;
  attributes: Map<string, { arg: string; values: Set<string> }>;
}

/** Parses annotation.conf (sections [entities], [relations], [events], [attributes]). */
export function parseConf(conf: string): BratConf {
  const out: BratConf = { entities: new Set(), relations: new Map(), attributes: new Map() };
  let section = '';
  for (const raw of conf.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      continue;
    }
    if (section === 'entities') out.entities.add(line);
    else if (section === 'relations') {
      const m = /^(\S+)\s+Arg1:([^,]+),\s*Arg2:([^,]+)/.exec(line);
      if (!m) throw new Error(`bad relation line: ${line}`);
      out.relations.set(m[1]!, { arg1: m[2]!, arg2: m[3]! });
    } else if (section === 'attributes') {
      const m = /^(\S+)\s+Arg:([^,]+),\s*Value:(.+)$/.exec(line);
      if (!m) throw new Error(`bad attribute line: ${line}`);
      out.attributes.set(m[1]!, { arg: m[2]!, values: new Set(m[3]!.split('|')) });
    } else if (section !== 'events') throw new Error(`line outside a section: ${line}`);
  }
  return out;
}

/** The text of code points [start, end) of `text`. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
