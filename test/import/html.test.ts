import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { extractHtml, importArticle, namedSeed, type Article } from '../../server/src/import';
import { agreement, referenceParagraphs, referenceText } from '../helpers/paragraphs';
import { assertSeedReadsBack } from './seedCheck';

/**
 * The HTML path on the saved news pages of test/fixtures/html/ (README there):
 * the metadata against Readability's expected-metadata.json, the body against
 * its expected.html, paragraph by paragraph. No page is special-cased.
 */

const PAGES = path.resolve(__dirname, '../../../test/fixtures/html');

interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
}

const pages = fs
  .readdirSync(PAGES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('import: saved news pages', () => {
  it('finds the six pages', () => assert.equal(pages.length, 6));

  for (const page of pages) {
    describe(page, () => {
      const read = (f: string): string => fs.readFileSync(path.join(PAGES, page, f), 'utf8');
      const expected = JSON.parse(read('expected-metadata.json')) as ExpectedMetadata;
      let article: Article;
      before(() => (article = extractHtml(read('source.html'))));

      it('takes the front matter from the page metadata, and leaves out what the page does not give', () => {
        const m = article.metadata;
        assert.equal(m.title, expected.title ?? undefined);
        if (expected.byline)
          assert.ok(m.author && expected.byline.includes(m.author), `${m.author} ≈ ${expected.byline}`);
        else assert.equal(m.author, undefined);
        assert.equal(m.published, expected.publishedTime ? expected.publishedTime.slice(0, 10) : undefined);
        assert.equal(m.outlet, expected.siteName ?? undefined);
        assert.equal(m.language, expected.lang ?? undefined);
        if (m.url !== undefined) assert.match(m.url, /^https?:\/\//);
        assert.match(m.id!, /^[a-z0-9][a-z0-9-]*$/);
      });

      it("gives every paragraph of Readability's article, in order, and nothing beyond its text", () => {
        const blocks = article.blocks.map((b) => b.text);
        const result = agreement(referenceParagraphs(read('expected.html')), blocks);
        assert.deepEqual(result.missing, []);
        assert.equal(result.found, result.expected);
        const whole = referenceText(read('expected.html'));
        for (const b of blocks) assert.ok(whole.includes(b), `not in the reference article: ${b}`);
      });

      it('renders a seed that the core reads with no error, and whose prose reads back as the blocks', () => {
        const seed = namedSeed(importArticle(read('source.html'), 'html'), 1);
        assertSeedReadsBack(
          seed.text,
          article.blocks.map((b) => b.text),
        );
        const front = /^---\n([\s\S]*?)\n---\n/.exec(seed.text)![1]!;
        const fields = parseYaml(front) as Record<string, unknown>;
        assert.deepEqual(fields, { ...article.metadata, id: seed.id });
        assert.equal(seed.fileName, `${seed.id}.seed.md`);
      });
    });
  }

  it('leaves out every field a page without metadata does not give', () => {
    const article = extractHtml(
      '<html><body><article><p>' +
        'A paragraph of an article without any metadata at all. '.repeat(20) +
        '</p></article></body></html>',
    );
    assert.deepEqual(article.metadata, {});
    assert.equal(article.blocks.length, 1);
  });

  it('decodes entities, normalises whitespace and escapes markup characters of the prose', () => {
    const body = 'Tom &amp; Jerry [said]{.actor ref=x}   `hi`\n  *there* &lt;b&gt; 1. \\ C#';
    const article = extractHtml(
      `<html lang="en-GB"><head><title>T</title><link rel="canonical" href="/a/b"><meta property="og:url" content="https://example.org/x"></head>` +
        `<body><article><h2>Section #1</h2><p>${body} ${'filler words to pass the threshold. '.repeat(15)}</p></article></body></html>`,
    );
    assert.equal(article.metadata.url, 'https://example.org/a/b');
    assert.equal(article.metadata.language, 'en-GB');
    const text = article.blocks.find((b) => b.kind === 'paragraph')!.text;
    assert.ok(text.startsWith('Tom & Jerry [said]{.actor ref=x} `hi` *there* <b> 1. \\ C#'), text);
    assertSeedReadsBack(
      namedSeed({ id: 't', article }, 1).text,
      article.blocks.map((b) => b.text),
    );
  });
});
