import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseRegistryBytes, toPlainRegistry, type Registry } from '../../server/src/core';
import { RegistryParser } from '../../server/src/offThread';
import { generateCorpus } from '../../bench/generate';

const REPO = path.resolve(__dirname, '../../..');

/** Everything a registry holds, its line index as the text it indexes. */
function plain(r: Registry): unknown {
  return { ...toPlainRegistry(r), lines: r.lines.positionAt(r.text.length) };
}

describe('registry parsing off the main thread', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-offthread-'));
    generateCorpus(dir, 5, 3);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const inputs = (): Array<[string, Uint8Array]> => [
    ['seeds', fs.readFileSync(path.join(REPO, 'seeds/entities.yaml'))],
    ['generated (66 KB)', fs.readFileSync(path.join(dir, 'entities.yaml'))],
    ['broken', Buffer.from('actors:\n  a: {name: [unclosed\n')],
    ['not UTF-8', Buffer.from([0x61, 0x63, 0x74, 0x6f, 0x72, 0x73, 0x3a, 0xff, 0xfe, 0x0a])],
  ];

  it('the worker gives exactly what parsing on the calling thread gives', async () => {
    const parser = new RegistryParser();
    try {
      for (const [name, bytes] of inputs()) {
        const uri = `file:///ws/${name.replace(/\W+/g, '-')}/entities.yaml`;
        const options = { maxYamlAliases: 50 };
        assert.deepEqual(
          plain(await parser.parse(uri, bytes, options)),
          plain(parseRegistryBytes(uri, bytes, options)),
          name,
        );
      }
      assert.equal(parser.parsedOffThread, inputs().length, 'every registry was parsed by the worker');
    } finally {
      parser.dispose();
    }
  });

  it('falls back to the calling thread when the worker script is missing, with the same result', async () => {
    const parser = new RegistryParser(path.join(dir, 'no-such-worker.js'));
    const [, bytes] = inputs()[1]!;
    assert.deepEqual(
      plain(await parser.parse('file:///ws/entities.yaml', bytes, {})),
      plain(parseRegistryBytes('file:///ws/entities.yaml', bytes, {})),
    );
    assert.equal(parser.parsedOffThread, 0);
  });

  it('an idle worker does not keep the process alive', () => {
    const script = `
      const { RegistryParser } = require(${JSON.stringify(path.join(REPO, 'out/server/src/offThread.js'))});
      const p = new RegistryParser();
      p.parse('file:///ws/entities.yaml', Buffer.from('actors: {a: {name: A, kind: person}}\\n'), {}).then((r) => console.log('parsed', r.actors.size));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'parsed 1');
  });
});
