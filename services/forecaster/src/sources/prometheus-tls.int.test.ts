import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkloadConfig } from '@platform/contracts'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp, type PrometheusServer, startPrometheus } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'
import { twoAppsSeries } from '../fixtures/datasets.js'
import { testCertificates } from '../fixtures/test-certificates.js'
import { PrometheusClient } from './prometheus-client.js'

let file: (name: string) => string
let prometheus: PrometheusServer

beforeAll(async () => {
  // Prometheus serving HTTPS with a certificate signed by a private CA.
  file = testCertificates()
  prometheus = await startPrometheus({ backfill: twoAppsSeries(1), tls: { certFile: file('server.pem'), keyFile: file('server.key') } })
})
afterAll(async () => { await prometheus.stop() })

describe('Prometheus over TLS with a private CA', () => {
  it('queries with the CA file, and fails at once with a clear error without it', async () => {
    expect(prometheus.url).toMatch(/^https:/)
    const end = Math.floor(Date.now() / 60_000) * 60_000
    const trusted = new PrometheusClient({ url: prometheus.url, ca: readFileSync(file('ca.pem'), 'utf8'), timeoutMs: 10_000, retries: 0 })
    const samples = await trusted.queryRange('load{app="web"}', end - 10 * 60_000, end, 60, 'single')
    expect(samples.values.length).toBeGreaterThan(5)
    await trusted.close()

    const untrusted = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 3, backoffMs: 5_000 })
    const began = Date.now()
    await expect(untrusted.queryRange('up', end - 60_000, end, 60, 'sum')).rejects.toMatchObject({
      reason: 'tls',
      message: expect.stringMatching(/^prometheus: TLS certificate not trusted \(.+\); set PROM_CA_FILE to the CA that signed it$/)
    })
    // Not retried: a certificate does not become trusted by asking again.
    expect(Date.now() - began).toBeLessThan(4_000)
  })

  it('PROM_CA_FILE reaches the workload loops; without it the collect stage names the problem', async () => {
    const workload = WorkloadConfig.parse({ name: 'web', prometheusURL: prometheus.url, prometheusQuery: 'load{app="web"}', window: '3h', interval: '1h' })
    for (const [env, error] of [[{ PROM_CA_FILE: file('ca.pem') }, null], [{}, { stage: 'collect', message: expect.stringContaining('TLS certificate not trusted') }]] as const) {
      const config = loadConfig(Config, { LOG_LEVEL: 'silent', PROM_RETRIES: '0', FIT_WORKERS: '0', ...env })
      const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads: [workload], autoStart: false, listenGrpc: false }))
      await app.workloadLoops.get('web')?.tick()
      expect(app.workloadLoops.get('web')?.status(false, undefined).lastError ?? null).toEqual(error === null ? null : expect.objectContaining(error))
      await app.close()
    }
  })
})
