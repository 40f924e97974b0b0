import { describe, expect, it } from 'vitest'
import { BacktestInputError, SeriesCsvError, SeriesError, UnknownModelError } from '@platform/forecasting'
import { runBacktest, type BacktestOptions } from './run-backtest.js'

const START = Date.UTC(2024, 0, 1) / 1000
/** Four days every 5 minutes: a daily cycle with deterministic wiggles, unix-second timestamps. */
const csv = (value: (i: number) => number = (i) => 200 + 100 * Math.sin((2 * Math.PI * i) / 288) + 15 * Math.sin(i * 1.7), points = 4 * 288): string =>
  ['timestamp,value', ...Array.from({ length: points }, (_, i) => `${START + i * 300},${value(i).toFixed(3)}`)].join('\n')

const options: BacktestOptions = {
  model: 'seasonal-naive-day',
  horizonSeconds: 1800,
  stepSeconds: 300,
  windowSeconds: 2 * 86_400,
  quantiles: [0.5, 0.9],
  podStartupSeconds: 300,
  chart: true
}

describe('runBacktest', () => {
  it('reports the chosen model beside the other baselines, its replay and a chart', () => {
    const calls = { total: 0, advanced: 0 }
    const { report, svg } = runBacktest(csv(), options, { start: (n) => { calls.total = n }, advance: () => { calls.advanced++ } })
    expect(report.models.map((m) => [m.model, m.role])).toEqual([
      ['seasonal-naive-day', 'chosen'], ['persistence', 'baseline'], ['seasonal-naive-week', 'baseline']
    ])
    expect(report.protocol).toMatchObject({ horizonSteps: 6, originEverySteps: 12, firstOrigin: 864, maxHistorySteps: 576 })
    expect(report.models[0]?.origins).toBe(24)
    expect(calls).toEqual({ total: 3 * 24, advanced: 3 * 24 })
    expect(report.replay?.planner.total).toBeGreaterThan(0)
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/)
    expect(svg).toMatch(/^<svg /)
  })

  it('skips the chart unless asked and lets the caller size the replicas', () => {
    const outcome = runBacktest(csv(), { ...options, chart: false, targetPerPod: 50 })
    expect(outcome.svg).toBeUndefined()
    expect(outcome.report.replay?.targetPerPod).toBe(50)
  })

  it('names the problem with bad input in a typed error', () => {
    expect(() => runBacktest(csv(), { ...options, model: 'prophet' })).toThrow(UnknownModelError)
    expect(() => runBacktest('timestamp,value\n2024-01-01T00:00:00Z,oops\n', options)).toThrow(SeriesCsvError)
    expect(() => runBacktest('timestamp,value\n', options)).toThrow(SeriesError)
    expect(() => runBacktest(csv(() => 5), options)).toThrow(BacktestInputError)
    expect(() => runBacktest(csv((i) => (i % 50 === 0 ? 1 : 0)), options)).toThrow(expect.objectContaining({ code: 'ZERO_LOAD' }))
  })
})
