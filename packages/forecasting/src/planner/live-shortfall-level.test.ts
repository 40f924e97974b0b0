import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Forecast, Series } from '../model.js'
import { AutoscalingReplay } from '../backtest/replay.js'
import { replayConfig } from '../backtest/protocol.js'
import { LiveShortfallLevel, type LiveShortfallOptions } from './live-shortfall-level.js'

const minute = 60_000
const level = { target: 0.5, gain: 0.02, initial: 0.5, min: 0.05, max: 0.95 }
const options: LiveShortfallOptions = { level, targetPerPod: 10, minReplicas: 1, maxReplicas: 200, podStartupSeconds: 120, stepSeconds: 60 }

/** A forecast that persists the last value, with quantiles growing with their level. */
function persistence (last: number, steps: number, q: number | undefined): Forecast {
  const mean = new Float64Array(steps).fill(last)
  return { mean, quantiles: q === undefined ? {} : { [String(q)]: mean.map((v) => v * (0.5 + q)) } }
}

describe('LiveShortfallLevel', () => {
  // One step from a warm count, after a load of 100 (10 needed).
  it.each([
    // The planner is 5 short for half a minute (2.5); the HPA kept 10: (2.5 - 0) / (10 x 1) x 0.02.
    { served: 'a scale-down in the middle of a step, for the half it held', warm: 10, downAt: 30_000, load: 100, expected: 0.505 },
    // The planner had 20 for 20 needed; the HPA kept 10 from the load before: (0 - 0.5 x 10) / 20 x 0.02.
    { served: 'an HPA reacting to the load before the step, not to its own', warm: 20, downAt: undefined, load: 200, expected: 0.495 }
  ])('measures $served', ({ warm, downAt, load, expected }) => {
    const live = new LiveShortfallLevel(options)
    live.served(0, 100)
    live.scaledTo(0, warm)
    if (downAt !== undefined) live.scaledTo(downAt, warm / 2)
    live.served(minute, load)
    expect(live.level).toBe(expected)
  })

  it('does not observe history before the first count, nor a step twice', () => {
    const live = new LiveShortfallLevel(options)
    for (let k = 1; k <= 30; k++) live.served(k * minute, 1000)
    live.scaledTo(30 * minute, 1)
    expect(live.level).toBe(0.5)
    live.served(31 * minute, 1000)
    const once = live.level
    expect(once).toBeGreaterThan(0.5)
    live.served(31 * minute, 1000)
    live.served(20 * minute, 1000)
    expect(live.level).toBe(once)
  })

  it('gives the replay\'s level when fed the loads and the counts the replay served', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 3, maxLength: 60 }), (loads) => {
      const series: Series = { start: 0, stepSeconds: 60, values: Float64Array.from(loads) }
      const config = { ...replayConfig(10, 120), adaptiveQuantile: level }
      const replay = new AutoscalingReplay(series, 1, config)
      const live = new LiveShortfallLevel(options)
      live.served(minute, loads[0] as number)
      live.scaledTo(minute, Math.max(1, Math.ceil((loads[0] as number) / 10)))
      for (let i = 1; i < loads.length; i++) {
        expect(Math.abs(live.level - (replay.planningLevel() as number))).toBeLessThanOrEqual(0.0011)
        replay.step(i, persistence(loads[i - 1] as number, 5, replay.planningLevel()))
        live.scaledTo(i * minute, replay.result().planner.requested.at(-1) as number)
        live.served((i + 1) * minute, loads[i] as number)
      }
    }))
  })

  it('stays within [min, max] and never reads a load before its step is served (property)', () => {
    const step = fc.record({ load: fc.integer({ min: 0, max: 5000 }), replicas: fc.integer({ min: 0, max: 300 }), offset: fc.integer({ min: 0, max: 59_999 }) })
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.array(step, { minLength: 1, maxLength: 10 }), fc.array(step, { minLength: 1, maxLength: 10 }), (past, futureA, futureB) => {
      const a = new LiveShortfallLevel(options)
      const b = new LiveShortfallLevel(options)
      const feed = (live: LiveShortfallLevel, steps: typeof past, from: number): number[] => steps.map((s, k) => {
        const start = (from + k) * minute
        live.scaledTo(start + s.offset, s.replicas)
        live.served(start + minute, s.load)
        expect(live.level).toBeGreaterThanOrEqual(level.min)
        expect(live.level).toBeLessThanOrEqual(level.max)
        return live.level
      })
      expect(feed(a, past, 0)).toEqual(feed(b, past, 0))
      // What follows the shared past cannot change the level that was planned from it.
      const before = a.level
      a.scaledTo(past.length * minute, (futureA[0] as typeof past[0]).replicas)
      b.scaledTo(past.length * minute, (futureB[0] as typeof past[0]).replicas)
      expect(a.level).toBe(before)
      expect(b.level).toBe(before)
      feed(a, futureA, past.length)
      feed(b, futureB, past.length)
    }))
  })
})
