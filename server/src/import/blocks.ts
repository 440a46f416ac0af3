/**
 * An article's DOM → its blocks of text. Works on any DOM (linkedom in the
 * importer, jsdom in the measurement of docs/import.md) through the few node
 * properties it reads.
 */

import { normalizeText } from './normalize';
import type { Block } from './types';

/** The part of a DOM node this module reads. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/** Elements that start a block of their own. */
const BLOCK = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY CAPTION DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM ' +
    'H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'
  ).split(' '),
);

/** Elements whose text is not article prose (code, media, forms, metadata). */
const SKIP = new Set(
  (
    'AUDIO BUTTON CANVAS EMBED HEAD IFRAME IMG INPUT LINK MATH META NOSCRIPT OBJECT PICTURE SCRIPT SELECT ' +
    'SOURCE STYLE SVG TEMPLATE TEXTAREA VIDEO'
  ).split(' '),
);

const HEADING = /^H([1-6])$/;

/** A line break inside a block's text: one is a space, two or more end a paragraph. */
const BREAK = '\n';

/** Builds the blocks, one inline run at a time. */
class Collector {
  readonly blocks: Block[] = [];
  private run = '';

  /** Adds inline text (or a line break) to the current run. */
  add(text: string): void {
    this.run += text;
  }

  /** Ends the current run: a paragraph per stretch between blank breaks, headings as headings. */
  flush(heading?: number): void {
    const run = this.run;
    this.run = '';
    const parts = heading === undefined ? run.split(/\n[ \t\r]*\n\s*/) : [run];
    for (const part of parts) {
      const text = normalizeText(part);
      if (text === '') continue;
      this.blocks.push(heading === undefined ? { kind: 'paragraph', text } : { kind: 'heading', text, level: heading });
    }
  }
}

function tag(node: DomNode): string {
  return node.nodeName.toUpperCase();
}

/** A figure is media: of its text, only its captions are article text (not labels, credits or embeds' links). */
function walkCaptions(node: DomNode, out: Collector): void {
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i]!;
    if (child.nodeType !== ELEMENT) continue;
    if (tag(child) === 'FIGCAPTION') walk(child, out);
    else walkCaptions(child, out);
  }
}

/** Walks `node`: inline content joins the current run, a block ends it and starts its own. */
function walk(node: DomNode, out: Collector): void {
  const type = node.nodeType;
  if (type === TEXT || type === CDATA) {
    // Source line breaks are spaces; only <br> breaks a line.
    out.add((node.nodeValue ?? '').replace(/[\r\n]+/g, ' '));
    return;
  }
  if (type !== ELEMENT) return;
  const name = tag(node);
  if (SKIP.has(name)) return;
  if (name === 'BR') {
    out.add(BREAK);
    return;
  }
  if (!BLOCK.has(name)) {
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!, out);
    return;
  }
  out.flush();
  if (name === 'FIGURE') {
    walkCaptions(node, out);
    return;
  }
  const heading = HEADING.exec(name);
  for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!, out);
  out.flush(heading ? Number(heading[1]) : undefined);
}

/**
 * The blocks of text under `root`, in document order: every paragraph, list
 * item, table cell, caption and heading, with inline markup (links, emphasis)
 * read as its text. Images, media, scripts and forms give no text; a figure
 * gives its captions only.
 */
export function blocksOf(root: DomNode): Block[] {
  const out = new Collector();
  walk(root, out);
  out.flush();
  return out.blocks;
}
