import { randomBytes } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, startPrometheus, type PrometheusServer } from '@platform/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alerts, fastRules, waitForFiring } from './prometheus-alerts.js'
import { startService, type RunningService } from './service-process.js'

/** A copy of the committed models, plus a `ctr` 9.0.0 whose model.onnx is garbage when `broken`. */
async function modelDir (root: string, broken: boolean): Promise<string> {
  const dir = join(root, broken ? 'broken' : 'healthy')
  await cp(fileURLToPath(new URL('../../../services/ml-inference/models/', import.meta.url)), dir, { recursive: true })
  if (broken) {
    const version = join(dir, 'ctr', '9.0.0')
    await mkdir(version)
    const metadata = JSON.parse(await readFile(join(dir, 'ctr', '1.0.0', 'metadata.json'), 'utf8')) as Record<string, unknown>
    await writeFile(join(version, 'metadata.json'), JSON.stringify({ ...metadata, version: '9.0.0' }))
    await writeFile(join(version, 'model.onnx'), randomBytes(4096))
  }
  return dir
}

// Real ml-inference processes, scraped by a real Prometheus loading the real alert rules. The only
// change to the rules is the group evaluation interval (1 s instead of Prometheus' default 1 m).
// The failure is injected as a bad rollout: a second instance starts with a corrupt model version.
describe('a corrupt model makes InferenceModelLoadFailed fire through Prometheus', () => {
  let root: string
  const services: RunningService[] = []
  let prometheus: PrometheusServer
  let brokenPort: number

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'alert-fires-'))
    const env = { WORKERS: '1', MODEL_WATCH: 'false', ADMIN_TOKEN: randomBytes(24).toString('hex') }
    services.push(await startService('ml-inference', await freePort(), { ...env, MODEL_DIR: await modelDir(root, false) }))
    brokenPort = await freePort()
    const ruleFile = await fastRules('ml-inference.rules.yml', root)
    prometheus = await startPrometheus({
      scrapeConfigs: [{ job_name: 'ml-inference', scrape_interval: '1s', static_configs: [{ targets: [`127.0.0.1:${services[0]?.port ?? 0}`, `127.0.0.1:${brokenPort}`] }] }],
      ruleFiles: [ruleFile]
    })
    services.push(await startService('ml-inference', brokenPort, { ...env, MODEL_DIR: await modelDir(root, true) }))
  }, 120_000)

  afterAll(async () => {
    await prometheus?.stop()
    await Promise.all(services.map(async (s) => await s.stop()))
    await rm(root, { recursive: true, force: true })
  })

  const predictCtr = async (service: RunningService) => await fetch(`${service.url}/predict/ctr`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ placement_id: 'home-top', ad_format: 'native', user_segments: ['sports'], time_of_day: 20, day_of_week: 5 })
  })

  it('fires for ctr once the corrupt version is refused, while both instances keep answering', async () => {
    const firing = await waitForFiring(prometheus, 'InferenceModelLoadFailed')
    expect(firing.map((a) => a.labels)).toEqual([{ alertname: 'InferenceModelLoadFailed', model: 'ctr', severity: 'warning' }])
    for (const service of services) expect((await predictCtr(service)).status).toBe(200)
  }, 120_000)

  it('says nothing about the models that loaded', async () => {
    const labels = (await alerts(prometheus, 'InferenceModelLoadFailed')).map((a) => a.labels.model)
    expect(labels).toEqual(['ctr'])
  })
})
