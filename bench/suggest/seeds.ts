/**
 * The strip-and-recover test on the project's seeds/: the actor markup of one seed is removed, the suggester
 * runs on what is left (with no registry; with entities.yaml and the names annotated in the four other seeds),
 * and the gold actor mentions that come back are counted. Shared by `npm run eval` and test/core/suggestSeeds.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSourceModel, type SourceModel } from '../../server/src/core/model/source';
import { parseRegistry, type Registry } from '../../server/src/core/model/registry';
import { suggestActorsInSource, type ActorSuggestion, type KnownName } from '../../server/src/core/features/suggest';

export interface GoldMention {
  start: number;
  end: number;
  ref: string;
}

/** A seed's text with its actor spans reduced to their content, and where those mentions are now. */
export function stripActors(model: SourceModel): { text: string; gold: GoldMention[] } {
  const cuts: Array<[number, number]> = [];
  for (const m of model.mentions) cuts.push([m.start, m.contentStart], [m.contentEnd, m.end]);
  cuts.sort((a, b) => a[0] - b[0]);
  const shift = (offset: number): number => {
    let removed = 0;
    for (const [s, e] of cuts) if (e <= offset) removed += e - s;
    return offset - removed;
  };
  let text = '';
  let at = 0;
  for (const [s, e] of cuts) {
    text += model.text.slice(at, s);
    at = e;
  }
  text += model.text.slice(at);
  const gold = model.mentions.map((m) => ({
    start: shift(m.contentStart),
    end: shift(m.contentEnd),
    ref: m.ref ?? '',
  }));
  return { text, gold };
}

/**
 * What one strip-and-recover run found. Suggestions are judged only on the lines where the seed annotates at
 * least one actor: the seeds are converted web pages with one paragraph per line, and some lines are left
 * unannotated as a whole (page furniture such as "More in Politics" teasers, a repeated headline, a repeated
 * paragraph), where the gold says nothing about which names are actors.
 */
export interface SeedResult {
  seed: string;
  gold: number;
  suggested: number;
  /** Gold mentions found with the exact span. */
  exact: number;
  /** … and the right ref. */
  exactRef: number;
  /** Gold mentions overlapped by a suggestion. */
  overlap: number;
  /** Suggestions on a line where the seed annotates actors: the ones the gold can judge. */
  judged: number;
  /** Judged suggestions that are exactly a gold mention with its ref. */
  correct: number;
  /**
   * The other judged suggestions: a wrong span, a wrong ref, or a name that the annotator of the line did not
   * mark as an actor (registry names included).
   */
  wrong: number;
  /** Suggestions on lines where the seed annotates no actor at all (not judged). */
  unjudged: number;
  /** … of which name a registry actor. */
  unjudgedRegistry: number;
}

export function seedsDir(): string {
  return join(__dirname, '..', '..', '..', 'seeds');
}

export function loadSeeds(): { files: Array<{ name: string; model: SourceModel }>; registry: Registry } {
  const dir = seedsDir();
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.seed.md'))
    .sort();
  const files = names.map((name) => ({
    name,
    model: buildSourceModel(`file://${join(dir, name)}`, readFileSync(join(dir, name), 'utf8')),
  }));
  const registry = parseRegistry('file:///entities.yaml', readFileSync(join(dir, 'entities.yaml'), 'utf8'));
  return { files, registry };
}

/** Strips seed `index`, and runs the suggester with the registry and the other seeds' names, or with nothing. */
export function stripAndRecover(index: number, withWorkspace: boolean): SeedResult {
  const { files, registry } = loadSeeds();
  const { name, model } = files[index]!;
  const { text, gold } = stripActors(model);
  const known: KnownName[] = [];
  if (withWorkspace)
    files.forEach((f, i) => {
      if (i !== index) for (const m of f.model.mentions) if (m.ref) known.push({ name: m.text, id: m.ref });
    });
  const stripped = buildSourceModel(model.uri, text);
  const sugg: ActorSuggestion[] = suggestActorsInSource(stripped, withWorkspace ? { registry, known } : {});
  return score(name, text, gold, sugg);
}

function score(seed: string, text: string, gold: readonly GoldMention[], sugg: readonly ActorSuggestion[]): SeedResult {
  const r: SeedResult = {
    seed,
    gold: gold.length,
    suggested: sugg.length,
    exact: 0,
    exactRef: 0,
    overlap: 0,
    judged: 0,
    correct: 0,
    wrong: 0,
    unjudged: 0,
    unjudgedRegistry: 0,
  };
  for (const g of gold) {
    const same = sugg.find((s) => s.start === g.start && s.end === g.end);
    if (same) r.exact++;
    if (same?.id === g.ref) r.exactRef++;
    if (sugg.some((s) => s.start < g.end && g.start < s.end)) r.overlap++;
  }
  const lineOf = (offset: number): number => text.lastIndexOf('\n', offset - 1);
  const annotatedLines = new Set(gold.map((g) => lineOf(g.start)));
  for (const s of sugg) {
    if (!annotatedLines.has(lineOf(s.start))) {
      r.unjudged++;
      if (!s.isNew) r.unjudgedRegistry++;
      continue;
    }
    r.judged++;
    if (gold.some((g) => g.start === s.start && g.end === s.end && g.ref === s.id)) r.correct++;
    else r.wrong++;
  }
  return r;
}
