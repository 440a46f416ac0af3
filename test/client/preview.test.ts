import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { RenderedCache, corroboratePlugin, dimmedRanges, isRenderable } from '../../client/src/rendering';
import type { RenderedSource } from '../../common/rendering';
import { createLanguageService } from '../../server/src/core';
import { seedTexts } from '../helpers/workspace';

/** A cache answered by a real language service over the seeds, as the server answers the client. */
function seedsCache(): {
  cache: RenderedCache;
  refreshed: () => number;
  asked: () => number;
  service: ReturnType<typeof createLanguageService>;
} {
  const service = createLanguageService();
  const texts = seedTexts();
  for (const [uri, text] of texts) {
    if (uri.endsWith('.yaml')) service.workspace.setRegistry(uri, text);
    else service.workspace.setSource(uri, text);
  }
  let refreshes = 0;
  let requests = 0;
  const cache = new RenderedCache(
    (uri, text): Promise<RenderedSource | undefined> => {
      requests++;
      return Promise.resolve(service.renderedSource(uri ?? 'untitled:preview', text));
    },
    () => refreshes++,
  );
  return { cache, refreshed: () => refreshes, asked: () => requests, service };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('the markdown-it plugin of the preview', () => {
  it('renders a seed with chips and underlines once the server has answered, and refreshes the preview', async () => {
    const { cache, refreshed, asked } = seedsCache();
    const md = corroboratePlugin(new MarkdownIt({ html: true }), cache);
    const [uri, text] = [...seedTexts()].find(([u]) => u.endsWith('.seed.md'))!;
    const env = { currentDocument: { toString: () => uri } };
    // Before the answer: the source as it is.
    const before = md.render(text, env);
    assert.match(before, /\{\.actor/);
    await tick();
    assert.equal(refreshed(), 1);
    const html = md.render(text, env);
    assert.match(html, /<span class="corroborate-actor corroborate-actor-\w+" title="[^"]+">/);
    assert.match(html, /<span class="corroborate-claim corroborate-claim-[a-z-]+" title="[^"]+">/);
    assert.doesNotMatch(html, /\{\.actor|\{\.claim/);
    // A second render hits the cache: no new request.
    md.render(text, env);
    assert.equal(asked(), 1);
  });

  it('renders a string without a document (markdown.api.render) and leaves other Markdown files alone', async () => {
    const { cache, asked } = seedsCache();
    const md = corroboratePlugin(new MarkdownIt({ html: true }), cache);
    const text = 'Said [Mark Rutte]{.actor ref=rutte} & [x < y]{.claim by=anonymous}.\n';
    md.render(text, {});
    await tick();
    assert.equal(
      md.render(text, {}),
      '<p>Said <span class="corroborate-actor" title="rutte">Mark Rutte</span> &amp; <span class="corroborate-claim corroborate-claim-anonymous" title="claim · by anonymous">x &lt; y</span>.</p>\n',
    );
    md.render(text, { currentDocument: { toString: () => 'file:///ws/README.md' } });
    assert.equal(asked(), 1);
    // The same text as a seed document is asked again: a rendering without a document is not reused for one.
    md.render(text, { currentDocument: { toString: () => 'file:///ws/x.seed.md' } });
    assert.equal(asked(), 2);
  });

  it('finds the document by its text when markdown-it is given no env (as VS Code parses)', async () => {
    const { cache } = seedsCache();
    const [uri, text] = [...seedTexts()].find(([u]) => u.endsWith('.seed.md'))!;
    const md = corroboratePlugin(new MarkdownIt({ html: true }), cache, (t) => (t === text ? uri : undefined));
    md.render(text);
    await tick();
    assert.match(md.render(text), /<span class="corroborate-actor corroborate-actor-\w+" title="[^"]+ \([^)]+\)">/);
    assert.equal(isRenderable(undefined, 'no spans here'), false);
  });

  it('shows claim statuses that another file changed, after an invalidation, without a flash of raw markup', async () => {
    const { cache, refreshed, asked, service } = seedsCache();
    const md = corroboratePlugin(new MarkdownIt({ html: true }), cache);
    const texts = seedTexts();
    const [uri, text] = [...texts].find(([, t]) => t.includes('{.claim #target-2pc'))!;
    const env = { currentDocument: { toString: () => uri } };
    md.render(text, env);
    await tick();
    const conflicting = /corroborate-claim-conflicting" title="nato\.spending-target/;
    assert.match(md.render(text, env), conflicting);
    // Every other source now says 2% too: the conflict is gone, which only the server knows.
    for (const [other, t] of texts)
      if (other !== uri && other.endsWith('.seed.md'))
        service.workspace.setSource(other, t.replace(/value="5% of GDP"/g, 'value="2% of GDP"'));
    assert.match(md.render(text, env), conflicting, 'before an invalidation the cache answers');
    cache.invalidate();
    const stale = md.render(text, env);
    assert.match(stale, conflicting, 'a stale entry is shown while it is asked for again');
    assert.doesNotMatch(stale, /\{\.claim/);
    await tick();
    assert.equal(asked(), 2);
    assert.equal(refreshed(), 2);
    const fresh = md.render(text, env);
    assert.doesNotMatch(fresh, conflicting);
    assert.match(fresh, /corroborate-claim-corroborated" title="nato\.spending-target/);
    // Invalidated with nothing changed: asked again at the next render, and no refresh.
    cache.invalidate();
    md.render(text, env);
    await tick();
    assert.equal(asked(), 3);
    assert.equal(refreshed(), 2);
    // Changed: one refresh.
    for (const [other, t] of texts)
      if (other !== uri && other.endsWith('.seed.md')) service.workspace.setSource(other, t);
    cache.invalidate();
    md.render(text, env);
    await tick();
    assert.equal(refreshed(), 3);
    assert.match(md.render(text, env), conflicting);
  });

  it('dims every attribute list except on the lines holding a cursor', () => {
    const at = (l: number, s: number, e: number, el = l) => ({
      start: { line: l, character: s },
      end: { line: el, character: e },
    });
    const attributes = [at(0, 5, 20), at(1, 3, 9), at(2, 30, 4, 3), at(5, 0, 10)];
    assert.deepEqual(dimmedRanges(attributes, new Set([1, 3])), [at(0, 5, 20), at(5, 0, 10)]);
    assert.deepEqual(dimmedRanges(attributes, new Set()), attributes);
  });
});
