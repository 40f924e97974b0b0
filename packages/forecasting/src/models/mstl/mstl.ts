import type { PointFitter } from '../point-model.js'
import { mstlDecompose } from './decompose.js'

/**
 * `mstl`: removes every usable seasonal component (e.g. daily and weekly), forecasts the
 * seasonally adjusted series with `remainder` (non-seasonal ETS or ARIMA), and adds back the
 * latest seasonal indices. Between refits `update` adjusts new points with the fitted indices
 * and feeds them to the remainder model.
 */
export function mstl (remainder: PointFitter, label: string): PointFitter {
  return (values, context) => {
    const periods = context.seasonPeriods
    const { profiles, adjusted } = mstlDecompose(values, periods)
    const inner = remainder(adjusted, { ...context, seasonPeriods: [] })
    let time = values.length
    const seasonalAt = (t: number): number => {
      let sum = 0
      for (let i = 0; i < periods.length; i++) sum += (profiles[i] as Float64Array)[t % (periods[i] as number)] as number
      return sum
    }
    return {
      describe: () => `MSTL[${periods.join(',')}] + ${label} ${inner.describe()}`,
      predict (horizon) {
        const out = inner.predict(horizon)
        for (let h = 0; h < horizon; h++) out[h] = (out[h] as number) + seasonalAt(time + h)
        return out
      },
      update (next) {
        const adjustedNext = new Float64Array(next.length)
        for (let i = 0; i < next.length; i++) adjustedNext[i] = (next[i] as number) - seasonalAt(time + i)
        time += next.length
        inner.update(adjustedNext)
      }
    }
  }
}
