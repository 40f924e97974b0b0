import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FraudBatchResponse } from '@platform/contracts'
import { botBody, fraudBody, modelDirCopy, testApp } from '../fixtures/test-app.js'

/** A copy of fraud's default version published as `version`, with a canary of `weight` pointing at it. */
async function withCanary (dir: string, version: string, weight: number): Promise<string> {
  const base = (await readFile(join(dir, 'fraud', 'latest'), 'utf8')).trim()
  await cp(join(dir, 'fraud', base), join(dir, 'fraud', version), { recursive: true })
  const file = join(dir, 'fraud', version, 'metadata.json')
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')) as object, version }))
  await writeFile(join(dir, 'fraud', 'routing.json'), JSON.stringify({ canary: { version, weight } }))
  return base
}

describe('batch requests under a canary split (real ONNX Runtime)', () => {
  it('routes each row by its own user_id, in proportion, sticky, in request order, one run per version', async () => {
    const dir = await modelDirCopy()
    const base = await withCanary(dir, '5.0.0', 0.25)
    const app = await testApp({ MODEL_DIR: dir })
    const instances = Array.from({ length: 1000 }, (_, i) => i % 2 === 0
      ? { ...fraudBody, user_id: `user-${i}`, impressions_24h: 40 + i }
      : { ...botBody, user_id: `user-${i}`, impressions_24h: 9000 + i })
    const response = await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances } })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(response.body).toBe(JSON.stringify(FraudBatchResponse.parse(body)))
    expect(body.model_version).toBe(base)
    const versions: string[] = body.predictions.map((p: { model_version: string }) => p.model_version)
    const share = versions.filter((v) => v === '5.0.0').length / versions.length
    expect(share).toBeGreaterThan(0.2)
    expect(share).toBeLessThan(0.3)

    // Each row gets the version and score its user gets alone, so order and stickiness hold.
    for (const i of [0, 1, 2, 3, 500, 997, 998, 999]) {
      const single = (await app.inject({ method: 'POST', url: '/predict/fraud', payload: instances[i] })).json()
      expect(body.predictions[i].model_version).toBe(single.model_version)
      expect(body.predictions[i].fraud_score).toBeCloseTo(single.prediction.fraud_score, 6)
    }
    const again = (await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances: [...instances].reverse() } })).json()
    expect(again.predictions.map((p: { model_version: string }) => p.model_version).reverse()).toEqual(versions)

    // Both versions ran their share of the 1,000 rows in one run each (at or above the 256-row batch limit).
    const metrics = (await app.inject('/metrics')).body
    for (const version of [base, '5.0.0']) {
      expect(metrics).toMatch(new RegExp(`ml_inference_batch_size_bucket\\{(?=[^}]*model="fraud")(?=[^}]*version="${version.replaceAll('.', '\\.')}")(?=[^}]*le="1000")[^}]*\\} [1-9]`))
    }
  })

  it('keeps a pinned batch on one version', async () => {
    const dir = await modelDirCopy()
    await withCanary(dir, '5.0.0', 0.5)
    const app = await testApp({ MODEL_DIR: dir })
    const instances = Array.from({ length: 50 }, (_, i) => ({ ...fraudBody, user_id: `user-${i}` }))
    const body = (await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances }, headers: { 'x-model-version': '5.0.0' } })).json()
    expect(new Set(body.predictions.map((p: { model_version: string }) => p.model_version))).toEqual(new Set(['5.0.0']))
  })
})
