import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultProviderCatalog, featureCount, featureNames, Simulation, successFeatureNames } from '@platform/router-core'
import { providerIds, type ProviderId, type RouteDecision, type RouteRequestInput } from '@platform/contracts'
import { MLRouter } from './ml-router.js'
import { InvalidVersionNameError, ModelStore, VersionExistsError } from './store/model-store.js'
import { InsufficientDataError, runTraining } from './training-run.js'

let root: string
const records = [...new Simulation(defaultProviderCatalog, { requests: 1500, days: 2, seed: 21 }).records()]
const budget = { numBoostRound: 25, earlyStoppingRounds: 5 }

beforeAll(async () => { root = await mkdtemp(join(tmpdir(), 'router-engine-')) })
afterAll(async () => { await rm(root, { recursive: true, force: true }) })

describe('runTraining', () => {
  it('refuses too little data with the documented message', async () => {
    const store = new ModelStore(join(root, 'small'))
    await expect(runTraining({ records, days: 7, minDataPoints: 5000, catalog: defaultProviderCatalog, store, activate: false, keepVersions: 3, budget }))
      .rejects.toThrow(new InsufficientDataError(records.length, 5000).message)
  })

  it('never reaches further back than maxDataAgeDays, whatever days asks', async () => {
    const store = new ModelStore(join(root, 'aged'))
    const newest = Math.max(...records.map((r) => Date.parse(r.submittedAt)))
    const lastDay = records.filter((r) => Date.parse(r.submittedAt) > newest - 86_400_000).length
    expect(lastDay).toBeLessThan(records.length)
    await expect(runTraining({ records, days: 7, maxDataAgeDays: 1, minDataPoints: 5000, catalog: defaultProviderCatalog, store, activate: false, keepVersions: 3, budget }))
      .rejects.toThrow(new InsufficientDataError(lastDay, 5000).message)
  })

  it('trains, saves, reloads identically, and activates only a challenger that wins', async () => {
    const store = new ModelStore(join(root, 'store'))
    const common = { records, days: 7, minDataPoints: 100, catalog: defaultProviderCatalog, store, keepVersions: 10, budget }
    const first = await runTraining({ ...common, version: 'v9', activate: true })
    expect(first.activated).toBe(true)
    expect(first.comparison).toBeNull()
    expect(first.metadata.metrics.successAuc).toBeGreaterThan(0.5)
    expect(first.metadata.metrics.costMape).toBeLessThan(1)
    // Each model's gains under its own columns: the success model's 27th is its own feature.
    const importance = first.metadata.metrics.featureImportance
    expect(importance.success?.map((f) => f.feature).sort()).toEqual([...successFeatureNames].sort())
    expect(importance.cost?.map((f) => f.feature).sort()).toEqual([...featureNames].sort())
    expect(importance.success?.find((f) => f.feature === 'log_expected_latency_over_timeout')?.gain).toBeGreaterThan(0)

    const second = await runTraining({ ...common, version: 'v10', activate: true })
    expect(second.comparison?.champion).toBe('v9')
    const wins = (second.metadata.metrics.utilityMae ?? Infinity) < (second.comparison?.championMetrics?.utilityMae ?? Infinity)
    expect(second.activated).toBe(wins)
    expect((await store.manifest()).active).toBe(wins ? 'v10' : 'v9')
    expect(await store.versions()).toEqual(['v9', 'v10'])

    const a = await store.load('v9')
    const b = await store.load('v9')
    // A taken version is refused before training and at the save, and the save leaves nothing behind.
    await expect(runTraining({ ...common, version: 'v9', activate: false })).rejects.toThrow(VersionExistsError)
    // A name no folder can have is refused at once too, without training (no progress reported).
    const progress: unknown[] = []
    await expect(runTraining({ ...common, version: '../evil', activate: false, onProgress: (p) => progress.push(p) })).rejects.toThrow(InvalidVersionNameError)
    expect(progress).toEqual([])
    await expect(store.save({ ...b.metadata, version: 'v10' }, b.bundle)).rejects.toThrow(VersionExistsError)
    expect((await readdir(join(root, 'store', 'versions'))).sort()).toEqual(['v10', 'v9'])
    const rows = new Float64Array(featureCount * 3).fill(1)
    expect(a.bundle.scoreRows(rows, 3)).toEqual(b.bundle.scoreRows(rows, 3))
    a.bundle.dispose()
    b.bundle.dispose()

    // Batched routing (one multi-row pass per model) decides exactly as one request at a time.
    const router = new MLRouter(join(root, 'store'), undefined, { fallbackToRuleBased: false, now: () => new Date(Date.parse(records[0]?.submittedAt ?? '')) })
    await router.initialize()
    const requests = new Simulation(defaultProviderCatalog, { requests: 40, days: 1, seed: 5 }).requests.map((r) => ({ spec: r.spec }))
    const withoutIds = (d: RouteDecision) => ({ ...d, decisionId: '' })
    const batched = router.predictBatch(requests).map(withoutIds)
    expect(batched.every((d) => d.strategy === 'ml')).toBe(true)
    expect(batched).toEqual(requests.map((r) => withoutIds(router.predict(r.spec))))
    router.close()

    // The same with the fallback on and constraints, weights and preferences that take every path
    // (unmet limits, dropped candidates, no cross-check under non-default weights).
    const withFallback = new MLRouter(join(root, 'store'), undefined, { now: () => new Date(Date.parse(records[0]?.submittedAt ?? '')) })
    await withFallback.initialize()
    const varied: RouteRequestInput[] = new Simulation(defaultProviderCatalog, { requests: 120, days: 1, seed: 6 }).requests.map((r, i) => ({
      spec: r.spec,
      constraints: {
        ...(i % 5 === 1 ? { maxCost: [2e-5, 2e-4, 2e-3][i % 3] } : {}),
        ...(i % 7 === 2 ? { maxLatency: [300, 1500][i % 2] } : {}),
        ...(i % 6 === 3 ? { preferredProviders: [providerIds[i % 9] as ProviderId] } : {}),
        ...(i % 4 === 1 ? { excludeProviders: [providerIds[(i * 5) % 9] as ProviderId] } : {}),
        ...(i % 9 === 4 ? { preferredRegion: 'eu-west' } : {})
      },
      ...(i % 8 === 6 ? { weights: { cost: 2, latency: 0.5, risk: 1 } } : {})
    }))
    const alone = (r: RouteRequestInput) => {
      try {
        return withoutIds(withFallback.predictBatch([r])[0] as RouteDecision)
      } catch {
        return undefined
      }
    }
    const routable = varied.filter((r) => alone(r) !== undefined)
    const variedBatch = withFallback.predictBatch(routable).map(withoutIds)
    expect(new Set(variedBatch.map((d) => d.strategy))).toEqual(new Set(['ml', 'rule-based']))
    expect(variedBatch).toEqual(routable.map(alone))
    withFallback.close()
  })

  it('prunes by age, whatever the names: a hand-named v9 goes before a newer dated version', async () => {
    const store = new ModelStore(join(root, 'by-age'))
    const common = { records, days: 7, minDataPoints: 100, catalog: defaultProviderCatalog, store, activate: false, keepVersions: 1, budget }
    await runTraining({ ...common, version: 'v9' })
    const dated = await runTraining(common)
    expect(dated.metadata.version).not.toBe('v9')
    expect(dated.pruned).toEqual(['v9'])
    expect(await store.versions()).toEqual([dated.metadata.version])
  })

  it('prunes old versions but never one in use', async () => {
    const store = new ModelStore(join(root, 'prune'))
    for (const v of ['1', '2', '3', '10']) await mkdir(join(root, 'prune', 'versions', v), { recursive: true })
    await store.writeManifest({ active: '1' })
    expect(await store.prune(2)).toEqual(['2'])
    expect(await store.versions()).toEqual(['1', '3', '10'])
  })
})
