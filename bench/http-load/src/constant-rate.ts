import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

export interface ConstantRateOptions {
  method: 'GET' | 'POST'
  /** Sent as JSON when present. */
  body?: unknown
  /** Requests per second, in total. */
  rate: number
  seconds: number
  /** Keep-alive connections; a request due while all are busy waits, and that wait is latency. */
  connections: number
}

export interface ConstantRateResult {
  sent: number
  requestsPerSecond: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  errors: number
  non2xx: number
}

/** Nearest-rank percentile of an ascending array. */
export function percentile (sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number
}

/** The due time (ms after the start) of every request of a run at `rate` per second for `seconds`. */
export function schedule (rate: number, seconds: number): Float64Array {
  const count = Math.floor(rate * seconds)
  return Float64Array.from({ length: count }, (_, i) => (i * 1000) / rate)
}

/**
 * Open-loop load at a constant arrival rate, as k6's `constant-arrival-rate` executor and wrk2 do:
 * request i is due at start + i / rate whatever happened to the ones before it, and its latency
 * runs from when it was due. A stall (the server, its GC, or this client falling behind) then shows
 * in the percentiles instead of quietly lowering the rate. autocannon's `overallRate` is not this:
 * each connection sends its share of a second as a burst, and its coordinated-omission correction
 * assumes a 1 ms interval, which turns every response slower than 1 ms into a ramp of made-up samples.
 */
export async function constantRate (url: string, options: ConstantRateOptions): Promise<ConstantRateResult> {
  const target = new URL(url)
  const pool = new Pool(target.origin, { connections: options.connections, headersTimeout: 10_000, bodyTimeout: 10_000 })
  const request = {
    path: target.pathname + target.search,
    method: options.method,
    headers: { 'content-type': 'application/json' },
    body: options.body === undefined ? null : JSON.stringify(options.body)
  }
  const due = schedule(options.rate, options.seconds)
  const latencies: number[] = []
  let errors = 0
  let non2xx = 0
  const inFlight = new Set<Promise<void>>()
  const send = (dueAt: number) => {
    const done = pool.request(request).then(async (res) => {
      await res.body.dump()
      latencies.push(performance.now() - dueAt)
      if (res.statusCode < 200 || res.statusCode > 299) non2xx++
    }, () => { errors++ }).finally(() => inFlight.delete(done))
    inFlight.add(done)
  }
  const start = performance.now()
  let next = 0
  while (next < due.length) {
    const elapsed = performance.now() - start
    while (next < due.length && (due[next] as number) <= elapsed) send(start + (due[next++] as number))
    // A 1 ms timer sends what fell due meanwhile: at 2,000 req/s that is about two at a time.
    await sleep(1)
  }
  await Promise.all(inFlight)
  const seconds = (performance.now() - start) / 1000
  await pool.close()
  latencies.sort((a, b) => a - b)
  return {
    sent: due.length,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    errors,
    non2xx
  }
}
