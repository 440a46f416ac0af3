// ESLint (flat config) with typescript-eslint. The rules that matter most keep
// the architecture of docs/architecture.md true:
// - the core language service stays pure: no VS Code, no LSP connection, no
//   Node built-ins (file system, processes, network);
// - the core's layers (base < syntax < model < workspace < features) only
//   import downwards, and the rest of the server reaches the core through its
//   one entry point, server/src/core/index.ts;
// - the client and the server share only common/ (protocol and constants).
import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const root = import.meta.dirname;
const CORE = 'server/src/core';
/** The core's layers, lowest first. A module may import its own layer and the ones below. */
const LAYERS = ['base', 'syntax', 'model', 'workspace', 'features'];

/** Where a repository-relative path sits: its area, and in the core its layer (the entry point is above every layer). */
function place(path) {
  if (path.startsWith(`${CORE}/`)) {
    const first = path.slice(CORE.length + 1).split('/')[0];
    const layer = LAYERS.indexOf(first);
    return {
      area: 'core',
      layer: layer === -1 ? LAYERS.length : layer,
      name: layer === -1 ? 'the entry point' : first,
    };
  }
  if (path.startsWith('server/src/import/')) return { area: 'import' };
  if (path.startsWith('server/src/')) return { area: 'server' };
  if (path.startsWith('client/src/')) return { area: 'client' };
  if (path.startsWith('common/')) return { area: 'common' };
  return { area: 'other' };
}

/** The import rule of one area: why `to` may not be imported from `from`, or undefined. */
function refusal(from, to, toPath) {
  if (from.area === 'core') {
    if (to.area === 'common')
      return toPath.startsWith('common/protocol')
        ? 'The core does not know the custom protocol: common/protocol.ts belongs to the server and the client.'
        : undefined;
    if (to.area !== 'core') return 'The core imports only core modules, common/ constants and pure packages.';
    if (to.layer > from.layer)
      return `A lower layer cannot import a higher one: ${from.name} imports ${to.name} (layers: ${LAYERS.join(' < ')} < the entry point).`;
    return undefined;
  }
  if (from.area === 'import') {
    if (to.area === 'import' || (to.area === 'common' && !toPath.startsWith('common/protocol'))) return undefined;
    if (to.area === 'core' && toPath === `${CORE}/index.ts`) return undefined;
    return 'The importer (server/src/import/) is pure: it imports only its own modules, common/ constants and the core entry point.';
  }
  if ((from.area === 'server' || from.area === 'import') && to.area === 'core' && toPath !== `${CORE}/index.ts`)
    return 'Outside the core, the server uses the language service through server/src/core/index.ts only.';
  if (from.area === 'client' && to.area !== 'client' && to.area !== 'common')
    return 'The client shares only common/ with the server.';
  if (from.area === 'common' && to.area !== 'common')
    return 'common/ is shared by the client and the server and imports neither.';
  return undefined;
}

export const layering = {
  meta: {
    type: 'problem',
    schema: [],
    docs: { description: 'The import rules of docs/architecture.md: core layers, the core entry point, common/.' },
  },
  create(context) {
    const file = relative(root, context.filename).split(sep).join('/');
    const from = place(file);
    const check = (node) => {
      const spec = node?.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      let target = relative(root, resolve(dirname(context.filename), spec))
        .split(sep)
        .join('/');
      if (!/\.[a-z]+$/.test(target)) target = target === CORE ? `${CORE}/index.ts` : `${target}.ts`;
      const why = refusal(from, place(target), target);
      if (why) context.report({ node: node.source, message: why });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { corroborate: { rules: { layering } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'common/**/*.ts'],
    rules: {
      'corroborate/layering': 'error',
      // A function one person can hold: split a longer one into named steps (docs/architecture.md).
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // The importer is pure too (a string in, data out); it may `require` linkedom (server/src/import/html.ts).
    files: ['server/src/import/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({
            name,
            message: 'The importer is pure: the CLI and the server do its I/O and talk LSP.',
          })),
          patterns: [
            {
              group: [
                'node:*',
                ...nodeBuiltins,
                'vscode-languageserver/*',
                'vscode-languageclient',
                'vscode-languageclient/*',
              ],
              message: 'The importer is pure: the CLI and the server do its I/O and talk LSP.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'The importer must not read the process state.' }],
    },
  },
  {
    files: [`${CORE}/**/*.ts`, 'common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The core must not depend on VS Code.' },
            {
              name: 'vscode-languageserver',
              message: 'The core must not use the LSP connection; it returns plain data.',
            },
            {
              name: 'vscode-languageserver/node',
              message: 'The core must not use the LSP connection; it returns plain data.',
            },
            ...nodeBuiltins.flatMap((m) => [
              { name: m, message: 'The core does no I/O: Node built-ins belong in server/src outside core/.' },
              {
                name: `node:${m}`,
                message: 'The core does no I/O: Node built-ins belong in server/src outside core/.',
              },
            ]),
          ],
          patterns: [
            {
              group: ['vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'The core must not use LSP connection code.',
            },
            { group: ['node:*'], message: 'The core does no I/O: Node built-ins belong in server/src outside core/.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core must not read the environment or process state.' },
        { name: 'require', message: 'The core must not load modules dynamically.' },
      ],
    },
  },
);
