import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { prepareSourceBytes, WorkspaceIndex } from '../../server/src/core';
import { codeActions } from '../../server/src/core/features/codeActions';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { completion } from '../../server/src/core/features/completion';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics/diagnostics';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { hover } from '../../server/src/core/features/hover';
import { prepareRename } from '../../server/src/core/features/rename';
import { references } from '../../server/src/core/features/navigation';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import {
  buildSourceModel,
  isCompact,
  keepCompressed,
  uncompressedText,
  type SourceModel,
  type TextCodec,
} from '../../server/src/core/model/source';
import type { ParsedText } from '../../server/src/core/syntax/parser';

/**
 * A file read from disk is indexed and then "compacted": its spans are
 * dropped and parsed again on demand (core/model.ts compactParse). Nothing
 * may tell the difference: every feature must answer exactly as it does for
 * the same text given as an open document.
 */

const ROOT = 'file:///ws';
const SEEDS = path.resolve(__dirname, '../../../seeds');
const seedFiles = fs
  .readdirSync(SEEDS)
  .filter((f) => f.endsWith('.seed.md'))
  .sort();
const registryText = fs.readFileSync(path.join(SEEDS, 'entities.yaml'), 'utf8');

/** A seed with a few random edits (brackets, braces, attributes, newlines), so that broken markup is covered too. */
const mutatedSeed = fc
  .tuple(
    fc.constantFrom(...seedFiles),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(12),
        fc.constantFrom(
          '[',
          ']',
          '{',
          '}',
          '{.actor ref=x}',
          '{.claim key=k value=1}',
          '\n',
          '\r\n',
          ' ',
          '😀',
          '`',
          '"',
        ),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([file, edits]) => {
    let text = fs.readFileSync(path.join(SEEDS, file), 'utf8');
    for (const [at, del, insert] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(Math.min(text.length, i + del));
    }
    return text;
  });

/** What the server keeps compressed texts with (server/src/textCompression.ts does the same with node:zlib). */
const ZLIB: TextCodec = { decompress: (compressed) => zlib.inflateRawSync(compressed) };

type How = 'open' | 'disk' | 'prepared' | 'compressed';
/** Every way a file read from disk may be held. */
const CLOSED = ['disk', 'prepared', 'compressed'] as const;

/**
 * The texts as open documents (`open`), as files read from disk (`disk`), as files read and analysed on another
 * thread (`prepared`: `prepareSourceBytes`, copied as `postMessage` copies, then `loadPrepared`; sourcePool.ts), or
 * as files read from disk whose texts were then compressed (`compressed`, as textCompression.ts does after a pass).
 */
function build(texts: string[], how: How): WorkspaceIndex {
  const index = new WorkspaceIndex({ folders: [ROOT] });
  index.setRegistry(`${ROOT}/entities.yaml`, registryText);
  texts.forEach((t, i) => {
    const uri = `${ROOT}/s${i}.seed.md`;
    if (how === 'disk') index.setSourceBytes(uri, Buffer.from(t, 'utf8'));
    else if (how === 'open') index.setSource(uri, t);
    else if (how === 'compressed') {
      index.setSourceBytes(uri, Buffer.from(t, 'utf8'));
      const model = index.getSource(uri)!;
      const bytes = uncompressedText(model);
      assert.ok(bytes, 'a compacted model keeps its text as bytes');
      assert.ok(keepCompressed(model, bytes, zlib.deflateRawSync(bytes), ZLIB));
      assert.equal(uncompressedText(model), undefined, 'the text is compressed');
    } else {
      const { prepared, transfer } = prepareSourceBytes(uri, Buffer.from(t, 'utf8'));
      assert.ok(index.loadPrepared(structuredClone(prepared, { transfer })));
    }
  });
  return index;
}

/** A model's parse as plain data (a compacted model's is an object of its own class, its spans a getter). */
function parseOf(model: SourceModel): ParsedText {
  const { frontMatter, bodyStart, spans, code, skipped, problems } = model.parsed;
  return { frontMatter, bodyStart, spans, code, skipped, problems };
}

/** Asserts that every feature answers the same in `disk` as in `open` for the file `uri`, at `positions`. */
function sameAnswers(
  disk: WorkspaceIndex,
  open: WorkspaceIndex,
  uri: string,
  text: string,
  positions: Array<[number, number]>,
): void {
  assert.equal(disk.getSource(uri)!.text, text, 'the same text');
  assert.deepEqual(parseOf(disk.getSource(uri)!), parseOf(open.getSource(uri)!), 'the same parse, spans included');
  assert.deepEqual(computeDiagnostics(disk, uri), computeDiagnostics(open, uri), 'diagnostics');
  assert.deepEqual(semanticTokens(disk, uri), semanticTokens(open, uri), 'semantic tokens');
  assert.deepEqual(documentSymbols(disk, uri), documentSymbols(open, uri), 'symbols');
  assert.deepEqual(codeLenses(disk, uri), codeLenses(open, uri), 'code lenses');
  const lines = open.getSource(uri)!.lines;
  for (const [line, character] of positions) {
    const offset = text.length === 0 ? 0 : line % (text.length + 1);
    const p = lines.positionAt(offset);
    const at = { line: p.line, character: p.character + (character % 2) };
    const range = { start: at, end: lines.positionAt(Math.min(text.length, offset + (character % 40))) };
    assert.deepEqual(disk.getSource(uri)!.lines.positionAt(offset), p, 'the same line table');
    assert.deepEqual(hover(disk, uri, at), hover(open, uri, at), `hover at ${JSON.stringify(at)}`);
    assert.deepEqual(completion(disk, uri, at), completion(open, uri, at), 'completion');
    assert.deepEqual(references(disk, uri, at, true), references(open, uri, at, true), 'references');
    assert.deepEqual(prepareRename(disk, uri, at), prepareRename(open, uri, at), 'prepare rename');
    assert.deepEqual(codeActions(disk, uri, range), codeActions(open, uri, range), 'code actions');
  }
}

describe('compacted models (spans dropped, parsed again on demand)', () => {
  it('every feature answers the same for a file read from disk as for the same text open in the editor', () => {
    fc.assert(
      fc.property(
        fc.array(mutatedSeed, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (texts, positions) => {
          const open = build(texts, 'open');
          for (const how of CLOSED) {
            const disk = build(texts, how);
            texts.forEach((text, i) => {
              const uri = `${ROOT}/s${i}.seed.md`;
              assert.ok(isCompact(disk.getSource(uri)!), `a file read from disk (${how}) is compacted`);
              assert.ok(!isCompact(open.getSource(uri)!));
              sameAnswers(disk, open, uri, text, positions);
            });
          }
        },
      ),
      { seed: 515, numRuns: 40 },
    );
  });

  it('a compacted file keeps its answers after its spans were evicted from the re-parse cache', () => {
    const seeds = seedFiles.map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
    const texts = [...seeds, ...seeds, ...seeds];
    assert.ok(texts.length > 8, 'more files than the re-parse cache keeps (8)');
    const open = build(texts, 'open');
    for (const how of CLOSED) {
      const disk = build(texts, how);
      // More files than the cache keeps, twice over, in turn.
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < texts.length; i++) {
          const uri = `${ROOT}/s${i}.seed.md`;
          assert.deepEqual(semanticTokens(disk, uri), semanticTokens(open, uri), how);
          assert.deepEqual(disk.getSource(uri)!.parsed.spans, open.getSource(uri)!.parsed.spans, how);
        }
      }
    }
  });

  it('keeps a text compressed only in place of the bytes it was made from, once, and only for a compacted model', () => {
    const text = 'A [Rutte]{.actor ref=rutte} text.\n';
    const index = build([text], 'disk');
    const model = index.getSource(`${ROOT}/s0.seed.md`)!;
    const bytes = uncompressedText(model)!;
    assert.equal(Buffer.from(bytes).toString('utf8'), text);
    const compressed = zlib.deflateRawSync(bytes);
    assert.equal(keepCompressed(model, Buffer.from(bytes), compressed, ZLIB), false, 'other bytes (a copy)');
    assert.equal(uncompressedText(model), bytes);
    let inflated = 0;
    const counting: TextCodec = { decompress: (c) => (inflated++, ZLIB.decompress(c)) };
    assert.equal(keepCompressed(model, bytes, compressed, counting), true);
    assert.equal(keepCompressed(model, bytes, compressed, counting), false, 'compressed already');
    assert.deepEqual(model.lines.positionAt(text.length), { line: 1, character: 0 });
    assert.equal(inflated, 0, 'the line table was built before: positions need no text');
    assert.equal(model.text, text);
    assert.equal(inflated, 1, 'the text is inflated when read');
    const open = buildSourceModel(`${ROOT}/o.seed.md`, text);
    assert.equal(uncompressedText(open), undefined, 'an open file keeps its text as it is');
    assert.equal(keepCompressed(open, bytes, compressed, ZLIB), false);
  });
});
