import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExecutionRecord } from '@platform/contracts'
import { MLRouter } from '../ml-router.js'
import { TelemetryHistory } from './telemetry-history.js'

const now = Date.UTC(2026, 11, 3, 12, 0)
const record = (i: number, success: boolean): ExecutionRecord => ({
  id: `r${i}`,
  provider: 'e2b',
  spec: { language: 'python', cpu: 1, memory: 512, timeout: 30_000, gpu: false, requirements: [], environment: {}, files: {}, stateful: false, codeLength: 100 },
  submittedAt: new Date(now - 3_600_000 + i * 60_000).toISOString(),
  outcome: { success, latencyMs: 400, costUsd: 0.0001 }
})

/** The export: `pages` served in order through their cursors, or `status` for every request. */
function exportServer (pages: ExecutionRecord[][], seen: URL[], status = 200): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    seen.push(url)
    const page = Number(url.searchParams.get('cursor') ?? '0')
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(status !== 200 ? '{"error":"down","code":"X"}' : JSON.stringify({ records: pages[page] ?? [], nextCursor: page + 1 < pages.length ? String(page + 1) : null }))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

let server: Server | undefined
afterEach(async () => { await new Promise((resolve) => server?.close(resolve)) })
const baseUrl = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`

describe('TelemetryHistory', () => {
  it('builds the statistics from every page of the last day of telemetry', async () => {
    const seen: URL[] = []
    server = await exportServer([[record(0, true), record(1, false)], [record(2, false), record(3, true)]], seen)
    const history = new TelemetryHistory(baseUrl(server), 30_000, (err) => { throw err })
    await history.refresh(now)
    expect(seen.map((u) => u.searchParams.get('cursor'))).toEqual([null, '1'])
    expect(Date.parse(seen[0]?.searchParams.get('since') ?? '')).toBe(now - 25 * 3_600_000)
    const e2b = history.histories(now).get('e2b')
    expect(e2b?.short.count).toBe(4)
    expect(e2b?.short.failureRate).toBeCloseTo(0.5)
  })

  it('keeps the previous statistics when a refresh fails, and says so', async () => {
    const seen: URL[] = []
    server = await exportServer([[record(0, false)]], seen)
    const errors: unknown[] = []
    const history = new TelemetryHistory(baseUrl(server), 30_000, (err) => errors.push(err))
    await history.refresh(now)
    await new Promise((resolve) => server?.close(resolve))
    server = await exportServer([], seen, 503)
    const failing = new TelemetryHistory(baseUrl(server), 30_000, (err) => errors.push(err))
    await failing.refresh(now)
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toMatch(/answered 503/)
    expect(history.histories(now).get('e2b')?.short.count).toBe(1)
    expect(failing.histories(now).get('e2b')?.short.count).toBe(0)
  })

  it('is what the library reads when it is given a telemetry URL and no history', async () => {
    const seen: URL[] = []
    server = await exportServer([[record(0, true)]], seen)
    const router = new MLRouter('/nonexistent/router-models', baseUrl(server), { now: () => new Date(now) })
    await router.initialize()
    expect(seen).toHaveLength(1)
    expect(router.options.history.histories(now).get('e2b')?.short.count).toBe(1)
  })
})
