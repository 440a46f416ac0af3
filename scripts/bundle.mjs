// Bundles the shipped entry points with esbuild. Type-checking is `tsc -b`'s job.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // The registry parser's worker thread (server/src/offThread.ts), found next to server.js.
  esbuild.build({ ...common, entryPoints: ['server/src/registryWorker.ts'], outfile: 'dist/registryWorker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/sourceWorker.ts'], outfile: 'dist/sourceWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  // The claims matrix webview's script (client/webview/matrix.ts), run in the webview's browser page.
  esbuild.build({
    ...common,
    entryPoints: ['client/webview/matrix.ts'],
    outfile: 'dist/matrix.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);
