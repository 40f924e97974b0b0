import { seededRandom } from '@platform/seeded-random'
import { describe, expect, it } from 'vitest'
import { dailyShape } from '../fixtures/synthetic-series.js'
import { getModel } from '../models/registry.js'

/**
 * Hourly series like M4's: a daily shape whose level moves from week to week and from day to
 * day, so the weekly seasonal naive's errors come in week-long blocks (this week's level minus
 * last week's) and the last quarter of a 700-point history holds about one of them.
 */
function hourlySeries (seed: number, length: number, weekly: number, daily: number): Float64Array {
  const rng = seededRandom(seed)
  const shape = dailyShape(24, 100, 40)
  let week = 1
  let day = 0
  const values = new Float64Array(length)
  for (let t = 0; t < length; t++) {
    if (t % 168 === 0) week = 1 + weekly * rng.normal()
    if (t % 24 === 0) day = daily * rng.normal()
    values[t] = Math.max(0, Math.max(0.2, week + day) * shape(t) + 3 * rng.normal())
  }
  return values
}

describe('baseline quantiles on hourly series with day-to-day level changes', () => {
  it.each(['seasonal-naive-week', 'seasonal-naive-day', 'persistence'])('%s: its 50 and 90 percent intervals cover within 5 points of nominal', (name) => {
    const inside = { 0.5: 0, 0.9: 0 }
    let total = 0
    for (let seed = 1; seed <= 150; seed++) {
      const all = hourlySeries(seed, 748, 0.05, 0.1)
      const model = getModel(name).fit({ start: 0, stepSeconds: 3600, values: all.subarray(0, 700) }, { seasonPeriods: [24, 168], horizonSteps: 48 })
      const forecast = model.forecast(48, [0.05, 0.25, 0.75, 0.95])
      for (let h = 0; h < 48; h++) {
        const a = all[700 + h] as number
        const q = (level: number): number => (forecast.quantiles[String(level)] as Float64Array)[h] as number
        if (a >= q(0.25) && a <= q(0.75)) inside[0.5]++
        if (a >= q(0.05) && a <= q(0.95)) inside[0.9]++
        total++
      }
    }
    expect(Math.abs(inside[0.5] / total - 0.5)).toBeLessThan(0.05)
    expect(Math.abs(inside[0.9] / total - 0.9)).toBeLessThan(0.05)
  })
})
