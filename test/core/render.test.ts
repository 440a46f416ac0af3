import * as assert from 'node:assert/strict';
import { escapeHtml, plainTags, renderSpans, renderedSource } from '../../server/src/core/features/render';
import { parseText, stripMarkup } from '../../server/src/core/syntax/parser';
import { indexOf, parseFixture, ROOT } from '../helpers/fixture';
import { seedSources, seedsIndex } from '../helpers/workspace';

const WS = `//- /entities.yaml
actors:
  rutte: {name: Mark Rutte, kind: person, aliases: [Rutte]}
  nato: {name: NATO, kind: organization}
claims:
  nato.spending-target: {type: percent}
//- /a.seed.md
---
id: alpha
title: "A <b> & c"
---
[Mark Rutte]{.actor ref=rutte} met [NATO]{.actor ref=nato}.
[Members agreed on 5%]{.claim #five by=rutte key=nato.spending-target value="5% of GDP" as-of=2025}
//- /b.seed.md crlf
---
id: beta
---
Intro 😀🇳🇱 line.
[[Rutte]{.actor} said members pay 5 percent]{.claim #b5 by=outlet key=nato.spending-target value="5 percent"}. [Rutte]{.actor ref=rutte} again.
//- /c.seed.md
---
id: gamma
---
[The target is 2% <of> A&B \`x<y\`]{.claim #two by=anonymous key=nato.spending-target value=2%} 😀 [Also]{.claim #also}
`;

/** The text of an HTML fragment: tags removed and the two entities the renderer writes resolved. */
function textOf(html: string): string {
  return html
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

function render(file: string): string {
  const index = indexOf(parseFixture(WS));
  const r = renderedSource(index, ROOT + file);
  assert.ok(r);
  return r.markdown;
}

describe('render: the annotated article as HTML spans', () => {
  it('turns actors into chips by kind, with the name and id as tooltip, and drops attribute lists', () => {
    const md = render('/a.seed.md');
    assert.match(
      md,
      /<span class="corroborate-actor corroborate-actor-person" title="Mark Rutte \(rutte\)">Mark Rutte<\/span> met/,
    );
    assert.match(
      md,
      /<span class="corroborate-actor corroborate-actor-organization" title="NATO \(nato\)">NATO<\/span>\./,
    );
    assert.doesNotMatch(md, /\{\.actor|\{\.claim/);
  });

  it('colours claims by status, with key = value, by whom, and who corroborates or conflicts', () => {
    const a = render('/a.seed.md');
    assert.match(
      a,
      /<span class="corroborate-claim corroborate-claim-conflicting" title="nato.spending-target = 5% of GDP · by Mark Rutte · corroborated by beta · conflicts with gamma \(2%\)">Members agreed on 5%<\/span>/,
    );
    const c = render('/c.seed.md');
    assert.match(c, /corroborate-claim-conflicting" title="nato.spending-target = 2% · by anonymous · conflicts with/);
    assert.match(
      c,
      /<span class="corroborate-claim corroborate-claim-unsourced" title="claim · unsourced">Also<\/span>/,
    );
  });

  it('nests spans, keeps front matter, CRLF and emoji exactly, and escapes < and & inside spans outside code', () => {
    const b = render('/b.seed.md');
    assert.ok(b.startsWith('---\r\nid: beta\r\n---\r\nIntro 😀🇳🇱 line.\r\n'));
    assert.match(
      b,
      /^<span class="corroborate-claim [^"]*" title="[^"]*"><span class="corroborate-actor corroborate-actor-person" title="Mark Rutte \(rutte\)">Rutte<\/span> said members pay 5 percent<\/span>\. /m,
    );
    const c = render('/c.seed.md');
    assert.match(c, />The target is 2% &lt;of> A&amp;B `x<y`<\/span> 😀/);
    const a = render('/a.seed.md');
    assert.ok(a.includes('title: "A <b> & c"'), 'front matter untouched');
  });

  it('keeps the prose: the text of the rendered body is stripMarkup of the source, for every file and every seed', () => {
    const files = parseFixture(WS);
    const index = indexOf(files);
    for (const uri of index.sourceUris()) {
      const text = index.getSource(uri)!.text;
      const parsed = parseText(text);
      const md = renderedSource(index, uri)!.markdown;
      assert.equal(textOf(md.slice(parsed.bodyStart)), stripMarkup(text, parsed), uri);
    }
    const seeds = seedsIndex();
    assert.ok(seedSources().length > 0);
    for (const uri of seeds.sourceUris()) {
      const text = seeds.getSource(uri)!.text;
      const parsed = parseText(text);
      const md = renderedSource(seeds, uri)!.markdown;
      assert.doesNotMatch(md, /\]\{\.(actor|claim)/, uri);
      // Outside spans the text is kept as is; inside, < and & are entities: the text content is the prose.
      assert.equal(textOf(md.slice(parsed.bodyStart)), textOf(stripMarkup(text, parsed)), uri);
    }
  });

  it('renders a text the index does not hold without cross-file statuses', () => {
    const index = indexOf(parseFixture(WS));
    const r = renderedSource(index, ROOT + '/a.seed.md', '[Rutte]{.actor ref=rutte} [x]{.claim by=anonymous}\n');
    assert.ok(r);
    assert.equal(
      r.markdown,
      '<span class="corroborate-actor" title="rutte">Rutte</span> <span class="corroborate-claim corroborate-claim-anonymous" title="claim · by anonymous">x</span>\n',
    );
    assert.deepEqual(
      r.attributes.map((a) => `${a.start.line}:${a.start.character}-${a.end.character}`),
      ['0:7-25', '0:29-50'],
    );
    assert.equal(renderedSource(index, ROOT + '/none.seed.md'), undefined);
  });

  it('renderSpans is pure over a parse, and escapeHtml escapes attribute values', () => {
    const text = '[a]{.x} <b>&';
    assert.equal(renderSpans(text, parseText(text), plainTags), '<span class="corroborate-span">a</span> <b>&');
    assert.equal(escapeHtml('"<&>"'), '&quot;&lt;&amp;&gt;&quot;');
  });
});
