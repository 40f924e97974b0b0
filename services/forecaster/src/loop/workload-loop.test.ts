import type { FastifyBaseLogger } from 'fastify'
import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { WorkloadConfig } from '@platform/contracts'
import { ForecasterMetrics } from '../forecaster-metrics.js'
import type { MetricSource } from '../sources/metric-source.js'
import { scalerAnswer } from '../grpc/scaler-answer.js'
import { MemorySnapshotStore } from '../store/memory-store.js'
import { WorkloadLoop } from './workload-loop.js'

const minute = 60_000
const noop = (): void => {}
const silent: FastifyBaseLogger = { level: 'silent', child: () => silent, info: noop, warn: noop, error: noop, debug: noop, fatal: noop, trace: noop, silent: noop }

/** A flat load of `level` per minute, or whatever `value` says. */
const source = (value: (t: number) => number): MetricSource => ({
  async fetch (start, end, step) {
    const timestamps: number[] = []
    for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) timestamps.push(t)
    return { timestamps, values: timestamps.map(value) }
  }
})

function setup (now: { t: number }) {
  const registry = new Registry()
  const store = new MemorySnapshotStore()
  const metrics = new ForecasterMetrics(registry, async () => [])
  const ctx = { store, metrics, log: silent, owner: 'test', now: () => now.t }
  return { registry, store, ctx }
}

const config = (name: string, extra: object = {}) => WorkloadConfig.parse({ name, file: 'unused.csv', window: '3h', horizon: '10m', targetPerPod: 10, ...extra })

describe('WorkloadLoop', () => {
  it('one failing workload does not stop another, and its error is recorded by stage and reason', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store, registry } = setup(now)
    const good = new WorkloadLoop(config('good'), { source: source(() => 50) }, ctx)
    const bad = new WorkloadLoop(config('bad'), { source: { fetch: async () => { throw new Error('boom') } } }, ctx)
    await Promise.all([good.tick(), bad.tick()])
    expect((await store.get('good'))?.desiredReplicas).toBe(6)
    expect(await store.get('bad')).toBeUndefined()
    expect(bad.status(true, undefined).lastError).toMatchObject({ stage: 'collect', message: 'boom' })
    expect(await registry.metrics()).toMatch(/forecaster_errors_total\{workload="bad",stage="collect",reason="error"\} 1/)
  })

  it('exports forecast, band and actual, and desired beside counted replicas, for the dashboard', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, registry } = setup(now)
    await new WorkloadLoop(config('counted'), { source: source(() => 50), currentReplicas: async () => 3 }, ctx).tick()
    await new WorkloadLoop(config('uncounted'), { source: source(() => 50) }, ctx).tick()
    const text = await registry.metrics()
    const value = (name: string, labels: string) => Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm').exec(text)?.[1])
    expect(value('forecaster_actual_value', 'workload="counted"')).toBe(50)
    expect(value('forecaster_current_replicas', 'workload="counted"')).toBe(3)
    expect(value('forecaster_predicted_quantile_value', 'workload="counted",quantile="0.9"')).toBeGreaterThanOrEqual(value('forecaster_predicted_value', 'workload="counted"'))
    expect(text).not.toMatch(/forecaster_current_replicas\{workload="uncounted"\}/)
  })

  it('refuses an all-gaps series at the prepare stage and recovers when data returns', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    let empty = true
    const loop = new WorkloadLoop(config('gappy'), { source: { fetch: async (s, e, step) => (empty ? { timestamps: [], values: [] } : await source(() => 5).fetch(s, e, step)) } }, ctx)
    await loop.tick()
    expect(loop.status(true, undefined).lastError?.stage).toBe('prepare')
    empty = false
    now.t += 4 * 3_600_000
    await loop.tick()
    expect(loop.status(false, undefined).lastError).toBeNull()
    expect(await store.get('gappy')).toBeDefined()
  })

  it('switches to reactive mode when its forecasts keep missing, and says so', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store, registry } = setup(now)
    // Load that flips between 0 and 200 every minute: no model can track it.
    const loop = new WorkloadLoop(config('shifty', { accuracyThreshold: 0.3 }), { source: source((t) => (Math.floor(t / minute) % 2) * 200) }, ctx)
    for (let k = 0; k < 40; k++) {
      now.t += minute
      await loop.tick()
    }
    const snapshot = await store.get('shifty')
    expect(snapshot?.accuracy.samples).toBeGreaterThanOrEqual(30)
    expect(snapshot?.accuracy.wape).toBeGreaterThan(0.3)
    expect(snapshot?.mode).toBe('reactive')
    // Reactive mode plans a flat line at the latest actual load.
    expect(new Set(snapshot?.values).size).toBe(1)
    expect(snapshot?.values[0]).toBe((Math.floor(now.t / minute) % 2) * 200)
    expect(await registry.metrics()).toMatch(/forecaster_reactive_mode\{workload="shifty"\} 1/)
  })

  it('after a takeover, plans from the previous owner\'s replicas (rate limits hold across failover)', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    const before = new WorkloadLoop(config('moved'), { source: source(() => 10) }, { ...ctx, owner: 'old' })
    await before.tick()
    expect((await store.get('moved'))?.desiredReplicas).toBe(2)
    // The load jumps to 1,000 (100 replicas wanted); the new owner may only double from 2 within a minute.
    const after = new WorkloadLoop(config('moved'), { source: source(() => 1000) }, { ...ctx, owner: 'new' })
    await after.tick()
    const snapshot = await store.get('moved')
    expect(snapshot?.owner).toBe('new')
    expect(snapshot?.desiredReplicas).toBeLessThanOrEqual(4)
    // Nothing counted (no currentReplicasQuery): the previous plan is where planning starts, not a count.
    expect(snapshot?.currentReplicas).toBeNull()
  })

  it('a loop faster than the step still doubles at most once per minute of real time', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12, 0, 10) }
    const { ctx, store } = setup(now)
    let counted = 2
    // 100 replicas wanted, 2 running: the plan climbs at the policy's x2 per minute.
    const loop = new WorkloadLoop(config('fast', { interval: 30 }), { source: source(() => 1000), currentReplicas: async () => counted }, ctx)
    const asked: number[] = []
    for (let k = 0; k < 6; k++) {
      await loop.tick()
      now.t += 30_000
      const desired = (await store.get('fast'))?.desiredReplicas ?? 0
      asked.push(desired)
      counted = desired // the scaler applies each ask before the next tick
    }
    // Per real time, whatever the step: ceil(2 x 2^(t / 1 min)) at t = 10, 40, 70, ... s after the count of 12:00.
    expect(asked).toEqual([3, 4, 5, 7, 9, 13])
  })

  it.each([
    { step: '30s', interval: 30, ticks: 11, upMaxFactor: 2, most: 32 },
    { step: '10s', interval: 10, ticks: 7, upMaxFactor: 2, most: 2 },
    { step: '60s', interval: 60, ticks: 6, upMaxFactor: 1.5, most: 8 },
    { step: '5m', interval: 60, ticks: 2, upMaxFactor: 2, most: 2 }
  ])('a plan every $interval s with a $step step ramps x$upMaxFactor per minute of real time', async ({ step, interval, ticks, upMaxFactor, most }) => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    let counted = 1
    const w = config('ramp', { step, interval, window: '1d', targetPerPod: 1, maxReplicas: 10_000, upMaxFactor })
    const loop = new WorkloadLoop(w, { source: source(() => 100_000), currentReplicas: async () => counted }, ctx)
    for (let k = 0; k < ticks; k++) {
      await loop.tick()
      counted = (await store.get('ramp'))?.desiredReplicas ?? 0 // the scaler applies each ask before the next tick
      now.t += w.interval * 1000
    }
    // From 1 replica at 12:00, ceil(upMaxFactor ^ minutes) at the last tick: 5 minutes, 1 minute, 5 minutes, 1 minute.
    expect(counted).toBe(most)
  })

  it('after a takeover, the previous owner\'s ask counts in the scale-down stabilisation window', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    const free = { scaleDownStabilization: '5m', downMaxPercent: 100 }
    const before = new WorkloadLoop(config('steady', free), { source: source(() => 400) }, { ...ctx, owner: 'old' })
    await before.tick()
    expect((await store.get('steady'))?.desiredReplicas).toBe(48)
    // The load drops to 10 (2 replicas wanted) and a new owner takes over 2.5 minutes later: no scale-down within 5 minutes.
    now.t += 2.5 * minute
    const after = new WorkloadLoop(config('steady', free), { source: source(() => 10) }, { ...ctx, owner: 'new' })
    await after.tick()
    expect((await store.get('steady'))?.desiredReplicas).toBe(48)
    now.t += 3 * minute
    await after.tick()
    expect((await store.get('steady'))?.desiredReplicas).toBe(2)
  })

  it('lets go of a workload whose lease ran out during the tick: nothing stored, not counted as owned', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store, registry } = setup(now)
    store.put = async () => false
    const loop = new WorkloadLoop(config('late'), { source: source(() => 10) }, ctx)
    await loop.tick()
    expect(await registry.metrics()).toMatch(/forecaster_lease_owned\{workload="late"\} 0/)
    expect(loop.status(true, undefined).lastError).toBeNull()
  })

  it('when it gets a workload back, plans from the snapshot the other owner stored meanwhile', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    let ours = true
    store.acquireLease = async () => ours
    const loop = new WorkloadLoop(config('back'), { source: source(() => 10) }, ctx)
    await loop.tick()
    expect((await store.get('back'))?.desiredReplicas).toBe(2)
    // Another replica owned it for a while and scaled it to 40.
    ours = false
    await loop.tick()
    const other = await store.get('back')
    if (other === undefined) throw new Error('no snapshot')
    await store.put({ ...other, owner: 'other', desiredReplicas: 40, replicas: other.replicas.map(() => 40) })
    ours = true
    now.t += 60_000
    await loop.tick()
    // The load wants 2; scaling down from 40 is limited to -50% per minute, so never straight to 2.
    const back = await store.get('back')
    if (back === undefined) throw new Error('no snapshot')
    const next = back.replicas[0] ?? 0
    expect(next).toBeGreaterThanOrEqual(20)
    expect(next).toBeLessThan(40)
    // Should the forecaster stop now, the safe answer is this plan: 40 was a plan, not a count.
    expect(scalerAnswer({ ...back, stale: true }, Date.parse(back.startsAt), 'last-plan').value).toBe(next)
  })

  it('a lease held elsewhere means no work and no snapshot', async () => {
    const now = { t: Date.UTC(2026, 0, 1, 12) }
    const { ctx, store } = setup(now)
    store.acquireLease = async () => false
    const loop = new WorkloadLoop(config('other'), { source: source(() => 1) }, ctx)
    await loop.tick()
    expect(await store.get('other')).toBeUndefined()
    expect(loop.status(true, undefined).owned).toBe(false)
  })
})
