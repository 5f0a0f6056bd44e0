import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/.svelte-kit/**',
      'data/**',
      'migrations/**',
      'seed/reference/**',
      'test-output/**',
      'ui/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The matcher is pure: it must not reach into the server, the database or the file system.
    files: ['matcher/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@rilancio/server', '../../server/*', 'node:*', 'fs', 'path', 'http'],
              message: 'matcher/ is pure: no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // Routes validate and translate; they reach storage and search only through services.
    files: ['server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.adapter.js', '**/db/client.js'], message: 'Routes call services, not adapters.' },
          ],
        },
      ],
    },
  },
);
