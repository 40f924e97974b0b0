import { describe, expect, it } from 'vitest'
import { dailyShape, synthetic } from '../fixtures/synthetic-series.js'
import { detectSeasonPeriods } from './season.js'

describe('detectSeasonPeriods', () => {
  it('finds the daily period of a minute series with a daily cycle', () => {
    const values = synthetic(1440 * 3, dailyShape(1440, 100, 50), 5, 1)
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 60, values })).toEqual([1440])
  })

  it('finds daily and weekly periods hourly when weekends differ', () => {
    const values = synthetic(168 * 4, (t) => dailyShape(24, 100, 30)(t) + (Math.floor((t % 168) / 24) >= 5 ? -40 : 0), 3, 2)
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 3600, values })).toEqual([24, 168])
  })

  it('finds nothing in noise, in a constant series, or in a history shorter than two cycles', () => {
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 3600, values: synthetic(24 * 20, () => 50, 5, 3) })).toEqual([])
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 3600, values: new Float64Array(24 * 20).fill(7) })).toEqual([])
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 60, values: synthetic(1440, dailyShape(1440, 100, 50)) })).toEqual([])
  })

  it('has no daily period when the step does not divide a day', () => {
    expect(detectSeasonPeriods({ start: 0, stepSeconds: 7 * 60, values: synthetic(2000, (t) => 10 + Math.sin(t)) })).toEqual([])
  })
})
