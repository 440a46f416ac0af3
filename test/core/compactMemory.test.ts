import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A compacted model (a file read from disk, see core/model.ts compactModel)
 * keeps its text as UTF-8 bytes: no string of the JavaScript heap may still
 * hold that text, or a slice of it (which keeps its whole parent alive), after
 * indexing and after every feature has run on every file. Checked on a heap
 * snapshot of a separate small process: each file's prose carries a marker
 * that no mention, claim or message quotes, so a string holding the marker is
 * a retained text. Files open in the editor keep their text: their markers
 * must be found, which shows the check can fail.
 */

const core = path.resolve(__dirname, '../../server/src/core');

const child = `
const v8 = require('node:v8');
const core = require(${JSON.stringify(core)});
const service = core.createLanguageService(new core.WorkspaceIndex({ folders: ['file:///ws'] }));
const index = service.workspace;
index.setRegistry('file:///ws/entities.yaml', 'actors:\\n  rutte:\\n    name: Mark Rutte\\n    kind: person\\n    aliases: [Rutte, Secretary General Rutte]\\nclaim-keys:\\n  nato.target:\\n    type: percent\\n');
const text = (i, marker) => [
  '---', 'id: s' + i, 'title: “A title for source number ' + i + '”', 'outlet: Outlet ' + (i % 3), 'tags: [a, b]', '---', '',
  'Prose with ' + marker + ' in it, and curly quotes “like these” so that the text is two bytes per character.', '',
  '[Mark Rutte]{.actor ref=rutte} said [the target is 5% of GDP by 2035]{.claim #c1 by=rutte key=nato.target value=5% as-of=2025}.',
  'Secretary General Rutte repeated it. [Unknown Person Here]{.actor} disagreed: [it is 2%]{.claim key=nato.target value=2% by=outlet}.',
  'A repeated passage of many words that goes on and on for the check. A repeated passage of many words that goes on and on for the check.',
  '[a claim with a link]{.claim key=other.key value=1 supports=s0#c1} and [broken{.actor}', '',
].join(i % 2 ? '\\r\\n' : '\\n');
// In a function: its locals (the last text built) must not be stack roots when the snapshot is taken.
function setup() {
const markers = [];
for (let i = 0; i < 12; i++) {
  const open = i < 2;
  const marker = (open ? 'OPENMARK' : 'DISKMARK') + String(i).padStart(3, '0') + 'QZX';
  markers.push(marker);
  const uri = 'file:///ws/s' + i + '.seed.md';
  if (open) index.setSource(uri, text(i, marker));
  else index.setSourceBytes(uri, Buffer.from(text(i, marker), 'utf8'));
}
// Every feature, on every file, so that their caches are filled.
for (const uri of index.sourceUris()) {
  const model = index.getSource(uri);
  service.diagnostics(uri);
  service.semanticTokens(uri);
  service.documentSymbols(uri);
  service.codeLenses(uri);
  for (let offset = 0; offset < model.text.length; offset += 7) {
    const p = model.lines.positionAt(offset);
    service.hover(uri, p);
    service.references(uri, p, true);
    service.completion(uri, p);
    service.codeActions(uri, { start: p, end: p });
  }
}
service.workspaceSymbols('r');
// Texts decoded again for features are kept in a small cache: push them out with other files.
for (let i = 0; i < 20; i++) index.setSourceBytes('file:///ws/filler' + i + '.seed.md', Buffer.from('filler ' + i, 'utf8'));
for (let i = 0; i < 20; i++) index.getSource('file:///ws/filler' + i + '.seed.md').text;
return markers;
}
const markers = setup();
const fs = require('node:fs');
const file = v8.writeHeapSnapshot(process.argv[1]);
const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
fs.unlinkSync(file);
const { node_fields, node_types } = snapshot.snapshot.meta;
const type = node_fields.indexOf('type');
const name = node_fields.indexOf('name');
const found = new Set();
for (let i = 0; i < snapshot.nodes.length; i += node_fields.length) {
  if (!String(node_types[0][snapshot.nodes[i + type]]).includes('string')) continue;
  const s = snapshot.strings[snapshot.nodes[i + name]];
  for (const m of markers) if (s.includes(m) && !s.includes('markers.push')) found.add(m); // not this script's own source
}
process.stdout.write(JSON.stringify([...found].sort()));
`;

describe('compacted models in memory', () => {
  it('keep no string holding the text of a file read from disk, after every feature ran; open files keep theirs', function () {
    this.timeout(60000);
    const out = execFileSync(
      process.execPath,
      ['-e', child, path.join(os.tmpdir(), `corroborate-compact-${process.pid}.heapsnapshot`)],
      { encoding: 'utf8' },
    );
    const found = JSON.parse(out) as string[];
    assert.deepEqual(found, ['OPENMARK000QZX', 'OPENMARK001QZX']);
  });
});
