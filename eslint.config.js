import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

const focusedOrSkipped = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({object, property, message: `No ${object}.${property}: every test runs in CI.`}))
);

export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'storybook-static/', 'coverage/', 'src/generated/', 'testenv/', '.cache/', 'xliff/']},
  ...tseslint.configs.recommended,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      'wc/guard-super-call': 'off',
    },
  },
  {
    // The client is framework-free and isomorphic: no Lit, no DOM beyond fetch/streams, no Node.
    files: ['src/client/**/*.ts', 'src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {group: ['lit', 'lit/*', '@lit/*'], message: 'src/client and src/sandbox never import Lit.'},
            {group: ['node:*'], message: 'src/client and src/sandbox run in browsers too.'},
            {group: ['@kubernetes/client-node'], message: 'Node only; browser code may `import type` at most.', allowTypeImports: true},
          ],
        },
      ],
    },
  },
  {
    files: ['src/elements/**/*.ts', 'src/controllers/**/*.ts', 'src/context/**/*.ts', 'src/define/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {patterns: [{group: ['@kubernetes/client-node'], message: 'Browser code may `import type` only.', allowTypeImports: true}]},
      ],
      'no-restricted-globals': ['error', {name: 'fetch', message: 'Elements never call fetch: ask the client through a controller.'}],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*', 'bench/**/*', '*.config.*'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // chai's `expect(x).to.be.true` is an expression statement by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  }
);
