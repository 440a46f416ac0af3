import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES } from '../../server/src/core';
import { stripMarkup } from '../../server/src/core/syntax/parser';

/**
 * End-to-end tests of the `corroborate` command: the bundled CLI
 * (dist/cli.js, through bin/corroborate.js) runs as a child process on
 * workspaces written to temporary directories.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'corroborate.js');
const DIST = path.join(ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Pretend stdout is a terminal (the CLI only colours a TTY). */
  tty?: boolean;
}

/**
 * Runs the CLI in a child process. Asynchronous, so that a test can run
 * several at once (node's start-up dominates the time of a run).
 */
function run(args: string[], cwd: string, options: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  Object.assign(env, options.env);
  const nodeArgs = options.tty
    ? [
        '-e',
        `Object.defineProperty(process.stdout, 'isTTY', { value: true }); void require(${JSON.stringify(DIST)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; });`,
        '--',
        ...args,
      ]
    : [BIN, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      nodeArgs,
      { cwd, env, encoding: 'utf8', timeout: 10_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(
            new Error(
              `corroborate ${args.join(' ')} did not finish (${error.signal ?? error.message}); stderr: ${stderr}`,
            ),
          );
        else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const temps: string[] = [];

/** Writes a workspace into a fresh temporary directory; returns its real path. */
function workspace(files: Record<string, string | Uint8Array>, name = 'ws'): string {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-cli-')));
  temps.push(base);
  const dir = path.join(base, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}
interface JsonDiagnostic {
  file: string;
  range: JsonRange;
  severity: string;
  code: string;
  message: string;
  related: Array<{ file: string; range: JsonRange; message: string }>;
}

async function checkJson(
  args: string[],
  cwd: string,
): Promise<{ status: number | null; diagnostics: JsonDiagnostic[]; stderr: string }> {
  const r = await run(['check', ...args, '--format', 'json'], cwd);
  let diagnostics: JsonDiagnostic[];
  try {
    diagnostics = JSON.parse(r.stdout) as JsonDiagnostic[];
  } catch {
    assert.fail(`--format json printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, diagnostics, stderr: r.stderr };
}

/** `file code line:char-line:char` of each diagnostic, for compact exact comparisons. */
function brief(ds: JsonDiagnostic[]): string[] {
  return ds.map(
    (d) =>
      `${d.file} ${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
  );
}

/**
 * Removes the `$0`, `$1`, … markers from a fixture text and returns the text
 * and the UTF-16 offset of each marker in it, by marker number.
 */
function marked(fixture: string): { text: string; at: number[] } {
  const at: number[] = [];
  let text = '';
  let i = 0;
  for (const m of fixture.matchAll(/\$(\d)/g)) {
    text += fixture.slice(i, m.index);
    assert.equal(at[Number(m[1])], undefined, `marker ${m[0]} used twice`);
    at[Number(m[1])] = text.length;
    i = m.index + m[0].length;
  }
  return { text: text + fixture.slice(i), at };
}

/** 0-based line and UTF-16 character of an offset into `\n`-separated text (computed here, independently of the CLI). */
function position(text: string, offset: number): JsonPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const REGISTRY = [
  'actors:',
  '  alice:',
  '    name: Alice Smith',
  '    kind: person',
  'claims:',
  '  city.population:',
  '    type: number',
  '',
].join('\n');

/** A source with front matter `id`, one annotated mention of alice and one claim. */
function source(id: string, value: string, by = 'alice'): string {
  return `---\nid: ${id}\n---\n[Alice Smith]{.actor ref=alice} said [${value} people live here]{.claim #pop by=${by} key=city.population value=${value}}.\n`;
}

const NO_STACK = /^\s+at /m;

function assertUsageError(r: Run, message: string): void {
  assert.equal(r.status, 2, `exit status; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `corroborate: ${message}\n`);
  assert.doesNotMatch(r.stderr, NO_STACK);
}

describe('corroborate CLI', function () {
  this.timeout(20_000);

  before(function () {
    if (!fs.existsSync(DIST))
      throw new Error(
        `${path.relative(ROOT, DIST)} does not exist: build the CLI first with \`node scripts/bundle.mjs\``,
      );
  });

  after(function () {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  describe('usage', function () {
    it('--help, -h, `check --help` and no arguments print the usage and exit 0', async function () {
      const [help, ...others] = await Promise.all(
        [['--help'], ['-h'], ['check', '.', '--help'], []].map((args) => run(args, ROOT)),
      );
      assert.equal(help!.status, 0);
      assert.equal(help!.stderr, '');
      assert.match(help!.stdout, /^Usage: corroborate check \[paths\.\.\.\] \[options\]\n/);
      for (const option of [
        '--format <stylish|json|jsonl|sarif>',
        '--max-related <n>',
        '--max-warnings <n>',
        '--hints',
        '--registry <file>',
        '--no-color',
      ])
        assert.ok(help!.stdout.includes(option), option);
      for (const r of others) assert.deepEqual(r, help);
    });

    it('--version and -v print the package.json version', async function () {
      for (const r of await Promise.all([run(['--version'], ROOT), run(['-v'], ROOT)])) {
        assert.deepEqual(r, { status: 0, stdout: `corroborate ${VERSION}\n`, stderr: '' });
      }
    });

    const usageErrors: Array<[string[], string]> = [
      [['--bogus'], "unknown option '--bogus'"],
      [['check', '.', '--colour'], "unknown option '--colour'"],
      [
        ['frobnicate'],
        "unknown command 'frobnicate' (expected 'check', 'suggest', 'import', 'report', 'export' or 'diff')",
      ],
      [['export', 'seeds'], 'export needs --format (csv, brat, w3c, schema, jsonl)'],
      [['export', '--format', 'xml'], "unknown export format 'xml' (expected csv, brat, w3c, schema, jsonl)"],
      [['export', '--format', 'w3c', '-o', 'seeds'], '-o seeds is a folder; --format w3c writes one file'],
      [['check', '-o', 'x'], '-o is an option of export and report'],
      [
        ['suggest', '--format', 'sarif'],
        "suggest prints stylish or json, not sarif (sarif is for check's diagnostics)",
      ],
      [['suggest', '--min-confidence', '2'], "--min-confidence takes a number from 0 to 1, not '2'"],
      [['suggest', '--min-confidence=high'], "--min-confidence takes a number from 0 to 1, not 'high'"],
      [['--no-color'], "missing command: try 'corroborate check .'"],
      [
        ['suggest', '--format', 'jsonl'],
        "suggest prints stylish or json, not jsonl (jsonl is for check's diagnostics)",
      ],
      [['check', '--format', 'xml'], "unknown format 'xml' (expected stylish, json, jsonl or sarif)"],
      [['check', '--format=JSON'], "unknown format 'JSON' (expected stylish, json, jsonl or sarif)"],
      [['check', '--max-related', '21'], "--max-related takes a whole number from 0 to 20, not '21'"],
      [['check', '--max-related=-1'], "--max-related takes a whole number from 0 to 20, not '-1'"],
      [['check', '--max-related'], '--max-related needs a value'],
      [['check', '--format'], '--format needs a value'],
      [['check', '--max-warnings', 'many'], "--max-warnings takes a whole number, not 'many'"],
      [['check', '--max-warnings=-1'], "--max-warnings takes a whole number, not '-1'"],
      [['check', '--max-warnings', '1.5'], "--max-warnings takes a whole number, not '1.5'"],
      [['check', '--max-warnings'], '--max-warnings needs a value'],
      [['check', '--registry'], '--registry needs a value'],
      [['check', '--hints=no'], '--hints takes no value'],
      [['check', '--no-color=false'], '--no-color takes no value'],
    ];
    const usageRuns = new Map<string, Promise<Run>>();
    before(function () {
      // Started ahead, four at a time (all at once, 22 processes on a loaded 2-core machine outlived their 10 s
      // limit), and awaited one by one.
      const slots: Array<Promise<unknown>> = [];
      for (const [args] of usageErrors) {
        const slot = slots.length < 4 ? Promise.resolve() : slots.shift()!;
        const p = slot.then(() => run(args, ROOT));
        p.catch(() => undefined);
        slots.push(p.catch(() => undefined));
        usageRuns.set(args.join(' '), p);
      }
    });
    for (const [args, message] of usageErrors) {
      it(`\`${args.join(' ')}\` is a usage error (exit 2, one line on stderr)`, async function () {
        assertUsageError(await usageRuns.get(args.join(' '))!, message);
      });
    }

    it('a missing path or registry is an I/O error (exit 2)', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': source('a', '100') });
      fs.mkdirSync(path.join(ws, 'registry'));
      const [missing, noRegistry, dirRegistry] = await Promise.all([
        run(['check', 'a.seed.md', 'nowhere'], ws),
        run(['check', '--registry', 'none.yaml'], ws),
        run(['check', '--registry', 'registry'], ws),
      ]);
      assertUsageError(missing, 'no such file or directory: nowhere');
      assertUsageError(noRegistry, 'no such registry: none.yaml');
      assertUsageError(dirRegistry, 'cannot read registry: EISDIR');
    });
  });

  describe('exit status', function () {
    it('a clean workspace exits 0 with "no problems"', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': source('a', '100') });
      const [r, strict] = await Promise.all([
        run(['check', '--no-color'], ws),
        run(['check', '.', '--max-warnings', '0'], ws),
      ]);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, '✔ no problems\n1 source, 1 actor mentioned 1 time, 1 claim on 1 key\n');
      assert.equal(strict.status, 0);
    });

    it('an error (unknown actor) exits 1, whatever --max-warnings says', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': source('a', '100', 'alise') });
      const [r, lenient] = await Promise.all([
        run(['check', '--no-color'], ws),
        run(['check', '--max-warnings', '100'], ws),
      ]);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.includes("unknown actor 'alise' in by=: did you mean 'alice'?  unknown-actor"), r.stdout);
      assert.equal(lenient.status, 1);
    });

    it('warnings only exit 0 unless there are more than --max-warnings', async function () {
      const unsourced = '[One]{.claim key=city.population value=1} and [two]{.claim key=city.population value=1}.\n';
      const ws = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': unsourced });
      const [plain, zero, one, two, twoInline] = await Promise.all([
        run(['check', '--no-color'], ws),
        run(['check', '--no-color', '--max-warnings', '0'], ws),
        run(['check', '--max-warnings', '1'], ws),
        run(['check', '--max-warnings', '2'], ws),
        run(['check', '--max-warnings=2'], ws),
      ]);
      assert.equal(plain.status, 0);
      assert.ok(plain.stdout.includes('⚠ 2 problems (0 errors, 2 warnings, 0 infos)\n'), plain.stdout);
      assert.equal(zero.status, 1);
      assert.ok(zero.stdout.endsWith('too many warnings: 2 (--max-warnings 0)\n'), zero.stdout);
      assert.equal(one.status, 1);
      assert.equal(two.status, 0);
      assert.ok(!two.stdout.includes('too many warnings'), two.stdout);
      assert.equal(twoInline.status, 0);
      const json = await checkJson(['--max-warnings', '1'], ws);
      assert.equal(json.status, 1);
      assert.deepEqual(
        json.diagnostics.map((d) => d.code),
        ['unsourced-claim', 'unsourced-claim'],
      );
    });
  });

  describe('--format json', function () {
    // On disk: a UTF-8 BOM, CRLF line endings, emoji (two UTF-16 code units each) before the claims.
    const emoji = marked(
      [
        '😀 [Alice Smith]{.actor ref=alice} said $0[100 people live here]{.claim #pop by=$2zed$3 key=city.population value=100}$1.',
        'plain line 🎉',
        '🎉🎉 [Alice Smith]{.actor ref=$4bob$5}.',
        '',
      ].join('\n'),
    );
    const other = marked(
      '---\nid: other\n---\n[Alice Smith]{.actor ref=alice} said $0[200 people live here]{.claim #pop by=alice key=city.population value=200}$1.\n',
    );
    const files = {
      'entities.yaml': REGISTRY,
      'news/emoji.seed.md': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(emoji.text.replace(/\n/g, '\r\n'), 'utf8'),
      ]),
      'news/other.seed.md': other.text,
    };

    it('the hand-computed positions are what the fixture says', function () {
      // Guards the helpers: the claim starts after "😀 " (3 code units), the 31-character mention and " said ";
      // bob after "🎉🎉 " (5 code units), "[Alice Smith]" (13) and "{.actor ref=" (12).
      assert.deepEqual(position(emoji.text, emoji.at[0]!), { line: 0, character: 40 });
      assert.deepEqual(position(emoji.text, emoji.at[4]!), { line: 2, character: 30 });
      assert.deepEqual(position(other.text, other.at[0]!), { line: 3, character: 37 });
    });

    it('reports 0-based UTF-16 ranges (BOM not counted, CRLF ends a line) and related entries relative to the working directory', async function () {
      const ws = workspace(files);
      const { status, diagnostics, stderr } = await checkJson([], ws);
      assert.equal(stderr, '');
      assert.equal(status, 1);
      const range = (m: { text: string; at: number[] }, a: number, b: number): JsonRange => ({
        start: position(m.text, m.at[a]!),
        end: position(m.text, m.at[b]!),
      });
      const emojiClaim = range(emoji, 0, 1);
      const otherClaim = range(other, 0, 1);
      // "[100 people live here]" is 22 code units, its attribute list 50.
      assert.deepEqual(emojiClaim, { start: { line: 0, character: 40 }, end: { line: 0, character: 112 } });
      assert.deepEqual(diagnostics, [
        {
          file: path.join('news', 'emoji.seed.md'),
          range: emojiClaim,
          severity: 'warning',
          code: 'conflicting-claim',
          message: 'city.population = "100" conflicts with 1 other source: "200" in other',
          related: [{ file: path.join('news', 'other.seed.md'), range: otherClaim, message: 'other says "200"' }],
        },
        {
          file: path.join('news', 'emoji.seed.md'),
          range: range(emoji, 2, 3),
          severity: 'error',
          code: 'unknown-actor',
          message: "unknown actor 'zed' in by=: add it to entities.yaml",
          related: [],
        },
        {
          file: path.join('news', 'emoji.seed.md'),
          range: range(emoji, 4, 5),
          severity: 'error',
          code: 'unknown-actor',
          message: "unknown actor 'bob': add it to entities.yaml",
          related: [],
        },
        {
          file: path.join('news', 'other.seed.md'),
          range: otherClaim,
          severity: 'warning',
          code: 'conflicting-claim',
          message: 'city.population = "200" conflicts with 1 other source: "100" in emoji',
          related: [{ file: path.join('news', 'emoji.seed.md'), range: emojiClaim, message: 'emoji says "100"' }],
        },
      ]);
    });

    it('paths are relative to the working directory, also from a subfolder and for a related file outside it', async function () {
      const ws = workspace({
        'a/entities.yaml': REGISTRY,
        'a/one.seed.md': source('one', '100'),
        'b/entities.yaml': REGISTRY,
        'b/two.seed.md': source('two', '200'),
      });
      const { diagnostics } = await checkJson(['.', '../b'], path.join(ws, 'a'));
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.code, d.related.map((x) => x.file)]),
        [
          ['one.seed.md', 'conflicting-claim', [path.join('..', 'b', 'two.seed.md')]],
          [path.join('..', 'b', 'two.seed.md'), 'conflicting-claim', ['one.seed.md']],
        ],
      );
    });

    it('always includes hints (corroborations), with or without --hints', async function () {
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'a.seed.md': source('a', '100'),
        'b.seed.md': source('b', '100'),
      });
      const [{ status, diagnostics }, withHints] = await Promise.all([checkJson([], ws), checkJson(['--hints'], ws)]);
      assert.equal(status, 0);
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.severity, d.code, d.message, d.related.map((x) => `${x.file} ${x.message}`)]),
        [
          [
            'a.seed.md',
            'hint',
            'corroborated-claim',
            'corroborated by 1 other source: b',
            ['b.seed.md b also says "100"'],
          ],
          [
            'b.seed.md',
            'hint',
            'corroborated-claim',
            'corroborated by 1 other source: a',
            ['a.seed.md a also says "100"'],
          ],
        ],
      );
      assert.deepEqual(withHints.diagnostics, diagnostics);
    });

    it('prints an empty array for a clean workspace', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': source('a', '100') });
      const r = await run(['check', '--format', 'json'], ws);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, '[]\n');
    });
  });

  describe('--format sarif', function () {
    interface SarifRegion {
      startLine: number;
      startColumn: number;
      endLine: number;
      endColumn: number;
    }
    interface SarifLocation {
      physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion };
    }
    interface SarifResult {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: Array<SarifLocation & { id: number; message: { text: string } }>;
    }
    interface Sarif {
      $schema: string;
      version: string;
      runs: Array<{
        tool: {
          driver: {
            name: string;
            version: string;
            rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
          };
        };
        columnKind: string;
        originalUriBaseIds: Record<string, { uri: string }>;
        results: SarifResult[];
      }>;
    }

    const region = (r: JsonRange): SarifRegion => ({
      startLine: r.start.line + 1,
      startColumn: r.start.character + 1,
      endLine: r.end.line + 1,
      endColumn: r.end.character + 1,
    });
    const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

    it('is SARIF 2.1.0 with every code as a rule and the same results as json, 1-based', async function () {
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'a.seed.md': source('a', '100'),
        'b.seed.md': source('b', '200', 'anonymous'),
        'c.seed.md': source('c', '100', 'bob'),
      });
      const [r, { diagnostics: json }] = await Promise.all([
        run(['check', '--format', 'sarif'], ws),
        checkJson([], ws),
      ]);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
      const sarif = JSON.parse(r.stdout) as Sarif;
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.equal(sarif.runs.length, 1);
      const theRun = sarif.runs[0]!;
      assert.equal(theRun.tool.driver.name, 'corroborate');
      assert.equal(theRun.tool.driver.version, VERSION);
      assert.equal(theRun.columnKind, 'utf16CodeUnits');
      assert.equal(theRun.originalUriBaseIds['%SRCROOT%']!.uri, `file://${ws}/`);
      const rules = theRun.tool.driver.rules;
      assert.deepEqual(rules.map((x) => x.id).sort(), Object.keys(DIAGNOSTIC_CODES).sort());
      for (const rule of rules) {
        const def = DIAGNOSTIC_CODES[rule.id as keyof typeof DIAGNOSTIC_CODES];
        assert.equal(rule.shortDescription.text, def.summary);
        assert.equal(rule.defaultConfiguration.level, LEVEL[def.severity]);
      }

      assert.deepEqual(
        json.map((d) => `${d.file} ${d.code}`),
        [
          'a.seed.md conflicting-claim',
          'a.seed.md corroborated-claim',
          'b.seed.md conflicting-claim',
          'b.seed.md anonymous-source',
          'c.seed.md conflicting-claim',
          'c.seed.md corroborated-claim',
          'c.seed.md unknown-actor',
        ],
      );
      assert.equal(theRun.results.length, json.length);
      theRun.results.forEach((result, i) => {
        const d = json[i]!;
        assert.equal(result.ruleId, d.code);
        assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
        assert.equal(result.level, LEVEL[d.severity]);
        assert.equal(result.message.text, d.message);
        assert.deepEqual(result.locations, [
          { physicalLocation: { artifactLocation: { uri: d.file, uriBaseId: '%SRCROOT%' }, region: region(d.range) } },
        ]);
        if (d.related.length === 0) assert.equal(result.relatedLocations, undefined);
        else {
          assert.deepEqual(
            result.relatedLocations,
            d.related.map((x, j) => ({
              id: j + 1,
              message: { text: x.message },
              physicalLocation: { artifactLocation: { uri: x.file, uriBaseId: '%SRCROOT%' }, region: region(x.range) },
            })),
          );
        }
      });
      assert.deepEqual(theRun.results[0]!.locations[0]!.physicalLocation.region, {
        startLine: 4,
        startColumn: 38,
        endLine: 4,
        endColumn: 112,
      });
      assert.deepEqual(
        theRun.results.map((x) => x.level),
        ['warning', 'note', 'warning', 'note', 'warning', 'note', 'error'],
      );
    });

    it('artifact URIs are percent-encoded references that resolve against %SRCROOT% to the files', async function () {
      const ws = workspace(
        {
          'entities.yaml': REGISTRY,
          'Ümlaut dir/notes #1.seed.md': source('one', '100'),
          'other 100%.seed.md': source('two', '200'),
        },
        'work space',
      );
      const sarif = JSON.parse((await run(['check', '--format', 'sarif'], ws)).stdout) as Sarif;
      const theRun = sarif.runs[0]!;
      const base = theRun.originalUriBaseIds['%SRCROOT%']!.uri;
      assert.equal(base, new URL(base).href, 'the base URI is a valid, normalised URL');
      assert.equal(fileURLToPath(base), ws + path.sep);
      const resolved = theRun.results
        .flatMap((x) => [x.locations[0]!, ...(x.relatedLocations ?? [])])
        .map((l) => fileURLToPath(new URL(l.physicalLocation.artifactLocation.uri, base)));
      assert.deepEqual(resolved, [
        path.join(ws, 'other 100%.seed.md'),
        path.join(ws, 'Ümlaut dir', 'notes #1.seed.md'),
        path.join(ws, 'Ümlaut dir', 'notes #1.seed.md'),
        path.join(ws, 'other 100%.seed.md'),
      ]);
      assert.equal(theRun.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'other%20100%25.seed.md');
      assert.equal(
        theRun.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri,
        '%C3%9Cmlaut%20dir/notes%20%231.seed.md',
      );
    });
  });

  describe('stylish', function () {
    const files = {
      'entities.yaml': REGISTRY,
      'a.seed.md': source('a', '100'),
      'sub/b.seed.md':
        '[Bob]{.actor ref=bob} counted [100 people]{.claim by=anonymous key=city.population value=100}.\nAlice Smith was there.\n',
    };

    it('groups by file with 1-based line:col and hides hints with a note', async function () {
      const ws = workspace(files);
      const r = await run(['check', '--no-color'], ws);
      assert.equal(r.status, 1);
      assert.equal(
        r.stdout,
        [
          `${path.join('sub', 'b.seed.md')}`,
          "  1:18  error  unknown actor 'bob': add it to entities.yaml  unknown-actor",
          '  1:54  info   attributed to an unnamed source  anonymous-source',
          '',
          '✖ 2 problems (1 error, 0 warnings, 1 info) · 3 hints not shown (--hints lists them)',
          '2 sources, 2 actors mentioned 2 times, 2 claims on 1 key',
          '',
        ].join('\n'),
      );
    });

    it('--hints lists the hints', async function () {
      const ws = workspace(files);
      const r = await run(['check', '--no-color', '--hints'], ws);
      assert.equal(r.status, 1);
      assert.equal(
        r.stdout,
        [
          'a.seed.md',
          '  4:38  hint  corroborated by 1 other source: b  corroborated-claim',
          '',
          `${path.join('sub', 'b.seed.md')}`,
          "  1:18  error  unknown actor 'bob': add it to entities.yaml  unknown-actor",
          '  1:31  hint   corroborated by 1 other source: a  corroborated-claim',
          '  1:54  info   attributed to an unnamed source  anonymous-source',
          "  2:1   hint   'Alice Smith' is actor 'alice' but is not annotated  unannotated-mention",
          '',
          '✖ 2 problems (1 error, 0 warnings, 1 info) and 3 hints',
          '2 sources, 2 actors mentioned 2 times, 2 claims on 1 key',
          '',
        ].join('\n'),
      );
    });

    it('colours a terminal, but not with --no-color or NO_COLOR', async function () {
      const ws = workspace(files);
      const ESC = '\x1b[';
      const [tty, noColor, envNoColor, pipe, pipeNoColor] = await Promise.all([
        run(['check'], ws, { tty: true }),
        run(['check', '--no-color'], ws, { tty: true }),
        run(['check'], ws, { tty: true, env: { NO_COLOR: '1' } }),
        run(['check'], ws),
        run(['check', '--no-color'], ws),
      ]);
      assert.equal(tty.status, 1);
      assert.ok(tty.stdout.includes(`${ESC}31merror${ESC}0m`), JSON.stringify(tty.stdout));
      assert.ok(tty.stdout.includes(`${ESC}4m${path.join('sub', 'b.seed.md')}${ESC}0m`), JSON.stringify(tty.stdout));
      assert.equal(noColor.status, 1);
      assert.ok(!noColor.stdout.includes('\x1b'), JSON.stringify(noColor.stdout));
      assert.equal(noColor.stdout, pipeNoColor.stdout);
      assert.equal(envNoColor.stdout, pipeNoColor.stdout, 'NO_COLOR');
      assert.equal(pipe.stdout, pipeNoColor.stdout, 'a pipe is not coloured');
    });
  });

  describe('registry search', function () {
    const BOB_REGISTRY =
      'actors:\n  bob:\n    name: Bob Jones\n    kind: person\nclaims:\n  city.population: {type: number}\n';
    const mentions = (...ids: string[]): string => ids.map((id) => `[${id}]{.actor ref=${id}}`).join(' and ') + '.\n';

    it('uses a registry in a parent folder', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'sub/deep/a.seed.md': source('a', '100') });
      const targets = ['sub', path.join('sub', 'deep'), path.join('sub', 'deep', 'a.seed.md')];
      const results = await Promise.all(targets.map((target) => checkJson([target], ws)));
      for (const [i, target] of targets.entries()) {
        const r = results[i]!;
        assert.equal(r.status, 0, target);
        assert.deepEqual(r.diagnostics, [], target);
      }
    });

    it('the nearest registry wins', async function () {
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'top.seed.md': mentions('alice', 'bob'),
        'sub/entities.yaml': BOB_REGISTRY,
        'sub/inner.seed.md': mentions('alice', 'bob'),
      });
      const { status, diagnostics } = await checkJson([], ws);
      assert.equal(status, 1);
      assert.deepEqual(brief(diagnostics), [
        `${path.join('sub', 'inner.seed.md')} unknown-actor 0:19-0:24`,
        'top.seed.md unknown-actor 0:47-0:50',
      ]);
      assert.equal(diagnostics[0]!.message, "unknown actor 'alice': add it to entities.yaml");
      assert.equal(diagnostics[1]!.message, "unknown actor 'bob': add it to entities.yaml");
    });

    it('--registry overrides the search for every source', async function () {
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'top.seed.md': mentions('bob'),
        'sub/entities.yaml': REGISTRY,
        'sub/inner.seed.md': mentions('bob'),
        'config/people.yaml': BOB_REGISTRY,
      });
      const [without, relative, absolute] = await Promise.all([
        checkJson([], ws),
        checkJson(['--registry', path.join('config', 'people.yaml')], ws),
        checkJson([`--registry=${path.join(ws, 'config', 'people.yaml')}`, 'sub'], ws),
      ]);
      assert.deepEqual(brief(without.diagnostics), [
        `${path.join('sub', 'inner.seed.md')} unknown-actor 0:17-0:20`,
        'top.seed.md unknown-actor 0:17-0:20',
      ]);
      assert.equal(without.status, 1);
      assert.deepEqual(relative.diagnostics, []);
      assert.equal(relative.status, 0);
      assert.deepEqual(absolute.diagnostics, []);
      assert.equal(absolute.status, 0);
    });

    it('does not look above the working directory when the path is inside it', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'sub/a.seed.md': mentions('alice') });
      const { status, diagnostics } = await checkJson([], path.join(ws, 'sub'));
      assert.equal(status, 1);
      assert.deepEqual(
        diagnostics.map((d) => d.message),
        ["unknown actor 'alice': no entities.yaml was found at or above this file"],
      );
    });

    it('finds the same registry whatever the order of nested paths outside the working directory', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'sub/a.seed.md': mentions('alice') });
      const elsewhere = workspace({});
      const orders = [
        [ws, path.join(ws, 'sub')],
        [path.join(ws, 'sub'), ws],
      ];
      const results = await Promise.all(orders.map((args) => checkJson(args, elsewhere)));
      for (const [i, args] of orders.entries()) {
        const r = results[i]!;
        assert.deepEqual(brief(r.diagnostics), [], args.join(' '));
        assert.equal(r.status, 0, args.join(' '));
      }
    });

    it('checks an entities.yaml named on the command line as a registry, not as a source', async function () {
      const ws = workspace({ 'entities.yaml': 'actors:\n  alice: [not, a, mapping]\n' });
      const r = await run(['check', 'entities.yaml', '--no-color'], ws);
      assert.equal(r.status, 1);
      assert.ok(r.stdout.startsWith('entities.yaml\n'), r.stdout);
      assert.ok(r.stdout.includes('  registry\n'), r.stdout);
      assert.ok(r.stdout.endsWith('0 sources, 0 actors mentioned 0 times, 0 claims on 0 keys\n'), r.stdout);
    });

    it('skips node_modules and dot-folders', async function () {
      const broken = mentions('nobody');
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'a.seed.md': source('a', '100'),
        'node_modules/pkg/x.seed.md': broken,
        'node_modules/pkg/entities.yaml': ': not yaml [',
        '.hidden/y.seed.md': broken,
        'sub/.git/z.seed.md': broken,
      });
      const [r, named] = await Promise.all([
        run(['check', '--no-color'], ws),
        checkJson([path.join('node_modules', 'pkg', 'x.seed.md'), path.join('.hidden', 'y.seed.md')], ws),
      ]);
      assert.equal(r.stdout, '✔ no problems\n1 source, 1 actor mentioned 1 time, 1 claim on 1 key\n');
      assert.equal(r.status, 0);
      // Named on the command line, they are checked (x.seed.md under its own, broken, registry).
      assert.deepEqual(
        named.diagnostics.map((d) => `${d.file} ${d.code}`),
        [
          `${path.join('node_modules', 'pkg', 'entities.yaml')} registry`,
          `${path.join('.hidden', 'y.seed.md')} unknown-actor`,
          `${path.join('node_modules', 'pkg', 'x.seed.md')} unknown-actor`,
        ],
      );
    });

    it('does not hang on a directory symlink loop, and checks each file once', async function () {
      const ws = workspace({ 'entities.yaml': REGISTRY, 'sub/a.seed.md': source('a', '100') });
      fs.symlinkSync('..', path.join(ws, 'sub', 'up'), 'dir');
      fs.symlinkSync('.', path.join(ws, 'sub', 'self'), 'dir');
      fs.symlinkSync(path.join(ws, 'sub', 'missing'), path.join(ws, 'dangling'), 'dir');
      const r = await run(['check', '--no-color'], ws);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '✔ no problems\n1 source, 1 actor mentioned 1 time, 1 claim on 1 key\n');
    });
  });

  describe('encoding', function () {
    it('a binary file named .seed.md is an encoding error, not a crash', async function () {
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'image.seed.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      });
      const [{ status, diagnostics, stderr }, stylish] = await Promise.all([
        checkJson([], ws),
        run(['check', '--no-color'], ws),
      ]);
      assert.equal(stderr, '');
      assert.equal(status, 1);
      assert.deepEqual(diagnostics, [
        {
          file: 'image.seed.md',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 'error',
          code: 'encoding',
          message: 'binary file (NUL byte at byte 8): not analysed',
          related: [],
        },
      ]);
      assert.equal(stylish.status, 1);
      assert.equal(stylish.stderr, '');
      assert.ok(
        stylish.stdout.startsWith(
          'image.seed.md\n  1:1  error  binary file (NUL byte at byte 8): not analysed  encoding\n',
        ),
        stylish.stdout,
      );
    });

    it('invalid UTF-8 is an encoding error at the first undecodable byte, and the rest is still analysed', async function () {
      // Latin-1 bytes, with a lone CR ending the first line.
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'latin1.seed.md': Buffer.from('Caf\u00e9\r[Bob]{.actor ref=bob} na\u00efve\n', 'latin1'),
      });
      const { status, diagnostics } = await checkJson([], ws);
      assert.equal(status, 1);
      assert.deepEqual(diagnostics, [
        {
          file: 'latin1.seed.md',
          range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } },
          severity: 'error',
          code: 'encoding',
          message: 'invalid UTF-8: undecodable bytes are shown as U+FFFD',
          related: [],
        },
        {
          file: 'latin1.seed.md',
          range: { start: { line: 1, character: 17 }, end: { line: 1, character: 20 } },
          severity: 'error',
          code: 'unknown-actor',
          message: "unknown actor 'bob': add it to entities.yaml",
          related: [],
        },
      ]);
    });
  });

  describe('limits (--max-file-size, --max-nesting, --max-yaml-aliases, --max-attribute-length)', function () {
    it('a file over --max-file-size is one file-too-large error and is not analysed; the others are', async function () {
      const big = `[X]{.actor ref=ghost} ${'word '.repeat(400)}\n`; // just over 2,000 bytes
      const ws = workspace({
        'entities.yaml': REGISTRY,
        'big.seed.md': big,
        'small.seed.md': '[Y]{.actor ref=ghost}\n',
      });
      const [{ status, diagnostics, stderr }, usage] = await Promise.all([
        checkJson(['--max-file-size', '2000'], ws),
        run(['--help'], ws),
      ]);
      assert.equal(stderr, '');
      assert.equal(status, 1);
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.code, d.range.start.line, d.range.start.character]),
        [
          ['big.seed.md', 'file-too-large', 0, 0],
          ['small.seed.md', 'unknown-actor', 0, 15],
        ],
      );
      const message = diagnostics[0]!.message;
      assert.ok(
        message.includes(`${Buffer.byteLength(big).toLocaleString('en-US')} bytes, more than the limit of 2,000 bytes`),
        message,
      );
      assert.ok(message.includes('--max-file-size'), message);
      for (const flag of ['--max-file-size', '--max-nesting', '--max-yaml-aliases', '--max-attribute-length'])
        assert.ok(usage.stdout.includes(flag), `usage text names ${flag}`);
    });

    it('--max-nesting and --max-yaml-aliases move the limits; out-of-range values are usage errors', async function () {
      const ws = workspace({
        'a.seed.md':
          '---\nx: &x [1, 2]\ny: [*x, *x]\n---\n[[[[w]{.claim by=outlet}]{.claim by=outlet}]{.claim by=outlet}]{.claim by=outlet}\n',
      });
      const [defaults, tight, badNesting, badSize] = await Promise.all([
        checkJson([], ws),
        checkJson(['--max-nesting=2', '--max-yaml-aliases', '5'], ws),
        run(['check', '--max-nesting', '0'], ws),
        run(['check', '--max-file-size', '10k'], ws),
      ]);
      assert.deepEqual(defaults.diagnostics, []);
      assert.deepEqual(
        tight.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
        [
          ['front-matter', 2, 8],
          ['malformed-span', 4, 2],
        ],
      );
      assert.ok(tight.diagnostics[0]!.message.includes('more than 5 nodes'), tight.diagnostics[0]!.message);
      assert.equal(badNesting.status, 2);
      assert.equal(badNesting.stderr, "corroborate: --max-nesting takes a whole number from 1 to 10000, not '0'\n");
      assert.equal(badSize.status, 2);
      assert.match(badSize.stderr, /--max-file-size takes a whole number/);
    });
  });

  describe('suggest', function () {
    interface JsonSuggestion {
      file: string;
      kind: string;
      range: JsonRange;
      text: string;
      type?: string;
      ref?: string;
      by?: string;
      new: boolean;
      confidence: number;
    }
    // An emoji and a CRLF before the names: positions must be UTF-16 code units on the right line.
    const { text: article, at } = marked(
      '---\r\nid: a\r\n---\r\n📰 [Alice Smith]{.actor ref=alice} met $0Alice Smith$1 and $2Emmanuel Macron$3 in Paris.\r\n',
    );

    it('--format json lists each name with its range as check gives ranges, its id, and whether the id is new', async function () {
      const dir = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': article });
      const r = await run(['suggest', '--format', 'json', '--min-confidence', '0'], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      const found = JSON.parse(r.stdout) as JsonSuggestion[];
      const lf = article.replace(/\r\n/g, '\n');
      const lfAt = (offset: number): number => offset - (article.slice(0, offset).match(/\r\n/g) ?? []).length;
      const alice = found.find((x) => x.text === 'Alice Smith');
      assert.deepEqual(alice, {
        file: 'a.seed.md',
        kind: 'actor',
        range: { start: position(lf, lfAt(at[0]!)), end: position(lf, lfAt(at[1]!)) },
        text: 'Alice Smith',
        type: 'person',
        ref: 'alice',
        new: false,
        confidence: alice!.confidence,
      });
      assert.ok(alice.confidence > 0.5 && alice.confidence <= 1);
      const macron = found.find((x) => x.text === 'Emmanuel Macron');
      assert.ok(macron, r.stdout);
      assert.deepEqual(macron.range, { start: position(lf, lfAt(at[2]!)), end: position(lf, lfAt(at[3]!)) });
      assert.equal(macron.new, true);
      assert.equal(macron.type, 'person');
      // Nothing inside the annotated span or the front matter.
      for (const x of found) assert.ok(x.range.start.line === 3 && x.range.start.character > 30, JSON.stringify(x));
    });

    it('--min-confidence leaves out what is below it, and stylish prints a line per suggestion and a summary', async function () {
      const dir = workspace({ 'entities.yaml': REGISTRY, 'a.seed.md': article });
      const [all, none, stylish] = await Promise.all([
        run(['suggest', '--format', 'json', '--min-confidence', '0'], dir),
        run(['suggest', '--format', 'json', '--min-confidence', '1'], dir),
        run(['suggest', '--min-confidence=0'], dir),
      ]);
      const every = JSON.parse(all.stdout) as JsonSuggestion[];
      assert.ok(every.length >= 2);
      assert.deepEqual(JSON.parse(none.stdout), []);
      assert.equal(stylish.status, 0);
      const lines = stylish.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'a.seed.md');
      assert.equal(lines.filter((l) => / → /.test(l)).length, every.length);
      assert.ok(
        lines.some((l) => /^ {2}4:\d+ +Emmanuel Macron {2}→ \S+ \(new\) {2}person {2}\d\.\d\d$/.test(l)),
        stylish.stdout,
      );
      const fresh = every.filter((x) => x.new).length;
      assert.equal(lines[lines.length - 1], `${every.length} suggested actors (${fresh} new to the registry)`);
    });
  });

  describe('suggest --write', function () {
    const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;
    interface Written {
      files: Array<{ file: string; annotated: number; added: string[] }>;
      annotated: number;
      added: string[];
    }
    const seed = fs.readFileSync(path.join(ROOT, 'seeds', '002-new-nato.seed.md'), 'utf8');
    // The seed with its markup stripped (front matter kept), and the seeds' registry.
    const body = seed.indexOf('\n---', 3) + 4;
    const stripped = seed.slice(0, body) + stripMarkup(seed.slice(body));
    const registry = fs.readFileSync(path.join(ROOT, 'seeds', 'entities.yaml'), 'utf8');

    it('annotates a stripped seed in place, keeps its prose, and a second run changes nothing', async function () {
      const dir = workspace({ 'entities.yaml': registry, 'n.seed.md': stripped });
      const first = await run(['suggest', '--write', '--format', 'json'], dir);
      assert.equal(first.stderr, '');
      assert.equal(first.status, 0);
      const summary = JSON.parse(first.stdout) as Written;
      assert.ok(summary.annotated >= 20, first.stdout);
      const after = fs.readFileSync(path.join(dir, 'n.seed.md'), 'utf8');
      assert.equal(stripMarkup(after.slice(body)), stripMarkup(stripped.slice(body)));
      assert.equal(after.slice(0, body), stripped.slice(0, body));
      const reg = fs.readFileSync(path.join(dir, 'entities.yaml'), 'utf8');
      // Lines are only added to the registry: its old lines are all there, in order, and the new ones describe nothing.
      const lines = reg.split('\n');
      let at = 0;
      for (const line of registry.split('\n')) {
        while (at < lines.length && lines[at] !== line) at++;
        assert.ok(at < lines.length, `registry line lost: ${line}`);
      }
      assert.equal(
        lines.length - registry.split('\n').length,
        summary.added.length * 3 + count(reg, /^ {4}aliases:/gm) - count(registry, /^ {4}aliases:/gm),
      );
      for (const id of summary.added) assert.equal(count(reg, new RegExp(`^  ${id}:`, 'gm')), 1, id);
      assert.equal(count(reg, /description:/g), count(registry, /description:/g));
      const checked = await checkJson(['.'], dir);
      assert.deepEqual(
        checked.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );

      const second = await run(['suggest', '--write'], dir);
      assert.equal(second.stdout, '0 actors annotated in 0 files, 0 registry entries added\n');
      assert.equal(fs.readFileSync(path.join(dir, 'n.seed.md'), 'utf8'), after);
      assert.equal(fs.readFileSync(path.join(dir, 'entities.yaml'), 'utf8'), reg);
    });

    it('creates entities.yaml when none governs the file, with one entry per new actor', async function () {
      const text =
        '---\nid: a\n---\nChristine Lagarde met Mark Rutte. Later, Lagarde said the European Central Bank would act.\n';
      const dir = workspace({ 'a.seed.md': text });
      const r = await run(['suggest', '--write', '--min-confidence', '0.5'], dir);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^a\.seed\.md: \d+ actors annotated, added lagarde, /m);
      const reg = fs.readFileSync(path.join(dir, 'entities.yaml'), 'utf8');
      assert.match(reg, /^ {2}lagarde:\n {4}name: Christine Lagarde\n {4}aliases: \[Lagarde\]\n {4}kind: person$/m);
      assert.equal((reg.match(/lagarde:/g) ?? []).length, 1);
      assert.equal(stripMarkup(fs.readFileSync(path.join(dir, 'a.seed.md'), 'utf8')), stripMarkup(text));
    });

    it('--write belongs to suggest', async function () {
      const r = await run(['check', '--write'], os.tmpdir());
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'corroborate: --write is an option of suggest\n');
    });
  });

  describe('suggest: claims', function () {
    interface JsonSuggestion {
      kind: string;
      range: JsonRange;
      text: string;
      by?: string;
      new: boolean;
      confidence: number;
    }
    // Quotations after an emoji and a CRLF: the content's range in UTF-16 code units, on the right line.
    const { text: article, at } = marked(
      [
        '---',
        'id: q',
        '---',
        '📰 “$0The bridge will open in May$1,” said [Alice Smith]{.actor ref=alice}.',
        '“$2We are not ready$3,” a city official told reporters.',
        '$4The mayor will resign$5, Emmanuel Macron said.',
        '',
      ].join('\r\n'),
    );

    it('--format json lists claims with by= the speaker (an actor, anonymous, or new) among the actors, in text order', async function () {
      const dir = workspace({ 'entities.yaml': REGISTRY, 'q.seed.md': article });
      const r = await run(['suggest', '--format', 'json', '--min-confidence', '0'], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      const found = JSON.parse(r.stdout) as JsonSuggestion[];
      const lf = article.replace(/\r\n/g, '\n');
      const lfAt = (offset: number): number => offset - (article.slice(0, offset).match(/\r\n/g) ?? []).length;
      const range = (a: number, b: number): JsonRange => ({ start: position(lf, lfAt(a)), end: position(lf, lfAt(b)) });
      const claims = found.filter((x) => x.kind === 'claim');
      assert.deepEqual(
        claims.map((c) => ({ ...c, confidence: 0 })),
        [
          {
            file: 'q.seed.md',
            kind: 'claim',
            range: range(at[0]!, at[1]!),
            text: 'The bridge will open in May',
            by: 'alice',
            new: false,
            confidence: 0,
          },
          {
            file: 'q.seed.md',
            kind: 'claim',
            range: range(at[2]!, at[3]!),
            text: 'We are not ready',
            by: 'anonymous',
            new: false,
            confidence: 0,
          },
          {
            file: 'q.seed.md',
            kind: 'claim',
            range: range(at[4]!, at[5]!),
            text: 'The mayor will resign',
            by: 'macron',
            new: true,
            confidence: 0,
          },
        ],
      );
      for (const c of claims) assert.ok(c.confidence > 0 && c.confidence <= 1, JSON.stringify(c));
      const order = found.map((x) => x.range.start.line * 1000 + x.range.start.character);
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      );
      assert.ok(
        found.some((x) => x.kind === 'actor' && x.text === 'Emmanuel Macron'),
        r.stdout,
      );
    });

    it('stylish shows each claim with its source and counts the claims in the summary', async function () {
      const dir = workspace({ 'entities.yaml': REGISTRY, 'q.seed.md': article });
      const r = await run(['suggest', '--min-confidence=0'], dir);
      assert.equal(r.status, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.ok(
        lines.some((l) => /^ {2}4:\d+ +“The bridge will open in May” {2}→ by=alice {2}claim {2}\d\.\d\d$/.test(l)),
        r.stdout,
      );
      assert.ok(
        lines.some((l) => /“The mayor will resign” {2}→ by=macron \(new\) {2}claim/.test(l)),
        r.stdout,
      );
      assert.match(lines[lines.length - 1]!, /^\d+ suggested actors? \(\d+ new to the registry\), 3 suggested claims$/);
    });
  });

  describe('the seeds', function () {
    it('check seeds --format json reports conflicts and corroborations across the seed files', async function () {
      const { status, diagnostics, stderr } = await checkJson(['seeds'], ROOT);
      assert.equal(stderr, '');
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      assert.equal(status, errors > 0 ? 1 : 0, `exit status with ${errors} errors`);
      const seedFiles = fs
        .readdirSync(path.join(ROOT, 'seeds'))
        .filter((f) => f.endsWith('.seed.md'))
        .map((f) => path.join('seeds', f));
      for (const d of diagnostics)
        assert.ok(d.file === path.join('seeds', 'entities.yaml') || seedFiles.includes(d.file), d.file);

      for (const code of ['conflicting-claim', 'corroborated-claim']) {
        const found = diagnostics.filter((d) => d.code === code);
        assert.ok(found.length > 0, `no ${code} in the seeds`);
        for (const d of found) {
          assert.ok(d.related.length > 0, `${code} in ${d.file} has no related information`);
          for (const x of d.related) {
            assert.ok(seedFiles.includes(x.file), `${code} related file ${x.file}`);
            assert.notEqual(x.file, d.file, `${code} in ${d.file} relates to its own file`);
            assert.ok(x.range.start.line >= 0 && x.range.start.character >= 0);
          }
        }
      }
    });
  });
});
