// ESLint (flat config) with typescript-eslint. The rule that matters most:
// the core language service stays pure — no VS Code, no LSP connection, no
// Node built-ins (file system, processes, network) — see docs/architecture.md.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The core must not depend on VS Code.' },
            { name: 'vscode-languageserver', message: 'The core must not use the LSP connection; it returns plain data.' },
            { name: 'vscode-languageserver/node', message: 'The core must not use the LSP connection; it returns plain data.' },
            ...nodeBuiltins.flatMap((m) => [
              { name: m, message: 'The core does no I/O: Node built-ins belong in server/src outside core/.' },
              { name: `node:${m}`, message: 'The core does no I/O: Node built-ins belong in server/src outside core/.' },
            ]),
          ],
          patterns: [
            { group: ['vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core must not use LSP connection code.' },
            { group: ['node:*'], message: 'The core does no I/O: Node built-ins belong in server/src outside core/.' },
            { group: ['../*', '!./*'], message: 'The core imports only core modules and pure packages.' },
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
