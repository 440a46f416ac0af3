/**
 * The claim suggester (attributions.ts) measured on GUM's attribution layer (../shared/corpora/gum/
 * `<genre>.attributions.jsonl`, CC BY 4.0). Gold: the attributions with at least one source span (an
 * attribution GUM gives no source cannot be found by its speaker), except photo credits ("Image: Nick Moreau."
 * attributes the caption before it to the photographer; no claim). The suggester runs on the document's text
 * with the actor suggester's names as actors, as it does in an editor with no registry.
 *
 * - **speaker found** (recall): a gold attribution for which some suggestion's speaker span overlaps one of its
 *   source spans. A pronoun source ("he") counts when the suggestion's speaker is that pronoun; a suggestion
 *   whose `by` names the right person but whose speaker span is elsewhere does not count (stricter than
 *   "same entity", which GUM's name layer cannot tell for pronouns and nominals).
 * - **speaker + content found** (recall): the same suggestion's content also overlaps the gold content.
 * - **precision**: of the suggestions, those whose speaker overlaps a source of some gold attribution (speaker
 *   precision), and those whose speaker and content both overlap the same gold attribution's (both precision).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestActors } from '../../server/src/core/features/suggest';
import { suggestClaims, type ClaimSuggestion } from '../../server/src/core/features/suggest/attributions';
import { fixturesDir, gumDir, type GumDoc } from './gum';

interface Range {
  start: number;
  end: number;
}
export interface GumAttribution {
  rel: string;
  quote_marks: boolean;
  sources: Array<Range & { text: string }>;
  cue_segment: Range & { text: string };
  content: Range;
}

/** Where gold attributions are read: the shared sets, or the held-out ones vendored under test/fixtures/gum/. */
export type AttributionSource = 'shared' | 'vendored';

/** The vendored file of a genre's held-out attributions (written by vendor.ts). */
export function vendoredAttributionsFile(genre: string): string {
  return join(fixturesDir(), `${genre}.held-out.attributions.jsonl`);
}

const cache = new Map<string, Map<string, GumAttribution[]>>();
/** The gold attributions of one genre, by document. */
export function loadAttributions(genre: string, from: AttributionSource = 'shared'): Map<string, GumAttribution[]> {
  const key = `${from}:${genre}`;
  let byDoc = cache.get(key);
  if (byDoc) return byDoc;
  byDoc = new Map();
  const file = from === 'shared' ? join(gumDir(), `${genre}.attributions.jsonl`) : vendoredAttributionsFile(genre);
  for (const line of readFileSync(file, 'utf8').split('\n'))
    if (line.trim()) {
      const d = JSON.parse(line) as { doc: string; attributions: GumAttribution[] };
      byDoc.set(d.doc, d.attributions);
    }
  cache.set(key, byDoc);
  return byDoc;
}

/** A photo credit: GUM attributes an image caption to the name after "Image:"; that is no claim. */
function isCredit(doc: GumDoc, g: GumAttribution): boolean {
  return g.sources.some((s) => /Image:\s*$/.test(doc.text.slice(Math.max(0, s.start - 10), s.start)));
}

/** The gold attributions of a document: those with a source, photo credits left out. */
export function goldOf(doc: GumDoc, from: AttributionSource = 'shared'): GumAttribution[] {
  return (loadAttributions(doc.genre, from).get(doc.doc) ?? []).filter(
    (g) => g.sources.length > 0 && !isCredit(doc, g),
  );
}

export interface AttributionCounts {
  /** Photo credits left out of the gold. */
  credits: number;
  gold: number;
  suggested: number;
  speakerFound: number;
  bothFound: number;
  speakerRight: number;
  bothRight: number;
}

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** The minimum confidence `npm run eval` scores at: $CLAIMS_MIN_CONFIDENCE, or 0 (every suggestion). */
export function evalMinConfidence(): number {
  // CLAIMS_MIN_CONFIDENCE=0.5 measures what the CLI shows by default (0: everything, as the language service).
  return Number(process.env.CLAIMS_MIN_CONFIDENCE ?? 0);
}

export function predictClaims(doc: GumDoc, minConfidence = 0): ClaimSuggestion[] {
  const actors = suggestActors(doc.text).map((a) => ({
    start: a.start,
    end: a.end,
    id: a.id,
    isNew: a.isNew,
    kind: a.kind,
  }));
  return suggestClaims(doc.text, { actors, minConfidence });
}

/** Scores the claim suggester on `docs` against the gold attributions read `from` the shared or vendored sets. */
export function scoreAttributions(
  docs: readonly GumDoc[],
  { from = 'shared', minConfidence = 0 }: { from?: AttributionSource; minConfidence?: number } = {},
): AttributionCounts {
  const c: AttributionCounts = {
    credits: 0,
    gold: 0,
    suggested: 0,
    speakerFound: 0,
    bothFound: 0,
    speakerRight: 0,
    bothRight: 0,
  };
  for (const doc of docs) {
    const all = loadAttributions(doc.genre, from).get(doc.doc) ?? [];
    const gold = goldOf(doc, from);
    c.credits += all.filter((g) => isCredit(doc, g)).length;
    const pred = predictClaims(doc, minConfidence);
    const speaks = (p: ClaimSuggestion, g: GumAttribution): boolean => g.sources.some((s) => overlaps(s, p.speaker));
    const both = (p: ClaimSuggestion, g: GumAttribution): boolean => speaks(p, g) && overlaps(p, g.content);
    c.gold += gold.length;
    c.suggested += pred.length;
    for (const g of gold) {
      if (pred.some((p) => speaks(p, g))) c.speakerFound++;
      if (pred.some((p) => both(p, g))) c.bothFound++;
    }
    for (const p of pred) {
      if (gold.some((g) => speaks(p, g))) c.speakerRight++;
      if (gold.some((g) => both(p, g))) c.bothRight++;
    }
  }
  return c;
}

export function formatAttributions(c: AttributionCounts): string {
  const r = (a: number, b: number): string => (a / Math.max(1, b)).toFixed(3);
  return (
    `  attributions: gold ${c.gold} (${c.credits} photo credits left out), suggested ${c.suggested}; speaker found R ${r(c.speakerFound, c.gold)} ` +
    `P ${r(c.speakerRight, c.suggested)}; speaker+content R ${r(c.bothFound, c.gold)} P ${r(c.bothRight, c.suggested)}`
  );
}

/** Prints every suggestion against the gold of the given docs (for error analysis on training docs only). */
export function dump(docs: readonly GumDoc[]): void {
  for (const doc of docs) {
    const gold = goldOf(doc);
    const pred = predictClaims(doc, evalMinConfidence());
    console.log(`\n## ${doc.doc}`);
    for (const p of pred) {
      const ok = gold.some((g) => g.sources.some((s) => overlaps(s, p.speaker)));
      console.log(`${ok ? '+' : '-'} [${p.speaker.text}] ${p.cue} → ${p.by}: ${p.text.slice(0, 80)}`);
    }
    for (const g of gold)
      if (!pred.some((p) => g.sources.some((s) => overlaps(s, p.speaker))))
        console.log(`  MISSED [${g.sources.map((s) => s.text).join(' / ')}] cue: ${g.cue_segment.text.slice(0, 90)}`);
  }
}
