// ESLint 9 flat config for the whole workspace: `npx eslint .` (or `npx nx run-many -t lint`).
// Formatting is Prettier's job (.prettierrc.json): the configs below carry no formatting rules, so
// the two never disagree.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The Node globals the scripts and configs use (kept here rather than pulling in the `globals` package). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Node builtins, with or without `node:`, and their subpaths (`fs/promises`). */
const nodeBuiltin = `node:|(?:${builtinModules.map(escape).join('|')})(?:/|$)`;
/** What never belongs in workflow code, with a reason of its own. */
const forbiddenInWorkflows = `^(?:${nodeBuiltin}|@nestjs/|typeorm(?:/|$))`;
/** What workflow code may import at run time; anything else only as `import type`. */
const allowedInWorkflows = String.raw`@temporalio/workflow$|@qcycle/(?:contracts|domain)$|\.{1,2}(?:/|$)`;

/**
 * Workflow code runs in Temporal's deterministic sandbox from a webpack bundle that knows only
 * @temporalio/workflow and the pure libs (apps/worker/src/workflow-bundle.ts). `import type` is
 * erased at compile time, so it may name anything. workflows/src/determinism.spec.ts checks the same
 * rule (and that relative imports stay in workflows/src) without ESLint.
 */
const workflowDeterminism = {
  name: 'qcycle/workflow-determinism',
  files: ['workflows/src/**/*.ts'],
  ignores: ['workflows/src/**/*.spec.ts'],
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: forbiddenInWorkflows,
            caseSensitive: true,
            allowTypeImports: true,
            message:
              'NestJS, TypeORM and Node builtins are not deterministic and do not bundle: workflow code reaches them only through activities (import type is fine).',
          },
          {
            regex: `^(?!${allowedInWorkflows}|${forbiddenInWorkflows.slice(1)})`,
            caseSensitive: true,
            allowTypeImports: true,
            message:
              'Workflow code may import only @temporalio/workflow, @qcycle/contracts, @qcycle/domain and relative files; use `import type` for anything else (activities are proxied by type).',
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportExpression',
        message: 'No dynamic import() in workflow code: the workflow bundle is built statically.',
      },
      {
        selector: "CallExpression[callee.type='Identifier'][callee.name='require']",
        message: 'No require() in workflow code: use a static import of an allowed module.',
      },
    ],
  },
};

export default tseslint.config(
  {
    name: 'qcycle/ignores',
    ignores: ['**/node_modules/', '**/dist/', 'coverage/', '.tools/', '.data/', '.nx/', 'test/histories/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'qcycle/typescript',
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed parameters are deliberately unused (handler signatures, it.each rows).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'qcycle/node-scripts',
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'qcycle/commonjs',
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  workflowDeterminism,
);
