/**
 * Annotations kept apart from their text (brat standoff, W3C Web Annotation)
 * → a seed: the text with each span's markup inserted, `[` before and
 * `]{…}` after. Shared by the brat and W3C importers (brat.ts, w3c.ts).
 */

/** One span to insert: UTF-16 offsets in the text, and what goes between the braces. */
export interface StandoffSpan {
  start: number;
  end: number;
  attrs: string;
  /** How the span is named in a report (`T3`, an annotation id). */
  name: string;
}

/** An attribute value as the format writes it: bare when it is a plain token, else quoted with `"` and `\` escaped. */
export function attrValue(value: string): string {
  return /^[\p{L}\p{N}._:#,/@+-]+$/u.test(value) ? value : `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

/** UTF-16 offsets of code point offsets of `text` (brat and W3C count code points). */
export function utf16Offsets(text: string): (codePoint: number) => number | undefined {
  const starts: number[] = [];
  let i = 0;
  for (const ch of text) {
    starts.push(i);
    i += ch.length;
  }
  starts.push(i);
  return (cp) => (Number.isInteger(cp) && cp >= 0 && cp < starts.length ? starts[cp] : undefined);
}

/**
 * The text with the spans' markup inserted. Spans must nest: a span that
 * crosses another (starts inside it and ends outside) is left out and
 * reported in `skipped`, as is an empty or out-of-range span.
 */
export function insertSpans(text: string, spans: readonly StandoffSpan[]): { text: string; skipped: string[] } {
  const skipped: string[] = [];
  // Outer spans first: by start, then longest.
  const sorted = spans
    .filter((s) => {
      const ok = s.start >= 0 && s.end <= text.length && s.start < s.end;
      if (!ok) skipped.push(`${s.name}: empty or outside the text (${s.start}-${s.end})`);
      return ok;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: StandoffSpan[] = [];
  const open: StandoffSpan[] = [];
  for (const s of sorted) {
    while (open.length > 0 && open[open.length - 1]!.end <= s.start) open.pop();
    const parent = open[open.length - 1];
    if (parent && s.end > parent.end) {
      skipped.push(`${s.name}: crosses ${parent.name} (spans must nest)`);
      continue;
    }
    kept.push(s);
    open.push(s);
  }
  // Cuts: an opening `[` at each start, `]{…}` at each end; at one offset, closings (inner first) before openings.
  const cuts: Array<{ at: number; text: string; order: number }> = [];
  kept.forEach((s, i) => {
    cuts.push({ at: s.start, text: '[', order: 1_000_000 + i });
    cuts.push({ at: s.end, text: `]{${s.attrs}}`, order: -i });
  });
  cuts.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += text.slice(at, c.at) + c.text;
    at = c.at;
  }
  return { text: out + text.slice(at), skipped };
}
