import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { claimsMatrix } from '../../server/src/core/features/matrix';
import { REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from '../../server/src/core/features/report/assets';
import { sanitizeHtml } from '../../server/src/core/features/report/markdown';
import { OPEN_ARTICLES, reportHtml } from '../../server/src/core/features/report/report';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspace';
import { parseFixture } from '../helpers/fixture';
import { buildIndex, seedTexts } from '../helpers/workspace';

/** The little of the DOM these tests read (linkedom's). */
interface El {
  tagName: string;
  textContent: string | null;
  firstChild: El | null;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): El[];
  closest(selector: string): El | null;
}
interface Doc extends El {
  title: string;
  getElementById(id: string): El | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: Doc } };

const CSS = fs.readFileSync(path.resolve(__dirname, '../../../client/media/preview.css'), 'utf8');

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person}
  nato: {name: NATO, kind: organization}
  us: {name: United States, kind: country}
claims:
  nato.spending-target: {type: percent, description: "NATO's defence spending target <b>bold</b>"}
//- /five.seed.md
---
id: five
title: Five per cent
outlet: Paper
published: 2025-06-01
---
# Summit

[[NATO]{.actor ref=nato} wants 5%]{.claim by=rutte key=nato.spending-target value="5%" as-of=2025}, said [Mark Rutte]{.actor ref=rutte}.

[Officials say it is a record]{.claim key=nato.record value=yes} for the *alliance*.
//- /two.seed.md
---
id: two
title: Two per cent
published: 2024-01-01
---
[It is 2%]{.claim by=anonymous key=nato.spending-target value="2%" as-of=2025}, and [the US]{.actor ref=us} agrees.

- a list item with [NATO]{.actor ref=nato}
- and [an unsourced aside]{.claim key=us.mood value=calm}
//- /none.seed.md
No claims here, only [NATO]{.actor ref=nato}.
`;

/** A source written to attack the page: raw HTML, handlers, script URLs and remote images, in and out of spans. */
const HOSTILE = `//- /hostile.seed.md
---
id: hostile
title: "</title><script>alert('title')</script>"
url: "javascript:alert('url')"
---
<script>alert('block')</script>

Text <img src=x onerror=alert('inline')> and <span class="corroborate-actor" onmouseover="alert('span')">fake</span>.

[<img src=y onerror=alert('in-claim')> claimed]{.claim by=rutte key=evil.key value="<script>alert('value')</script>"}

[a link](javascript:alert('link')) and ![remote](https://evil.example/pixel.png) and <a href="https://evil.example">raw</a>

<iframe src="https://evil.example"></iframe>
`;

function report(files: ReadonlyMap<string, string>, options = {}): { html: string; document: Doc } {
  const html = reportHtml(buildIndex(files), { annotationCss: CSS, ...options });
  return { html, document: parseHTML(html).document };
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The claim spans of a text, as the fixture writes them (`[…]{.claim …}`), found by a regex, not the parser. */
function claimAttributeLists(text: string): string[] {
  return [...text.matchAll(/\{\.claim\b[^}]*\}/g)].map((m) => m[0]);
}

describe('report', () => {
  const files = parseFixture(WS).files;
  const sources = [...files].filter(([uri]) => uri.endsWith('.seed.md'));
  const { html, document } = report(files);

  it('counts sources, actors, claims, conflicts and unsourced claims as the fixture has them', () => {
    const count = (k: string): number => Number(document.querySelector(`[data-count="${k}"]`)?.textContent);
    const texts = sources.map(([, t]) => t);
    const lists = texts.flatMap(claimAttributeLists);
    const actors = new Set(texts.flatMap((t) => [...t.matchAll(/\{\.actor ref=([a-z-]+)\}/g)].map((m) => m[1])));
    assert.equal(count('sources'), sources.length);
    assert.equal(count('actors'), actors.size);
    assert.equal(count('claims'), lists.length);
    assert.equal(count('unsourced'), lists.filter((l) => !/\bby=/.test(l)).length);
    assert.equal(count('keys'), new Set(lists.map((l) => /key=(\S+)/.exec(l)![1])).size);
    // 5% (five) against 2% (two), both as of 2025: the one key in conflict, two claims.
    assert.equal(count('conflicts'), 1);
    assert.equal(count('conflictingClaims'), 2);
  });

  it('draws every row and every claim of the matrix in its source column', () => {
    const matrix = claimsMatrix(buildIndex(files));
    const heads = [...document.querySelectorAll('table.matrix thead th.src')].map((th) => th.textContent);
    assert.deepEqual(heads, ['two', 'five']);
    for (const row of matrix.rows) {
      const tr = document.querySelector(`tr[data-key="${row.key}"]`);
      assert.ok(tr, row.key);
      assert.equal(tr.getAttribute('data-status'), row.status);
      // Walk the cells, adding colspans: each claim's value is in its source's column.
      let col = 0;
      const byColumn = new Map<number, El>();
      for (const td of tr.querySelectorAll('td')) {
        byColumn.set(col, td);
        col += Number(td.getAttribute('colspan') ?? 1);
      }
      assert.equal(col, matrix.sources.length, `${row.key} spans every column`);
      for (const cell of row.cells) {
        const td = byColumn.get(cell.source)!;
        assert.ok(td.classList.contains(`corroborate-claim-${cell.status}`), row.key);
        for (const c of cell.claims) assert.ok(td.textContent!.includes(c.value), `${row.key}: ${c.value}`);
      }
    }
  });

  it('lists the conflicts with their quotations, linked to the claims in the articles', () => {
    const items = [...document.querySelectorAll('#conflicts li')];
    assert.deepEqual(items.map((li) => li.querySelector('q')!.textContent).sort(), ['It is 2%', 'NATO wants 5%']);
    for (const li of items) {
      const loc = li.querySelector('a.loc')!;
      const target = document.getElementById(loc.getAttribute('href')!.slice(1));
      assert.ok(target, loc.getAttribute('href')!);
      assert.ok(target.closest('details.article'), 'the anchor is in an article');
      assert.equal(norm(target.textContent!), li.querySelector('q')!.textContent);
      assert.match(loc.textContent!, /^\/ws\/(five|two)\.seed\.md:\d+$/);
    }
  });

  it('lists the unsourced claims with file and line', () => {
    const items = [...document.querySelectorAll('#unsourced li')];
    assert.deepEqual(
      items.map((li) => [li.querySelector('q')!.textContent, li.querySelector('a.loc')!.textContent]),
      [
        // Sources in publication order: two (2024) first.
        ['an unsourced aside', '/ws/two.seed.md:9'],
        ['Officials say it is a record', '/ws/five.seed.md:11'],
      ],
    );
  });

  it('renders every article, its text that of the source without markup, its spans annotated', () => {
    const plain = new MarkdownIt({ breaks: true });
    const seeds = seedTexts();
    const seedsReport = report(seeds).document;
    for (const [uri, text] of [...sources, ...seeds].filter(([u]) => u.endsWith('.seed.md'))) {
      const doc = uri.startsWith('file:///ws/') ? document : seedsReport;
      const parsed = parseText(text);
      const expected = parseHTML(`<div>${plain.render(stripMarkup(text, parsed))}</div>`).document.firstChild!
        .textContent!;
      const articles = [...doc.querySelectorAll('details.article')];
      const article = articles.find((a) => a.querySelector('code')?.textContent === new URL(uri).pathname)!;
      assert.ok(article, uri);
      assert.equal(norm(article.querySelector('.article-body')!.textContent!), norm(expected), uri);
      assert.equal(article.querySelectorAll('.corroborate-claim').length, claimAttributeLists(text).length, uri);
    }
  });

  it('gives actors their kind and claims their status in the articles', () => {
    const five = document.getElementById('a1')!;
    assert.ok(five.querySelector('.corroborate-actor-organization[title="NATO (nato)"]'));
    assert.equal(five.querySelector('.corroborate-claim-conflicting')!.textContent, 'NATO wants 5%');
    assert.equal(five.querySelector('h1')!.textContent, 'Summit');
  });

  it('shows small reports open and large ones collapsed', () => {
    assert.equal(document.querySelectorAll('details.article[open]').length, sources.length);
    const many = new Map(files);
    for (let i = 0; i <= OPEN_ARTICLES; i++) many.set(`file:///ws/more-${i}.seed.md`, `Text ${i}.`);
    const { document: big } = report(many);
    assert.equal(big.querySelectorAll('details.article').length, sources.length + OPEN_ARTICLES + 1);
    assert.equal(big.querySelectorAll('details.article[open]').length, 0);
  });

  it('inlines the annotation stylesheet, and allows its own script by hash and nothing else', () => {
    assert.ok(html.includes(CSS.trim().slice(0, 200)));
    assert.equal(createHash('sha256').update(REPORT_SCRIPT).digest('base64'), REPORT_SCRIPT_SHA256);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`script-src 'sha256-${REPORT_SCRIPT_SHA256}'`));
    const scripts = [...document.querySelectorAll('script')];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]!.textContent, REPORT_SCRIPT);
    assert.equal(document.querySelectorAll('link, img, iframe, object, embed, [src]').length, 0);
  });

  it('escapes a hostile article: no script, handler, frame, image or script URL gets through', () => {
    const hostile = new Map([...files, ...parseFixture(HOSTILE).files]);
    const { html: out, document: doc } = report(hostile, { title: '<script>alert("t")</script>' });
    assert.equal(doc.querySelectorAll('script').length, 1, 'only the report script');
    assert.equal(doc.querySelectorAll('img, iframe, [src]').length, 0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) assert.ok(!/^on/i.test(attr), `${el.tagName} ${attr}`);
      assert.ok(!/^\s*javascript:/i.test(el.getAttribute('href') ?? ''), `${el.tagName} href`);
    }
    assert.ok(!out.includes('<a href="https://evil.example">'), 'raw anchors are text');
    // The article's markup is shown as text, not dropped.
    const article = [...doc.querySelectorAll('details.article')].find((a) => a.textContent!.includes('hostile'))!;
    for (const s of ["<script>alert('block')</script>", "onerror=alert('inline')", "onerror=alert('in-claim')"])
      assert.ok(article.textContent!.includes(s), s);
    assert.ok(article.querySelector('a.report-image[href="https://evil.example/pixel.png"]'), 'images become links');
    assert.ok(doc.title.includes('<script>'), 'the title is text');
  });

  it('lets through only the span tags the renderer writes', () => {
    const ok = '<span id="a1-2-3" class="corroborate-claim corroborate-claim-conflicting" title="k = v · by x">';
    assert.equal(sanitizeHtml(ok + 'x</span>'), ok + 'x</span>');
    assert.equal(
      sanitizeHtml('<span class="a" onclick="x()">'),
      '&lt;span class=&quot;a&quot; onclick=&quot;x()&quot;&gt;',
    );
    assert.equal(sanitizeHtml('<span class="a" style="x">'), '&lt;span class=&quot;a&quot; style=&quot;x&quot;&gt;');
    assert.equal(sanitizeHtml('<b>'), '&lt;b&gt;');
  });

  it('reads CRLF, a BOM and emoji: the front matter left out, anchors in UTF-16 as the matrix links them', () => {
    const text =
      '\uFEFF---\r\nid: crlf\r\ntitle: Emoji 😀\r\n---\r\n# Head 😀\r\n\r\n' +
      '[😀 Rutte]{.actor ref=rutte} said [it is 5%]{.claim by=rutte key=nato.spending-target value="5%"}.\r\n';
    const crlf = new Map([...files, ['file:///ws/crlf.seed.md', text]]);
    const { document: doc } = report(crlf);
    const article = [...doc.querySelectorAll('details.article')].find((a) => a.textContent!.includes('Emoji'))!;
    assert.equal(norm(article.querySelector('.article-body')!.textContent!), 'Head 😀 😀 Rutte said it is 5%.');
    const claim = article.querySelector('.corroborate-claim')!;
    // Line 7 (1-based), after "[😀 Rutte]{.actor ref=rutte} said " = 34 UTF-16 code units (the emoji is two).
    assert.match(claim.getAttribute('id')!, /^a\d+-7-34$/);
    const cell = doc.querySelector(`tr[data-key="nato.spending-target"] a[href="#${claim.getAttribute('id')}"]`);
    assert.ok(cell, 'the matrix links to the claim');
  });

  it('reports an empty workspace', () => {
    const html = reportHtml(new WorkspaceIndex(), { annotationCss: CSS });
    const doc = parseHTML(html).document;
    assert.equal(doc.querySelector('[data-count="sources"]')!.textContent, '0');
    assert.equal(doc.querySelectorAll('table.matrix').length, 0);
    assert.ok(html.trimEnd().endsWith('</html>'));
  });
});
