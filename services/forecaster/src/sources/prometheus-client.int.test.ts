import { createServer, request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, type PrometheusServer, shiftToNow, startPrometheus } from '@platform/test-harness'
import { datasetSeries } from '../fixtures/datasets.js'
import { MAX_POINTS_PER_REQUEST, PrometheusClient } from './prometheus-client.js'

const minute = 60_000
let prometheus: PrometheusServer
let backfilled: Map<number, number>
let lastSample: number

beforeAll(async () => {
  // Nine days of real NASA web traffic, two label sets summing to 2x the series.
  const nasa = datasetSeries('nasa_http_1995_07_requests_1min.csv', 'http_requests_per_minute', { pod: 'a' }, 9)
  const [a] = shiftToNow([nasa], { stepMs: minute })
  if (a === undefined) throw new Error('no data')
  backfilled = new Map(a.samples.map((s) => [s.timestamp, s.value]))
  lastSample = a.samples.at(-1)?.timestamp ?? 0
  prometheus = await startPrometheus({ backfill: [a, { ...a, labels: { pod: 'b' } }] })
})
afterAll(async () => { await prometheus.stop() })

describe('PrometheusClient against a real Prometheus', () => {
  it('splits a long window under the per-request point limit and returns the real values', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 0 })
    const start = lastSample - 8 * 86_400_000
    expect((lastSample - start) / minute + 1).toBeGreaterThan(MAX_POINTS_PER_REQUEST)
    const samples = await client.queryRange('http_requests_per_minute{pod="a"}', start, lastSample, 60, 'single')
    expect(samples.timestamps).toHaveLength(8 * 1440 + 1)
    expect(new Set(samples.timestamps).size).toBe(samples.timestamps.length)
    samples.timestamps.forEach((t, i) => expect(samples.values[i]).toBe(backfilled.get(t)))
  })

  it('sends a fractional step (2.5 s, which workload configs accept) in a form Prometheus parses', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 0 })
    const samples = await client.queryRange('vector(1)', lastSample - minute, lastSample, 2.5, 'sum')
    expect(samples.timestamps).toHaveLength(25)
    expect(samples.timestamps.slice(0, 2).map((t) => t - (samples.timestamps[0] ?? 0))).toEqual([0, 2500])
  })

  it('sums every series, or refuses several in single mode', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 0 })
    const start = lastSample - 30 * minute
    const summed = await client.queryRange('http_requests_per_minute', start, lastSample, 60, 'sum')
    expect(summed.values).toEqual(summed.timestamps.map((t) => 2 * (backfilled.get(t) ?? Number.NaN)))
    await expect(client.queryRange('http_requests_per_minute', start, lastSample, 60, 'single')).rejects.toThrow(/returned 2 series/)
  })

  it('keeps the series apart with their labels over a split window', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 0 })
    const start = lastSample - 8 * 86_400_000
    const series = await client.queryRangeSeries('http_requests_per_minute', start, lastSample, 60)
    expect(series.map((s) => s.labels.pod).sort()).toEqual(['a', 'b'])
    for (const s of series) {
      expect(s.timestamps).toHaveLength(8 * 1440 + 1)
      s.timestamps.forEach((t, i) => expect(s.values[i]).toBe(backfilled.get(t)))
    }
  })

  it('reads the latest summed value at any moment, off every step grid', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 0 })
    expect(await client.latestValue('http_requests_per_minute', lastSample + 45_000)).toBe(2 * (backfilled.get(lastSample) ?? Number.NaN))
    // Six minutes on, the last sample has left the 5-minute lookback: no count, not a minute-old one.
    expect(await client.latestValue('http_requests_per_minute', lastSample + 6 * minute)).toBeUndefined()
    expect(await client.latestValue('http_requests_per_minute', lastSample - 7 * minute + 1_000)).toBe(2 * (backfilled.get(lastSample - 7 * minute) ?? Number.NaN))
    expect(await client.latestValue('no_such_metric', lastSample)).toBeUndefined()
  })

  it('reports a bad query without retrying', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 10_000, retries: 3, backoffMs: 5_000 })
    const began = Date.now()
    await expect(client.queryRange('sum(', lastSample - minute, lastSample, 60, 'sum')).rejects.toMatchObject({ reason: 'query' })
    expect(Date.now() - began).toBeLessThan(4_000)
  })

  it('keeps a path prefix and sends bearer auth (through a prefixing proxy)', async () => {
    const upstream = new URL(prometheus.url)
    const seen: string[] = []
    const proxy = createServer((req, res) => {
      seen.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`)
      if (req.headers.authorization !== 'Bearer s3cret' || req.url?.startsWith('/prom/') !== true) {
        res.writeHead(401).end('{"status":"error","error":"unauthorized"}')
        return
      }
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url.slice('/prom'.length), method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      })
      req.pipe(forward)
    })
    const port = await freePort()
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve))
    try {
      const client = new PrometheusClient({ url: `http://127.0.0.1:${port}/prom`, bearerToken: 's3cret', timeoutMs: 10_000, retries: 0 })
      const samples = await client.queryRange('http_requests_per_minute{pod="a"}', lastSample - 5 * minute, lastSample, 60, 'single')
      expect(samples.values).toHaveLength(6)
      expect(seen[0]).toBe('/prom/api/v1/query_range Bearer s3cret')
      const anonymous = new PrometheusClient({ url: `http://127.0.0.1:${port}/prom`, timeoutMs: 10_000, retries: 0 })
      await expect(anonymous.queryRange('up', lastSample - minute, lastSample, 60, 'sum')).rejects.toThrow(/http 401/)
    } finally {
      proxy.close()
    }
  })

  it('retries a stopped Prometheus, then fails with a network error; works again after restart', async () => {
    const client = new PrometheusClient({ url: prometheus.url, timeoutMs: 2_000, retries: 2, backoffMs: 10 })
    await prometheus.kill()
    await expect(client.queryRange('up', lastSample - minute, lastSample, 60, 'sum')).rejects.toMatchObject({ reason: 'network' })
    await prometheus.restart()
    const samples = await client.queryRange('http_requests_per_minute{pod="a"}', lastSample - minute, lastSample, 60, 'single')
    expect(samples.values).toHaveLength(2)
  })
})
