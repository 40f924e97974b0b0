import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { providerIds } from '@platform/contracts'
import { featureSchemaVersion } from '@platform/router-core'
import { modelFileNames } from '@platform/router-engine'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'

let root: string
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'ml-router-start-')) })
afterEach(async () => { await rm(root, { recursive: true, force: true }) })

const app = async () => await buildTestApp(async () => await buildApp(loadConfig(Config, { LOG_LEVEL: 'silent', MODEL_STORE_PATH: root, ADMIN_TOKEN: 'test-admin-token-0123456789' }), { version: '0.0.0-test' }))
const route = async (server: Awaited<ReturnType<typeof app>>) => (await server.inject({ method: 'POST', url: '/v1/route', payload: { spec: { language: 'python', code: 'print(1)' } } })).json()

/** A version trained for another feature schema: refused at load, before LightGBM reads a file. */
async function foreignSchemaVersion (version: string): Promise<void> {
  const dir = join(root, 'versions', version)
  await mkdir(dir, { recursive: true })
  const files: Record<string, string> = {}
  for (const name of Object.values(modelFileNames)) {
    await writeFile(join(dir, name), 'tree')
    files[name] = createHash('sha256').update('tree').digest('hex')
  }
  const smearing = providerIds.map(() => 1)
  const metrics = { costMape: null, costMse: null, latencyMape: null, logLatencyMse: null, successAuc: null, providerAccuracy: null, utilityMae: null, validationRecords: 0, perProvider: [], featureImportance: {} }
  await writeFile(join(dir, 'metadata.json'), JSON.stringify({
    version,
    createdAt: '2026-11-01T00:00:00Z',
    featureSchemaVersion,
    featureSchemaHash: 'f'.repeat(64),
    trainingWindow: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    counts: { training: 0, validation: 0 },
    parameters: {},
    bestIterations: {},
    calibration: { costSmearing: smearing, latencySmearing: smearing, errorScales: { cost: 0.1, latency: 0.1, failure: 0.2 } },
    metrics,
    files
  }))
}

describe('ml-router plugin start-up', () => {
  it('starts rule-based on a truncated registry.json and says why in every decision', async () => {
    await writeFile(join(root, 'registry.json'), '{"active": "v1", "abTest": nu')
    const server = await app()
    expect((await server.inject('/readyz')).statusCode).toBe(200)
    expect(server.mlRouter.refusal).toMatchObject({ version: null })
    const decision = await route(server)
    expect(decision).toMatchObject({ strategy: 'rule-based', modelVersion: null })
    expect(decision.reason).toMatch(/^no model loaded: registry\.json refused \(not valid JSON/)
  })

  it('names the refused active version instead of "no model loaded"', async () => {
    await foreignSchemaVersion('v5')
    await writeFile(join(root, 'registry.json'), JSON.stringify({ active: 'v5', abTest: null, updatedAt: '2026-11-01T00:00:00Z' }))
    const server = await app()
    expect(server.mlRouter.refusal).toMatchObject({ version: 'v5' })
    const decision = await route(server)
    expect(decision.strategy).toBe('rule-based')
    expect(decision.reason).toMatch(/^model rejected: v5 refused at load \(feature schema ffffffffffff does not match .+; retrain it\)/)
    expect((await server.inject('/metrics')).body).toMatch(/^router_model_load_failures_total\{[^}]*\} 1$/m)
  })
})
