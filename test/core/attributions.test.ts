import * as assert from 'node:assert/strict';
import { suggestClaims, type SpeakerActor } from '../../server/src/core/features/suggest/attributions';

/**
 * A case: `text` with the expected content between « and » and the expected speaker between ‹ and › (several
 * suggestions: several pairs, in order), the actors named in it (name → id, all persons unless given), and the
 * expected `by` of each suggestion.
 */
interface Case {
  name: string;
  text: string;
  actors?: Record<string, string>;
  by: string[];
  isNew?: boolean[];
  cue?: string[];
  /** The speaker marker (‹ ›, in text order) of each suggestion, when it is not the i-th (nested claims). */
  speakerOf?: number[];
}

const CASES: Case[] = [
  {
    name: 'curly quote, then "said X"',
    text: '“«We will spend more»,” said ‹Mark Rutte›.',
    actors: { 'Mark Rutte': 'rutte' },
    by: ['rutte'],
    cue: ['said'],
  },
  {
    name: 'curly quote, then "X said"',
    text: '“«We will spend more»,” ‹Rutte› said.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'straight quotes and a time after the verb',
    text: '"«We will spend more»," ‹Rutte› said on Tuesday.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'colon-introduced quote',
    text: '‹Rutte› said: “«We will spend more.»”',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'quote after "X told reporters,"',
    text: '‹Rutte› told reporters, “«We will spend more.»”',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
    cue: ['told'],
  },
  {
    name: 'split quote with an unnamed source',
    text: '“«The alliance won’t die»,” stated ‹a NATO official›, “«it will just morph into something else.»”',
    by: ['anonymous', 'anonymous'],
    cue: ['stated', 'stated'],
  },
  {
    name: 'split quote: "X said" between the parts',
    text: '“«This is a good day»,” ‹Rutte› said, “«and a better one is coming.»”',
    actors: { Rutte: 'rutte' },
    by: ['rutte', 'rutte'],
  },
  {
    name: '"X said that …"',
    text: '‹Rutte› said that «the alliance would survive the crisis».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"X said …" (no that)',
    text: '‹Rutte› said «the alliance would survive the crisis».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"X says …" (present)',
    text: '‹Rutte› says «there were concerns about the budget».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
    cue: ['says'],
  },
  {
    name: '"according to X, …"',
    text: 'According to ‹Rutte›, «the alliance will survive the crisis».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
    cue: ['according to'],
  },
  {
    name: '"…, according to X."',
    text: '«The alliance will survive the crisis», according to ‹Rutte›.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"X told reporters that …"',
    text: '‹Rutte› told reporters that «the alliance would survive».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"X warned that …"',
    text: '‹Rutte› warned that «the alliance could collapse soon».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
    cue: ['warned'],
  },
  {
    name: '"X argued that …"',
    text: '‹Donald Trump› argued that «Europe must pay far more».',
    actors: { 'Donald Trump': 'trump' },
    by: ['trump'],
  },
  {
    name: '"X denied that …", a named organisation',
    text: '‹The Kremlin› denied that «troops had crossed the border».',
    actors: { Kremlin: 'kremlin' },
    by: ['kremlin'],
  },
  {
    name: '"X has also said …"',
    text: '‹Rutte› has also said «the alliance is stronger than ever».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'reported clause first: "…, X said."',
    text: '«The alliance is stronger than ever», ‹Rutte› said.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'reported clause first: "…, said X."',
    text: '«The talks have failed», said ‹a senior diplomat›.',
    by: ['anonymous'],
  },
  {
    name: '"in a statement"',
    text: '‹Rutte› said in a statement that «the alliance would survive».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"In a statement, the ministry said …"',
    text: 'In a statement, ‹the ministry› said «the report was false and misleading».',
    by: ['anonymous'],
  },
  {
    name: 'diplomats familiar with … (the name after the qualifier is not the source)',
    text: '‹Diplomats familiar with Rutte’s approach› said «the deal was close».',
    actors: { Rutte: 'rutte' },
    by: ['anonymous'],
  },
  { name: '"sources said"', text: '‹Sources› said «the summit would be postponed».', by: ['anonymous'] },
  {
    name: 'a NATO official',
    text: '‹A NATO official› said «the summit would be postponed».',
    actors: { NATO: 'nato' },
    by: ['anonymous'],
  },
  {
    name: 'a name inside an apposition is the source',
    text: '‹His father Mohamed El-Hassan› said «the family would travel to New York».',
    actors: { 'Mohamed El-Hassan': 'el-hassan' },
    by: ['el-hassan'],
  },
  {
    name: 'an appositive between the name and the verb',
    text: '‹Jeff Rathke›, the State Department spokesperson, said «the talks had stalled again».',
    actors: { 'Jeff Rathke': 'rathke' },
    by: ['rathke'],
  },
  {
    name: '"he said": the last person named before',
    text: 'Mark Rutte arrived in Ankara on Monday. ‹He› said «the alliance was strong».',
    actors: { 'Mark Rutte': 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'a thought: "X believes …"',
    text: '‹Rutte› believes «the alliance can deter any attack».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'a speaker no actor covers gets a proposed id',
    text: '‹Giuseppe Spatafora› remarked that «he was in an unenviable position».',
    by: ['spatafora'],
    isNew: [true],
  },
  {
    name: 'a new actor from the suggestions keeps its id and isNew',
    text: '“«We are not ready»,” said ‹Christine Lagarde›.',
    actors: { 'Christine Lagarde': 'lagarde+' },
    by: ['lagarde'],
    isNew: [true],
  },
  {
    name: 'CRLF line breaks',
    text: 'The summit opened.\r\n“«We will win»,” ‹Rutte› said.\r\nThen it rained.\r\n',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'an emoji before the quote (UTF-16 offsets)',
    text: '📰😀 “«We will win»,” ‹Rutte› said.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"According to X" with no comma',
    text: 'According to ‹Rathbun› «the property was returned by mail».',
    actors: { Rathbun: 'rathbun' },
    by: ['rathbun'],
  },
  {
    name: 'a relative "who": its antecedent is the source',
    text: 'They met ‹Devocht›, who had told reporters that «the deal was done».',
    actors: { Devocht: 'devocht' },
    by: ['devocht'],
  },
  {
    name: 'a dash after the quotation',
    text: '“«Nothing is decided yet»” — ‹Rick Santorum›',
    actors: { 'Rick Santorum': 'santorum' },
    by: ['santorum'],
  },
  {
    name: 'a participle before the quotation',
    text: 'The forum was busy, with ‹one poster› writing “«How can people look at both sides?»”',
    by: ['anonymous'],
  },
  {
    name: 'a phrase between the verb and the quotation',
    text: '‹Stan› remarked to The Brooklyn Paper, “«It was a good night.»”',
    actors: { Stan: 'stan' },
    by: ['stan'],
  },
  {
    name: 'a parenthetical before "that"',
    text: '‹The site› explains, in a satirical fashion, that «the video was removed».',
    by: ['anonymous'],
  },
  // Nothing to suggest.
  { name: 'a scare quote', text: 'He called it a “reliable ally” in his speech.', by: [] },
  { name: 'a passive "were denied"', text: 'They were twice denied visas to enter the United States.', by: [] },
  { name: '"member states" is no verb', text: 'All 32 member states agreed to spend more on defence.', by: [] },
  { name: '"the report" is no verb', text: 'The report was published on Monday by the ministry.', by: [] },
  { name: '"wrote" with an object, not a clause', text: 'Dvořák wrote his most famous symphony in New York.', by: [] },
  {
    name: 'first person outside a quotation: the person named most often before it (a guess)',
    text: 'Rutte met Trump. Rutte spoke first. ‹I› think «the alliance will survive».',
    actors: { Rutte: 'rutte', Trump: 'trump' },
    by: ['rutte'],
    cue: ['think'],
  },
  {
    name: 'first person with a negated auxiliary: "we don’t think"',
    text: 'Rutte spoke. Well, ‹we› don’t think «the talks have failed».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'verbs of memory and hearsay: "I remember", "I heard that"',
    text: 'Rutte spoke. ‹I› remember «the talks failed in 2019». ‹I› heard that «they orchestrated the evacuation».',
    actors: { Rutte: 'rutte' },
    by: ['rutte', 'rutte'],
  },
  {
    name: 'first person inside a cued quotation: the quotation’s speaker',
    text: '“«We met twice. ‹I› think «the deal is dead». We will talk»,” said ‹Rutte›.',
    actors: { Rutte: 'rutte' },
    by: ['rutte', 'rutte'],
    speakerOf: [1, 0],
  },
  {
    name: 'a cue ending the previous paragraph with a colon',
    text: '‹Obama› tweeted using his account:\n\n“«Cool clock, Ahmed.»”',
    actors: { Obama: 'obama' },
    by: ['obama'],
    cue: ['tweeted'],
  },
  {
    name: 'a coordinated verb: "X tweeted to Y and said …"',
    text: '‹Zuckerberg› tweeted to Mohamed and said «the boy was welcome to come».',
    actors: { Zuckerberg: 'zuckerberg', Mohamed: 'mohamed' },
    by: ['zuckerberg'],
    cue: ['said'],
  },
  {
    name: 'a participle and a phrase after a comma: ", writing in a blog post “…”"',
    text: '‹One poster› admitted to being part of it, writing in a blog post “«I loaded up Gigaloader.»”',
    by: ['anonymous'],
    cue: ['writing'],
  },
  {
    name: 'a cue after a full quoted sentence that opens the next quotation is the next one’s',
    text: '“We will win.” ‹Rutte› wrote that “«the alliance will survive.»”',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'verbs "recalled", "realised", "submits"',
    text: '‹Daniel› realised that «a moving fluid exchanges its energy». ‹Hadid› recalled that «she was less interested in details».',
    actors: { Daniel: 'daniel', Hadid: 'hadid' },
    by: ['daniel', 'hadid'],
  },
  {
    name: '"they": anonymous (a group the cue does not name; a guess)',
    text: 'The terrorists protest. ‹They› think «modernity may endanger their tradition».',
    by: ['anonymous'],
  },
  {
    name: 'a paragraph after a cue ending with a colon, no quotation marks: a block quotation',
    text: 'In it, ‹Norton› observed:\n\n«Fraud and corruption prevent a fair expression of the public voice.»',
    actors: { Norton: 'norton' },
    by: ['norton'],
    cue: ['observed'],
  },
  {
    name: 'direct speech with no quotation marks after "said,"',
    text: 'The Secretary signed it, where ‹he› said, «I hereby issue waivers under Title IV».',
    actors: { Secretary: 'cardona' },
    by: ['cardona'],
  },
  {
    name: 'a parenthetical cue inside the sentence: ", X submits, …"',
    text: 'If it cannot do so now, ‹Petitioner› submits, «he is entitled to release».',
    by: ['petitioner'],
    isNew: [true],
  },
  {
    name: 'a cue noun after a light verb: "came to the conclusion that", the sentence’s subject over "and"',
    text: '‹Montalvo› had known Devocht personally, and came to the conclusion that «the claims were lies».',
    actors: { Montalvo: 'montalvo', Devocht: 'devocht' },
    by: ['montalvo'],
    cue: ['conclusion'],
  },
  {
    name: 'an organisation’s spokesperson: the organisation',
    text: '‹NATO’s spokesperson› said «the summit would be short».',
    actors: { NATO: 'nato' },
    by: ['nato'],
  },
  {
    name: 'a passive "it was announced by X that …"',
    text: 'It was announced by ‹the ministry› that «the summit would be postponed».',
    by: ['anonymous'],
    cue: ['announced'],
  },
  {
    name: 'a passive "…, it was reported by X."',
    text: '«The summit will be postponed», it was reported by ‹Reuters›.',
    actors: { Reuters: 'reuters' },
    by: ['reuters'],
  },
  { name: 'a passive with no reporting: "were denied by"', text: 'The visas were denied by the embassy.', by: [] },
  {
    name: '"as X said, …": the clause after it',
    text: 'And in the wisdom, as ‹the Chief Justice› said, «sometimes incremental changes are a better course».',
    by: ['anonymous'],
  },
  {
    name: '"…, as X said.": the clause before it',
    text: '«The alliance will survive», as ‹Rutte› said.',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: '"X said of … that …"',
    text: 'In an interview, ‹Stephen Colbert› said of his time at Second City that «they had decided on no politics».',
    actors: { 'Stephen Colbert': 'colbert' },
    by: ['colbert'],
  },
  {
    name: 'first person and no person named before: the unnamed author, anonymous (a guess)',
    text: 'In 31 languages ‹we› found that «the interjection appears to be similar».',
    by: ['anonymous'],
  },
  {
    name: 'a parenthetical "I think" before a verb',
    text: 'Rutte spoke. That factor, ‹I› think, «is telling me to look at a use».',
    actors: { Rutte: 'rutte' },
    by: ['rutte'],
  },
  {
    name: 'verbs of findings: "we show that"',
    text: '‹We› show that «the form is locally calibrated».',
    by: ['anonymous'],
    cue: ['show'],
  },
  {
    name: 'an adjective of certainty: "I am sure that"',
    text: 'Peres spoke. ‹I› am sure that «the reasons for war are over».',
    actors: { Peres: 'peres' },
    by: ['peres'],
    cue: ['sure'],
  },
  {
    name: 'a cue noun after "have": "I have no doubt that"',
    text: 'Bos spoke. ‹I› have no doubt that «more cases will be found».',
    actors: { Bos: 'bos' },
    by: ['bos'],
    cue: ['doubt'],
  },
  {
    name: 'first person inside a quotation with no cue',
    text: 'Rutte spoke. “We met. I think the deal is dead.”',
    actors: { Rutte: 'rutte' },
    by: [],
  },
  { name: 'an unresolved "he"', text: '‹He› said «the alliance was strong».'.replace(/[‹›«»]/g, ''), by: [] },
  { name: 'a quotation with no cue', text: '“We will spend more.” The meeting ended at noon.', by: [] },
];

/** The text without markers, and the marked ranges: contents (« ») and speakers (‹ ›). */
function unmark(marked: string): {
  text: string;
  contents: Array<[number, number]>;
  speakers: Array<[number, number]>;
} {
  let text = '';
  const contents: Array<[number, number]> = [];
  const speakers: Array<[number, number]> = [];
  const open: number[] = [];
  let speaker = 0;
  for (const ch of marked) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') contents.push([open.pop()!, text.length]);
    else if (ch === '‹') speaker = text.length;
    else if (ch === '›') speakers.push([speaker, text.length]);
    else text += ch;
  }
  contents.sort((a, b) => a[0] - b[0]);
  return { text, contents, speakers };
}

/** The actors of a case at every occurrence of their names; an id ending in `+` is new. */
function actorsOf(text: string, names: Record<string, string> = {}): SpeakerActor[] {
  const out: SpeakerActor[] = [];
  for (const [name, id] of Object.entries(names))
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
      out.push({
        start: at,
        end: at + name.length,
        id: id.replace(/\+$/, ''),
        isNew: id.endsWith('+'),
        kind: /^[A-Z]+$|Kremlin/.test(name) ? 'organization' : 'person',
      });
  return out;
}

describe('suggested claims from attributions (attributions.ts)', function () {
  for (const c of CASES)
    it(c.name, function () {
      const { text, contents, speakers } = unmark(c.text);
      const found = suggestClaims(text, { actors: actorsOf(text, c.actors) });
      const got = found.map((s) => ({
        content: [s.start, s.end],
        speaker: [s.speaker.start, s.speaker.end],
        by: s.by,
      }));
      const want = c.by.map((by, i) => ({
        content: contents[i],
        speaker: speakers[c.speakerOf?.[i] ?? Math.min(i, speakers.length - 1)],
        by,
      }));
      assert.deepEqual(got, want, JSON.stringify(found, null, 1));
      for (const [i, s] of found.entries()) {
        assert.equal(s.text, text.slice(s.start, s.end));
        assert.equal(s.speaker.text, text.slice(s.speaker.start, s.speaker.end));
        assert.equal(s.byIsNew, c.isNew?.[i] ?? false, `byIsNew of ${s.by}`);
        assert.ok(s.confidence > 0 && s.confidence <= 1);
        if (c.cue) assert.equal(s.cue, c.cue[i]);
      }
    });

  it('skips excluded ranges and drops what is below minConfidence', function () {
    const text = '“We will win,” Rutte said. Rutte said that the alliance would survive.';
    const actors = actorsOf(text, { Rutte: 'rutte' });
    assert.equal(suggestClaims(text, { actors }).length, 2);
    assert.equal(suggestClaims(text, { actors, excluded: [[0, 26]] }).length, 1);
    assert.equal(suggestClaims(text, { actors, minConfidence: 1 }).length, 0);
  });

  it('is deterministic and returns suggestions in text order that never cross each other', function () {
    const text = [
      '“We will win,” Rutte said, “and soon.” Rutte said that Trump believes the alliance is obsolete.',
      'According to diplomats, the summit will be short. The talks failed, said a diplomat.',
    ].join('\n\n');
    const actors = actorsOf(text, { Rutte: 'rutte', Trump: 'trump' });
    const a = suggestClaims(text, { actors });
    assert.deepEqual(a, suggestClaims(text, { actors }));
    assert.ok(a.length >= 5, JSON.stringify(a));
    for (let i = 1; i < a.length; i++) {
      assert.ok(a[i - 1]!.start <= a[i]!.start);
      for (const b of a.slice(0, i)) {
        const nested = (b.start <= a[i]!.start && a[i]!.end <= b.end) || b.end <= a[i]!.start;
        assert.ok(nested, `${JSON.stringify(b)} crosses ${JSON.stringify(a[i])}`);
      }
    }
  });
});
