import neostandard from 'neostandard'
import tseslint from 'typescript-eslint'
import unicorn from 'eslint-plugin-unicorn'

// Env is read in exactly one place per service (config.ts) and the process edge (main.ts).
const restrictEnvAccess = {
  files: ['**/*.ts'],
  ignores: ['**/config.ts', '**/main.ts', '**/*.test.ts', '**/cli/**'],
  rules: {
    'no-restricted-properties': ['error', {
      object: 'process',
      property: 'env',
      message: 'Read env only in config.ts (validated with zod) or main.ts.'
    }]
  }
}

const noDeepImports = {
  patterns: [{ group: ['@platform/*/src/*', '@platform/*/dist/*'], message: 'Import the package entry, not its files.' }]
}

/** Base config for every workspace. `tsconfigRootDir` is the workspace folder. */
export function config ({ tsconfigRootDir, pure = false }) {
  const pureBans = pure
    ? [{ group: ['fastify', 'fastify-*', '@fastify/*', 'prom-client', 'ioredis', 'pino'], message: 'Pure packages do no I/O: take a recorder or callback instead.' }]
    : []
  return tseslint.config(
    { ignores: ['dist/**', 'build/**', 'coverage/**', '**/*.d.ts'] },
    ...neostandard({ ts: true, noJsx: true }),
    {
      files: ['**/*.ts'],
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir }
      },
      plugins: { unicorn },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        // `void promise` is how a deliberately detached promise is marked for no-floating-promises.
        'no-void': ['error', { allowAsStatement: true }],
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-non-null-assertion': 'error',
        // A zod schema and its inferred type share one name; TypeScript already reports real redeclarations.
        '@typescript-eslint/no-redeclare': 'off',
        'unicorn/filename-case': ['error', { case: 'kebabCase' }],
        'no-restricted-imports': ['error', { patterns: [...noDeepImports.patterns, ...pureBans] }]
      }
    },
    restrictEnvAccess
  )
}
