import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { providerIds } from '@platform/contracts'
import { featureSchemaHash, featureSchemaVersion } from '@platform/router-core'
import { MLRouter } from './ml-router.js'
import { InvalidAbTestError } from './store/ab-test-setup.js'
import { ModelLoadError, modelFileNames } from './store/model-files.js'

let root: string
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'ml-router-')) })
afterEach(async () => { await rm(root, { recursive: true, force: true }) })

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** A version folder that is refused before LightGBM parses anything: a foreign schema hash, or a file edited after its checksum. */
async function refusedVersion (version: string, fault: 'schema' | 'checksum'): Promise<void> {
  const dir = join(root, 'versions', version)
  await mkdir(dir, { recursive: true })
  const files: Record<string, string> = {}
  for (const name of Object.values(modelFileNames)) {
    await writeFile(join(dir, name), 'tree')
    files[name] = sha(fault === 'checksum' ? 'other tree' : 'tree')
  }
  const smearing = providerIds.map(() => 1)
  await writeFile(join(dir, 'metadata.json'), JSON.stringify({
    version,
    createdAt: '2026-11-01T00:00:00Z',
    featureSchemaVersion,
    featureSchemaHash: fault === 'schema' ? '0'.repeat(64) : featureSchemaHash,
    trainingWindow: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    counts: { training: 10, validation: 2 },
    parameters: {},
    bestIterations: {},
    calibration: { costSmearing: smearing, latencySmearing: smearing, errorScales: { cost: 0.1, latency: 0.1, failure: 0.2 } },
    metrics: { costMape: null, costMse: null, latencyMape: null, logLatencyMse: null, successAuc: null, providerAccuracy: null, utilityMae: null, validationRecords: 2, perProvider: [], featureImportance: {} },
    files
  }))
}

const spec = { language: 'python', code: 'print(1)' }
const seedTest = { enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5, startTime: new Date('2026-11-01T00:00:00Z'), endTime: new Date('2026-12-01T00:00:00Z') }

describe('MLRouter start-up refusals', () => {
  it('names the refused active version and why in every fallback reason', async () => {
    await refusedVersion('v1', 'schema')
    await writeFile(join(root, 'registry.json'), JSON.stringify({ active: 'v1', abTest: null, updatedAt: '2026-11-01T00:00:00Z' }))
    const failures: string[] = []
    const router = new MLRouter(root, undefined, { onLoadError: (v) => failures.push(v) })
    await router.initialize()
    expect(failures).toEqual(['v1'])
    expect(router.activeVersion).toBeNull()
    expect(router.refusal).toEqual({ version: 'v1', reason: expect.stringMatching(/^feature schema 000000000000 does not match/) })
    const decision = router.predict(spec)
    expect(decision.strategy).toBe('rule-based')
    expect(decision.reason).toMatch(/^model rejected: v1 refused at load \(feature schema .+; retrain it\); rule-based until a good version is activated$/)
  })

  it('says which file failed its checksum', async () => {
    await refusedVersion('v7', 'checksum')
    await writeFile(join(root, 'registry.json'), JSON.stringify({ active: 'v7', abTest: null, updatedAt: '2026-11-01T00:00:00Z' }))
    const router = new MLRouter(root, undefined)
    await router.initialize()
    expect(router.predict(spec).reason).toMatch(/^model rejected: v7 refused at load \(cost\.txt fails its sha256 check/)
    await expect(router.setActiveModel('v7')).rejects.toThrow(ModelLoadError)
    expect(router.refusal?.version).toBe('v7')
  })

  it('starts rule-based on a truncated registry.json, saying so, instead of throwing', async () => {
    await writeFile(join(root, 'registry.json'), '{"active": "v1", "ab')
    const router = new MLRouter(root, undefined)
    await router.initialize()
    expect(router.refusal).toEqual({ version: null, reason: expect.stringMatching(/^not valid JSON/) })
    expect(router.predict(spec).reason).toMatch(/^no model loaded: registry\.json refused \(not valid JSON .*\); rule-based until a version is activated$/)
  })

  it('starts without the test when an A/B arm in the manifest is refused', async () => {
    await refusedVersion('v1', 'schema')
    await refusedVersion('v2', 'schema')
    const abTest = { ...seedTest, id: 't1', shadow: false, startTime: null, endTime: null, createdAt: '2026-11-01T00:00:00Z' }
    await writeFile(join(root, 'registry.json'), JSON.stringify({ active: null, abTest, updatedAt: '2026-11-01T00:00:00Z' }))
    const router = new MLRouter(root, undefined)
    await router.initialize()
    expect(router.currentAbTest).toBeNull()
    expect(router.predict(spec).arm).toBeNull()
  })
})

describe('MLRouter.configureABTest', () => {
  it('refuses versions that are not in the store and writes nothing', async () => {
    const router = new MLRouter(root, undefined)
    await router.initialize()
    await expect(router.configureABTest(seedTest)).rejects.toThrow(/model v1: no such version in the model store/)
    expect(router.currentAbTest).toBeNull()
    await expect(readFile(join(root, 'registry.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses a configuration that is not an A/B test before touching the store', async () => {
    const router = new MLRouter(root, undefined)
    await expect(router.configureABTest({ ...seedTest, trafficSplit: 2 })).rejects.toThrow(InvalidAbTestError)
    await expect(readFile(join(root, 'registry.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('leaves the current test when an arm is refused', async () => {
    await refusedVersion('v1', 'schema')
    await refusedVersion('v2', 'checksum')
    const router = new MLRouter(root, undefined)
    await expect(router.configureABTest(seedTest)).rejects.toThrow(ModelLoadError)
    expect(router.currentAbTest).toBeNull()
    expect((await router.store.manifest()).abTest).toBeNull()
  })
})
