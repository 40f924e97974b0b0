import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { adminToken, fraudBody, modelDirCopy, testApp } from '../fixtures/test-app.js'
import { ModelRepository } from './model-repository.js'

const auth = { authorization: `Bearer ${adminToken}` }

/** Copies a committed version under a new version number (metadata rewritten to match). */
async function copyVersion (dir: string, model: string, from: string, to: string, edit: (metadata: Record<string, unknown>) => void = () => {}): Promise<void> {
  await cp(join(dir, model, from), join(dir, model, to), { recursive: true })
  const file = join(dir, model, to, 'metadata.json')
  const metadata = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  metadata.version = to
  edit(metadata)
  await writeFile(file, JSON.stringify(metadata))
}

async function defaultVersionOf (dir: string, model: string): Promise<string> {
  return (await readFile(join(dir, model, 'latest'), 'utf8')).trim()
}

/** Publishes `to` as a copy of `from` whose model.onnx ONNX Runtime refuses. */
async function copyCorrupt (dir: string, model: string, from: string, to: string): Promise<void> {
  await copyVersion(dir, model, from, to)
  await writeFile(join(dir, model, to, 'model.onnx'), 'this is not a protobuf')
}

describe('model repository (real ONNX Runtime)', () => {
  it('refuses a corrupt model file and keeps the previous version serving', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const serving = await defaultVersionOf(dir, 'fraud')
    await copyVersion(dir, 'fraud', serving, '9.0.0')
    await writeFile(join(dir, 'fraud', '9.0.0', 'model.onnx'), 'this is not a protobuf')
    await rm(join(dir, 'fraud', 'latest'))
    // The serving version's own file is corrupted in place too: its loaded copy must survive.
    await writeFile(join(dir, 'fraud', serving, 'model.onnx'), Buffer.from([8, 7, 1, 2, 3]))
    const report = (await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json()
    expect(report.refused.map((r: { version: string }) => r.version).sort()).toEqual([serving, '9.0.0'].sort())
    expect(report.refused[0].reason).toMatch(/ONNX Runtime refused/)
    expect(report.defaults.fraud).toBe(serving)
    const answer = await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })
    expect(answer.statusCode).toBe(200)
    expect(answer.json().model_version).toBe(serving)
  })

  it('refuses a model whose graph does not match its metadata', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    await copyVersion(dir, 'fraud', await defaultVersionOf(dir, 'fraud'), '9.1.0', (metadata) => {
      metadata.features = (metadata.features as unknown[]).slice(1)
    })
    const report = (await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json()
    expect(report.refused).toHaveLength(1)
    expect(report.refused[0].reason).toMatch(/graph does not match metadata: .*feature pipeline writes/)
  })

  it('orders versions semantically and honours the latest pointer', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const base = await defaultVersionOf(dir, 'ctr')
    await copyVersion(dir, 'ctr', base, '7.9.0')
    await copyVersion(dir, 'ctr', base, '7.10.0')
    await rm(join(dir, 'ctr', 'latest'))
    expect((await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json().defaults.ctr).toBe('7.10.0')
    // Listed in version order too, not in the directory's (string) order.
    const listed = (await app.inject('/v2/models/ctr')).json().versions as string[]
    expect(listed.slice(-2)).toEqual(['7.9.0', '7.10.0'])
    await writeFile(join(dir, 'ctr', 'latest'), '7.9.0\n')
    expect((await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json().defaults.ctr).toBe('7.9.0')
    expect((await app.inject({ method: 'POST', url: '/admin/models/reload' })).statusCode).toBe(401)
  })

  it('swaps versions under load with zero failed requests', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const base = await defaultVersionOf(dir, 'fraud')
    const load = { running: true }
    const statuses: number[] = []
    const versions = new Set<string>()
    const client = async () => {
      while (load.running) {
        const response = await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })
        statuses.push(response.statusCode)
        versions.add(response.json().model_version)
      }
    }
    const clients = Array.from({ length: 20 }, client)
    try {
      // Each step publishes a new default and deletes the one that was serving a moment ago.
      let previous = base
      for (const next of ['8.0.0', '8.1.0', '8.2.0']) {
        await copyVersion(dir, 'fraud', previous, next)
        await writeFile(join(dir, 'fraud', 'latest'), `${next}\n`)
        await app.modelRepository.reload()
        await rm(join(dir, 'fraud', previous), { recursive: true })
        await app.modelRepository.reload()
        previous = next
      }
    } finally {
      load.running = false
      await Promise.all(clients)
    }
    expect(statuses.length).toBeGreaterThan(100)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(versions.has('8.2.0')).toBe(true)
  })

  it('reloads by itself when a version is published into a watched directory', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir, MODEL_WATCH: 'true' })
    await copyVersion(dir, 'ctr', await defaultVersionOf(dir, 'ctr'), '6.0.0')
    await writeFile(join(dir, 'ctr', 'latest'), '6.0.0\n')
    let version = ''
    for (let i = 0; i < 100 && version !== '6.0.0'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      version = app.modelRepository.models.get('ctr')?.defaultVersion ?? ''
    }
    expect(version).toBe('6.0.0')
  })

  it('keeps the previous default serving when latest names a refused version, not the highest loaded', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const base = await defaultVersionOf(dir, 'fraud')
    // A higher version that loads but is not the default: a refusal must not promote it.
    await copyVersion(dir, 'fraud', base, '8.0.0')
    await copyCorrupt(dir, 'fraud', base, '9.0.0')
    await copyVersion(dir, 'fraud', base, '9.1.0', (metadata) => {
      metadata.features = (metadata.features as unknown[]).slice(1)
    })
    for (const refused of ['9.0.0', '9.1.0']) {
      await writeFile(join(dir, 'fraud', 'latest'), `${refused}\n`)
      const report = (await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json()
      expect(report.refused.map((r: { version: string }) => r.version)).toContain(refused)
      expect(report.defaults.fraud).toBe(base)
      expect((await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })).json().model_version).toBe(base)
    }
  })

  it('drops a canary whose version was removed: its share goes to the default, no request fails', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const base = await defaultVersionOf(dir, 'fraud')
    await copyVersion(dir, 'fraud', base, '5.0.0')
    await copyVersion(dir, 'fraud', base, '5.1.0')
    await writeFile(join(dir, 'fraud', 'routing.json'), JSON.stringify({ canary: { version: '5.0.0', weight: 0.5 }, shadow: '5.1.0' }))
    await app.modelRepository.reload()
    expect(app.modelRepository.models.get('fraud')?.routing.canary?.version).toBe('5.0.0')
    // routing.json still names 5.0.0 after its directory is gone.
    await rm(join(dir, 'fraud', '5.0.0'), { recursive: true })
    const report = (await app.inject({ method: 'POST', url: '/admin/models/reload', headers: auth })).json()
    expect(report.refused).toEqual([])
    expect(app.modelRepository.models.get('fraud')?.routing).toEqual({ shadow: '5.1.0' })
    const instances = Array.from({ length: 200 }, (_, i) => ({ ...fraudBody, user_id: `user-${i}` }))
    const singles = await Promise.all(instances.map(async (payload) => app.inject({ method: 'POST', url: '/predict/fraud', payload })))
    expect(singles.map((r) => [r.statusCode, r.json().model_version]).filter(([status, version]) => status !== 200 || version !== base)).toEqual([])
    const batch = await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances } })
    expect(batch.statusCode).toBe(200)
    expect(new Set(batch.json().predictions.map((p: { model_version: string }) => p.model_version))).toEqual(new Set([base]))
    // An explicit pin to the missing version is still the caller's error.
    const pinned = await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody, headers: { 'x-model-version': '5.0.0' } })
    expect([pinned.statusCode, pinned.json().code]).toEqual([404, 'INFERENCE_VERSION_NOT_FOUND'])
  })

  it('warns when it serves something other than what latest and routing.json name', async () => {
    const dir = await modelDirCopy()
    const base = await defaultVersionOf(dir, 'fraud')
    const warnings: Array<[Record<string, unknown>, string]> = []
    const log = { info () {}, error () {}, warn: (fields: Record<string, unknown>, message: string) => warnings.push([fields, message]) }
    const repository = new ModelRepository({
      dir,
      ort: { intraOpThreads: 1, graphOptimization: 'all' },
      batching: () => ({ maxBatchRows: 64, maxWaitMs: 0 }),
      log: log as unknown as FastifyBaseLogger
    })
    onTestFinished(async () => repository.close())
    await repository.reload()
    await copyCorrupt(dir, 'fraud', base, '9.0.0')
    await writeFile(join(dir, 'fraud', 'latest'), '9.0.0\n')
    await writeFile(join(dir, 'fraud', 'routing.json'), JSON.stringify({ canary: { version: '9.0.0', weight: 0.1 } }))
    await repository.reload()
    expect(warnings).toEqual([
      [{ model: 'fraud', latest: '9.0.0', serving: base }, expect.stringMatching(/^latest points at a version that is not loaded/)],
      [{ model: 'fraud', dropped: [{ arm: 'canary', version: '9.0.0' }], serving: base }, expect.stringMatching(/^routing names a version that is not loaded/)]
    ])
  })

  it('splits canary traffic by a sticky user hash, pins with X-Model-Version, and shadows', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    const base = await defaultVersionOf(dir, 'fraud')
    await copyVersion(dir, 'fraud', base, '5.0.0')
    await writeFile(join(dir, 'fraud', 'routing.json'), JSON.stringify({ canary: { version: '5.0.0', weight: 0.3 } }))
    await app.modelRepository.reload()
    const versionFor = async (user: string, headers: Record<string, string> = {}) =>
      (await app.inject({ method: 'POST', url: '/predict/fraud', payload: { ...fraudBody, user_id: user }, headers })).json().model_version as string
    const first = await Promise.all(Array.from({ length: 400 }, async (_, i) => versionFor(`user-${i}`)))
    const share = first.filter((v) => v === '5.0.0').length / first.length
    expect(share).toBeGreaterThan(0.22)
    expect(share).toBeLessThan(0.38)
    const again = await Promise.all(Array.from({ length: 400 }, async (_, i) => versionFor(`user-${i}`)))
    expect(again).toEqual(first)
    expect(await versionFor('user-1', { 'x-model-version': '5.0.0' })).toBe('5.0.0')
    expect(await versionFor('user-1', { 'x-model-version': base })).toBe(base)

    await writeFile(join(dir, 'fraud', 'routing.json'), JSON.stringify({ shadow: '5.0.0' }))
    await app.modelRepository.reload()
    expect(await versionFor('user-2')).toBe(base)
    // The shadow scores after the answer is sent: poll briefly for its metric.
    const shadowCount = new RegExp(`ml_shadow_score_difference_count\\{(?=[^}]*primary_version="${base}")(?=[^}]*shadow_version="5.0.0")[^}]*\\} [1-9]`)
    let metrics = ''
    for (let i = 0; i < 40 && !shadowCount.test(metrics); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      metrics = (await app.inject('/metrics')).body
    }
    expect(metrics).toMatch(shadowCount)
  })
})
