import type { PointFitter, PointModel } from './point-model.js'

export type Combine = 'mean' | 'median'

/** Combines the members' point forecasts step by step (mean, or median: robust to one bad member). */
export function combineForecasts (forecasts: readonly Float64Array[], horizon: number, combine: Combine): Float64Array {
  const out = new Float64Array(horizon)
  const buffer = new Float64Array(forecasts.length)
  for (let h = 0; h < horizon; h++) {
    // A member that blew up at this step (non-finite) abstains instead of poisoning the mean.
    let count = 0
    for (const f of forecasts) {
      const v = f[h] as number
      if (Number.isFinite(v)) buffer[count++] = v
    }
    const column = buffer.subarray(0, count)
    if (count === 0) out[h] = Number.NaN
    else if (combine === 'mean') {
      let sum = 0
      for (const v of column) sum += v
      out[h] = sum / column.length
    } else {
      column.sort()
      const mid = column.length >> 1
      out[h] = column.length % 2 === 1 ? column[mid] as number : ((column[mid - 1] as number) + (column[mid] as number)) / 2
    }
  }
  return out
}

/** An ensemble of already-fitted point models. */
export function combinedModel (members: readonly PointModel[], combine: Combine): PointModel {
  return {
    describe: () => `${combine}(${members.map((m) => m.describe()).join(', ')})`,
    predict: (horizon) => combineForecasts(members.map((m) => m.predict(horizon)), horizon, combine),
    update (next) {
      for (const m of members) m.update(next)
    }
  }
}

/** `ensemble`: fits every member and combines their forecasts. */
export function ensemble (members: readonly PointFitter[], combine: Combine): PointFitter {
  return (values, context) => combinedModel(members.map((fit) => fit(values, context)), combine)
}
