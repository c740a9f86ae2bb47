import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders of packages/core/src that are pure: lines and values in, values out. */
const pureFolders = ['protocol', 'announce', 'health', 'scheduler', 'strategies', 'healthcheck', 'redact'];
/** Modules that do I/O: only adapters/, cli/, checks/, plugins/ and config/ (the loaders) import them. */
const ioModules = [
  { group: ['node:fs', 'node:fs/*', 'node:child_process', 'node:http', 'node:https', 'node:dgram'], message: 'I/O belongs to adapters/ (or checks/, plugins/, config/ loaders).', allowTypeImports: true },
];
/** Imports of the folders a layer must not reach; a type is no dependency. */
const upwardFolders = (folders) => [
  { group: folders.map((folder) => `../${folder}/*`), message: 'This folder may not depend on that one (docs/architecture.md).', allowTypeImports: true },
];
/** The loaders in plugins/ and config/ read files and import modules; their definitions (defineCheck, the schema) are pure. */
const loaders = {
  group: ['../plugins/load-*', '../plugins/discover-*', '../plugins/prepare-services*', '../plugins/process-group*', '../config/load-*', '../config/read-*'],
  message: 'Loaders do I/O: pure code gets what they loaded as an argument.',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.config.ts', 'packages/core/templates/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // stdout belongs to ExaBGP: only adapters/stdout-line-sink.ts may write there.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // docs/architecture.md's folder table, enforced: the pure core touches neither the
  // process nor the filesystem, and nothing below the shell reaches up into it.
  {
    files: pureFolders.map((folder) => `packages/core/src/${folder}/**/*.ts`),
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Pure code: take what you need as an argument (adapters/ touches process).' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...ioModules, ...upwardFolders(['runtime', 'process', 'adapters', 'cli', 'control', 'metrics', 'checks']), loaders] }],
    },
  },
  {
    files: ['packages/core/src/runtime/**/*.ts', 'packages/core/src/process/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The runtime and the shell hold state, not the process: adapters/ wires process in.' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...ioModules, ...upwardFolders(['adapters', 'cli'])] }],
    },
  },
  {
    // Scripts and demos talk to a person on a terminal.
    files: ['scripts/**', 'examples/**', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
