// ESLint flat config: typescript-eslint's recommended rules for all TypeScript, the React hooks
// rules for the client, and the folder boundaries (which folder may import which; the same rules
// as .dependency-cruiser.cjs, which `npm test` also checks, so the editor shows them as you type).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of another top-level folder, from anywhere below the root (`../../server/...`). */
const folder = (name) => `^(\\.\\./)+${name}(/|$)`;
const NODE = {
  regex: '^node:',
  message: 'Nothing of Node here: this code also runs in the browser.',
};
const OUTSIDE_SHARED = {
  regex: folder('(server|client|tests|scripts)'),
  message: 'shared/ imports nothing outside shared/.',
};
/** shared/room is the pure core: no schema library, nothing of Node, the DOM, Express, LiveKit. */
const ROOM_CORE = [
  OUTSIDE_SHARED,
  NODE,
  {
    regex:
      '^(zod|express|socket\\.io.*|livekit.*|@livekit/.*|react.*|better-sqlite3|fs|path|os|crypto|util|events)(/.*)?$',
    message: 'shared/room is the pure core: no zod, Node, DOM, Express, Socket.IO or LiveKit.',
  },
  {
    regex: '/protocol(/(commands|http|events|index))?$',
    allowTypeImports: true,
    message: 'The protocol schemas import zod: take their types only (LIMITS: protocol/constants).',
  },
];
/** `files` globs with the import patterns their code may not use. */
const BOUNDARIES = [
  { files: ['shared/**/*.ts'], patterns: [OUTSIDE_SHARED, NODE] },
  { files: ['shared/room/**/*.ts'], patterns: ROOM_CORE },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    patterns: [{ regex: folder('server'), message: 'The client never imports the server.' }, NODE],
  },
  {
    files: ['server/**/*.ts'],
    patterns: [
      { regex: folder('client'), message: 'The server never imports the client.' },
      {
        regex: '^(react|react-dom|react-i18next|livekit-client|socket\\.io-client)(/.*)?$',
        message: 'Browser-only packages stay out of the server.',
      },
    ],
  },
];

export default defineConfig([
  globalIgnores([
    'node_modules/',
    'dist/',
    'client/dist/',
    'data/',
    '.tools/',
    'test-results/',
    'coverage/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The store answers with promises (PostgreSQL or SQLite behind the same ports): a promise
    // used as a condition ("if (store.isAssigned(...))") is always true, and one left unawaited
    // loses its error. Typed rules catch both in the server.
    files: ['server/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './server/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...BOUNDARIES.map(({ files, patterns }) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
]);
