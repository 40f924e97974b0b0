import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ModelLoadError } from './model-files.js'
import { ModelStore, RegistryManifestError } from './model-store.js'

let root: string
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'model-store-')) })
afterEach(async () => { await rm(root, { recursive: true, force: true }) })

describe('ModelStore', () => {
  it('refuses a truncated metadata.json as a ModelLoadError naming the file, never a bare SyntaxError', async () => {
    await mkdir(join(root, 'versions', 'v1'), { recursive: true })
    await writeFile(join(root, 'versions', 'v1', 'metadata.json'), '{"version": "v1", "createdAt')
    const store = new ModelStore(root)
    const err = await store.metadata('v1').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ModelLoadError)
    expect(err).toMatchObject({ version: 'v1', reason: expect.stringMatching(/^metadata\.json is not valid JSON/) })
    await expect(store.load('v1')).rejects.toBeInstanceOf(ModelLoadError)
    await writeFile(join(root, 'versions', 'v1', 'metadata.json'), '{"version": "v1"}')
    await expect(store.metadata('v1')).rejects.toThrow(/metadata\.json is invalid: createdAt/)
  })

  it('refuses an unreadable registry.json, and a write replaces it', async () => {
    const store = new ModelStore(root)
    expect((await store.manifest()).active).toBeNull()
    await writeFile(join(root, 'registry.json'), '{"active": "v1", "abT')
    await expect(store.manifest()).rejects.toThrow(RegistryManifestError)
    await expect(store.manifest()).rejects.toThrow(/registry\.json: not valid JSON/)
    await writeFile(join(root, 'registry.json'), '{"active": 3}')
    await expect(store.manifest()).rejects.toThrow(/not a valid manifest: active/)
    await store.writeManifest({ active: 'v2' })
    expect(await store.manifest()).toMatchObject({ active: 'v2', abTest: null })
  })

  it('never writes a manifest it could not read back', async () => {
    const store = new ModelStore(root)
    await store.writeManifest({ active: 'v1' })
    const before = await readFile(join(root, 'registry.json'), 'utf8')
    const seedShaped = { enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5, startTime: null, endTime: null }
    // @ts-expect-error the seed's shape lacks id, shadow and createdAt
    await expect(store.writeManifest({ abTest: seedShaped })).rejects.toThrow(/refusing to write an invalid manifest: abTest\.id/)
    expect(await readFile(join(root, 'registry.json'), 'utf8')).toBe(before)
  })

  it('applies concurrent updates one after another, none lost', async () => {
    const store = new ModelStore(root)
    const abTest = { id: 'ab1', enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5, startTime: null, endTime: null, shadow: false, createdAt: '2026-12-01T00:00:00Z' }
    await Promise.all([store.writeManifest({ active: 'v1' }), store.writeManifest({ abTest }), store.writeManifest({ active: 'v2' })])
    expect(await store.manifest()).toMatchObject({ active: 'v2', abTest })
  })
})
