import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { refStatus } from '../../server/src/core/features/claimStatus';
import { buildIndex, seedsRoot, seedTexts } from '../helpers/workspace';
import { readTree, removeTemps, ROOT, runCli, tempDir, writeTree } from '../helpers/cliRun';
import { libreOfficeCells } from '../helpers/libreoffice';

/**
 * `corroborate export --format csv`: the two tables, read back by LibreOffice
 * Calc (test/helpers/libreoffice.ts), hold exactly the claims and mentions of
 * the index, cell by cell; values with commas, quotes, line breaks and
 * characters outside ASCII come back as written.
 */

const CLAIM_HEADER = [
  'source',
  'id',
  'key',
  'value',
  'normalised value',
  'as-of',
  'by',
  'status',
  'corroborating sources',
  'conflicting sources',
  'quotation',
  'file',
  'line',
];
const MENTION_HEADER = ['source', 'actor', 'name', 'kind', 'wikidata', 'text', 'start', 'end', 'file', 'line'];

describe('corroborate export --format csv', function () {
  this.timeout(180_000);
  after(removeTemps);

  it('writes the seeds’ claims and mentions as LibreOffice reads them, cell by cell', async () => {
    const out = tempDir();
    const r = await runCli(['export', 'seeds', '--format', 'csv', '-o', out], ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual([...readTree(out).keys()], ['claims.csv', 'mentions.csv']);
    // The expected rows, from the index itself (statuses as the core decides them).
    const index = buildIndex(seedTexts(), seedsRoot());
    const claims: string[][] = [CLAIM_HEADER];
    const mentions: string[][] = [MENTION_HEADER];
    for (const uri of index.sourceUris().sort()) {
      const model = index.getSource(uri)!;
      const file = path.relative(ROOT, URI.parse(uri).fsPath);
      for (const claim of model.claims) {
        const ref = index.claimRef(uri, claim)!;
        const view = index.corroboration(ref);
        const ids = (refs: Iterable<{ model: { id: string } }>): string =>
          [...new Set([...refs].map((x) => x.model.id))].join('; ');
        claims.push([
          model.id,
          claim.id ?? '',
          claim.key ?? '',
          claim.value ?? '',
          ref.norm,
          claim.asOf ?? '',
          claim.by ?? '',
          refStatus(ref, view),
          ids(view.corroborating),
          ids(view.conflicting),
          claim.text,
          file,
          String(model.lines.positionAt(claim.start).line + 1),
        ]);
      }
      const registry = index.registryFor(uri)!;
      const actorOf = new Map(index.mentionRefs(uri).map((m) => [m.mention, m.actor]));
      for (const m of model.mentions) {
        const actor = actorOf.get(m) ?? m.ref ?? '';
        const def = registry.actors.get(actor);
        mentions.push([
          model.id,
          actor,
          def?.name ?? '',
          def?.kind ?? '',
          def?.wikidata ?? '',
          m.text,
          '',
          '',
          file,
          String(model.lines.positionAt(m.start).line + 1),
        ]);
      }
    }
    assert.ok(claims.length > 50 && mentions.length > 300, 'the seeds have claims and mentions');
    assert.deepEqual(libreOfficeCells(path.join(out, 'claims.csv'), out), claims);
    // Offsets (start, end) are checked against the text in the brat and W3C tests; here, that they are numbers.
    const read = libreOfficeCells(path.join(out, 'mentions.csv'), out);
    for (const row of read.slice(1)) {
      assert.match(row[6]!, /^\d+$/);
      assert.match(row[7]!, /^\d+$/);
      assert.ok(Number(row[6]) < Number(row[7]), row.join('|'));
      row[6] = row[7] = '';
    }
    assert.deepEqual(read, mentions);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) so that they come back as written', async () => {
    const ws = writeTree({
      'entities.yaml': 'actors:\n  costa:\n    name: António Costa\n    kind: person\n    wikidata: Q610788\n',
      'a.seed.md':
        '---\nid: "a-b"\ntitle: "A, b"\n---\n' +
        '[Costa]{.actor ref=costa} said [that "the 5%, 😀 target" holds]{.claim #t by=costa key=k value="5 \\"big\\", now\nreally" as-of=2025}.\r\n',
    });
    const out = path.join(ws, 'out');
    const r = await runCli(['export', '.', '--format', 'csv', '-o', 'out'], ws);
    assert.equal(r.status, 0, r.stderr);
    const raw = fs.readFileSync(path.join(out, 'claims.csv'), 'utf8');
    assert.ok(raw.startsWith('\uFEFF"source","id",'), 'UTF-8 with a byte order mark');
    assert.ok(raw.endsWith('\r\n') && !/[^\r]\n/.test(raw.replace(/"(?:[^"]|"")*"/g, '')), 'CRLF records');
    const claims = libreOfficeCells(path.join(out, 'claims.csv'), ws);
    assert.deepEqual(claims[1]!.slice(0, 11), [
      'a-b',
      't',
      'k',
      '5 "big", now\nreally',
      claims[1]![4],
      '2025',
      'costa',
      'single-source',
      '',
      '',
      'that "the 5%, 😀 target" holds',
    ]);
    assert.equal(claims.length, 2);
    const mentions = libreOfficeCells(path.join(out, 'mentions.csv'), ws);
    assert.deepEqual(mentions[1], [
      'a-b',
      'costa',
      'António Costa',
      'person',
      'Q610788',
      'Costa',
      '0',
      '5',
      'a.seed.md',
      '5',
    ]);
  });
});
