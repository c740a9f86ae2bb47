import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders of packages/core/src that are pure: lines and values in, values out. */
const pureFolders = ['announce', 'health', 'scheduler', 'strategies', 'redact'];
/** Modules that do I/O: only adapters/, cli/, checks/, loading/ and config/ (the loaders) import them. */
const ioModules = [
  { group: ['node:fs', 'node:fs/*', 'node:child_process', 'node:http', 'node:https', 'node:dgram'], message: 'I/O belongs to adapters/ (or checks/, loading/, config/ loaders).', allowTypeImports: true },
];
/** Imports of the folders a layer must not reach; a type is no dependency. */
const upwardFolders = (folders) => [
  { group: folders.map((folder) => `../${folder}/*`), message: 'This folder may not depend on that one (docs/architecture.md).', allowTypeImports: true },
];
/** The loaders (loading/, config/'s) read files and import modules; the definitions (defineCheck, the schema) are pure. */
const loaders = {
  group: ['../loading/*', '../plugins/process-group*', '../config/load-*', '../config/read-*'],
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
    // loading/ reads plugins through the API of plugins/ and finds the built-ins of checks/
    // and strategies/: they in turn never reach the loader, so no folder import cycle.
    files: ['packages/core/src/plugins/**/*.ts', 'packages/core/src/checks/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../loading/*'], message: 'loading/ depends on plugins/, checks/ and strategies/, not the other way (docs/architecture.md).' }] }],
    },
  },
  {
    // @exaplug/protocol is ExaBGP's API as pure functions, with no dependency on the rest.
    files: ['packages/protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The protocol package is pure: take what you need as an argument.' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...ioModules, { group: ['@exaplug/*'], message: '@exaplug/protocol depends on no other exaplug package.' }] }],
    },
  },
  {
    // The healthcheck plugin's translator: ExaBGP healthcheck flags in, an exaplug config out.
    files: ['packages/plugin-healthcheck/src/translate/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The translator is pure: the commands read the process and the files.' }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...ioModules, { group: ['../commands/*', '../adapters/*'], message: 'The translator is pure: commands and adapters call it, not the other way.', allowTypeImports: true }] }],
    },
  },
  // The code's shape (issue 19): small functions and files, so a module keeps one job.
  // Classes of at most 20 members are checked by packages/core/test/code-shape.test.ts.
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // Scripts and demos talk to a person on a terminal.
    files: ['scripts/**', 'examples/**', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
