import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.tlc/**', 'out/**', 'reports/**', '.stryker-tmp/**', 'spec/**', 'src/tla2tools-runner/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'bin/*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The runner is a package of its own: the rest of the project imports it by
  // name (tsconfig.json's paths), the app never reaches into its files, and
  // only tests may import its internals by path (white-box tests).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/tla2tools-runner/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/tla2tools-runner/**'], message: "import the runner by its package name, 'tla2tools-runner'" }] }] },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/tla2tools-runner/**'], message: "import the runner by its package name, 'tla2tools-runner'" }] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/tla2tools-runner/index.ts'], message: "import the runner by its package name, 'tla2tools-runner'" }] }] },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
