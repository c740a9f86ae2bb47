import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  {
    // Scripts and demos talk to a person on a terminal.
    files: ['scripts/**', 'examples/**', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
