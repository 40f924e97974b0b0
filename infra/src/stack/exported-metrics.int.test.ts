import { randomBytes } from 'node:crypto'
import { freePort } from '@platform/test-harness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { familyOf, metricNames, prometheusSynthetic } from '../promql/metric-names.js'
import { dashboardQueries, recordedNames, ruleQueries } from '../promql/queries.js'
import { exportedFamilies, serviceNames, startService, type RunningService } from './service-process.js'

// Starts the three real services from source and compares every metric name that a dashboard
// panel, a dashboard variable or a Prometheus rule selects with what their /metrics declare.
describe('dashboards and rules only use metrics the services export', () => {
  const running: RunningService[] = []
  const families = new Set<string>()

  beforeAll(async () => {
    const started = await Promise.allSettled(serviceNames.map(async (name) => {
      const env: Record<string, string> = name === 'forecaster' ? { GRPC_PORT: String(await freePort()) } : name === 'ml-inference' ? { WORKERS: '1' } : {}
      return await startService(name, await freePort(), { ADMIN_TOKEN: randomBytes(24).toString('hex'), ...env })
    }))
    for (const s of started) if (s.status === 'fulfilled') running.push(s.value)
    const failed = started.flatMap((s) => s.status === 'rejected' ? [String(s.reason)] : [])
    if (failed.length > 0) throw new Error(failed.join('\n'))
    for (const service of running) for (const name of (await exportedFamilies(service.url)).keys()) families.add(name)
  }, 120_000)

  afterAll(async () => {
    await Promise.all(running.map(async (s) => await s.stop()))
  })

  it('every service declares its own metric families', () => {
    for (const prefix of ['forecaster_', 'router_', 'ml_inference_', 'http_requests_total']) {
      expect([...families].some((f) => f.startsWith(prefix)), prefix).toBe(true)
    }
  })

  it('no dashboard or rule selects a metric nobody exports', () => {
    const known = (name: string) => prometheusSynthetic.has(name) || recordedNames().has(name) || familyOf(name, families) !== undefined
    const missing = [...dashboardQueries(), ...ruleQueries()].flatMap((q) =>
      metricNames(q.expr).filter((name) => !known(name)).map((name) => `${q.file} / ${q.where}: ${name}`))
    expect([...new Set(missing)]).toEqual([])
  })
})
