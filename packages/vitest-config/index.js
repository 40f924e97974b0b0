import { defineConfig } from 'vitest/config'

// Tests read workspace packages from source (the `@platform/source` export condition), so no build is needed first.
// The rest is vite's default server condition list.
const conditions = ['@platform/source', 'module', 'node', 'development|production']

/**
 * Two projects per workspace: `unit` (x.test.ts, no servers) and `integration`
 * (x.int.test.ts: real Redis, Prometheus, ONNX Runtime, LightGBM, gRPC).
 */
export function config ({ unitTimeout = 10_000, integrationTimeout = 120_000 } = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.int.test.ts'], testTimeout: unitTimeout }
        },
        {
          extends: true,
          test: { name: 'integration', include: ['src/**/*.int.test.ts'], testTimeout: integrationTimeout, hookTimeout: integrationTimeout }
        }
      ]
    }
  })
}
