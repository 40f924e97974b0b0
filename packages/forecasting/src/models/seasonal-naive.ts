import { Growable } from './growable.js'
import type { PointFitter, PointModel } from './point-model.js'

/**
 * Seasonal naive: step h repeats the observation one period earlier. With less than one full
 * period of history it degrades to persistence rather than failing.
 */
export function seasonalNaive (period: number): PointFitter {
  return (values) => seasonalNaiveModel(values, period)
}

function seasonalNaiveModel (values: Float64Array, period: number): PointModel {
  const buffer = new Growable(values, period * 2)
  return {
    // Says when it is still persistence, so a report's "last fit" does not claim a season it lacks.
    describe: () => buffer.length >= period ? `seasonal-naive[${period}]` : `seasonal-naive[${period}] (persistence: under one period of history)`,
    predict (horizon) {
      const out = new Float64Array(horizon)
      const n = buffer.length
      for (let h = 0; h < horizon; h++) {
        out[h] = n >= period ? buffer.back(period - 1 - (h % period)) : buffer.back(0)
      }
      return out
    },
    update (next) {
      for (let i = 0; i < next.length; i++) buffer.push(next[i] as number)
    }
  }
}
