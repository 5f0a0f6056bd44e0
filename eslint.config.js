import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import svelteConfig from './ui/svelte.config.js';

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
      // Generated from server/openapi.json (`npm run gen:api -w ui`).
      'ui/src/lib/api/schema.ts',
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
  ...svelte.configs.recommended,
  {
    // The UI runs in the browser; its Svelte files hold TypeScript.
    files: ['ui/src/**/*.{ts,svelte}', 'ui/src/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      // No type-aware rules, so no TypeScript project: svelte-check does the type checking.
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
    rules: {
      // TypeScript (svelte-check) resolves names, including DOM types such as RequestInit.
      'no-undef': 'off',
      // The app is served at the root (no `paths.base`): links and goto() take plain absolute paths.
      'svelte/no-navigation-without-resolve': 'off',
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
