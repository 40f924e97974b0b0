import { describe, expect, it } from 'vitest'
import { WorkloadConfig } from '@platform/contracts'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from './app.js'
import { Config } from './config.js'
import { scalerClient } from './fixtures/scaler-client.js'
import { bundledSeriesPath } from './workloads/load-workloads.js'

/** A heavy fit: seasonal ARIMA over seven days of minutes (about half a second). */
const heavy = WorkloadConfig.parse({ name: 'heavy', file: bundledSeriesPath, model: 'arima', window: '7d', interval: '1h' })

/**
 * Runs one tick while reading over gRPC and HTTP back to back; returns the longest wait between
 * two answers and the fit time the tick reported.
 */
async function readsDuringTick (fitWorkers: string): Promise<{ longestGapMs: number, reads: number, fitMs: number }> {
  const config = loadConfig(Config, { LOG_LEVEL: 'silent', GRPC_PORT: '0', HOST: '127.0.0.1', FIT_WORKERS: fitWorkers })
  const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads: [heavy], autoStart: false }))
  const scaler = scalerClient(`127.0.0.1:${app.scalerGrpc.port ?? 0}`)
  try {
    await scaler.isActive({ name: 'heavy' })
    const tick = { done: false }
    const ticking = app.workloadLoops.get('heavy')?.tick().finally(() => { tick.done = true })
    let last = performance.now()
    let longestGapMs = 0
    let reads = 0
    while (!tick.done) {
      expect(await scaler.isActive({ name: 'heavy' })).toEqual({ result: true })
      expect((await app.inject('/workloads')).statusCode).toBe(200)
      const now = performance.now()
      longestGapMs = Math.max(longestGapMs, now - last)
      last = now
      reads++
    }
    await ticking
    expect(app.workloadLoops.get('heavy')?.status(false, undefined).lastError).toBeNull()
    const metrics = (await app.inject('/metrics')).body
    const fitSeconds = Number(/forecaster_fit_duration_seconds_sum\{[^}]*workload="heavy"[^}]*\} ([\d.e-]+)/.exec(metrics)?.[1])
    return { longestGapMs, reads, fitMs: fitSeconds * 1000 }
  } finally {
    scaler.close()
  }
}

describe('model fits off the event loop', () => {
  it('keeps gRPC and HTTP answering while a heavy fit runs in a worker; on the event loop the fit blocks them', async () => {
    const pooled = await readsDuringTick('1')
    expect(pooled.fitMs).toBeGreaterThan(100)
    expect(pooled.reads).toBeGreaterThan(3)
    expect(pooled.longestGapMs).toBeLessThan(pooled.fitMs / 2)

    const inline = await readsDuringTick('0')
    expect(inline.longestGapMs).toBeGreaterThan(inline.fitMs * 0.9)
  })
})
