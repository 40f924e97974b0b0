import type { FastifyBaseLogger } from 'fastify'
import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { AdaptiveQuantile, WorkloadConfig } from '@platform/contracts'
import { replayConfig } from '@platform/forecasting'
import { ForecasterMetrics } from '../forecaster-metrics.js'
import type { MetricSource } from '../sources/metric-source.js'
import { MemorySnapshotStore } from '../store/memory-store.js'
import { WorkloadLoop } from './workload-loop.js'

const minute = 60_000
const noop = (): void => {}
const silent: FastifyBaseLogger = { level: 'silent', child: () => silent, info: noop, warn: noop, error: noop, debug: noop, fatal: noop, trace: noop, silent: noop }
const start = Date.UTC(2026, 0, 1, 12)

/** Flat at 50 until `start`, then rising by 40 a minute: a planner that lags it is short. */
const rising: MetricSource = {
  async fetch (from, end, step) {
    const timestamps: number[] = []
    for (let t = Math.ceil(from / (step * 1000)) * step * 1000; t <= end; t += step * 1000) timestamps.push(t)
    return { timestamps, values: timestamps.map((t) => 50 + Math.max(0, (t - start) / minute) * 40) }
  }
}

const config = (extra: object) => WorkloadConfig.parse({ name: 'ramp', file: 'unused.csv', window: '3h', horizon: '10m', targetPerPod: 10, leadTime: '2m', ...extra })

async function run (extra: object, ticks: number, store = new MemorySnapshotStore(), owner = 'test') {
  const now = { t: start }
  const registry = new Registry()
  const loop = new WorkloadLoop(config(extra), { source: rising }, { store, metrics: new ForecasterMetrics(registry, async () => []), log: silent, owner, now: () => now.t })
  const snapshots = []
  for (let k = 0; k < ticks; k++) {
    await loop.tick()
    snapshots.push(await store.get('ramp'))
    now.t += minute
  }
  return { snapshots, metrics: await registry.metrics(), store }
}

describe('adaptiveQuantile in the live loop', () => {
  it('has the replay\'s defaults, so a workload that opts in with {} plans as the benchmark measured', () => {
    expect(AdaptiveQuantile.parse({})).toEqual(replayConfig(10).adaptiveQuantile)
  })

  it('raises the planned quantile after the planner was short, and plans at it', async () => {
    const { snapshots, metrics } = await run({ adaptiveQuantile: { gain: 0.1 } }, 12)
    const levels = snapshots.map((s) => s?.planningQuantile)
    expect(levels[0]).toBe(0.5)
    // The ramp keeps the planner short: the level climbs to its bound, and stays within it.
    expect(levels[4]).toBeGreaterThan(0.6)
    expect(levels.every((l) => l !== undefined && l >= 0.05 && l <= 0.95)).toBe(true)
    const last = snapshots.at(-1)
    expect(Object.keys(last?.quantiles ?? {})).toContain(String(levels.at(-1)))
    expect(metrics).toContain(`forecaster_planning_quantile{workload="ramp"} ${String(levels.at(-1))}`)
  })

  it('without it plans as before: at the configured quantile, with no level in the snapshot or metrics', async () => {
    const { snapshots, metrics } = await run({ quantileLevel: 0.5 }, 12)
    expect(snapshots.every((s) => s?.planningQuantile === undefined)).toBe(true)
    expect(Object.keys(snapshots.at(-1)?.quantiles ?? {})).toEqual(['0.5', '0.9'])
    expect(metrics).not.toContain('forecaster_planning_quantile{')
    // At a level that never moves, it plans as a workload set to the adaptive one's initial level.
    const fixed = await run({ adaptiveQuantile: { gain: 0 } }, 12)
    expect(fixed.snapshots.map((s) => s?.desiredReplicas)).toEqual(snapshots.map((s) => s?.desiredReplicas))
  })

  it('a new owner goes on from the level of the plan the previous owner stored', async () => {
    const before = await run({ adaptiveQuantile: { gain: 0.1 } }, 12, undefined, 'old')
    const reached = before.snapshots.at(-1)?.planningQuantile
    expect(reached).toBeGreaterThan(0.5)
    const after = await run({ adaptiveQuantile: { gain: 0.1 } }, 1, before.store, 'new')
    expect(after.snapshots[0]).toMatchObject({ owner: 'new', planningQuantile: reached })
  })
})
