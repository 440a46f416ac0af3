// Measures the importer's DOM library choice (docs/import.md): linkedom (what the importer uses) against
// jsdom, on the saved pages of test/fixtures/html/. Per page and library: Readability + our block walker
// over the library's DOM, its agreement with Readability's reference (expected.html, which mozilla/readability
// made with jsdom), the time per page (median of 5 runs after a warm-up), and the size of each library
// bundled alone with esbuild. jsdom is not a dependency: install it in a scratch folder and pass that folder.
//
//   npm run build
//   (mkdir -p /tmp/jsdom && cd /tmp/jsdom && npm init -y && npm install jsdom)
//   node scripts/measure-import.mjs /tmp/jsdom
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const jsdomDir = process.argv[2];
if (!jsdomDir) throw new Error('usage: node scripts/measure-import.mjs <folder where jsdom is installed>');
const jsdomRequire = createRequire(join(jsdomDir, 'package.json'));

const { Readability } = require('@mozilla/readability');
const { blocksOf } = require(join(root, 'out/server/src/import/blocks.js'));
const { agreement, referenceParagraphs } = require(join(root, 'out/test/helpers/paragraphs.js'));
const { parseHTML } = require('linkedom');
const { JSDOM, VirtualConsole } = jsdomRequire('jsdom');

const libraries = {
  linkedom: (html) => parseHTML(html).document,
  // A silent console: jsdom reports every stylesheet it cannot parse.
  jsdom: (html) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document,
};

function extract(parse, html) {
  const result = new Readability(parse(html), { serializer: (n) => n }).parse();
  return result?.content ? blocksOf(result.content).map((b) => b.text) : [];
}

const pagesDir = join(root, 'test/fixtures/html');
const pages = readdirSync(pagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const rows = [];
for (const page of pages) {
  const html = readFileSync(join(pagesDir, page, 'source.html'), 'utf8');
  const expected = referenceParagraphs(readFileSync(join(pagesDir, page, 'expected.html'), 'utf8'));
  const row = { page, kB: Math.round(html.length / 1024), paragraphs: expected.length };
  for (const [name, parse] of Object.entries(libraries)) {
    const blocks = extract(parse, html);
    const times = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      extract(parse, html);
      times.push(performance.now() - t0);
    }
    times.shift();
    times.sort((a, b) => a - b);
    const a = agreement(expected, blocks);
    row[`${name} found`] = `${a.found}/${a.expected} (${blocks.length} blocks)`;
    row[`${name} ms`] = Math.round(times[2]);
  }
  rows.push(row);
}
console.table(rows);

for (const [name, spec, req] of [
  ['linkedom', 'linkedom', require],
  ['jsdom', 'jsdom', jsdomRequire],
]) {
  const entry = req.resolve(spec);
  const result = await esbuild.build({
    stdin: { contents: `module.exports = require(${JSON.stringify(entry)});`, resolveDir: root },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    write: false,
    logLevel: 'silent',
    external: ['canvas', 'bufferutil', 'utf-8-validate'],
  });
  const bytes = result.outputFiles[0].contents.length;
  console.log(`${name}: minified bundle ${(bytes / 1024).toFixed(0)} KiB`);
}
