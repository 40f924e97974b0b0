import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { get as httpsGet } from 'node:https'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { freePort } from './free-port.js'
import { prometheusReadyCheck, startPrometheus, type PrometheusServer } from './prometheus-server.js'
import type { Series } from './series.js'
import { shiftToNow } from './shift-to-now.js'
import { makeTempDir } from './temp-dir.js'
import { waitUntil } from './wait-until.js'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
// Eight days at 1-minute step is 11,521 points: more than Prometheus' 11,000 per series and request.
const POINTS = 8 * 24 * 60 + 1
const MAX_POINTS_PER_REQUEST = 11_000

// Recorded "in 2015", then shifted to end now, as later tests will do with real data sets.
const recorded = Date.UTC(2015, 0, 1)
const value = (i: number, phase: number): number => Math.sin(i / 90 + phase) * 250 + i * 0.001
const history: Series[] = shiftToNow([
  { name: 'http_requests_per_second', labels: { service: 'checkout' }, samples: Array.from({ length: POINTS }, (_, i) => ({ timestamp: recorded + i * MINUTE, value: value(i, 0) })) },
  { name: 'http_requests_per_second', labels: { service: 'search' }, samples: Array.from({ length: POINTS }, (_, i) => ({ timestamp: recorded + i * MINUTE, value: value(i, 1) })) }
], { stepMs: MINUTE })
const end = history[0]?.samples.at(-1)?.timestamp ?? 0
const start = end - (POINTS - 1) * MINUTE

type Matrix = { metric: Record<string, string>, values: [number, string][] }[]

async function get (prometheus: PrometheusServer, path: string, params: Record<string, string>): Promise<{ status: string, error?: string, data: unknown }> {
  const response = await fetch(`${prometheus.url}${path}?${new URLSearchParams(params).toString()}`)
  return await response.json() as { status: string, error?: string, data: unknown }
}

/** query_range over any span, split into requests under the points limit, merged per series as [ms, value] pairs. */
async function queryRange (prometheus: PrometheusServer, query: string, from: number, to: number, stepMs: number): Promise<Map<string, [number, number][]>> {
  const merged = new Map<string, [number, number][]>()
  for (let chunk = from; chunk <= to; chunk += MAX_POINTS_PER_REQUEST * stepMs) {
    const chunkEnd = Math.min(to, chunk + (MAX_POINTS_PER_REQUEST - 1) * stepMs)
    const body = await get(prometheus, '/api/v1/query_range', { query, start: String(chunk / 1000), end: String(chunkEnd / 1000), step: `${stepMs / 1000}s` })
    expect(body.status, body.error).toBe('success')
    for (const series of (body.data as { result: Matrix }).result) {
      const key = JSON.stringify(series.metric)
      merged.set(key, [...merged.get(key) ?? [], ...series.values.map(([t, v]): [number, number] => [Math.round(t * 1000), Number(v)])])
    }
  }
  return merged
}

function expectHistory (points: [number, number][] | undefined, phase: number): void {
  expect(points).toEqual(Array.from({ length: POINTS }, (_, i) => [start + i * MINUTE, value(i, phase)]))
}

async function readBackfill (prometheus: PrometheusServer): Promise<Map<string, [number, number][]>> {
  return await queryRange(prometheus, 'http_requests_per_second', start, end, MINUTE)
}

describe('startPrometheus with backfilled history', () => {
  let prometheus: PrometheusServer
  beforeAll(async () => { prometheus = await startPrometheus({ backfill: history }) })
  afterAll(async () => { await prometheus.stop() })

  it('answers on a loopback port and is ready', async () => {
    expect(prometheus.url).toBe(`http://127.0.0.1:${prometheus.port}`)
    expect((await fetch(`${prometheus.url}/-/ready`)).status).toBe(200)
  })

  it('counts as ready only when the Prometheus on the port uses its own TSDB directory', async () => {
    const flags = await get(prometheus, '/api/v1/status/flags', {})
    const dataDir = (flags.data as Record<string, string>)['storage.tsdb.path'] ?? ''
    expect(dataDir).toMatch(/platform-prometheus-/)
    expect(await prometheusReadyCheck(dataDir)(prometheus.port)).toBe(true)
    expect(await prometheusReadyCheck(`${dataDir}-other`)(prometheus.port)).toBe(false)
  })

  it('returns eight days at 1-minute step through split query_range calls, every value exact', async () => {
    const result = await readBackfill(prometheus)
    expect([...result.keys()].sort()).toEqual([
      '{"__name__":"http_requests_per_second","service":"checkout"}',
      '{"__name__":"http_requests_per_second","service":"search"}'
    ])
    expectHistory(result.get('{"__name__":"http_requests_per_second","service":"checkout"}'), 0)
    expectHistory(result.get('{"__name__":"http_requests_per_second","service":"search"}'), 1)
  })

  it('has the right value at chosen instants (first, a day in, last) and nothing after the history', async () => {
    const at = async (ms: number): Promise<string | undefined> => {
      const body = await get(prometheus, '/api/v1/query', { query: 'http_requests_per_second{service="checkout"}', time: String(ms / 1000) })
      return (body.data as { result: { value: [number, string] }[] }).result[0]?.value[1]
    }
    expect(await at(start)).toBe(String(value(0, 0)))
    expect(await at(start + DAY)).toBe(String(value(24 * 60, 0)))
    expect(await at(start + DAY + 30_000)).toBe(String(value(24 * 60, 0)))
    expect(await at(end)).toBe(String(value(POINTS - 1, 0)))
    expect(await at(start - MINUTE)).toBeUndefined()
  })

  it('refuses a single request over the 11,000 points limit, which is why callers split', async () => {
    const body = await get(prometheus, '/api/v1/query_range', { query: 'http_requests_per_second', start: String(start / 1000), end: String(end / 1000), step: '60s' })
    expect(body.error).toMatch(/11,000 points/)
  })
})

describe('startPrometheus scraping and rules on top of history', () => {
  it('still ingests scrapes and evaluates rule files after history that ends now', async () => {
    const targetPort = await freePort()
    const target = createServer((_, response) => response.end('live_gauge 7\n'))
    await new Promise<void>((resolve) => target.listen(targetPort, '127.0.0.1', resolve))
    onTestFinished(() => { target.close() })
    const rulesDir = await makeTempDir('platform-rules')
    onTestFinished(async () => { await rulesDir.remove() })
    const ruleFile = join(rulesDir.path, 'rules.yml')
    await writeFile(ruleFile, JSON.stringify({ groups: [{ name: 'test', interval: '1s', rules: [{ record: 'service:http_requests_per_second:doubled', expr: '2 * http_requests_per_second' }] }] }))

    const prometheus = await startPrometheus({
      backfill: history,
      ruleFiles: [ruleFile],
      scrapeConfigs: [{ job_name: 'live', scrape_interval: '1s', static_configs: [{ targets: [`127.0.0.1:${targetPort}`] }] }]
    })
    onTestFinished(async () => { await prometheus.stop() })

    const instant = async (query: string): Promise<string[]> => {
      const body = await get(prometheus, '/api/v1/query', { query })
      return (body.data as { result: { value: [number, string] }[] }).result.map((sample) => sample.value[1])
    }
    // Prometheus 2.42 applies discovered targets on a fixed 5 s tick, so the first scrape lands about 5 s after start.
    await waitUntil(async () => (await instant('live_gauge')).length > 0, { what: 'a scraped sample', timeoutMs: 15_000, intervalMs: 200 })
    expect(await instant('live_gauge')).toEqual(['7'])
    await waitUntil(async () => (await instant('service:http_requests_per_second:doubled')).length === 2, { what: 'the recording rule', timeoutMs: 10_000, intervalMs: 200 })
    expect((await instant('service:http_requests_per_second:doubled{service="checkout"}'))).toEqual([String(2 * value(POINTS - 1, 0))])
  })

  it('refuses history that reaches into the future, which would make Prometheus drop every scrape', async () => {
    const future = [{ name: 'm', samples: [{ timestamp: Date.now() + 10 * MINUTE, value: 1 }] }]
    await expect(startPrometheus({ backfill: future })).rejects.toThrow(/after now; shift it with shiftToNow/)
  })
})

describe('Prometheus failure injection', () => {
  it('keeps its data and port across kill() + restart() and a graceful stop + restart()', async () => {
    const prometheus = await startPrometheus({ backfill: history })
    onTestFinished(async () => { await prometheus.stop() })

    await prometheus.kill()
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow()
    await prometheus.restart()
    expectHistory((await readBackfill(prometheus)).get('{"__name__":"http_requests_per_second","service":"search"}'), 1)

    await prometheus.kill('SIGTERM')
    await prometheus.restart()
    expect(prometheus.url).toBe(`http://127.0.0.1:${prometheus.port}`)
    expectHistory((await readBackfill(prometheus)).get('{"__name__":"http_requests_per_second","service":"checkout"}'), 0)
  })
})

describe('Prometheus over TLS', () => {
  it('serves https with the given certificate (web.config.file) and no plain http', async () => {
    const dir = await makeTempDir('platform-prometheus-tls')
    onTestFinished(async () => { await dir.remove() })
    const cert = join(dir.path, 'cert.pem')
    const key = join(dir.path, 'key.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' })
    const prometheus = await startPrometheus({ tls: { certFile: cert, keyFile: key } })
    onTestFinished(async () => { await prometheus.stop() })
    expect(prometheus.url).toBe(`https://127.0.0.1:${prometheus.port}`)
    const status = await new Promise<number | undefined>((resolve, reject) => {
      httpsGet(`${prometheus.url}/-/ready`, { ca: readFileSync(cert) }, (response) => { response.resume(); resolve(response.statusCode) }).on('error', reject)
    })
    expect(status).toBe(200)
    expect((await fetch(`http://127.0.0.1:${prometheus.port}/-/ready`)).status).toBe(400)
  })
})
