import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ServiceInstance } from '@platform/service-kit'
import { adminToken, modelDirCopy, testApp } from '../fixtures/test-app.js'

const loadFailed = (model: string) => new RegExp(`ml_inference_errors_total\\{(?=[^}]*model="${model}")(?=[^}]*error_type="load_failed")[^}]*\\} (\\d+)`)

async function loadFailures (app: ServiceInstance, model: string): Promise<number> {
  const match = loadFailed(model).exec((await app.inject('/metrics')).body)
  return match?.[1] === undefined ? Number.NaN : Number(match[1])
}

/** Publishes a copy of `model`'s default version as `version` with a model.onnx ONNX Runtime refuses. */
async function publishCorrupt (dir: string, model: string, version: string): Promise<void> {
  const serving = (await readFile(join(dir, model, 'latest'), 'utf8')).trim()
  await cp(join(dir, model, serving), join(dir, model, version), { recursive: true })
  const file = join(dir, model, version, 'metadata.json')
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')) as object, version }))
  await writeFile(join(dir, model, version, 'model.onnx'), 'not an ONNX protobuf')
}

describe('load failures in ml_inference_errors_total (real ONNX Runtime)', () => {
  it('starts every model\'s request and error series at 0', async () => {
    const app = await testApp()
    const metrics = (await app.inject('/metrics')).body
    for (const model of ['fraud', 'ctr', 'bid']) {
      for (const type of ['not_loaded', 'run_failed', 'load_failed', 'shadow_failed']) {
        expect(metrics).toMatch(new RegExp(`ml_inference_errors_total\\{(?=[^}]*model="${model}")(?=[^}]*error_type="${type}")[^}]*\\} 0\\n`))
      }
      expect(metrics).toMatch(new RegExp(`ml_inference_requests_total\\{(?=[^}]*model="${model}")(?=[^}]*status="error")[^}]*\\} 0\\n`))
    }
  })

  it('counts a refusal at start-up', async () => {
    const dir = await modelDirCopy()
    await publishCorrupt(dir, 'fraud', '9.0.0')
    const app = await testApp({ MODEL_DIR: dir })
    expect(await loadFailures(app, 'fraud')).toBe(1)
    expect(await loadFailures(app, 'ctr')).toBe(0)
  })

  it('counts a refusal found by POST /admin/models/reload', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir })
    await publishCorrupt(dir, 'ctr', '9.0.0')
    const report = (await app.inject({ method: 'POST', url: '/admin/models/reload', headers: { authorization: `Bearer ${adminToken}` } })).json()
    expect(report.refused).toHaveLength(1)
    expect(await loadFailures(app, 'ctr')).toBe(1)
  })

  it('counts a refusal found by the directory watch', async () => {
    const dir = await modelDirCopy()
    const app = await testApp({ MODEL_DIR: dir, MODEL_WATCH: 'true' })
    await publishCorrupt(dir, 'bid', '9.0.0')
    let failures = 0
    for (let i = 0; i < 100 && failures === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      failures = await loadFailures(app, 'bid')
    }
    expect(failures).toBeGreaterThanOrEqual(1)
  })
})
