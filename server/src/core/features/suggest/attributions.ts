/**
 * Suggested claims from attributions (issue 12, section 3): reported speech
 * and thought with a source. Rule-based over the suggester's tokens
 * (tokens.ts): a lexicon of reporting verbs ("said", "told", "warned",
 * "believes", …), quotation marks (straight and curly) with the cue after the
 * quote (`“…,” said X`, `“…,” X said`), before it (`X said: “…”`) or around it
 * (split quotes), indirect speech (`X said (that) …`, `X told reporters
 * (that) …`, `…, X said.`) and `according to X`. The content is the text
 * inside the quotation marks (a trailing comma dropped) or the reported clause
 * (without the sentence's final punctuation); the speaker is the noun phrase
 * of the cue. `by` is the id of an actor inside that phrase (a person first),
 * `anonymous` for a phrase headed by a common noun ("a NATO official",
 * "diplomats familiar with …", "sources"), the last person actor before a
 * "he"/"she", the quotation's speaker for an "I"/"we" inside it, a low-confidence
 * guess for "I"/"we" outside quotations and "they", or a proposed id for a
 * capitalised name no actor covers. `key`
 * and `value` are never suggested. Pure and deterministic: no I/O. The rules,
 * what `by` is and the figures on GUM: docs/suggestions.md, "Suggested claims".
 */
import { slugify, type ActorKind } from '../../../../../common/actors';
import type { Registry } from '../../model/registry';
import type { SourceModel } from '../../model/source';
import { parseText, stripMarkup, type ParsedText } from '../../syntax/parser';
import { excludedRegions } from '../../syntax/words';
import { suggestActorsInSource, type ActorSuggestion, type KnownName } from './suggest';
import { tokenize, type Tok } from './tokens';

/** An actor the speaker may be: an actor suggestion or an existing actor span, with its id. */
export interface SpeakerActor {
  start: number;
  end: number;
  id: string;
  /** True when the id is not in the registry. */
  isNew: boolean;
  kind?: ActorKind;
}

export interface ClaimSuggestion {
  /** The attributed content: inside the quotation marks, or the reported clause. `text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /**
   * The words of the cue naming the source ("Mark Rutte", "a NATO official", "he"); in a source, widened over
   * whole spans, with `text` the words without markup.
   */
  speaker: { start: number; end: number; text: string };
  /** An actor id, or `anonymous` for an unnamed source. */
  by: string;
  /** True when `by` is a proposed id, not an id of the registry (never for `anonymous`). */
  byIsNew: boolean;
  confidence: number;
  /** The reporting verb as written ("said", "according to"). */
  cue: string;
}

export interface ClaimSuggestOptions {
  /** Actors found in the text (sorted or not): speakers are matched against them. */
  actors?: readonly SpeakerActor[];
  /** Sorted, disjoint [start, end) ranges that are not prose. */
  excluded?: ReadonlyArray<readonly [number, number]>;
  /** Suggestions below this confidence are dropped (default 0). */
  minConfidence?: number;
}

/** Reporting verbs, every form listed; `true` marks speech, `false` thought (weaker evidence). */
const VERBS = new Map<string, boolean>();
/** The base forms among them ("say", "report"). */
const BASE = new Set<string>();
function lexicon(forms: string, speech: boolean): void {
  const [base, ...rest] = forms.split(' ');
  BASE.add(base!);
  for (const f of [base!, ...rest]) VERBS.set(f, speech);
}
for (const forms of [
  'say says said',
  'tell tells told',
  'add adds added',
  'state states stated',
  'announce announces announced',
  'report reports reported',
  'claim claims claimed',
  'argue argues argued',
  'warn warns warned',
  'deny denies denied',
  'insist insists insisted',
  'explain explains explained',
  'note notes noted',
  'observe observes observed',
  'write writes wrote',
  'tweet tweets tweeted',
  'comment comments commented',
  'remark remarks remarked',
  'confirm confirms confirmed',
  'acknowledge acknowledges acknowledged',
  'admit admits admitted',
  'estimate estimates estimated',
  'predict predicts predicted',
  'assert asserts asserted',
  'allege alleges alleged',
  'reveal reveals revealed',
  'declare declares declared',
  'stress stresses stressed',
  'concede concedes conceded',
  'contend contends contended',
  'reply replies replied',
  'ask asks asked',
  'urge urges urged',
  'testify testifies testified',
  'complain complains complained',
  'conclude concludes concluded',
  'emphasise emphasises emphasised',
  'emphasize emphasizes emphasized',
  'suggest suggests suggested',
  'maintain maintains maintained',
  'recall recalls recalled',
  'submit submits submitted',
  'show shows showed',
  'propose proposes proposed',
  'find finds found',
])
  lexicon(forms, true);
for (const forms of [
  'believe believes believed',
  'think thinks thought',
  'feel feels felt',
  'hope hopes hoped',
  'fear fears feared',
  'expect expects expected',
  'suspect suspects suspected',
  'learn learns learned learnt',
  'theorize theorizes theorized',
  'theorise theorises theorised',
  'doubt doubts doubted',
  'remember remembers remembered',
  'hear hears heard',
  'know knows knew',
  'guess guesses guessed',
  'suppose supposes supposed',
  'presume presumes presumed',
  'realise realises realised',
  'realize realizes realized',
])
  lexicon(forms, false);

/** Words between a subject and its verb ("has also said", "had not told"). */
const AUX = new Set(
  'has have had was is were also later previously then reportedly again still not did does do will would could can should must shall may might further repeatedly publicly privately recently once'.split(
    ' ',
  ),
);
/** Negated auxiliaries ("I don't think", "he didn't say"): between a subject and its verb, and before a base form. */
const NEGATED = new Set("don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't mustn't".split(' '));
/** Words that end a noun phrase read leftwards (clause openers, conjunctions, prepositions). */
const STOP = new Set(
  'that which who whom whose and but or nor while when where because if as since so than after before though although then in on at by from during with to into over under for about against between among until unless whether what how why there it this these those'.split(
    ' ',
  ),
);
const ADVERBS = new Set('also twice never not initially later reportedly previously then again still once'.split(' '));
const PLURAL_NOUNS = new Set(
  'states reports claims notes remarks comments estimates tweets hopes fears doubts statements'.split(' '),
);
/** Present participles that introduce a quotation right after them. */
const ING = new Set(
  'saying stating writing adding telling noting claiming arguing warning explaining insisting'.split(' '),
);
const BE = new Set('be been being was were is are am'.split(' '));
const MODALS = new Set('do does did will would could can may might should must not to'.split(' '));
/** Words after which a reporting verb is a noun ("reports have", "claims were"). */
const AFTER_NOUN = new Set('has have had was were is are of by'.split(' '));
const PREPOSITIONS = new Set('in on at to during after before with via through'.split(' '));
/** Words that may open a reported clause although they end a subject phrase. */
const CLAUSE_OPENERS = new Set('why how what whether when where who which there it this these those if'.split(' '));
const DETERMINERS = new Set(
  'a an the his her their its our my your one some many several two three four five most other another both each every no any'.split(
    ' ',
  ),
);
const PRONOUNS = new Set(['he', 'she']);
/** Heads of a phrase that names no one, even capitalised at the start of a sentence ("Sources said …"). */
const ANONYMOUS_HEADS = new Set(
  'source sources official officials diplomat diplomats analyst analysts expert experts observer observers critic critics witness witnesses resident residents people insider insiders spokesperson spokesman spokeswoman'.split(
    ' ',
  ),
);
/** Pronouns the suggester cannot resolve (no antecedent in an article's prose, or not a person). */
const OTHER_PRONOUNS = new Set('i we they you it us me them someone everyone nobody'.split(' '));
/** First-person subjects: inside a cued quotation its speaker, outside one a guess (see `firstPersonId`). */
const FIRST_PERSON = new Set(['i', 'we']);
/** Words that show a finite clause ("the talks failed", "there were concerns") rather than an object. */
const FINITE =
  /^(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do|been|left|went|made|took|got|gave|came|became|saw|knew|found|kept|held|began|won|lost|paid|sent|spent|built|brought|bought|met|led|fell|rose|ran|\p{Ll}{2,}ed)$/u;
/** After these a preposition does not end the phrase: "diplomats familiar with …", "a source close to …". */
const QUALIFIERS = new Set(['familiar', 'close', 'knowledge', 'briefed', 'involved']);
/** Objects of "told" that are not part of the reported clause. */
const AUDIENCE = new Set([
  'reporters',
  'journalists',
  'him',
  'her',
  'them',
  'us',
  'me',
  'you',
  'parliament',
  'lawmakers',
]);
const QUOTES = new Set(['"', '\u201c', '\u201d']);
const ENDS = new Set(['.', '!', '?', '\u2026']);
const CAPITAL = /^[\p{Lu}\p{Lt}]/u;

interface Quote {
  open: number;
  close: number;
}

/** One paragraph's tokens with its quotations paired. */
interface Para {
  toks: readonly Tok[];
  text: string;
  /** For each token, the index of the quotation it lies strictly inside, or -1. */
  inside: Int32Array;
  quotes: Quote[];
  /** For each token, the index of the first token of its sentence (quotations never split a sentence). */
  sentStart: Int32Array;
  sentEnd: Int32Array;
}

interface Raw {
  start: number;
  end: number;
  speaker: [number, number];
  verb: boolean;
  cue: string;
  quoted: boolean;
  /** `I`/`we` inside a quotation: the speaker is the quotation's. */
  within?: boolean;
}

/** Claims suggested from the attributions of a text, in text order, never overlapping one another. */
export function suggestClaims(text: string, opts: ClaimSuggestOptions = {}): ClaimSuggestion[] {
  const toks = tokenize(text, opts.excluded ?? []);
  const raws: Raw[] = [];
  let lead: Cue | undefined;
  for (const para of paragraphs(toks, text)) {
    quotePass(para, raws, lead);
    if (lead && para.quotes[0]?.open !== 0) blockQuote(para, raws, lead);
    lead = leadCue(para);
    indirectPass(para, raws);
  }
  const actors = [...(opts.actors ?? [])].sort((a, b) => a.start - b.start);
  const min = opts.minConfidence ?? 0;
  const kept: ClaimSuggestion[] = [];
  for (const r of raws) {
    if (r.end <= r.start || kept.some((k) => crosses(k, r))) continue;
    const host = r.within ? quotationOf(r, raws, text, actors) : undefined;
    if (r.within && !host) continue;
    const s = toSuggestion(r, text, actors, host);
    if (s && s.confidence >= min) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The suggestion of the cued quotation that holds a first-person speaker (`“… I think …,” said X`), if any. */
function quotationOf(
  r: Raw,
  raws: readonly Raw[],
  text: string,
  actors: readonly SpeakerActor[],
): ClaimSuggestion | undefined {
  const q = raws.find((h) => h.quoted && !h.within && h.start <= r.speaker[0] && r.speaker[1] <= h.end);
  return q && toSuggestion(q, text, actors);
}

/** Two ranges that overlap without one holding the other, or that are the same. */
function crosses(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === b.start && a.end === b.end) return true;
  const nested = (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
  return a.start < b.end && b.start < a.end && !nested;
}

function paragraphs(toks: readonly Tok[], text: string): Para[] {
  const out: Para[] = [];
  let from = 0;
  for (let i = 1; i <= toks.length; i++)
    if (i === toks.length || /[\r\n]/.test(text.slice(toks[i - 1]!.end, toks[i]!.start))) {
      out.push(para(toks.slice(from, i), text));
      from = i;
    }
  return out;
}

function para(toks: readonly Tok[], text: string): Para {
  const inside = new Int32Array(toks.length).fill(-1);
  const quotes: Quote[] = [];
  let open = -1;
  toks.forEach((t, i) => {
    if (!QUOTES.has(t.text)) return;
    const opens = t.text === '\u201c' || (t.text === '"' && open < 0);
    if (opens && t.text === '\u201c' && open >= 0 && toks[open]!.text === '\u201c') open = i;
    else if (opens && open < 0) open = i;
    else if (!opens && open >= 0) {
      quotes.push({ open, close: i });
      for (let k = open + 1; k < i; k++) inside[k] = quotes.length - 1;
      open = -1;
    }
  });
  const sentStart = new Int32Array(toks.length);
  const sentEnd = new Int32Array(toks.length);
  let s = 0;
  for (let i = 0; i < toks.length; i++) {
    const boundary = i === toks.length - 1 || (inside[i]! < 0 && ENDS.has(toks[i]!.text) && toks[i + 1]!.text !== ')');
    if (!boundary) continue;
    for (let k = s; k <= i; k++) {
      sentStart[k] = s;
      sentEnd[k] = i;
    }
    s = i + 1;
  }
  return { toks, text, inside, quotes, sentStart, sentEnd };
}

const lower = (p: Para, i: number): string => (p.toks[i]?.text ?? '').toLowerCase().replace(/\u2019/g, "'");
const isWord = (p: Para, i: number): boolean => p.toks[i]?.word ?? false;
/** An auxiliary or an adverb in -ly between a subject and its verb. */
const isAux = (p: Para, i: number): boolean =>
  AUX.has(lower(p, i)) || NEGATED.has(lower(p, i)) || /^\p{Ll}{3,}ly$/u.test(p.toks[i]?.text ?? '');
const isNameChar = (p: Para, i: number): boolean => ["'", '\u2019', '&', '-'].includes(p.toks[i]?.text ?? '');

/** The reporting verb at i (speech or thought), if any, outside quotations. */
function verbAt(p: Para, i: number, quoted = false): boolean | undefined {
  if (!isWord(p, i) || (p.inside[i]! >= 0 && !quoted) || !/^\p{Ll}/u.test(p.toks[i]!.text)) return undefined;
  const w = lower(p, i);
  const kind = VERBS.get(w);
  if (kind === undefined) return undefined;
  let b = i - 1;
  while (b >= 0 && (/^\p{Ll}{3,}ly$/u.test(p.toks[b]!.text) || ADVERBS.has(p.toks[b]!.text))) b--;
  const before = lower(p, b);
  // A noun ("the report", "Gordon's alleged tomb", "reports have"), a passive ("were denied"), an infinitive.
  if (DETERMINERS.has(before) || BE.has(before) || before === 's' || before === 'to') return undefined;
  if (AFTER_NOUN.has(lower(p, i + 1)) && !(lower(p, i + 1) === 'of' && /^(?:said|says)$/.test(w))) return undefined;
  // "member states", "recent reports": a form that is also a plural noun needs `that`, punctuation or a quote.
  const next = lower(p, i + 1);
  if (PLURAL_NOUNS.has(w) && !(next === 'that' || PRONOUNS.has(next) || !isWord(p, i + 1))) return undefined;
  // A base form ("say", "report") is a verb after a modal or a plural subject only.
  if (BASE.has(w) && !MODALS.has(before) && !NEGATED.has(before) && !/(?:s|they|we|i|you)$/.test(before))
    return undefined;
  return kind;
}

/**
 * The subject read leftwards from just before token `end` (exclusive), not before `floor`: auxiliaries
 * skipped; over an appositive ("Jeff Rathke, the spokesman, said") to the name before it. From the first
 * determiner on, at most 9 words.
 */
function leftPhrase(p: Para, end: number, floor: number): [number, number] | undefined {
  let j = end - 1;
  while (j >= floor && isAux(p, j)) j--;
  if (j >= floor && p.toks[j]!.text === ',') {
    let k = j - 1;
    while (k > floor && k > j - 14 && p.toks[k]!.text !== ',' && (isWord(p, k) || isNameChar(p, k))) k--;
    // "Secunia.com, has said": the phrase before the comma is the subject; otherwise the name before an apposition.
    if (p.toks[k]?.text === ',' && k > floor) j = k - 1;
    else if (k === floor && isWord(p, k)) j = j - 1;
    else return undefined;
  }
  const last = j;
  // "In 31 languages we found …": a subject pronoun is the whole subject.
  const w0 = lower(p, last);
  if (isWord(p, last) && p.inside[last]! < 0 && (PRONOUNS.has(w0) || FIRST_PERSON.has(w0) || w0 === 'they'))
    return [last, last];
  let words = 0;
  while (j >= floor && words < 9) {
    const t = p.toks[j]!;
    const w = lower(p, j);
    if (p.inside[j]! >= 0) break;
    if (t.word) {
      if (STOP.has(w) && !(QUALIFIERS.has(lower(p, j - 1)) && (w === 'with' || w === 'to' || w === 'on'))) break;
      if (VERBS.has(w) && j !== last) break;
      words++;
    } else if (!["'", '\u2019', '&', '-'].includes(t.text)) break;
    j--;
  }
  let first = j + 1;
  // "Devocht, who had told …": the relative pronoun's antecedent.
  if (first > last && lower(p, j) === 'who' && p.toks[j - 1]?.text === ',' && j - 1 > floor)
    return leftPhrase(p, j - 1, floor);
  if (first > last) return undefined;
  let determiner = false;
  for (let k = first; k <= last && !QUALIFIERS.has(lower(p, k)); k++)
    if (DETERMINERS.has(lower(p, k))) {
      first = k;
      determiner = true;
      break;
    }
  // No determiner and a name at the end: the name after the last lower-case word ("They met Devocht").
  if (!determiner && CAPITAL.test(p.toks[last]!.text))
    for (let k = last; k > first; k--)
      if (isWord(p, k - 1) && /^\p{Ll}/u.test(p.toks[k - 1]!.text) && CAPITAL.test(p.toks[k]!.text)) {
        first = k;
        break;
      }
  if (!isWord(p, first) || !isWord(p, last) || DETERMINERS.has(lower(p, last))) return undefined;
  if (
    first === last &&
    OTHER_PRONOUNS.has(lower(p, first)) &&
    !FIRST_PERSON.has(lower(p, first)) &&
    lower(p, first) !== 'they'
  )
    return undefined;
  const pronoun = PRONOUNS.has(lower(p, first)) || FIRST_PERSON.has(lower(p, first)) || lower(p, first) === 'they';
  if (first === last && !pronoun && !CAPITAL.test(p.toks[first]!.text)) {
    // A single lower-case word is a plausible source only as a plural noun ("officials", "sources").
    if (!/[a-z]s$/.test(p.toks[first]!.text)) return undefined;
  }
  return [first, last];
}

/** The phrase after a verb ("said Ambassador Mohib", "said a spokesman for the ministry"), up to punctuation. */
function rightPhrase(p: Para, from: number, limit: number): [number, number] | undefined {
  let j = from;
  while (j <= limit && j - from < 9) {
    const t = p.toks[j]!;
    if (!t.word && !["'", '\u2019', '&', '-'].includes(t.text)) break;
    if (t.word && j > from && STOP.has(lower(p, j)) && !['of', 'for'].includes(lower(p, j))) break;
    j++;
  }
  if (j === from || !isWord(p, j - 1) || DETERMINERS.has(lower(p, j - 1))) return undefined;
  const first = lower(p, from);
  if (!CAPITAL.test(p.toks[from]!.text) && !DETERMINERS.has(first) && !PRONOUNS.has(first)) return undefined;
  return [from, j - 1];
}

/** Content inside a quotation: from after the opening mark to before the closing one, a trailing comma dropped. */
function quoteContent(p: Para, q: Quote): [number, number] | undefined {
  let last = q.close - 1;
  while (last > q.open && p.toks[last]!.text === ',') last--;
  if (last - q.open < 2) return undefined;
  return [p.toks[q.open + 1]!.start, p.toks[last]!.end];
}

/** `In it, Norton observed:` ⏎ a paragraph with no quotation marks: the paragraph is the content (a block quotation). */
function blockQuote(p: Para, out: Raw[], lead: Cue): void {
  let words = 0;
  for (let k = 0; k < p.toks.length; k++) if (isWord(p, k)) words++;
  if (words < 3) return;
  out.push({ start: p.toks[0]!.start, end: p.toks[p.toks.length - 1]!.end, ...lead, quoted: false });
}

function quotePass(p: Para, out: Raw[], lead?: Cue): void {
  // A paragraph that opens with a quotation after one that ends in `X tweeted using his account:`.
  let carried: Cue | undefined = p.quotes[0]?.open === 0 ? lead : undefined;
  p.quotes.forEach((q, n) => {
    const content = quoteContent(p, q);
    const after = cueAfter(p, q);
    const cue = after?.cue ?? carried ?? cueBefore(p, q, n > 0 ? p.quotes[n - 1]!.close + 1 : 0);
    // A split quotation: “…,” said X, “…” — the second part has the first part's speaker.
    const next = p.quotes[n + 1];
    carried = after && next && after.end + 1 === next.open && p.toks[after.end]!.text === ',' ? after.cue : undefined;
    if (content && cue) out.push({ start: content[0], end: content[1], ...cue, quoted: true });
  });
}

type Cue = Pick<Raw, 'speaker' | 'verb' | 'cue'>;

/**
 * A paragraph ending in a colon after a reporting verb (`Obama tweeted using his @POTUS account:`, `He wrote on
 * his blog:`): the cue of a quotation opening the next paragraph.
 */
function leadCue(p: Para): Cue | undefined {
  const colon = p.toks.length - 1;
  if (p.toks[colon]?.text !== ':' || p.inside[colon]! >= 0) return undefined;
  const s = p.sentStart[colon]!;
  for (let v = colon - 1; v >= s && v >= colon - 8; v--) {
    const verb = verbAt(p, v);
    if (verb === undefined) continue;
    const phrase = leftPhrase(p, v, s);
    return phrase && { speaker: span(p, phrase), verb, cue: p.toks[v]!.text };
  }
  return undefined;
}

/**
 * `“…,” said X`, `“…,” X said`, `“….” X added.`: the cue between the closing mark and the next punctuation,
 * with the index of that punctuation.
 */
function cueAfter(p: Para, q: Quote): { cue: Cue; end: number } | undefined {
  let i = q.close + 1;
  if (p.toks[i]?.text === ',') i++;
  if (['\u2014', '\u2013', '-'].includes(p.toks[i]?.text ?? '') && q.close + 1 === i) {
    // “…” — Rick Santorum
    let k = i + 1;
    while (k < p.toks.length && (CAPITAL.test(p.toks[k]!.text) || isNameChar(p, k))) k++;
    if (k === i + 1 || !isWord(p, k - 1) || (k < p.toks.length && isWord(p, k))) return undefined;
    return { cue: { speaker: span(p, [i + 1, k - 1]), verb: true, cue: p.toks[i]!.text }, end: k };
  }
  let end = i;
  while (end < p.toks.length && end - i < 12 && (isWord(p, end) || isNameChar(p, end))) end++;
  for (let v = i; v < end; v++) {
    const verb = verbAt(p, v);
    if (verb === undefined) continue;
    let before = i;
    while (before < v && isAux(p, before)) before++;
    const phrase = before === v ? rightPhrase(p, v + 1, end - 1) : leftPhrase(p, v, i);
    if (!phrase) return undefined;
    // `“….” The poster wrote that “…”`: after a full sentence, a cue that opens the next quotation is its cue.
    const opens = [',', ':'].includes(p.toks[end]?.text ?? '') ? end + 1 : end;
    if (ENDS.has(p.toks[q.close - 1]!.text) && p.quotes.some((o) => o.open === opens) && before !== v) return undefined;
    return { cue: { speaker: span(p, phrase), verb, cue: p.toks[v]!.text }, end };
  }
  return undefined;
}

/** `X said: “…”`, `X told reporters, “…”`, `X said that “…”`, `according to X, “…”`: the cue just before. */
function cueBefore(p: Para, q: Quote, floor: number): Cue | undefined {
  let j = q.open - 1;
  if ([',', ':'].includes(p.toks[j]?.text ?? '')) j--;
  if (lower(p, j) === 'that') j--;
  const according = accordingTo(p, j, floor);
  if (according) return according;
  // "with one poster writing “…”", "a message stating, “…”", "…, writing in a blog post “…”"
  let g = j;
  if (!ING.has(lower(p, g)))
    for (let k = j; k >= floor && k >= j - 5 && isWord(p, k); k--)
      if (ING.has(lower(p, k - 1)) && PREPOSITIONS.has(lower(p, k))) g = k - 1;
  if (ING.has(lower(p, g)) && p.inside[g]! < 0) {
    const s = Math.max(floor, p.sentStart[g]!);
    const phrase = p.toks[g - 1]?.text === ',' ? sentenceSubject(p, s, g - 1) : leftPhrase(p, g, s);
    if (phrase) return { speaker: span(p, phrase), verb: true, cue: p.toks[g]!.text };
  }
  for (let v = j; v >= floor && v >= j - 8; v--) {
    const verb = verbAt(p, v);
    if (verb === undefined) continue;
    // Between the verb and the quotation: the audience of "told", or a phrase ("remarked to The Paper,").
    const between = (k: number): boolean => k > j || ((isWord(p, k) || isNameChar(p, k)) && between(k + 1));
    const told = /^(?:tells?|told)$/.test(lower(p, v)) && v >= j - 3;
    if (v < j && !told && !(['to', 'of', 'on', 'about', 'in'].includes(lower(p, v + 1)) && between(v + 1)))
      return undefined;
    const phrase = leftPhrase(p, v, Math.max(floor, p.sentStart[v]!));
    if (!phrase) return undefined;
    return { speaker: span(p, phrase), verb, cue: p.toks[v]!.text };
  }
  return undefined;
}

/** `One poster admitted …, writing …`: the subject of the first reporting verb in [s, end). */
function sentenceSubject(p: Para, s: number, end: number): [number, number] | undefined {
  for (let u = s; u < end; u++) if (verbAt(p, u) !== undefined) return leftPhrase(p, u, s);
  return undefined;
}

/** `according to X` ending at token `end`. */
function accordingTo(p: Para, end: number, floor: number): Cue | undefined {
  for (let a = end - 2; a >= floor && a >= end - 11; a--) {
    if (lower(p, a) !== 'according' || lower(p, a + 1) !== 'to') continue;
    const phrase = rightPhraseAny(p, a + 2, end);
    return phrase ? { speaker: span(p, phrase), verb: true, cue: 'according to' } : undefined;
  }
  return undefined;
}

/** Words from `from` to `end`, all of them words (or possessive apostrophes). */
function rightPhraseAny(p: Para, from: number, end: number): [number, number] | undefined {
  for (let k = from; k <= end; k++)
    if (!isWord(p, k) && !["'", '\u2019', '&', '-'].includes(p.toks[k]!.text)) return undefined;
  return end >= from && isWord(p, end) ? [from, end] : undefined;
}

function span(p: Para, [a, b]: [number, number]): [number, number] {
  return [p.toks[a]!.start, p.toks[b]!.end];
}

/** Indirect speech: `according to X, …`, `X said (that) …`, `…, X said.` and `…, said X.` */
function indirectPass(p: Para, out: Raw[]): void {
  for (let i = 0; i < p.toks.length; i++) {
    if (p.inside[i]! >= 0) {
      quotedFirstPerson(p, i, out);
      continue;
    }
    const s = p.sentStart[i]!;
    const e = p.sentEnd[i]!;
    const last = ENDS.has(p.toks[e]!.text) ? e - 1 : e;
    if (lower(p, i) === 'according' && lower(p, i + 1) === 'to') {
      according(p, i, s, last, out);
      continue;
    }
    nounCue(p, i, s, last, out);
    asSaid(p, i, s, last, out);
    passive(p, i, s, last, out);
    const verb = verbAt(p, i);
    if (verb === undefined) continue;
    if (!clauseFirst(p, i, verb, s, last, out)) subjectFirst(p, i, verb, s, last, out);
  }
}

/**
 * `I think …`, `we hope …` inside a quotation: the clause up to the end of its sentence within the quotation; the
 * speaker is resolved to the quotation's (see `quotationOf`). Other subjects inside a quotation are not read.
 */
function quotedFirstPerson(p: Para, v: number, out: Raw[]): void {
  const q = p.quotes[p.inside[v]!]!;
  const verb = verbAt(p, v, true);
  if (verb === undefined) return;
  let j = v - 1;
  while (j > q.open && isAux(p, j)) j--;
  if (j <= q.open || !FIRST_PERSON.has(lower(p, j))) return;
  if (j - 1 > q.open && isWord(p, j - 1) && !['and', 'but', 'so', 'because'].includes(lower(p, j - 1))) return;
  let last = v + 1;
  while (last < q.close && !ENDS.has(p.toks[last]!.text)) last++;
  last--;
  let c = v + 1;
  const after = lower(p, c);
  if (after === 'that') c++;
  else if (!isWord(p, c) || (STOP.has(after) && !CLAUSE_OPENERS.has(after))) return;
  else if (!/^(?:say|says|said)$/.test(lower(p, v)) && !finiteClause(p, c, last)) return;
  if (c <= last && push(p, out, c, last, [j, j], verb, p.toks[v]!.text)) out[out.length - 1]!.within = true;
}

function push(
  p: Para,
  out: Raw[],
  a: number,
  b: number,
  speaker: [number, number],
  verb: boolean,
  cue: string,
): boolean {
  while (b > a && [',', ';', ':', '-'].includes(p.toks[b]!.text)) b--;
  let words = 0;
  for (let k = a; k <= b; k++) if (isWord(p, k)) words++;
  if (words < 3) return false;
  out.push({ start: p.toks[a]!.start, end: p.toks[b]!.end, speaker: span(p, speaker), verb, cue, quoted: false });
  return true;
}

function according(p: Para, i: number, s: number, last: number, out: Raw[]): void {
  let c = i + 2;
  while (c <= last && (isWord(p, c) || isNameChar(p, c))) c++;
  if (i === s && c > last) {
    // "According to Rathbun the property was returned": no comma, the name is the capitalised run.
    c = i + 2;
    while (c <= last && (CAPITAL.test(p.toks[c]!.text) || isNameChar(p, c))) c++;
    if (c > i + 2 && c <= last && isWord(p, c - 1)) push(p, out, c, last, [i + 2, c - 1], true, 'according to');
    return;
  }
  const phrase = rightPhraseAny(p, i + 2, c - 1);
  if (!phrase) return;
  if (i === s && p.toks[c]?.text === ',') push(p, out, c + 1, last, phrase, true, 'according to');
  else if (i > s && (c > last || p.toks[c]!.text === ',')) push(p, out, s, i - 1, phrase, true, 'according to');
}

function subjectFirst(p: Para, v: number, verb: boolean, s: number, last: number, out: Raw[]): boolean {
  const phrase = leftPhrase(p, v, s) ?? coordinated(p, v, s);
  if (!phrase) return false;
  let c = v + 1;
  const word = lower(p, v);
  if (/^(?:tells?|told)$/.test(word)) {
    if (AUDIENCE.has(lower(p, c)) || CAPITAL.test(p.toks[c]?.text ?? ''))
      while (CAPITAL.test(p.toks[c]?.text ?? '') || AUDIENCE.has(lower(p, c))) c++;
    else if (lower(p, c) === 'the' && isWord(p, c + 1)) c += 2;
    else return false;
  }
  if (p.toks[c]?.text === ',') {
    // "explains, in a satirical fashion, that …"
    let k = c + 1;
    while (k <= last && k - c < 8 && p.toks[k]!.text !== ',') k++;
    const parenthetical = k <= last && p.toks[k]!.text === ',' && lower(p, k + 1) === 'that';
    // "he said, I hereby issue waivers …": direct speech with no quotation marks after "said,".
    if (!parenthetical && /^(?:say|says|said)$/.test(word) && isWord(p, c + 1) && finiteClause(p, c + 1, last)) k = c;
    else if (!parenthetical) return false;
    c = k + 1;
  }
  if (PREPOSITIONS.has(lower(p, c)) || lower(p, c) === 'of') {
    // "said in a statement that …", "told LA Weekly on Monday that …", "said of his time at Second City that …"
    let k = c;
    while (k <= last && k - c < 8 && lower(p, k) !== 'that' && p.toks[k]!.text !== ':') k++;
    if (k > last || k - c >= 8) return false;
    c = k;
  }
  const after = lower(p, c);
  if (after === 'that') c++;
  else if (after === ':') c++;
  else if (!isWord(p, c) || (STOP.has(after) && !CLAUSE_OPENERS.has(after))) return false;
  else if (!/^(?:say|says|said)$/.test(word) && !finiteClause(p, c, last)) return false;
  if (c > last || QUOTES.has(p.toks[c]!.text)) return false;
  return push(p, out, c, last, phrase, verb, p.toks[v]!.text);
}

/** `X tweeted to Mohamed and said …`: after `and`, the subject of an earlier reporting verb of the sentence. */
function coordinated(p: Para, v: number, s: number): [number, number] | undefined {
  let j = v - 1;
  while (j > s && isAux(p, j)) j--;
  if (lower(p, j) !== 'and') return undefined;
  for (let u = j - 1; u >= s && u >= j - 8; u--) {
    if (!isWord(p, u)) break;
    if (verbAt(p, u) !== undefined) return leftPhrase(p, u, s);
  }
  // "Montalvo had known Devocht personally, and came to the conclusion that …": a sentence opening with a name.
  let k = s;
  while (
    k < j &&
    CAPITAL.test(p.toks[k]!.text) &&
    isWord(p, k) &&
    !STOP.has(lower(p, k)) &&
    !DETERMINERS.has(lower(p, k))
  )
    k++;
  return k > s && /^\p{Ll}/u.test(p.toks[k]?.text ?? '') && isWord(p, k) ? [s, k - 1] : undefined;
}

/** `as X said, …` (the clause after it) and `…, as X said.` (the clause before it). */
function asSaid(p: Para, a: number, s: number, last: number, out: Raw[]): void {
  if (lower(p, a) !== 'as') return;
  let v = a + 2;
  while (v <= last && v - a < 10 && isWord(p, v) && verbAt(p, v) === undefined) v++;
  const verb = verbAt(p, v);
  if (verb === undefined) return;
  const phrase = leftPhrase(p, v, a + 1);
  if (!phrase || phrase[0] !== a + 1) return;
  const cue = p.toks[v]!.text;
  if (p.toks[v + 1]?.text === ',' && (a === s || p.toks[a - 1]!.text === ','))
    push(p, out, v + 2, last, phrase, verb, cue);
  else if (v === last && p.toks[a - 1]?.text === ',' && a - 1 > s) push(p, out, s, a - 2, phrase, verb, cue);
}

/**
 * `It was announced by the ministry that …`, `…, it was reported by Reuters.`: a past participle after a form of
 * *be*, then `by X`.
 */
function passive(p: Para, v: number, s: number, last: number, out: Raw[]): void {
  if (!VERBS.has(lower(p, v)) || BASE.has(lower(p, v)) || !BE.has(lower(p, v - 1)) || lower(p, v + 1) !== 'by') return;
  let e = v + 2;
  while (e <= last && (isWord(p, e) || isNameChar(p, e)) && lower(p, e) !== 'that') e++;
  const phrase = rightPhraseAny(p, v + 2, e - 1);
  if (!phrase) return;
  const verb = VERBS.get(lower(p, v))!;
  if (lower(p, e) === 'that' && lower(p, v - 2) === 'it') push(p, out, e + 1, last, phrase, verb, p.toks[v]!.text);
  else if (e > last && lower(p, v - 2) === 'it' && p.toks[v - 3]?.text === ',' && v - 3 > s)
    push(p, out, s, v - 4, phrase, verb, p.toks[v]!.text);
}

/** Nouns of a reporting phrase: "came to the conclusion that", "expressed the hope that". */
const CUE_NOUNS = new Set('conclusion view belief hope opinion impression fear assurance argument doubt'.split(' '));
/** Adjectives of certainty after *be*: "I am sure that …". */
const SURE = new Set('sure convinced certain confident aware'.split(' '));
/** Light verbs before them. */
const LIGHT = new Set(
  'came come comes reached reach reaches expressed express expresses voiced shared gave gives held holds have has had'.split(
    ' ',
  ),
);

/** `X came to the conclusion that …`, `X expressed the hope that …`: the noun at n, its light verb before it. */
function nounCue(p: Para, n: number, s: number, last: number, out: Raw[]): void {
  if (lower(p, n + 1) !== 'that') return;
  const lv = lower(p, n - 2) === 'to' ? n - 3 : n - 2;
  // "I am sure that …": an adjective after a form of *be*.
  if (SURE.has(lower(p, n)) && BE.has(lower(p, n - 1)) && lower(p, n + 1) === 'that') {
    const subject = leftPhrase(p, n - 1, s);
    if (subject && finiteClause(p, n + 2, last)) push(p, out, n + 2, last, subject, false, p.toks[n]!.text);
    return;
  }
  if (!CUE_NOUNS.has(lower(p, n)) || !DETERMINERS.has(lower(p, n - 1)) || lv < s || !LIGHT.has(lower(p, lv))) return;
  const phrase = leftPhrase(p, lv, s) ?? coordinated(p, lv, s);
  if (phrase && finiteClause(p, n + 2, last)) push(p, out, n + 2, last, phrase, true, p.toks[n]!.text);
}

/** A finite verb among the first eight words from `from`, before any comma: a clause, not an object. */
function finiteClause(p: Para, from: number, last: number): boolean {
  if (PRONOUNS.has(lower(p, from)) || OTHER_PRONOUNS.has(lower(p, from)) || lower(p, from) === 'there') return true;
  for (let k = from + 1; k <= last && k - from < 9; k++) {
    if (p.toks[k]!.text === ',' || p.toks[k]!.text === ';') return false;
    if (FINITE.test(p.toks[k]!.text)) return true;
  }
  return false;
}

function clauseFirst(p: Para, v: number, verb: boolean, s: number, last: number, out: Raw[]): boolean {
  let comma = v - 1;
  while (comma > s && p.toks[comma]!.text !== ',' && isWord(p, comma) && v - comma < 10) comma--;
  if (comma <= s || p.toks[comma]!.text !== ',') return false;
  let phrase: [number, number] | undefined;
  if (comma === v - 1) phrase = finiteClause(p, v + 1, last) ? undefined : rightPhrase(p, v + 1, last);
  else {
    phrase = leftPhrase(p, v, comma + 1);
    if (phrase && phrase[0] !== comma + 1) return false;
    let k = v + 1;
    // "If it cannot do so now, Petitioner submits, he is entitled to release.": the clause after the parenthetical.
    if (
      phrase &&
      p.toks[k]?.text === ',' &&
      isWord(p, k + 1) &&
      (FINITE.test(lower(p, k + 1)) || finiteClause(p, k + 1, last))
    )
      return push(p, out, k + 1, last, phrase, verb, p.toks[v]!.text);
    if (
      k <= last &&
      !['in', 'on', 'at', 'to', 'during', 'after', 'yesterday', 'today', 'earlier', 'later'].includes(lower(p, k))
    )
      return false;
    while (k <= last && isWord(p, k)) k++;
    if (k <= last) return false;
  }
  if (!phrase || (comma === v - 1 && phrase[1] !== last)) return false;
  if (p.quotes.some((q) => q.open === s && q.close === comma - 1)) return false;
  return push(p, out, s, comma - 1, phrase, verb, p.toks[v]!.text);
}

/** The actor the speaker phrase designates, anonymous, or a proposed id; undefined if none can be told. */
function toSuggestion(
  r: Raw,
  text: string,
  actors: readonly SpeakerActor[],
  host?: ClaimSuggestion,
): ClaimSuggestion | undefined {
  const [sStart, sEnd] = r.speaker;
  const words = text.slice(sStart, sEnd);
  const by = host ? { id: host.by, isNew: host.byIsNew, weak: true } : speakerId(words, sStart, sEnd, text, actors);
  if (!by) return undefined;
  let confidence = (r.verb ? 0.8 : 0.6) + (r.quoted ? 0.1 : 0);
  if (by.weak) confidence -= 0.15;
  if (by.guess) confidence -= 0.2;
  return {
    start: r.start,
    end: r.end,
    text: text.slice(r.start, r.end),
    speaker: { start: sStart, end: sEnd, text: words },
    by: by.id,
    byIsNew: by.isNew,
    confidence: Math.round(confidence * 1000) / 1000,
    cue: r.cue,
  };
}

function speakerId(
  words: string,
  start: number,
  end: number,
  text: string,
  actors: readonly SpeakerActor[],
): { id: string; isNew: boolean; weak: boolean; guess?: boolean } | undefined {
  const low = words.toLowerCase();
  if (FIRST_PERSON.has(low)) return firstPersonId(start, actors);
  // "They think …": a group the cue does not name; its antecedent is left to the person (a guess).
  if (low === 'they') return ANONYMOUS_GUESS;
  if (PRONOUNS.has(low)) {
    let person: SpeakerActor | undefined;
    for (const a of actors) if (a.end <= start && a.kind === 'person') person = a;
    return person ? { id: person.id, isNew: person.isNew, weak: true } : undefined;
  }
  // "diplomats familiar with Rutte's approach": the source is the head before the qualifier.
  const q = /\s(?:familiar|close|with knowledge|briefed|involved)\b/i.exec(words);
  const headEnd = q ? start + q.index : end;
  const inside = actors.filter((a) => a.start >= start && a.end <= headEnd);
  const person = [...inside].reverse().find((a) => a.kind === 'person');
  if (person) return { id: person.id, isNew: person.isNew, weak: false };
  // "Microsoft's spokesperson": the organisation speaks through its spokesperson.
  const tail = inside.find((a) =>
    /^(?:['\u2019]s(?:\s+(?:spokes(?:person|man|woman)|representatives?))?)?$/.test(text.slice(a.end, headEnd).trim()),
  );
  if (tail) return { id: tail.id, isNew: tail.isNew, weak: false };
  const firstWord = low.split(/\s+/)[0]!;
  const head = text.slice(start, headEnd).toLowerCase().split(/\s+/).pop()!;
  if (
    ANONYMOUS_HEADS.has(head) ||
    DETERMINERS.has(firstWord) ||
    !CAPITAL.test(words) ||
    /\s\p{Ll}+$/u.test(text.slice(start, headEnd))
  )
    return { id: 'anonymous', isNew: false, weak: false };
  if (inside.length > 0)
    return { id: inside[inside.length - 1]!.id, isNew: inside[inside.length - 1]!.isNew, weak: false };
  const id = slugify(words.split(/\s+/).pop()!);
  return id ? { id, isNew: true, weak: true } : undefined;
}

/**
 * `I`/`we` outside a quotation: the text's own voice (an interviewee's answer, a witness, the authors), whom the
 * words do not name. `by` is a guess, flagged for a lower confidence: the person actor named most often before
 * the pronoun (the latest of equals), as an interview names its interviewee; none, no suggestion.
 */
function firstPersonId(
  start: number,
  actors: readonly SpeakerActor[],
): { id: string; isNew: boolean; weak: boolean; guess: boolean } {
  const counts = new Map<string, number>();
  let best: SpeakerActor | undefined;
  for (const a of actors) {
    if (a.end > start || a.kind !== 'person') continue;
    const n = (counts.get(a.id) ?? 0) + 1;
    counts.set(a.id, n);
    if (!best || n >= counts.get(best.id)!) best = a;
  }
  // No person named before: the text's unnamed author(s) ("we find that …" in a paper).
  return best ? { id: best.id, isNew: best.isNew, weak: true, guess: true } : ANONYMOUS_GUESS;
}

const ANONYMOUS_GUESS = { id: 'anonymous', isNew: false, weak: true, guess: true };

/** Options of {@link suggestClaimsInSource}. */
export interface SourceClaimOptions {
  registry?: Registry;
  /** Names annotated as actors in the other sources (passed on to the actor suggester). */
  known?: readonly KnownName[];
  /** Keys (`name NUL id`) of `known` to leave out (passed on to the actor suggester: `SuggestOptions.knownExcept`). */
  knownExcept?: ReadonlySet<string>;
  minConfidence?: number;
  /**
   * The actor suggestions of the source (`suggestActorsInSource` with the same registry and known names, every
   * confidence), if the caller has them already: they are not computed again.
   */
  actorSuggestions?: readonly ActorSuggestion[];
}

/**
 * Claim suggestions in a parsed source. Speakers are matched against the source's actor spans (their `ref`, or
 * the registry id of their text) and the actor suggestions of its prose; front matter, code and attribute lists
 * are skipped. A suggestion that overlaps an existing claim span is dropped; one that cuts a span's brackets is
 * widened to hold the span whole, and kept only if wrapping it as `[…]{.claim by=…}` parses with no new (or lost)
 * problem and leaves the prose unchanged. `byIsNew` is true when `by` is neither `anonymous` nor a registry id.
 */
export function suggestClaimsInSource(model: SourceModel, opts: SourceClaimOptions = {}): ClaimSuggestion[] {
  const { parsed, text } = model;
  const extra: Array<[number, number]> = parsed.spans.map((span) => [span.start, span.contentStart]);
  const excluded = excludedRegions(parsed, extra);
  const registry = opts.registry;
  const actors: SpeakerActor[] = [];
  for (const m of model.mentions) {
    const id = m.ref ?? registry?.names.get(m.text);
    const kind = id === undefined ? undefined : registry?.actors.get(id)?.kind;
    if (id) actors.push({ start: m.contentStart, end: m.contentEnd, id, isNew: false, kind });
  }
  const suggested =
    opts.actorSuggestions ??
    suggestActorsInSource(model, {
      registry,
      known: opts.known ?? [],
      ...(opts.knownExcept ? { knownExcept: opts.knownExcept } : {}),
    });
  for (const a of suggested) actors.push({ start: a.start, end: a.end, id: a.id, isNew: a.isNew, kind: a.kind });
  const claims = model.claims.map((c) => [c.start, c.end] as const);
  const plain = parseText(text);
  const baseline = plain.problems.length;
  const prose = stripMarkup(text, plain);
  const out: ClaimSuggestion[] = [];
  for (const s of suggestClaims(text, { actors, excluded, minConfidence: opts.minConfidence ?? 0 })) {
    const [start, end] = widen(parsed, s.start, s.end);
    if (claims.some(([a, b]) => a < end && start < b)) continue;
    // Inside an actor span's text: no claim there.
    if (model.mentions.some((m) => m.contentStart <= start && end <= m.contentEnd)) continue;
    const by = s.by;
    const isNew = by !== 'anonymous' && !(registry?.actors.has(by) ?? false);
    const wrapped = `${text.slice(0, start)}[${text.slice(start, end)}]{.claim by=${by}}${text.slice(end)}`;
    const check = parseText(wrapped);
    if (check.problems.length !== baseline || stripMarkup(wrapped, check) !== prose) continue;
    const [from, to] = widen(parsed, s.speaker.start, s.speaker.end);
    const words = text.slice(from, to);
    const speaker = { start: from, end: to, text: stripMarkup(words, parseText(words)) };
    out.push({ ...s, start, end, text: text.slice(start, end), speaker, byIsNew: isNew });
  }
  return out;
}

/** [start, end) widened until no span has one bracket inside it and the other outside. */
function widen(parsed: ParsedText, start: number, end: number): [number, number] {
  for (let changed = true; changed;) {
    changed = false;
    for (const span of parsed.spans) {
      const holdsStart = span.start < start && start < span.end;
      const holdsEnd = span.start < end && end < span.end;
      if (holdsStart === holdsEnd) continue;
      if (holdsStart) start = span.start;
      else end = span.end;
      changed = true;
    }
  }
  return [start, end];
}
