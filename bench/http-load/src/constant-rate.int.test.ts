import Fastify from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { constantRate } from './constant-rate.js'

/** A real Fastify server on a free loopback port whose GET /stall-once blocks its event loop for 200 ms once. */
async function server (): Promise<string> {
  const app = Fastify({ logger: false })
  let calls = 0
  app.post('/echo', async (request) => request.body)
  app.get('/stall-once', async () => {
    if (calls++ === 50) {
      const until = Date.now() + 200
      while (Date.now() < until);
    }
    return { ok: true }
  })
  onTestFinished(async () => { await app.close() })
  return app.listen({ host: '127.0.0.1', port: 0 })
}

describe('constantRate against a real server', () => {
  it('keeps the rate and counts every request', async () => {
    const url = await server()
    const r = await constantRate(`${url}/echo`, { method: 'POST', body: { a: 1 }, rate: 500, seconds: 2, connections: 4 })
    expect(r.sent).toBe(1000)
    expect(r.errors + r.non2xx).toBe(0)
    expect(r.requestsPerSecond).toBeGreaterThan(400)
  })

  it('charges a server stall to every request that fell due during it (no coordinated omission)', async () => {
    const url = await server()
    const r = await constantRate(`${url}/stall-once`, { method: 'GET', rate: 200, seconds: 2, connections: 4 })
    // About 40 of the 400 requests fall due during the 200 ms stall, each late by up to 200 ms:
    // the 95th percentile must show the stall, not only the maximum; the median must not.
    expect(r.maxMs).toBeGreaterThan(150)
    expect(r.p95Ms).toBeGreaterThan(20)
    expect(r.p50Ms).toBeLessThan(20)
  })
})
