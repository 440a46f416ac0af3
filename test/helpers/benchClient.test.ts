import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The bench's LSP client (bench/lsp.ts) must let its process end after a server that exited in the middle of a
 * message: vscode-jsonrpc's partial-message timer re-arms itself every 10 s while a partial message waits, which
 * once kept `npm test`'s benchmark harness from ever ending. A stand-in server writes half a message and exits; a
 * process that starts it through BenchClient and waits for its exit must then end within seconds.
 */
describe('the bench client after a server that exits mid-message', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-partial-'));
    fs.writeFileSync(
      path.join(dir, 'server.js'),
      'process.stdout.write(\'Content-Length: 100\\r\\n\\r\\n{"jsonrpc":"2.0"\', () => process.exit(0));\n',
    );
    fs.writeFileSync(
      path.join(dir, 'client.js'),
      [
        `const { BenchClient } = require(${JSON.stringify(path.resolve(__dirname, '../../bench/lsp.js'))});`,
        `const client = new BenchClient(${JSON.stringify(dir)}, { pull: true, nodeFlags: [] });`,
        "client.waitFor('the server to exit', () => false, 5000).catch((e) => console.log(e.message.split('\\n')[0]));",
        '',
      ].join('\n'),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ends its process within seconds', async () => {
    const child = spawn(process.execPath, [path.join(dir, 'client.js')], {
      env: { ...process.env, CORROBORATE_BENCH_SERVER: path.join(dir, 'server.js') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const ended = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 8000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ended) child.kill('SIGKILL');
    assert.match(out, /server exited/, 'the client saw the server exit');
    assert.ok(ended, 'the client process still runs 8 s after its server exited mid-message');
  });
});
