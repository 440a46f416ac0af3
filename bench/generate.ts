import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A deterministic generator of realistic annotated corpora for the benchmark
 * (docs/benchmarks.md). The same (n, seed) always gives the same bytes.
 *
 * - `entities.yaml`: a few hundred actors of every kind, with aliases and
 *   non-ASCII names, and ~200 claim keys with types.
 * - n articles of ~5 KB in folders of 100: YAML front matter (id, title,
 *   outlet, author, published, language, url), paragraphs of prose with curly
 *   quotes, a heading, quotes and lists here and there, ~20 actor spans and
 *   ~5 claims (by=, key=, value=, as-of=), actors nested inside claims, the odd
 *   supports=/disputes= link and unannotated mention.
 * - Claim values are drawn per key from a small pool in which some spellings
 *   normalise to the same value (corroborations) and some do not (conflicts).
 *   One "hot" key is claimed by about half of the articles (the references
 *   figure); the other keys follow a Zipf-like popularity.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (rng: Rng, p: number): boolean => rng() < p;

export type ActorKind = 'person' | 'organization' | 'country' | 'place' | 'group' | 'other';
export interface ActorSpec {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
}
export type KeyType = 'number' | 'percent' | 'money' | 'date' | 'place' | 'text';
export interface KeySpec {
  key: string;
  type: KeyType;
  /** Values as annotators write them; `groups[i]` is the normalised group of `values[i]` (equal groups corroborate). */
  values: string[];
  groups: number[];
  weights: number[];
}
export interface CorpusInfo {
  dir: string;
  n: number;
  seed: number;
  /** Article paths relative to dir, in generation order. */
  files: string[];
  registryFile: string;
  /** UTF-8 bytes of all articles (the registry excluded). */
  bytes: number;
  /** UTF-8 bytes of the article bodies (front matter excluded): what markdown-it parses. */
  bodyBytes: number;
  registryBytes: number;
  actorSpans: number;
  claims: number;
  hotKey: string;
  hotClaims: number;
  actors: ActorSpec[];
  keys: KeySpec[];
}

// ---- vocabulary -------------------------------------------------------------

const FIRST = [
  'Mark',
  'Jean-Noël',
  'Volodymyr',
  'Ursula',
  'Olaf',
  'Giorgia',
  'Pedro',
  'Kaja',
  'Donald',
  'Emmanuel',
  'Keir',
  'Andrzej',
  'Małgorzata',
  'Søren',
  'Zoë',
  'José',
  'Ngozi',
  'Øyvind',
  'İlham',
  'Recep',
  'Viktor',
  'Antónia',
  'Björn',
  'Chloé',
  'Dmitri',
  'Élodie',
  'Fatima',
  'Gonçalo',
  'Hanna',
  'Ioana',
  'Jürgen',
  'Kateřina',
  'Luís',
  'Mária',
  'Nikolai',
  'Oğuz',
  'Paweł',
  'Renée',
  'Saša',
  'Tomáš',
  'Ulla',
  'Aistė',
  'Wen',
  'Yusuf',
];
const LAST = [
  'Rutte',
  'Barrot',
  'Zelenskyy',
  'von der Leyen',
  'Scholz',
  'Meloni',
  'Sánchez',
  'Kallas',
  'Trump',
  'Macron',
  'Starmer',
  'Duda',
  'Łukaszewicz',
  'Østergaard',
  'Müller',
  'Núñez',
  'Okonjo-Iweala',
  'Støre',
  'Aliyev',
  'Erdoğan',
  'Orbán',
  'Guterres',
  'Lindqvist',
  'Dubois',
  'Peskov',
  'Lefèvre',
  'Haddad',
  'Gonçalves',
  'Virtanen',
  'Popescu',
  'Schäfer',
  'Dvořák',
  'Carvalho',
  'Horváth',
  'Ivanov',
  'Yılmaz',
  'Kowalczyk',
  'Côté',
  'Jovanović',
  'Novák',
  'Nieminen',
  'Šimonytė',
  'Zhang',
  'Demir',
  'Fernández',
  'Nakamura',
  'Mbeki',
  'Abramovich',
  'Kuznetsova',
  'Rossi',
];
const COUNTRIES = [
  'France',
  'Germany',
  'Poland',
  'Ukraine',
  'Russia',
  'United States',
  'United Kingdom',
  'Türkiye',
  'Italy',
  'Spain',
  'Netherlands',
  'Belgium',
  'Lithuania',
  'Latvia',
  'Estonia',
  'Finland',
  'Sweden',
  'Norway',
  'Denmark',
  'Côte d’Ivoire',
  'Hungary',
  'Romania',
  'Czechia',
  'Slovakia',
  'Greece',
  'Portugal',
  'Canada',
  'Japan',
  'China',
  'Azerbaijan',
  'Georgia',
  'Moldova',
  'Serbia',
  'Croatia',
  'Austria',
  'Switzerland',
  'Iceland',
  'Brazil',
  'India',
  'South Africa',
];
const CITIES = [
  'Brussels',
  'The Hague',
  'Kyiv',
  'Москва',
  'Zürich',
  'São Paulo',
  'Kraków',
  'Reykjavík',
  'Tōkyō',
  'Washington',
  'Paris',
  'Berlin',
  'Warsaw',
  'Vilnius',
  'Rīga',
  'Tallinn',
  'Helsinki',
  'Ankara',
  'İstanbul',
  'Bucharest',
  'Chișinău',
  'Tbilisi',
  'Baku',
  'Geneva',
  'Mons',
  'Naples',
  'Norfolk',
  'Kharkiv',
  'Odesa',
  'Donetsk',
  'Gdańsk',
  'Malmö',
  'Århus',
  'Lisbon',
  'Madrid',
  'Rome',
  'Vienna',
  'Prague',
  'Bratislava',
  'Budapest',
];
const ORGS = [
  'NATO',
  'European Commission',
  'European Council',
  'United Nations',
  'Red Cross',
  'World Bank',
  'International Monetary Fund',
  'OSCE',
  'Pentagon',
  'Kremlin',
  'Bundeswehr',
  'European Central Bank',
  'World Trade Organization',
  'International Atomic Energy Agency',
  'Council of Europe',
  'Amnesty International',
  'Médecins Sans Frontières',
  'Gazprom',
  'Naftogaz',
  'Rheinmetall',
];
const ORG_PATTERNS = [
  'Ministry of Defence of %',
  'Foreign Ministry of %',
  'Parliament of %',
  'Central Bank of %',
  'Armed Forces of %',
  'Supreme Court of %',
  'Border Guard of %',
];
const GROUPS = [
  'Wagner Group',
  'the G7',
  'the G20',
  'the Weimar Triangle',
  'the Nordic-Baltic Eight',
  'the Quad',
  'the Visegrád Group',
  'the Coalition of the Willing',
  'the Bucharest Nine',
  'the Ramstein group',
];
const OTHERS = [
  'Nord Stream 2',
  'Article 5',
  'the Black Sea Grain Initiative',
  'Operation Eastern Sentry',
  'the Minsk agreements',
  'the Patriot system',
  'Starlink',
  'the Schengen Area',
  'the Kerch Bridge',
  'Zaporizhzhia Nuclear Power Plant',
];
const OUTLETS = [
  'Reuters',
  'Le Monde',
  'Die Zeit',
  'Gazeta Wyborcza',
  'Новая газета',
  'El País',
  'Corriere della Sera',
  'Helsingin Sanomat',
  'Dagens Nyheter',
  'Kyiv Independent',
  'Politico Europe',
  'TROIB News',
  'Deutsche Welle',
  'Público',
  'Hürriyet',
];
const AUTHORS = [
  'Anna Kowalska',
  'Jean-Noël Martin',
  'Sofía Ruiz',
  'Lars Østby',
  'Olena Shevchenko',
  'Mehmet Öz',
  'Claire Dupré',
  'Tomasz Wiśniewski',
  'Ingrid Björk',
  'Giulia Bianchi',
];

const NOUNS = [
  'alliance',
  'summit',
  'ceasefire',
  'budget',
  'deployment',
  'sanctions',
  'treaty',
  'negotiations',
  'pipeline',
  'election',
  'coalition',
  'referendum',
  'investigation',
  'agreement',
  'offensive',
  'frontier',
  'economy',
  'tariffs',
  'reform',
  'delegation',
  'strategy',
  'parliament',
  'accession',
  'air defence',
  'grain corridor',
  'energy market',
  'security guarantee',
  'peace plan',
  'defence industry',
  'border',
  'intelligence',
  'readiness',
  'munitions',
  'procurement',
  'inflation',
  'subsidies',
  'spending',
  'commitment',
  'pledge',
  'mandate',
];
const ADJ = [
  'unprecedented',
  'fragile',
  'decisive',
  'long-awaited',
  'controversial',
  'bilateral',
  'transatlantic',
  'multilateral',
  'contested',
  'provisional',
  'sweeping',
  'symbolic',
  'quiet',
  'costly',
  'ambitious',
  'cautious',
  'renewed',
  'unexpected',
  'eastern',
  'northern',
  'European',
  'strategic',
  'binding',
  'informal',
];
const VERBS = [
  'signals',
  'undermines',
  'reinforces',
  'complicates',
  'reshapes',
  'threatens',
  'accelerates',
  'delays',
  'tests',
  'exposes',
  'secures',
  'revives',
  'weakens',
  'broadens',
  'narrows',
  'redefines',
];
const SAY = [
  'said',
  'warned',
  'argued',
  'insisted',
  'noted',
  'told reporters',
  'acknowledged',
  'suggested',
  'claimed',
  'added',
  'wrote',
  'stressed',
];
const PLAIN_SUBJECTS = [
  'Officials',
  'Diplomats',
  'Analysts',
  'European leaders',
  'Two senior officials',
  'Critics',
  'Defence planners',
  'Observers in the capital',
  'Several lawmakers',
  'People familiar with the talks',
  'Economists',
  'Military commanders',
];
const CONNECT = [
  'However,',
  'Meanwhile,',
  'In the meantime,',
  'At the same time,',
  'Still,',
  'By contrast,',
  'As a result,',
  'For now,',
  'Earlier this week,',
  'Behind closed doors,',
  'Privately,',
  'Publicly,',
];
const TIME = [
  'on Thursday',
  'last week',
  'in June',
  'this spring',
  'after the vote',
  'before the summit',
  'late on Monday',
  'during the talks',
  'in recent months',
  'since 2022',
  'by the end of the year',
  'within weeks',
];
const WORDS = [
  'the',
  'a',
  'its',
  'their',
  'new',
  'further',
  'around',
  'with',
  'for',
  'against',
  'between',
  'over',
  'under',
  'across',
  'within',
  'without',
  'despite',
  'amid',
  'toward',
  'about',
];

// ---- registry ---------------------------------------------------------------

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

function makeActors(rng: Rng): ActorSpec[] {
  const actors: ActorSpec[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  const add = (name: string, kind: ActorKind, aliases: string[]): void => {
    if (names.has(name)) return;
    let id = slug(name);
    if (/^[^a-z]/.test(id) || id.length < 2) id = 'a-' + id;
    for (let k = 2; ids.has(id); k++) id = `${slug(name)}-${k}`;
    if (id === 'anonymous' || id === 'outlet') id += '-x';
    ids.add(id);
    names.add(name);
    // A name or alias must designate one actor only.
    const own = aliases.filter((a) => a !== name && !names.has(a));
    own.forEach((a) => names.add(a));
    actors.push({ id, name, kind, aliases: own });
  };
  for (let i = 0; i < 170; i++) {
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    add(`${first} ${last}`, 'person', chance(rng, 0.8) ? [last] : []);
  }
  for (const c of COUNTRIES)
    add(c, 'country', c === 'United States' ? ['U.S.', 'America'] : c === 'United Kingdom' ? ['U.K.', 'Britain'] : []);
  for (const c of CITIES) add(c, 'place', []);
  for (const o of ORGS)
    add(o, 'organization', o === 'International Monetary Fund' ? ['IMF'] : o === 'United Nations' ? ['UN'] : []);
  for (let i = 0; i < 40; i++) add(pick(rng, ORG_PATTERNS).replace('%', pick(rng, COUNTRIES)), 'organization', []);
  for (const g of GROUPS) add(g.replace(/^the /, 'The '), 'group', []);
  for (const o of OTHERS) add(o.replace(/^the /, 'The '), 'other', []);
  return actors;
}

const PROPERTIES: Array<[string, KeyType]> = [
  ['troops', 'number'],
  ['spending-target', 'percent'],
  ['budget', 'money'],
  ['summit-location', 'place'],
  ['election-date', 'date'],
  ['office', 'text'],
  ['stance', 'text'],
  ['gdp-growth', 'percent'],
  ['aid-package', 'money'],
  ['casualties', 'number'],
  ['talks-venue', 'place'],
  ['deadline', 'date'],
];

function valuePool(rng: Rng, type: KeyType): { values: string[]; groups: number[] } {
  // Two or three distinct values (conflicts), each in one or two spellings that normalise alike (corroborations).
  const distinct = int(rng, 2, 3);
  const values: string[] = [];
  const groups: number[] = [];
  const used = new Set<number>();
  for (let g = 0; g < distinct; g++) {
    let base = int(rng, 2, 90);
    while (used.has(base)) base++;
    used.add(base);
    let spellings: string[];
    switch (type) {
      case 'number':
        spellings = [`${base},000`, `${base}000 troops`, `${base} thousand`];
        break;
      case 'percent':
        spellings = [
          `${(base / 10).toFixed(1)}% of GDP`,
          `${(base / 10).toFixed(1)} percent`,
          `${(base / 10).toFixed(1)} per cent`,
        ];
        break;
      case 'money':
        spellings = [`$${base} billion`, `USD ${base}000000000`];
        break;
      case 'date': {
        const month = String((base % 12) + 1).padStart(2, '0');
        spellings = [`2025-${month}`, `2025-${month}`];
        break;
      }
      case 'place': {
        const city = CITIES[base % CITIES.length]!;
        spellings = city.startsWith('The ') ? [city, city.slice(4)] : [city, `the ${city}`];
        break;
      }
      default: {
        const phrase = `${pick(rng, ADJ)} ${pick(rng, NOUNS)}`;
        spellings = [phrase, `“${phrase[0]!.toUpperCase()}${phrase.slice(1)}”`];
      }
    }
    const count = int(rng, 1, Math.min(2, spellings.length));
    for (let s = 0; s < count; s++) {
      values.push(spellings[s]!);
      groups.push(g);
    }
  }
  return { values, groups };
}

function makeKeys(rng: Rng, actors: ActorSpec[]): { keys: KeySpec[]; hot: KeySpec } {
  const keys: KeySpec[] = [];
  const seen = new Set<string>(['nato.spending-target']);
  const weightsFor = (groups: number[]): number[] =>
    groups.map((g, i) => (g === 0 ? (i === 0 ? 6 : 2) : g === 1 ? 1.5 : 0.5));
  const hotPool = {
    values: ['2% of GDP', '2 percent', '3.5% of GDP', '5% of GDP', '5 per cent'],
    groups: [0, 0, 1, 2, 2],
  };
  const hot: KeySpec = { key: 'nato.spending-target', type: 'percent', ...hotPool, weights: [5, 1, 1.5, 3, 1] };
  keys.push(hot);
  const subjects = actors.filter((a) => a.kind !== 'place');
  while (keys.length < 200) {
    const subject = pick(rng, subjects);
    const [prop, type] = pick(rng, PROPERTIES);
    const key = `${subject.id}.${prop}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pool = valuePool(rng, type);
    keys.push({ key, type, ...pool, weights: weightsFor(pool.groups) });
  }
  return { keys, hot };
}

function yamlString(s: string): string {
  return /^[A-Za-z0-9À-ž][^:#"'\n]*$/.test(s) && !/[\s]$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s)
    ? s
    : JSON.stringify(s);
}

function registryText(actors: ActorSpec[], keys: KeySpec[]): string {
  const out: string[] = ['# Generated by bench/generate.ts: a registry for the benchmark corpus.', 'actors:'];
  for (const a of actors) {
    out.push(`  ${a.id}:`, `    name: ${yamlString(a.name)}`, `    kind: ${a.kind}`);
    if (a.aliases.length > 0) out.push(`    aliases: [${a.aliases.map(yamlString).join(', ')}]`);
    out.push(`    description: ${yamlString(`${a.name}, a ${a.kind} that appears in the benchmark corpus.`)}`);
  }
  out.push('claims:');
  for (const k of keys) {
    out.push(
      `  ${k.key}:`,
      `    description: ${yamlString(`The ${k.key.split('.').pop()!.replace(/-/g, ' ')} of ${k.key.split('.')[0]}.`)}`,
      `    type: ${k.type}`,
    );
    if (k.type === 'percent') out.push('    unit: "% of GDP"');
  }
  return out.join('\n') + '\n';
}

// ---- articles ---------------------------------------------------------------

function weighted<T>(rng: Rng, xs: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < xs.length; i++) {
    r -= weights[i]!;
    if (r < 0) return xs[i]!;
  }
  return xs[xs.length - 1]!;
}

export function attrValue(v: string): string {
  return /^[A-Za-z0-9._%-]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface ArticleContext {
  rng: Rng;
  actors: ActorSpec[];
  /** Actors weighted towards a few that appear everywhere (as in real news). */
  actorWeights: number[];
  /** People and organisations: who claims are attributed to. */
  speakers: ActorSpec[];
  keys: KeySpec[];
  keyWeights: number[];
  hot: KeySpec;
  index: number;
  frontMatter: FrontMatterVariant;
}

/**
 * `plain`: one line per key (scalars and a one-line list). `realistic`: the same keys, then what Hugo, Jekyll and
 * Quarto files carry: booleans and numbers, a list of maps (`authors`), block lists, an inline map, nested maps
 * two levels deep, a folded multi-line string and a comment.
 */
export type FrontMatterVariant = 'plain' | 'realistic';

const ROLES = ['correspondent', 'editor', 'reporter', 'photographer', 'contributor'];
const SECTIONS = ['world', 'europe', 'politics', 'defence', 'economy', 'analysis'];

/** The lines a static-site generator's front matter adds (see {@link FrontMatterVariant}). */
function realisticFrontMatter(rng: Rng, id: string): string[] {
  const authors = Array.from({ length: int(rng, 1, 3) }, () => [
    `  - name: ${JSON.stringify(pick(rng, AUTHORS))}`,
    `    role: ${pick(rng, ROLES)}`,
    ...(chance(rng, 0.5) ? [`    email: ${pick(rng, ['desk', 'news', 'tips'])}@news.example.org`] : []),
  ]).flat();
  const words = (k: number): string => Array.from({ length: k }, () => pick(rng, NOUNS)).join(' ');
  return [
    `draft: ${chance(rng, 0.1) ? 'true' : 'false'}`,
    `weight: ${int(rng, 1, 100)}`,
    '# generated by the site builder',
    'authors:',
    ...authors,
    'categories:',
    ...Array.from({ length: int(rng, 1, 3) }, () => `  - ${pick(rng, SECTIONS)}`),
    `review: {status: ${pick(rng, ['published', 'checked', 'pending'])}, editor: ${JSON.stringify(pick(rng, AUTHORS))}}`,
    'image:',
    `  src: /images/${id}.jpg`,
    `  alt: ${JSON.stringify(`The ${words(2)}`)}`,
    `  caption: ${JSON.stringify(`A ${words(3)}, ${pick(rng, ['Reuters', 'AP', 'AFP'])}`)}`,
    'description: >-',
    `  The ${words(4)} of the`,
    `  ${words(5)}.`,
    'format:',
    '  html:',
    `    toc: ${chance(rng, 0.5) ? 'true' : 'false'}`,
    `    code-fold: false`,
    'params:',
    `  series: ${pick(rng, NOUNS).replace(/ /g, '-')}`,
    `  related: [${words(2).replace(/ /g, '-')}, ${words(1).replace(/ /g, '-')}]`,
  ];
}

interface ArticleStats {
  actorSpans: number;
  claims: number;
  hot: number;
}

function phrase(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rng();
    if (r < 0.35) out.push(pick(rng, WORDS));
    else if (r < 0.55) out.push(pick(rng, ADJ));
    else if (r < 0.85) out.push(pick(rng, NOUNS));
    else out.push(pick(rng, VERBS));
  }
  return out.join(' ');
}

function sentence(rng: Rng, subject: string): string {
  const body = `${subject} ${pick(rng, VERBS)} ${pick(rng, WORDS)} ${pick(rng, ADJ)} ${pick(rng, NOUNS)} ${phrase(rng, int(rng, 4, 12))}`;
  const lead = chance(rng, 0.25) ? `${pick(rng, CONNECT)} ` : '';
  const tail = chance(rng, 0.3) ? `, ${pick(rng, TIME)}` : '';
  const apostrophe = chance(rng, 0.2)
    ? ` — the ${pick(rng, NOUNS)}’s ${pick(rng, NOUNS)} ${pick(rng, ['didn’t', 'won’t', 'can’t', 'isn’t'])} ${pick(rng, VERBS).replace(/s$/, '')} it`
    : '';
  return `${lead}${body}${apostrophe}${tail}.`;
}

function quoteSentence(rng: Rng, speaker: string): string {
  return `“${capital(phrase(rng, int(rng, 6, 14)))},” ${pick(rng, SAY)} ${speaker}.`;
}

function capital(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function generateArticle(ctx: ArticleContext, stats: ArticleStats): { text: string; bodyStart: number } {
  const { rng, index } = ctx;
  const id = `art-${String(index).padStart(6, '0')}`;
  const target = int(rng, 4500, 5500);
  const actorOf = (): ActorSpec => weighted(rng, ctx.actors, ctx.actorWeights);
  const mention = (a: ActorSpec = actorOf()): string => {
    stats.actorSpans++;
    const surface = a.aliases.length > 0 && chance(rng, 0.5) ? pick(rng, a.aliases) : a.name;
    // One in ten is resolved by its name (no ref=); a few refs are misspelt (unknown-actor).
    if (surface === a.name && chance(rng, 0.1)) return `[${surface}]{.actor}`;
    const ref = index % 97 === 13 && chance(rng, 0.05) ? a.id + 'x' : a.id;
    return `[${surface}]{.actor ref=${ref}}`;
  };

  // Claims: the first always has id c1 (link targets); half the articles claim the hot key.
  const claimCount = int(rng, 4, 6);
  const claimSentences: string[] = [];
  for (let c = 1; c <= claimCount; c++) {
    const spec = c === 1 && chance(rng, 0.5) ? ctx.hot : weighted(rng, ctx.keys, ctx.keyWeights);
    if (spec === ctx.hot) stats.hot++;
    stats.claims++;
    const value = weighted(rng, spec.values, spec.weights);
    const attrs: string[] = ['.claim'];
    if (c === 1 || chance(rng, 0.9)) attrs.push(`#c${c}`);
    const who = rng();
    let speaker: ActorSpec | undefined;
    if (who < 0.55) {
      speaker = pick(rng, ctx.speakers);
      attrs.push(`by=${speaker.id}`);
    } else if (who < 0.75) attrs.push('by=outlet');
    else if (who < 0.9) attrs.push('by=anonymous');
    attrs.push(`key=${spec.key}`, `value=${attrValue(value)}`);
    const asOf = rng();
    if (asOf < 0.2) attrs.push('as-of=2025');
    else if (asOf < 0.3) attrs.push('as-of=2025-06');
    else if (asOf < 0.35) attrs.push('as-of=2024');
    if (index > 10 && chance(rng, 0.06)) {
      const other = `art-${String(int(rng, 0, index - 1)).padStart(6, '0')}`;
      attrs.push(`${chance(rng, 0.5) ? 'supports' : 'disputes'}=${other}#c1`);
    }
    const nested = int(rng, 0, 2);
    const inner: string[] = [];
    for (let k = 0; k < nested; k++) inner.push(mention());
    const content =
      nested === 0
        ? `the ${pick(rng, ADJ)} ${pick(rng, NOUNS)} stands at ${value}`
        : nested === 1
          ? `${inner[0]} put the ${pick(rng, NOUNS)} at ${value}`
          : `${inner[0]} and ${inner[1]} agreed on ${value} for the ${pick(rng, NOUNS)}`;
    const claim = `[${content}]{${attrs.join(' ')}}`;
    const said = speaker ? mention(speaker) : pick(rng, PLAIN_SUBJECTS).toLowerCase();
    claimSentences.push(
      chance(rng, 0.4)
        ? `“${capital(claim)},” ${pick(rng, SAY)} ${said}.`
        : `According to ${said}, ${claim} ${pick(rng, TIME)}.`,
    );
  }

  // About 20 actor spans in all: the rest go into sentences of their own.
  const actorSentences: string[] = [];
  const actorTarget = int(rng, 18, 22);
  while (stats.actorSpans < actorTarget) {
    const r = rng();
    if (r < 0.45) actorSentences.push(sentence(rng, mention()));
    else if (r < 0.7) actorSentences.push(sentence(rng, `${mention()} and ${mention()}`));
    else if (r < 0.85) actorSentences.push(quoteSentence(rng, mention()));
    else
      actorSentences.push(
        `${capital(pick(rng, WORDS))} ${pick(rng, NOUNS)} in ${mention()} ${pick(rng, VERBS)} ${phrase(rng, int(rng, 4, 8))}.`,
      );
    if (actorSentences.length > 40) break;
  }

  const title = `${capital(pick(rng, ADJ))} ${pick(rng, NOUNS)} ${pick(rng, VERBS)} the “${pick(rng, ADJ)} ${pick(rng, NOUNS)}”`;
  const day = int(rng, 0, 700);
  const published = new Date(Date.UTC(2024, 0, 1) + day * 86400000).toISOString().slice(0, 10);
  const base = [
    `id: ${id}`,
    `title: ${JSON.stringify(title)}`,
    `outlet: ${JSON.stringify(pick(rng, OUTLETS))}`,
    `author: ${JSON.stringify(pick(rng, AUTHORS))}`,
    `published: ${published}`,
    'language: en',
    `url: https://news.example.org/${published.slice(0, 4)}/${id}`,
    `tags: [${[pick(rng, NOUNS), pick(rng, NOUNS), pick(rng, ADJ)].map((t) => t.replace(/ /g, '-')).join(', ')}]`,
    `summary: ${JSON.stringify(capital(`${pick(rng, PLAIN_SUBJECTS).toLowerCase()} say the ${pick(rng, ADJ)} ${pick(rng, NOUNS)} ${pick(rng, VERBS)} the ${pick(rng, NOUNS)} ${pick(rng, TIME)}; the “${pick(rng, NOUNS)}” is ${pick(rng, ADJ)}.`))}`,
  ];
  // The realistic variant draws from a stream of its own: its bodies are the plain variant's, byte for byte.
  const extra = ctx.frontMatter === 'realistic' ? realisticFrontMatter(mulberry32(index * 0x27d4eb2d + 7), id) : [];
  const front = ['---', ...base, ...extra, '---', ''].join('\n');

  // The lead paragraph is plain prose (the benchmark types into it); the rest mixes spans and fillers.
  const lead = [
    sentence(rng, pick(rng, PLAIN_SUBJECTS)),
    sentence(rng, pick(rng, PLAIN_SUBJECTS)),
    sentence(rng, pick(rng, PLAIN_SUBJECTS)),
  ].join(' ');
  const pieces = [...claimSentences, ...actorSentences];
  let size = front.length + lead.length + pieces.reduce((s, p) => s + p.length + 1, 0);
  while (size < target) {
    const r = rng();
    // The odd plain-text mention of a registered name (an unannotated-mention hint).
    const filler =
      r < 0.06
        ? sentence(rng, actorOf().name)
        : r < 0.2
          ? quoteSentence(
              rng,
              `a ${pick(rng, ['senior', 'Western', 'European', 'Ukrainian'])} ${pick(rng, ['official', 'diplomat', 'analyst'])}`,
            )
          : sentence(rng, pick(rng, PLAIN_SUBJECTS));
    pieces.push(filler);
    size += filler.length + 1;
  }
  for (let i = pieces.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pieces[i], pieces[j]] = [pieces[j]!, pieces[i]!];
  }
  const paragraphs: string[] = [lead];
  for (let i = 0; i < pieces.length;) {
    const k = int(rng, 2, 4);
    const group = pieces.slice(i, i + k);
    i += k;
    const r = rng();
    if (r < 0.08) paragraphs.push(`## ${capital(pick(rng, ADJ))} ${pick(rng, NOUNS)}`);
    if (r > 0.93) paragraphs.push(group.map((s) => `- ${s}`).join('\n'));
    else if (r > 0.86) paragraphs.push(`> ${group.join(' ')}`);
    else if (r > 0.8)
      paragraphs.push(
        `${group.join(' ')} See *the [${pick(rng, NOUNS)} report](https://example.org/reports/${index}-${i})* for details.`,
      );
    else paragraphs.push(group.join(' '));
  }
  return { text: front + paragraphs.join('\n\n') + '\n', bodyStart: Buffer.byteLength(front) };
}

/** Writes a corpus of `n` articles and its registry under `dir` (created if needed). */
export function generateCorpus(
  dir: string,
  n: number,
  seed = 1,
  frontMatter: FrontMatterVariant = 'plain',
): CorpusInfo {
  const rng = mulberry32(seed);
  const actors = makeActors(rng);
  const { keys, hot } = makeKeys(rng, actors);
  // Zipf-like popularity: actor i and key i (hot key excluded) weigh 1/(i+1)^0.8.
  const actorWeights = actors.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  const speakers = actors.filter((a) => a.kind === 'person' || a.kind === 'organization');
  const others = keys.filter((k) => k !== hot);
  const keyWeights = others.map((_, i) => 1 / Math.pow(i + 1, 0.7));
  fs.mkdirSync(dir, { recursive: true });
  const registry = registryText(actors, keys);
  const registryFile = 'entities.yaml';
  fs.writeFileSync(path.join(dir, registryFile), registry);
  const info: CorpusInfo = {
    dir,
    n,
    seed,
    files: [],
    registryFile,
    bytes: 0,
    bodyBytes: 0,
    registryBytes: Buffer.byteLength(registry),
    actorSpans: 0,
    claims: 0,
    hotKey: hot.key,
    hotClaims: 0,
    actors,
    keys,
  };
  const stats: ArticleStats = { actorSpans: 0, claims: 0, hot: 0 };
  let folder = '';
  for (let i = 0; i < n; i++) {
    if (i % 100 === 0) {
      // Nested folders: 100 articles per folder, 100 folders per group.
      folder = path.join(
        `g${String(Math.floor(i / 10000)).padStart(2, '0')}`,
        `f${String(Math.floor(i / 100) % 100).padStart(2, '0')}`,
      );
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
    }
    // Each article has its own stream, so that article i does not depend on n.
    const articleRng = mulberry32((seed * 0x9e3779b1 + i * 0x85ebca6b) >>> 0);
    const perArticle: ArticleStats = { actorSpans: 0, claims: 0, hot: 0 };
    const { text, bodyStart } = generateArticle(
      { rng: articleRng, actors, actorWeights, speakers, keys: others, keyWeights, hot, index: i, frontMatter },
      perArticle,
    );
    const rel = path.join(folder, `art-${String(i).padStart(6, '0')}.seed.md`);
    const bytes = Buffer.from(text, 'utf8');
    fs.writeFileSync(path.join(dir, rel), bytes);
    info.files.push(rel);
    info.bytes += bytes.length;
    info.bodyBytes += bytes.length - bodyStart;
    stats.actorSpans += perArticle.actorSpans;
    stats.claims += perArticle.claims;
    stats.hot += perArticle.hot;
  }
  info.actorSpans = stats.actorSpans;
  info.claims = stats.claims;
  info.hotClaims = stats.hot;
  return info;
}
