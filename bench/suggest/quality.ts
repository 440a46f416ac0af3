/**
 * How the actor suggester is scored on GUM documents: its suggestions mapped to GUM's types and matched to the
 * gold names (gum.ts `count`). Shared by `npm run eval` (eval.ts) and the quality floor test
 * (test/core/suggestQuality). Suggestion kinds map to GUM's types: person and group → person, organization →
 * org, country and place → place, other → a name of no type (counted only when untyped).
 */
import { suggestActors } from '../../server/src/core/features/suggest';
import { add, count, prf, type Counts, type GumDoc, type GumType, type Scored } from './gum';

export const TYPE_OF_KIND: Readonly<Record<string, GumType | undefined>> = {
  person: 'person',
  group: 'person',
  organization: 'org',
  country: 'place',
  place: 'place',
};

export const ZERO: Counts = { tp: 0, fp: 0, fn: 0 };

/** The four ways of matching: [name, typed, exact]. */
export const MODES = [
  ['typed exact', true, true],
  ['typed overlap', true, false],
  ['any exact', false, true],
  ['any overlap', false, false],
] as const;

export type ModeName = (typeof MODES)[number][0];

export function predict(doc: GumDoc): Scored[] {
  return suggestActors(doc.text).map((s) => ({ start: s.start, end: s.end, type: TYPE_OF_KIND[s.kind] }));
}

export interface Evaluation {
  /** Counts per mode, in the order of MODES. */
  modes: Counts[];
  /** Typed exact counts per GUM type. */
  perType: Record<GumType, Counts>;
}

/** Scores docs against their outermost gold names (`outer`) or all of them. */
export function evaluate(docs: readonly GumDoc[], outer: boolean): Evaluation {
  const modes = MODES.map(() => ZERO);
  const perType: Record<GumType, Counts> = { person: ZERO, org: ZERO, place: ZERO };
  for (const doc of docs) {
    const gold: Scored[] = doc.entities.filter((e) => !outer || !e.nested);
    const pred = predict(doc);
    MODES.forEach(([, typed, exact], i) => (modes[i] = add(modes[i]!, count(gold, pred, typed, exact))));
    for (const t of ['person', 'org', 'place'] as const)
      perType[t] = add(
        perType[t],
        count(
          gold.filter((g) => g.type === t),
          pred.filter((p) => p.type === t),
          true,
          true,
        ),
      );
  }
  return { modes, perType };
}

/** Precision, recall and F1 of one mode of an evaluation. */
export function figure(e: Evaluation, mode: ModeName): { p: number; r: number; f: number } {
  return prf(e.modes[MODES.findIndex(([name]) => name === mode)]!);
}
