import * as assert from 'node:assert/strict';
import {
  decodeInput,
  extractText,
  firstFreeSeed,
  ImportError,
  importArticle,
  importClipboardText,
  kindOfFileName,
  MAX_IMPORT_BYTES,
  namedSeed,
  sniffKind,
} from '../../server/src/import';
import { assertSeedReadsBack } from './seedCheck';

/** The text path (a .txt file, the clipboard), input checks and the naming of the seed. */
describe('import: plain text', () => {
  it('takes a short first line as the title and splits paragraphs on blank lines', () => {
    const a = extractText(
      '\n\n  Rutte braces for the summit  \n\nFirst  paragraph,\nstill the first.\n\n\n\tSecond one.\n',
    );
    assert.deepEqual(a.metadata, { id: 'rutte-braces-for-the-summit', title: 'Rutte braces for the summit' });
    assert.deepEqual(
      a.blocks.map((b) => b.text),
      ['First paragraph, still the first.', 'Second one.'],
    );
  });

  it('reads a text with no blank line as one paragraph per line', () => {
    const a = extractText('A title\r\nOne.\r\nTwo.\r\n');
    assert.equal(a.metadata.title, 'A title');
    assert.deepEqual(
      a.blocks.map((b) => b.text),
      ['One.', 'Two.'],
    );
  });

  it('takes no title from a first line that ends as a sentence, is too long, or is all there is', () => {
    assert.deepEqual(extractText('This is a sentence.\n\nAnd another.').metadata, {});
    assert.deepEqual(extractText(`${'word '.repeat(40)}\n\nbody`).metadata, {});
    assert.deepEqual(extractText('Only a line').metadata, {});
    assert.deepEqual(
      extractText('This is a sentence.\n\nAnd another.').blocks.map((b) => b.text),
      ['This is a sentence.', 'And another.'],
    );
  });

  it('gives the title line of a paragraph its own block and the rest of the paragraph the next', () => {
    const a = importClipboardText('Headline here\nBody line one\nwraps here.\n\nNext.');
    assert.equal(a.article.metadata.title, 'Headline here');
    assert.deepEqual(
      a.article.blocks.map((b) => b.text),
      ['Body line one wraps here.', 'Next.'],
    );
  });

  it('writes the clipboard text as a seed that reads back as its paragraphs', () => {
    const imported = importClipboardText(
      'NATO [sic] summit\n\n`Quote` *me* [on]{.actor ref=x} \\ this\n\n# 1. - > ---',
    );
    const seed = namedSeed(imported, 1);
    assert.equal(seed.fileName, 'nato-sic-summit.seed.md');
    assert.ok(seed.text.startsWith('---\nid: nato-sic-summit\ntitle: NATO [sic] summit\n---\n\n'), seed.text);
    assertSeedReadsBack(seed.text, ['`Quote` *me* [on]{.actor ref=x} \\ this', '# 1. - > ---']);
  });

  it('names the seed <id>.seed.md, then <id>-2.seed.md, … with the id to match', () => {
    const imported = importArticle('Title\n\nBody.', 'text');
    const taken = new Set(['title.seed.md', 'title-2.seed.md']);
    const seed = firstFreeSeed(imported, (n) => taken.has(n));
    assert.equal(seed.fileName, 'title-3.seed.md');
    assert.match(seed.text, /^---\nid: title-3\n/);
  });

  it('uses the fallback id when the text has no title', () => {
    assert.equal(importArticle('just text.', 'text', 'my-file').id, 'my-file');
    assert.equal(importArticle('just text.', 'text').id, 'article');
  });

  it('refuses empty, binary, non-UTF-8 and huge input with a clear message', () => {
    assert.throws(() => importArticle(' \n\t\n', 'text'), new ImportError('the input is empty'));
    assert.throws(() => importArticle('', 'html'), /empty/);
    assert.throws(() => decodeInput(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), /binary/);
    assert.throws(() => decodeInput(new Uint8Array([0x63, 0x61, 0x66, 0xe9])), /not valid UTF-8/);
    assert.throws(() => decodeInput(new Uint8Array(MAX_IMPORT_BYTES + 1)), /at most/);
    assert.throws(() => importArticle('a\0b', 'text'), /binary/);
    assert.throws(
      () => importArticle('<html><body><img src=x><script>var a;</script></body></html>', 'html'),
      /no article text/,
    );
    assert.equal(decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), 'hi');
    const para = '<p>Some article text, long enough to be one. </p>'.repeat(20);
    assert.throws(
      () => importArticle(`<html><body>${'<div>'.repeat(1000)}${para}</body></html>`, 'html'),
      /nests elements more than 300 deep/,
    );
    assert.throws(
      () => importArticle(`<html><body>${'<i>x</i>'.repeat(50_001)}</body></html>`, 'html'),
      /more than 50000 elements/,
    );
    assert.equal(
      importArticle(`<html><body>${'<div>'.repeat(250)}${para}</body></html>`, 'html').article.blocks.length,
      20,
    );
  });

  it('knows a page from a text by its file name, else by its content', () => {
    assert.equal(kindOfFileName('a/Page.HTM'), 'html');
    assert.equal(kindOfFileName('notes.txt'), 'text');
    assert.equal(kindOfFileName('x.pdf'), undefined);
    assert.equal(sniffKind('  <!DOCTYPE html><html><p>x'), 'html');
    assert.equal(sniffKind('<b> is a tag, says this text'), 'text');
  });
});
