// Lint rules: typescript-eslint's recommended set, plus the few rules this codebase leans on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.bench-build/',
      'data/',
      'drizzle/',
      'test-results/',
      '.wrangler/',
      'test/tmp-*',
      'src/email/compiled-templates.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/entry/cli*.ts', 'src/demo/run-demo.ts', 'bin/**', 'bench/**', 'scripts/**', 'src/log.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript that Node runs as it is (the command's launcher, the build script).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
