import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startPrometheus, startRedis, type PrometheusServer } from '@platform/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alerts, fastRules, waitForFiring } from './prometheus-alerts.js'
import { startService, type RunningService } from './service-process.js'

type RedisServer = Awaited<ReturnType<typeof startRedis>>

// A real ml-router on a real Redis, scraped by a real Prometheus loading the committed rules (only
// the evaluation interval shortened; the alert's `for: 1m` is kept, so this waits a minute).
// The failure injected is the one operators meet: Redis stops while the router keeps running.
describe('stopping Redis makes RouterRedisUnavailable fire through Prometheus', () => {
  let root: string
  let redis: RedisServer
  let router: RunningService
  let prometheus: PrometheusServer

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'router-redis-alert-'))
    redis = await startRedis()
    router = await startService('ml-router', await freePort(), { REDIS_URL: redis.url, MODEL_STORE_PATH: join(root, 'models'), ADMIN_TOKEN: randomBytes(24).toString('hex') })
    prometheus = await startPrometheus({
      scrapeConfigs: [{ job_name: 'ml-router', scrape_interval: '1s', static_configs: [{ targets: [`127.0.0.1:${router.port}`] }] }],
      ruleFiles: [await fastRules('ml-router.rules.yml', root)]
    })
  }, 120_000)

  afterAll(async () => {
    await prometheus?.stop()
    await router?.stop()
    await redis?.stop()
    await rm(root, { recursive: true, force: true })
  })

  const route = async () => await fetch(`${router.url}/v1/route`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ spec: { language: 'python', code: 'print(1)' } })
  })

  it('stays quiet while Redis answers', async () => {
    const storeUp = async () => {
      const body = await (await fetch(`${prometheus.url}/api/v1/query?query=router_store_up`)).json() as { data: { result: Array<{ value: [number, string] }> } }
      return body.data.result.map((r) => r.value[1])
    }
    await expect.poll(storeUp, { timeout: 30_000, interval: 500 }).toEqual(['1'])
    expect(await alerts(prometheus, 'RouterRedisUnavailable')).toEqual([])
  }, 60_000)

  it('fires for the router once Redis has been down for a minute, while routing keeps answering', async () => {
    await redis.kill()
    const firing = await waitForFiring(prometheus, 'RouterRedisUnavailable', 120_000)
    expect(firing.map((a) => a.labels)).toEqual([expect.objectContaining({ alertname: 'RouterRedisUnavailable', severity: 'critical', store: 'redis', service: 'ml-router' })])
    expect((await route()).status).toBe(200)
  }, 150_000)
})
