// ESLint flat config: @eslint/js and typescript-eslint recommended (syntax only).
// Not type-aware: recommendedTypeChecked takes ~31 s on this tree on 2 cores (against ~8 s)
// and `tsc --noEmit` (npm run typecheck) already checks types in CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals, for the plain .mjs scripts of the examples (no `globals` dependency). */
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value dropped on purpose (destructuring to omit a key, an
      // unused parameter an interface requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Escaping and rejecting control characters in names and terminal output is the point of those regexes.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['test/**', 'mixins/**/*.test.ts', 'bench/**'],
    rules: {
      // Tests and benchmarks read untyped JSON (rendered dashboards, server answers) by path.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
