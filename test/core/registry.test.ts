import * as assert from 'node:assert/strict';
import { offsetOf, only } from '../helpers/fixture';
import { type Registry } from '../../server/src/core';
import { buildSourceModel } from '../../server/src/core/model/source';
import { parseRegistry } from '../../server/src/core/model/registry';
import { parseText } from '../../server/src/core/syntax/parser';
import { type Problem } from '../../server/src/core/base/types';
import { isValidIsoDate, readFrontMatter, type SourceMeta } from '../../server/src/core/syntax/frontMatter';

const URI = 'file:///ws/entities.yaml';

function registry(text: string): Registry {
  return parseRegistry(URI, text);
}

/** Asserts one problem: code, exact range (as the text it covers) and a message part. */
function expectProblem(p: Problem, code: string, text: string, start: number, covered: string, message: string): void {
  assert.equal(p.code, code, p.message);
  assert.equal(p.start, start, `start of "${p.message}"`);
  assert.equal(text.slice(p.start, p.end), covered, `range of "${p.message}"`);
  assert.ok(p.message.includes(message), `message "${p.message}" should include "${message}"`);
}

/** The single problem of a registry text whose range is the `n`-th occurrence of `covered`. */
function theProblem(text: string, covered: string, message: string, n = 0): Problem {
  const p = only(registry(text).problems);
  expectProblem(p, 'registry', text, offsetOf(text, covered, n), covered, message);
  return p;
}

describe('registry', () => {
  it('reads a valid registry', () => {
    const text = `actors:
  rutte:
    name: Mark Rutte
    kind: person
    aliases: [Rutte, "NATO chief"]
    description: Secretary General of NATO
    wikidata: Q57792
    url: https://www.nato.int/
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {description: Defence spending target, type: percent, unit: GDP}
  summit.place:
`;
    const r = registry(text);
    assert.deepEqual(r.problems, []);
    assert.equal(r.uri, URI);
    assert.deepEqual([...r.actors.keys()], ['rutte', 'nato']);
    const rutte = r.actors.get('rutte')!;
    assert.deepEqual(
      { ...rutte },
      {
        id: 'rutte',
        name: 'Mark Rutte',
        kind: 'person',
        aliases: ['Rutte', 'NATO chief'],
        description: 'Secretary General of NATO',
        wikidata: 'Q57792',
        url: 'https://www.nato.int/',
        keyStart: offsetOf(text, 'rutte:'),
        keyEnd: offsetOf(text, 'rutte:') + 5,
        start: offsetOf(text, 'rutte:'),
        end: offsetOf(text, '  nato:'),
      },
    );
    assert.equal(r.actors.get('nato')!.kind, 'organization');
    assert.deepEqual(
      [...r.names],
      [
        ['Mark Rutte', 'rutte'],
        ['Rutte', 'rutte'],
        ['NATO chief', 'rutte'],
        ['NATO', 'nato'],
      ],
    );
    assert.deepEqual(
      { ...r.claimKeys.get('nato.spending-target')! },
      {
        key: 'nato.spending-target',
        description: 'Defence spending target',
        type: 'percent',
        unit: 'GDP',
        keyStart: offsetOf(text, 'nato.spending-target'),
        keyEnd: offsetOf(text, 'nato.spending-target') + 'nato.spending-target'.length,
      },
    );
    assert.deepEqual(
      { ...r.claimKeys.get('summit.place')! },
      { key: 'summit.place', keyStart: offsetOf(text, 'summit.place'), keyEnd: offsetOf(text, 'summit.place') + 12 },
    );
    assert.deepEqual([r.actorsKey?.start, r.actorsKey?.end], [0, 6]);
    assert.deepEqual(
      [r.claimsKey?.start, r.claimsKey?.end],
      [offsetOf(text, 'claims:'), offsetOf(text, 'claims:') + 6],
    );
  });

  it('defaults kind to other and accepts an actor without aliases', () => {
    const r = registry('actors: {x: {name: X}}');
    assert.deepEqual(r.problems, []);
    assert.equal(r.actors.get('x')!.kind, 'other');
    assert.deepEqual(r.actors.get('x')!.aliases, []);
  });

  it('shifts every offset by one after a BOM', () => {
    const r = registry('\uFEFFactors: {a: {name: A}}');
    assert.deepEqual(r.problems, []);
    assert.deepEqual([r.actors.get('a')!.keyStart, r.actors.get('a')!.keyEnd], [10, 11]);
    const bad = '\uFEFFactors: {a: {name: A, kind: persn}}';
    theProblem(bad, 'persn', "kind 'persn'");
  });

  it('reads lone CR line endings as line breaks', () => {
    const r = registry('actors:\r  a: {name: A}\rclaims:\r  k: {type: number}');
    assert.deepEqual(r.problems, []);
    assert.equal(r.actors.get('a')!.name, 'A');
    assert.equal(r.claimKeys.get('k')!.type, 'number');
  });

  it('accepts an empty file, blank lines, a BOM alone and empty sections', () => {
    for (const text of ['', '  \n\n', '\uFEFF', 'actors:\nclaims:\n', '# only a comment\n']) {
      const r = registry(text);
      assert.deepEqual(r.problems, [], JSON.stringify(text));
      assert.equal(r.actors.size, 0);
    }
  });

  describe('YAML errors', () => {
    it('reports a syntax error with its exact range, once', () => {
      const compact = 'actors:\n  a: {name: A}\n  b: name: B\n';
      theProblem(compact, 'n', 'Nested mappings are not allowed in compact mappings', 1);
      const indent = 'actors:\n  a: {name: A}\n   b: {name: B}\n';
      expectProblem(
        only(registry(indent).problems),
        'registry',
        indent,
        offsetOf(indent, '   b'),
        ' ',
        'All mapping items must start at the same column',
      );
      const text = 'actors:\n  a: {name: Mark Rutte}\n  b: {name: "B}\n';
      const problems = registry(text).problems;
      const p = problems.find((q) => q.message.includes('Missing closing "quote'));
      assert.ok(p, JSON.stringify(problems));
      assert.equal(p.code, 'registry');
      assert.ok(p.start >= offsetOf(text, '"') && p.end <= text.length, `${p.start}-${p.end}`);
      assert.equal(new Set(problems.map((q) => `${q.start}:${q.end}:${q.message}`)).size, problems.length);
      // Nested unclosed flow collections: the parser reports the error twice; it is shown once.
      const nested = 'actors: {a: {name: A';
      const q = only(registry(nested).problems);
      assert.deepEqual([q.start, q.end], [19, 20]);
      assert.ok(q.message.includes('end with a }'), q.message);
    });

    it('keeps an error at the end of the file inside the text', () => {
      for (const text of ['actors: [', 'a: "unclosed', 'actors: {a: 1']) {
        const p = only(registry(text).problems);
        assert.deepEqual([p.start, p.end], [text.length - 1, text.length], text);
      }
    });

    it('reports a duplicate actor id (a duplicate YAML key) at the second key', () => {
      const text = 'actors:\n  rutte: {name: Mark Rutte}\n  rutte: {name: Other}\n';
      const r = registry(text);
      expectProblem(only(r.problems), 'registry', text, offsetOf(text, 'rutte', 1), 'r', 'Map keys must be unique');
      assert.equal(r.actors.size, 0);
      // Duplicate fields too.
      const fields = 'actors:\n  a:\n    name: A\n    name: B\n';
      expectProblem(
        only(registry(fields).problems),
        'registry',
        fields,
        offsetOf(fields, 'name', 1),
        'n',
        'Map keys must be unique',
      );
    });

    it('reports tabs used as indentation', () => {
      const text = 'actors:\n\ta: {name: A}';
      theProblem(text, '\t', 'Tabs are not allowed as indentation');
    });

    it('refuses an alias bomb quickly, without throwing', () => {
      let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let i = 1; i < 10; i++)
        text += `a${i}: &a${i} [${Array<string>(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]\n`;
      text += 'actors:\n  x: {name: X, aliases: *a9}\n';
      const t0 = Date.now();
      const r = registry(text);
      assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
      const p = only(r.problems);
      assert.equal(p.code, 'registry');
      assert.ok(p.message.includes('entities.yaml could not be read'), p.message);
      assert.ok(/alias/i.test(p.message), p.message);
      assert.equal(r.actors.size, 0);
    });

    it('never executes a custom tag: !!js/function is a warning and the value stays text', () => {
      const g = globalThis as { corroboratePwned?: boolean };
      delete g.corroboratePwned;
      const text = 'actors: {a: {name: !!js/function "function () { globalThis.corroboratePwned = true }"}}';
      const r = registry(text);
      const p = only(r.problems);
      assert.equal(p.severity, 'warning');
      assert.ok(p.message.includes('Unresolved tag'), p.message);
      assert.ok(p.message.includes('js/function'), p.message);
      assert.equal(text.slice(p.start, p.end), '!!js/function');
      assert.equal(typeof r.actors.get('a')!.name, 'string');
      assert.equal(g.corroboratePwned, undefined);
      const py = only(registry('actors: {a: {name: !!python/object:os.system ls}}').problems);
      assert.equal(py.severity, 'warning');
      assert.ok(py.message.includes('Unresolved tag'));
    });
  });

  describe('schema', () => {
    it('reports a name that is a list (and the missing name)', () => {
      const text = 'actors:\n  a: {name: [x, y]}\n';
      const r = registry(text);
      assert.equal(r.problems.length, 2);
      expectProblem(r.problems[0]!, 'registry', text, offsetOf(text, 'a:'), 'a', "actor 'a' has no 'name'");
      expectProblem(
        r.problems[1]!,
        'registry',
        text,
        offsetOf(text, '[x'),
        '[x, y]',
        "'name' must be a non-empty string, not a list",
      );
      assert.equal(r.actors.get('a')!.name, 'a');
    });

    it('reports aliases that are not a list, and alias items that are not strings', () => {
      theProblem('actors: {a: {name: A, aliases: Rutte}}', 'Rutte', "'aliases' must be a list of names, not a string");
      const text = 'actors: {a: {name: A, aliases: [B, {x: 1}, ""]}}';
      const r = registry(text);
      assert.equal(r.problems.length, 2);
      expectProblem(
        r.problems[0]!,
        'registry',
        text,
        offsetOf(text, '{x'),
        '{x: 1}',
        'an alias must be a non-empty string, not a mapping',
      );
      expectProblem(
        r.problems[1]!,
        'registry',
        text,
        offsetOf(text, '""'),
        '""',
        'an alias must be a non-empty string',
      );
      assert.deepEqual(r.actors.get('a')!.aliases, ['B']);
    });

    it('reports an invalid kind with a did-you-mean', () => {
      const p = theProblem(
        'actors: {a: {name: A, kind: persn}}',
        'persn',
        "kind 'persn' is not one of person, organization, country, place, group, other",
      );
      assert.ok(p.message.includes("(did you mean 'person'?)"));
      const q = theProblem('actors: {a: {name: A, kind: robot}}', 'robot', "kind 'robot' is not one of");
      assert.ok(!q.message.includes('did you mean'));
    });

    it('reports a malformed wikidata id', () => {
      theProblem(
        'actors: {a: {name: A, wikidata: 57792}}',
        '57792',
        "'wikidata' must be a Wikidata item id such as Q57792, not '57792'",
      );
      theProblem('actors: {a: {name: A, wikidata: q1}}', 'q1', "not 'q1'");
      theProblem('actors: {a: {name: A, wikidata: Q0}}', 'Q0', "not 'Q0'");
    });

    it('reports a malformed url', () => {
      theProblem(
        'actors: {a: {name: A, url: ftp://x.org}}',
        'ftp://x.org',
        "'url' must be an http(s) address, not 'ftp://x.org'",
      );
      theProblem('actors: {a: {name: A, url: "https://x y"}}', '"https://x y"', "'url' must be an http(s) address");
    });

    it('reports an unknown field, with a did-you-mean when one is close', () => {
      const text = 'actors: {a: {name: A, descripton: d, kinds: person, foo: 1}}';
      const r = registry(text);
      assert.equal(r.problems.length, 3);
      expectProblem(
        r.problems[0]!,
        'registry',
        text,
        offsetOf(text, 'descripton'),
        'descripton',
        "unknown actor field 'descripton' (did you mean 'description'?)",
      );
      expectProblem(r.problems[1]!, 'registry', text, offsetOf(text, 'kinds'), 'kinds', "(did you mean 'kind'?)");
      expectProblem(r.problems[2]!, 'registry', text, offsetOf(text, 'foo'), 'foo', "unknown actor field 'foo'");
      assert.ok(!r.problems[2]!.message.includes('did you mean'));
      const claim = 'claims: {k: {typ: number}}';
      theProblem(claim, 'typ', "unknown claim field 'typ' (did you mean 'type'?)");
    });

    it('reserves the ids anonymous and outlet', () => {
      const text = 'actors: {anonymous: {name: A}, outlet: {name: B}, ok: {name: C}}';
      const r = registry(text);
      assert.equal(r.problems.length, 2);
      expectProblem(r.problems[0]!, 'registry', text, 9, 'anonymous', "'anonymous' is reserved");
      expectProblem(r.problems[1]!, 'registry', text, offsetOf(text, 'outlet'), 'outlet', "'outlet' is reserved");
      assert.deepEqual([...r.actors.keys()], ['ok']);
    });

    it('reports actor ids that are not letters, digits, dots, underscores and dashes', () => {
      const text = 'actors: {"a b": {name: A}, -x: {name: B}, łódź: {name: Ł}}';
      const r = registry(text);
      assert.equal(r.problems.length, 2);
      expectProblem(
        r.problems[0]!,
        'registry',
        text,
        offsetOf(text, '"a b"'),
        '"a b"',
        "actor id 'a b' must start with a letter or digit",
      );
      expectProblem(r.problems[1]!, 'registry', text, offsetOf(text, '-x'), '-x', "actor id '-x'");
      assert.deepEqual([...r.actors.keys()], ['łódź']);
    });

    it('reports an actor that is not a mapping', () => {
      const text = 'actors: {a: Mark Rutte}';
      expectProblem(
        only(registry(text).problems),
        'registry',
        text,
        9,
        'a',
        "actor 'a' must be a mapping with at least 'name', not a string",
      );
    });

    it('reports a name or alias shared by two actors, pointing at the first', () => {
      const text = 'actors:\n  a: {name: A, aliases: [Bob]}\n  b: {name: B, aliases: [Bob]}\n';
      const r = registry(text);
      const p = only(r.problems);
      expectProblem(
        p,
        'registry',
        text,
        offsetOf(text, 'b:'),
        'b',
        "'Bob' names both 'a' and 'b': a name or alias must designate one actor",
      );
      assert.deepEqual(p.related, [
        {
          uri: URI,
          range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } },
          message: "'a' is also called 'Bob'",
        },
      ]);
      // The first registration wins.
      assert.equal(r.names.get('Bob'), 'a');
      // A name clashing with another actor's alias, too.
      const text2 = 'actors:\n  a: {name: Bob}\n  b: {name: B, aliases: [Bob]}\n';
      assert.ok(only(registry(text2).problems).message.includes("'Bob' names both 'a' and 'b'"));
      // An actor repeating its own name as an alias is fine.
      assert.deepEqual(registry('actors: {a: {name: A, aliases: [A, Al]}}').problems, []);
    });

    it('reports an unknown top-level key with a did-you-mean', () => {
      const p = theProblem(
        'actor: {}',
        'actor',
        "unknown top-level key 'actor' (did you mean 'actors'?): expected 'actors' or 'claims'",
      );
      assert.equal(p.severity, undefined);
      theProblem('claim: {}\n', 'claim', "(did you mean 'claims'?)");
      const q = theProblem('people: {}\n', 'people', "unknown top-level key 'people'");
      assert.ok(!q.message.includes('did you mean'));
    });

    it('reports a root that is not a mapping, and sections that are not mappings', () => {
      theProblem('hello', 'hello', "entities.yaml must be a mapping with 'actors' and 'claims', not a string");
      theProblem('- a\n- b', '- a\n- b', 'not a list');
      theProblem('actors: [a, b]', 'actors', "'actors' must be a mapping of actor ids to entries, not a list");
      theProblem('claims: [a]', 'claims', "'claims' must be a mapping of claim keys to entries, not a list");
    });

    it('reads claim keys and reports bad ones', () => {
      const text = 'claims: {k:, j: 5, "bad key": {}, m: {type: money, unit: USD}, t: {type: numbr}}';
      const r = registry(text);
      assert.equal(r.problems.length, 3);
      expectProblem(
        r.problems[0]!,
        'registry',
        text,
        offsetOf(text, 'j'),
        'j',
        "claim key 'j' must be a mapping (description, type, unit), not a number",
      );
      expectProblem(
        r.problems[1]!,
        'registry',
        text,
        offsetOf(text, '"bad key"'),
        '"bad key"',
        "claim key 'bad key' must start with a letter or digit",
      );
      expectProblem(
        r.problems[2]!,
        'registry',
        text,
        offsetOf(text, 'numbr'),
        'numbr',
        "type 'numbr' is not one of number, percent, money, date, place, text (did you mean 'number'?)",
      );
      assert.deepEqual([...r.claimKeys.keys()], ['k', 'm', 't']);
      assert.equal(r.claimKeys.get('m')!.unit, 'USD');
      assert.equal(r.claimKeys.get('t')!.type, undefined);
    });
  });
});

/** Front matter through the scanner, exactly as buildSourceModel reads it. */
function frontMatter(text: string): { meta: SourceMeta; problems: Problem[] } {
  const parsed = parseText(text);
  assert.ok(parsed.frontMatter, 'no front matter block');
  const problems: Problem[] = [];
  const meta = readFrontMatter(text, parsed.frontMatter, problems);
  return { meta, problems };
}

/** The single front-matter problem of a text, with its range given as the `n`-th occurrence of `covered`. */
function fmProblem(text: string, covered: string, message: string, n = 0): Problem {
  const { problems } = frontMatter(text);
  const p = only(problems);
  expectProblem(p, 'front-matter', text, offsetOf(text, covered, n), covered, message);
  return p;
}

describe('front matter', () => {
  it('reads every known key, and checks but does not keep the others', () => {
    const text =
      '---\nid: a1\ntitle: "Rutte: a profile"\noutlet: O\nauthor: Au\npublished: 2025-06-25\nurl: https://x.org/a\nlanguage: en\ntags: [a, b]\nn: 3\nwhen: 2025-01-01\nnested: {x: [1, {y: z}]}\nnothing:\n---\nbody\n';
    const { meta, problems } = frontMatter(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(meta, {
      id: 'a1',
      idStart: offsetOf(text, 'a1'),
      idEnd: offsetOf(text, 'a1') + 2,
      title: 'Rutte: a profile',
      outlet: 'O',
      author: 'Au',
      published: '2025-06-25',
      url: 'https://x.org/a',
      language: 'en',
    });
  });

  it('reads a __proto__ key without touching the prototype', () => {
    const { meta, problems } = frontMatter('---\n__proto__: {polluted: 1}\ntoString: 3\ntitle: T\n---\n');
    assert.deepEqual(problems, []);
    assert.equal(Object.getPrototypeOf(meta), Object.prototype);
    assert.equal((meta as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(meta, { title: 'T' });
  });

  it('gives the source its id, or the file name without .seed.md', () => {
    assert.equal(buildSourceModel('file:///ws/dir/my-src.seed.md', '---\nid: other\n---\n').id, 'other');
    assert.equal(buildSourceModel('file:///ws/dir/my-src.seed.md', '---\ntitle: T\n---\n').id, 'my-src');
    assert.equal(buildSourceModel('file:///ws/dir/my-src.seed.md', '---\nid: bad id\n---\n').id, 'my-src');
  });

  it('accepts an empty block', () => {
    assert.deepEqual(frontMatter('---\n---\nx'), { meta: {}, problems: [] });
    assert.deepEqual(frontMatter('---\n  \n...\nx'), { meta: {}, problems: [] });
    assert.deepEqual(frontMatter('---\n# nothing yet\n---\nx'), { meta: {}, problems: [] });
  });

  it('validates the id', () => {
    fmProblem(
      '---\nid: bad id\n---\n',
      'bad id',
      "'id' must be letters, digits, '.', '_' or '-' (it is used in links such as 'source-id#claim-id'), not 'bad id'",
    );
    fmProblem('---\nid: a#b\n---\n', 'a#b', "not 'a#b'");
    fmProblem('---\nid: [a]\n---\n', '[a]', "'id' must be a non-empty string, not a list");
    const { problems } = frontMatter('---\nid:\n---\n');
    const p = only(problems);
    assert.ok(p.message.includes("'id' must be a non-empty string, not null"), p.message);
    assert.equal(p.start, 7);
    // A number is read as its text.
    assert.equal(frontMatter('---\nid: 2025\n---\n').meta.id, '2025');
  });

  it('validates the published date as a real ISO calendar date', () => {
    fmProblem(
      '---\npublished: 2025-02-30\n---\n',
      '2025-02-30',
      "'published' must be an ISO date such as 2025-06-25, not '2025-02-30'",
    );
    fmProblem('---\npublished: 2025-6-1\n---\n', '2025-6-1', "not '2025-6-1'");
    fmProblem('---\npublished: 2025-06-25T10:00:00Z\n---\n', '2025-06-25T10:00:00Z', "'published' must be an ISO date");
    fmProblem('---\npublished: June 2025\n---\n', 'June 2025', "'published' must be an ISO date");
    assert.equal(frontMatter('---\npublished: 2024-02-29\n---\n').meta.published, '2024-02-29');
    assert.deepEqual(
      [
        '2024-02-29',
        '2023-02-29',
        '2025-04-31',
        '2025-12-31',
        '2025-00-10',
        '2025-13-01',
        '2025-01-00',
        '2000-02-29',
        '1900-02-29',
      ].map(isValidIsoDate),
      [true, false, false, true, false, false, false, true, false],
    );
  });

  it('validates the url', () => {
    fmProblem('---\nurl: www.x.org\n---\n', 'www.x.org', "'url' must be an http(s) address, not 'www.x.org'");
    fmProblem('---\nurl: javascript:alert(1)\n---\n', 'javascript:alert(1)', "'url' must be an http(s) address");
    assert.equal(frontMatter('---\nurl: http://x.org/a?b=c\n---\n').meta.url, 'http://x.org/a?b=c');
  });

  it('reports front matter that is not a mapping', () => {
    fmProblem('---\n- a\n- b\n---\n', '- a\n- b\n', 'front matter must be a mapping of keys to values, not a list');
    fmProblem('---\njust a string\n---\n', 'just a string', 'not a string');
  });

  it('reports YAML errors at their position in the file', () => {
    fmProblem('---\nid: a\n\tt: b\n---\n', '\t', 'Tabs are not allowed as indentation');
    fmProblem('---\na: 1\na: 2\n---\n', 'a', 'Map keys must be unique', 1);
    const { problems } = frontMatter('---\ntitle: "x\n---\n');
    const p = only(problems);
    assert.ok(p.message.includes('Missing closing "quote'));
    assert.ok(p.start >= 11 && p.end <= 14, `${p.start}-${p.end} should stay inside the YAML`);
  });

  it('accepts a tab after a colon', () => {
    assert.deepEqual(frontMatter('---\nid:\ta\n---\n'), {
      meta: { id: 'a', idStart: 8, idEnd: 9 },
      problems: [],
    });
  });

  it('computes offsets with a BOM, CRLF and lone CR line endings', () => {
    const bom = '\uFEFF---\r\nid: x\r\npublished: 2025-02-30\r\n---\r\n';
    const { meta, problems } = frontMatter(bom);
    assert.deepEqual([meta.id, meta.idStart, meta.idEnd], ['x', offsetOf(bom, 'x'), offsetOf(bom, 'x') + 1]);
    expectProblem(only(problems), 'front-matter', bom, offsetOf(bom, '2025'), '2025-02-30', "'published'");
    const cr = '---\rid: a\rtitle: T\r---\rbody';
    assert.deepEqual(frontMatter(cr), { meta: { id: 'a', idStart: 8, idEnd: 9, title: 'T' }, problems: [] });
  });

  it('refuses an alias bomb quickly', () => {
    let yaml = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++)
      yaml += `a${i}: &a${i} [${Array<string>(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const text = `---\n${yaml}bomb: *a9\n---\nbody\n`;
    const t0 = Date.now();
    const { meta, problems } = frontMatter(text);
    assert.ok(Date.now() - t0 < 2000);
    const p = only(problems);
    assert.equal(p.code, 'front-matter');
    assert.ok(p.message.includes('front matter could not be read'), p.message);
    assert.deepEqual(meta, {});
  });

  it('warns about custom tags and never executes them', () => {
    const g = globalThis as { corroboratePwned?: boolean };
    delete g.corroboratePwned;
    const text = '---\ntitle: !!js/function "function () { globalThis.corroboratePwned = true }"\n---\n';
    const { meta, problems } = frontMatter(text);
    const p = only(problems);
    assert.equal(p.severity, 'warning');
    assert.equal(text.slice(p.start, p.end), '!!js/function');
    assert.equal(typeof meta.title, 'string');
    assert.equal(g.corroboratePwned, undefined);
  });

  it('reaches the model: problems of the front matter are the model problems', () => {
    const m = buildSourceModel('file:///ws/a.seed.md', '---\npublished: 2025-02-30\n---\nBody.\n');
    const p = only(m.problems);
    assert.deepEqual([p.code, p.start, p.end], ['front-matter', 15, 25]);
    assert.equal(m.lines.positionAt(p.start).line, 1);
  });

  it('isValidIsoDate handles years below 100 (Date.UTC would map them to 19xx)', () => {
    assert.equal(isValidIsoDate('0050-02-29'), false);
    assert.equal(isValidIsoDate('0048-02-29'), true);
    assert.equal(isValidIsoDate('2024-02-29'), true);
    assert.equal(isValidIsoDate('2025-02-29'), false);
  });
});
