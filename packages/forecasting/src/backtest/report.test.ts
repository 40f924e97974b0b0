import { describe, expect, it } from 'vitest'
import type { Series } from '../model.js'
import { buildBacktestReport, formatBacktestReport, replayChartData, type ReportContext } from './report.js'
import type { ModelBacktest } from './walk-forward.js'

const series: Series = { start: Date.UTC(2021, 9, 8), stepSeconds: 60, values: Float64Array.from([100, 200, 300, 400, 500]) }
const preparation = { samples: 6, reordered: true, merged: 1, filled: 0, longestGapSteps: 0, clipped: 0 }
const context: ReportContext = {
  series,
  preparation,
  protocol: { horizonSteps: 2, originEverySteps: 1, firstOrigin: 2, maxHistorySteps: 10, quantiles: [0.5, 0.9], scale: 50 },
  targetPerPod: 100,
  podStartupSeconds: 300
}
const accuracy = { origins: 2, mase: 0.8, smape: 12.5, pinball: { 0.5: 0.4, 0.9: 0.3 }, coverage: { 0.5: 0.5, 0.9: 0.875 } }
const outcome = (under: number, total: number, requested: number[]) => ({ under, over: 1, total, scalingChanges: 2, requested })
const chosen: ModelBacktest = {
  model: 'auto',
  lastFit: 'ets(A,Ad,A)',
  accuracy,
  replay: {
    firstStep: 2,
    planner: outcome(3, 21, [4, 5, 6]),
    hpa: outcome(12, 20, [3, 4, 5]),
    needed: [3, 4, 5],
    initialReplicas: 3,
    forecast: { mean: [290, 410, 490], quantiles: { 0.9: [350, 450, 550], 0.5: [290, 410, 490] } }
  }
}
const baseline: ModelBacktest = { model: 'persistence', lastFit: 'persistence', accuracy: { ...accuracy, mase: 1.1 } }

describe('buildBacktestReport', () => {
  it('lists the chosen model first with its replay against the HPA', () => {
    const report = buildBacktestReport(context, chosen, [baseline])
    expect(report.series).toEqual({ points: 5, stepSeconds: 60, start: '2021-10-08T00:00:00.000Z', end: '2021-10-08T00:04:00.000Z', preparation })
    expect(report.models.map((m) => [m.model, m.role, m.mase])).toEqual([['auto', 'chosen', 0.8], ['persistence', 'baseline', 1.1]])
    expect(report.replay).toMatchObject({ underReduction: 0.75, totalRatio: 21 / 20, planner: { under: 3, total: 21, scalingChanges: 2 } })
    expect(JSON.stringify(report)).not.toContain('requested')
  })

  it('reports a null reduction when the HPA was never short', () => {
    const replay = chosen.replay && { ...chosen.replay, hpa: outcome(0, 20, [3, 4, 5]) }
    const report = buildBacktestReport(context, { ...chosen, ...(replay ? { replay } : {}) }, [])
    expect(report.replay?.underReduction).toBeNull()
    expect(formatBacktestReport(report)).toContain('HPA never under-provisioned')
  })
})

describe('formatBacktestReport', () => {
  it('prints the accuracy table and the replay table', () => {
    const text = formatBacktestReport(buildBacktestReport(context, chosen, [baseline]))
    expect(text).toContain('series: 5 points every 60 s')
    expect(text).toContain('prepared from 6 samples: 0 slots filled (longest gap 0 steps), 1 merged into a shared slot, 0 clipped, timestamps sorted')
    expect(text).toMatch(/model\s+role\s+MASE\s+sMAPE\s+pinball@0.5\s+cover@0.5\s+pinball@0.9\s+cover@0.9\s+last fit/)
    expect(text).toMatch(/auto\s+chosen\s+0.800\s+12.50/)
    expect(text).toMatch(/reactive HPA\s+12\s+1\s+20\s+2/)
    expect(text).toContain('75.0% fewer than the HPA; total: 105.0% of the HPA\'s')
  })
})

describe('replayChartData', () => {
  it('aligns the replayed steps with their times and actual values, band from the lowest to the highest quantile', () => {
    const chart = replayChartData(series, chosen, 100, 'x')
    expect(chart?.times).toEqual([2, 3, 4].map((i) => series.start + i * 60_000))
    expect(chart?.actual).toEqual([300, 400, 500])
    expect(chart?.bandLow).toEqual([290, 410, 490])
    expect(chart?.bandHigh).toEqual([350, 450, 550])
    expect(chart?.bandLabel).toBe('p50-p90')
    expect(replayChartData(series, baseline, 100, 'x')).toBeUndefined()
  })
})
