import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AbTestConfig } from '@platform/contracts'
import { defaultProviderCatalog, Simulation } from '@platform/router-core'
import { MLRouter } from './ml-router.js'
import { ModelStore } from './store/model-store.js'
import { runTraining } from './training-run.js'

let root: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ml-router-ab-'))
  const records = [...new Simulation(defaultProviderCatalog, { requests: 1500, days: 2, seed: 31 }).records()]
  await runTraining({ records, days: 7, minDataPoints: 100, catalog: defaultProviderCatalog, store: new ModelStore(root), activate: true, keepVersions: 10, budget: { numBoostRound: 20, earlyStoppingRounds: 5 }, version: 'v1' })
  await cp(join(root, 'versions', 'v1'), join(root, 'versions', 'v2'), { recursive: true })
})
afterAll(async () => { await rm(root, { recursive: true, force: true }) })

const routeTenants = (router: MLRouter) => Array.from({ length: 30 }, (_, i) => router.predict({ language: 'python', code: 'print(1)', tenant: `t${i}` }))

describe('MLRouter.configureABTest with the seed shape', () => {
  it('completes the configuration, routes both arms and writes a manifest the next start reads', async () => {
    const router = new MLRouter(root, undefined)
    await router.initialize()
    const stored = await router.configureABTest({ enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5, startTime: undefined, endTime: undefined })
    expect(AbTestConfig.parse(stored)).toEqual(stored)
    expect(new Set(routeTenants(router).map((d) => d.arm))).toEqual(new Set(['control', 'treatment']))
    expect((await router.store.manifest()).abTest).toEqual(stored)

    const restarted = new MLRouter(root, undefined)
    await restarted.initialize()
    expect(restarted.currentAbTest).toEqual(stored)
    expect(routeTenants(restarted).map((d) => d.arm)).toEqual(routeTenants(router).map((d) => d.arm))
    router.close()
    restarted.close()
  })

  it('changes nothing here when persisting fails', async () => {
    const router = new MLRouter(root, undefined)
    await router.initialize()
    const before = router.currentAbTest
    const manifest = await router.store.manifest()
    const persist = async () => { throw new Error('redis down') }
    await expect(router.configureABTest({ controlModelVersion: 'v2', treatmentModelVersion: 'v1', trafficSplit: 0.1 }, { persist })).rejects.toThrow('redis down')
    expect(router.currentAbTest).toEqual(before)
    expect(await router.store.manifest()).toEqual(manifest)
    await expect(router.configureABTest(null, { persist })).rejects.toThrow('redis down')
    expect(router.currentAbTest).toEqual(before)

    expect(await router.configureABTest(null)).toBeNull()
    expect((await router.store.manifest()).abTest).toBeNull()
    expect(routeTenants(router).every((d) => d.arm === null && d.modelVersion === 'v1')).toBe(true)
    router.close()
  })
})

describe('MLRouter.setActiveModel', () => {
  it('loads a version once when two swaps to it run at the same time', async () => {
    const router = new MLRouter(root, undefined)
    await router.initialize()
    const load = vi.spyOn(router.store, 'load')
    await Promise.all([router.setActiveModel('v2'), router.setActiveModel('v2')])
    expect(load).toHaveBeenCalledTimes(1)
    expect(router.activeVersion).toBe('v2')
    await router.setActiveModel('v1')
    router.close()
  })

  it('keeps the current version serving when the manifest cannot be written', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'ml-router-swap-'))
    await cp(root, copy, { recursive: true })
    const router = new MLRouter(copy, undefined)
    await router.initialize()
    expect(router.activeVersion).toBe('v1')
    // A directory where registry.json should be: the manifest write fails.
    await rm(join(copy, 'registry.json'))
    await mkdir(join(copy, 'registry.json'))
    await expect(router.setActiveModel('v2')).rejects.toThrow()
    expect(router.activeVersion).toBe('v1')
    expect(router.predict({ language: 'python', code: 'print(1)' }).modelVersion).toBe('v1')
    router.close()
    await rm(copy, { recursive: true, force: true })
  })
})
