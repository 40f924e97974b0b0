import { describe, expect, it } from 'vitest'
import type { FittedModel, ModelFactory, Series } from '../model.js'
import { DEFAULT_PLANNER_POLICY } from '../planner/policy.js'
import { BacktestInputError, originsOf, walkForward, type WalkForwardOptions } from './walk-forward.js'

const series = (values: number[]): Series => ({ start: 0, stepSeconds: 60, values: Float64Array.from(values) })

/** Knows the whole series: forecasts what will happen. Records what it was shown. */
function oracle (all: Series, log: Array<{ fitFrom: number, fitTo: number } | { updated: number[] }> = []): ModelFactory {
  return {
    name: 'oracle',
    fit (history): FittedModel {
      const from = (history.start - all.start) / 60_000
      let end = from + history.values.length
      log.push({ fitFrom: from, fitTo: end })
      return {
        name: 'oracle',
        describe: () => `oracle@${end}`,
        forecast (h, levels) {
          const mean = Float64Array.from({ length: h }, (_, i) => all.values[end + i] ?? 0)
          return { mean, quantiles: Object.fromEntries(levels.map((l) => [String(l), mean])) }
        },
        update (next) {
          log.push({ updated: Array.from(next) })
          end += next.length
        }
      }
    }
  }
}

const options = (extra: Partial<WalkForwardOptions> = {}): WalkForwardOptions =>
  ({ horizonSteps: 3, firstOrigin: 6, originEverySteps: 2, maxHistorySteps: 4, quantiles: [0.9], scale: 1, ...extra })

describe('originsOf', () => {
  it('steps from the first origin while the whole horizon is in the series', () => {
    expect(originsOf(12, options())).toEqual([6, 8])
    expect(originsOf(13, options())).toEqual([6, 8, 10])
  })
})

describe('walkForward', () => {
  it('scores a perfect forecast as MASE 0, sMAPE 0 and full coverage', () => {
    const s = series([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    const result = walkForward(s, oracle(s), options())
    expect(result.accuracy).toMatchObject({ origins: 2, mase: 0, smape: 0, coverage: { 0.9: 1 }, pinball: { 0.9: 0 } })
    expect(result.lastFit).toBe('oracle@8')
  })

  it('shows the model only the last maxHistorySteps values before each origin, and updates between origins in a replay', () => {
    const s = series(Array.from({ length: 12 }, (_, i) => 100 * i))
    const log: Parameters<typeof oracle>[1] = []
    walkForward(s, oracle(s, log), options())
    expect(log).toEqual([{ fitFrom: 2, fitTo: 6 }, { fitFrom: 4, fitTo: 8 }])
    log.length = 0
    const replay = { policy: DEFAULT_PLANNER_POLICY, hpa: { ...DEFAULT_PLANNER_POLICY, tolerance: 0.1, scaleDownStabilizationSeconds: 0 }, podStartupSeconds: 0 }
    walkForward(s, oracle(s, log), options({ replay }))
    expect(log).toEqual([
      { fitFrom: 2, fitTo: 6 }, { updated: [600] },
      { fitFrom: 4, fitTo: 8 }, { updated: [800] },
      { fitFrom: 6, fitTo: 10 }, { updated: [1000] }
    ])
  })

  it('plans ahead of a load jump where the reactive HPA lags by the pod start-up time', () => {
    const load = [...new Array<number>(30).fill(100), ...new Array<number>(30).fill(1000)]
    const s = series(load)
    const policy = { ...DEFAULT_PLANNER_POLICY, targetPerPod: 100, headroom: 1, leadTimeSeconds: 300, upMaxFactor: 100 }
    const hpa = { targetPerPod: 100, minReplicas: 1, maxReplicas: 100, tolerance: 0.1, scaleDownStabilizationSeconds: 300 }
    const result = walkForward(s, oracle(s), options({ horizonSteps: 10, firstOrigin: 10, maxHistorySteps: 10, replay: { policy, hpa, podStartupSeconds: 300 } }))
    const replay = result.replay
    expect(replay?.planner.under).toBe(0)
    // The HPA sees 1000 one step late and waits 5 minutes for the pods: 6 minutes x 9 replicas short.
    expect(replay?.hpa.under).toBe(6 * 9)
    // Starting replicas are paid for: the planner's 9 extra start 5 minutes before the jump, the HPA's 1 minute after.
    expect(replay?.planner.total).toBe(15 * 1 + 35 * 10)
    expect(replay?.hpa.total).toBe(21 * 1 + 29 * 10)
    expect(replay?.needed.length).toBe(50)
    expect(replay?.forecast.mean.slice(18, 22)).toEqual([100, 100, 1000, 1000])
    expect(replay?.planner.scalingChanges).toBe(1)
    expect(replay?.hpa.scalingChanges).toBe(1)
  })

  it('refuses options that leave no origin', () => {
    const s = series([1, 2, 3])
    expect(() => walkForward(s, oracle(s), options())).toThrow(BacktestInputError)
    expect(() => walkForward(s, oracle(s), options())).toThrow(expect.objectContaining({ code: 'NO_ORIGIN' }))
    expect(() => walkForward(s, oracle(s), options({ horizonSteps: 0 }))).toThrow(/at least one step/)
  })
})

describe('walkForward replay with a quantile policy', () => {
  it('forecasts the planner quantile even when it is not scored', () => {
    const s = series(Array.from({ length: 40 }, (_, i) => 100 + (i % 5)))
    const asked: number[][] = []
    const base = oracle(s)
    const spy = { name: 'spy', fit: (h: Series) => { const m = base.fit(h); return { ...m, forecast: (n: number, l: readonly number[]) => { asked.push([...l]); return m.forecast(n, l) } } } }
    const policy = { ...DEFAULT_PLANNER_POLICY, quantile: 0.8 }
    const hpa = { targetPerPod: 100, minReplicas: 1, maxReplicas: 100, tolerance: 0.1, scaleDownStabilizationSeconds: 0 }
    const result = walkForward(s, spy, options({ firstOrigin: 20, replay: { policy, hpa, podStartupSeconds: 0 } }))
    expect(asked[0]).toEqual([0.9, 0.8])
    expect(Object.keys(result.accuracy.coverage)).toEqual(['0.9'])
    expect(Object.keys(result.replay?.forecast.quantiles ?? {})).toEqual(['0.9'])
  })
})

describe('walkForward replay with an adaptive quantile', () => {
  // A level that a forecast of `base + level x spread` maps to replicas, so the plan shows the level chosen.
  function banded (all: Series, spread: number): ModelFactory {
    const inner = oracle(all)
    return {
      name: 'banded',
      fit (history) {
        const m = inner.fit(history)
        return {
          ...m,
          forecast (h, levels) {
            const { mean } = m.forecast(h, levels)
            return { mean, quantiles: Object.fromEntries(levels.map((l) => [String(l), mean.map((v) => Math.max(0, v + (l - 0.5) * spread))])) }
          }
        }
      }
    }
  }

  it('asks the model for the level the planner will use, and lowers it while the planner is short less than the HPA', () => {
    // 1,000 with a burst to 1,500 for 5 of every 20 minutes: the reactive HPA is short at every burst, the oracle's plan never.
    const s = series(Array.from({ length: 400 }, (_, t) => (t % 20 < 15 ? 1000 : 1500)))
    const asked = new Set<number>()
    const model = banded(s, 400)
    const spy: ModelFactory = { name: 'spy', fit: (h) => { const m = model.fit(h); return { ...m, forecast: (n, l) => { l.forEach((x) => asked.add(x)); return m.forecast(n, l) } } } }
    const policy = { ...DEFAULT_PLANNER_POLICY, quantile: 0.9, leadTimeSeconds: 60 }
    const hpa = { targetPerPod: 100, minReplicas: 1, maxReplicas: 100, tolerance: 0.1, scaleDownStabilizationSeconds: 0 }
    const adaptiveQuantile = { target: 0.5, gain: 0.05, initial: 0.9, min: 0.05, max: 0.95 }
    const result = walkForward(s, spy, options({ firstOrigin: 20, horizonSteps: 3, replay: { policy, hpa, podStartupSeconds: 60, adaptiveQuantile } }))
    expect(asked.has(0.9)).toBe(true)
    expect(Math.min(...asked)).toBeLessThan(0.5)
    // p90 of the first flat stretch is 1,160 (12 replicas); once the level is near the median, 10.
    expect(result.replay?.planner.requested[0]).toBe(12)
    expect(result.replay?.planner.requested.at(-10)).toBe(10)
    const { planner, hpa: reactive } = result.replay ?? { planner: { under: Infinity }, hpa: { under: 0 } }
    expect(planner.under).toBeLessThanOrEqual(0.5 * reactive.under)
  })
})
