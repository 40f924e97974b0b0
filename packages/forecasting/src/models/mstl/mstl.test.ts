import { describe, expect, it } from 'vitest'
import { synthetic } from '../../fixtures/synthetic-series.js'
import { ets } from '../ets/ets.js'
import { mstlDecompose } from './decompose.js'
import { mstl } from './mstl.js'

const daily = (t: number): number => 30 * Math.sin((2 * Math.PI * t) / 24)
const weekly = (t: number): number => (Math.floor((t % 168) / 24) >= 5 ? -25 : 10)
const truth = (t: number): number => 200 + daily(t) + weekly(t) - 10 * (t % 24 === 0 ? 1 : 0)

describe('MSTL decomposition', () => {
  it('separates a daily and a weekly pattern at hourly resolution', () => {
    const values = synthetic(168 * 6, truth, 1, 3)
    const { profiles, adjusted } = mstlDecompose(values, [24, 168])
    const [day, week] = profiles as [Float64Array, Float64Array]
    // The weekly profile captures the weekend drop, the daily one the sine.
    const weekend = week[(5 * 24 + 12) % 168] as number
    const weekday = week[(2 * 24 + 12) % 168] as number
    expect(weekday - weekend).toBeGreaterThan(25)
    expect(Math.abs((day[6] as number) - (day[18] as number) - 60)).toBeLessThan(8)
    // What is left is close to the constant level.
    let spread = 0
    for (let t = 168; t < values.length - 168; t++) spread += Math.abs((adjusted[t] as number) - 200) / (values.length - 336)
    expect(spread).toBeLessThan(5)
  })

  it('forecasts both seasons a day and a half ahead', () => {
    const values = synthetic(168 * 6, truth, 1, 5)
    const model = mstl(ets(false), 'ETS')(values, { seasonPeriods: [24, 168], horizon: 36, stepSeconds: 3600 })
    const forecast = model.predict(36)
    let mae = 0
    for (let h = 0; h < 36; h++) mae += Math.abs((forecast[h] as number) - truth(values.length + h)) / 36
    expect(mae).toBeLessThan(5)
    expect(model.describe()).toMatch(/^MSTL\[24,168\] \+ ETS/)
  })
})
