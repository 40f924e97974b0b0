import type { Series } from '../model.js'
import { centredMovingAverage } from '../models/moving-average.js'

/** A candidate period is kept when the detrended autocorrelation at its lag reaches this. */
const MIN_SEASONAL_ACF = 0.2

/**
 * Daily and weekly periods at the series' step (1440 and 10080 at one minute, 24 and 168
 * hourly), kept when the step divides them, the history covers two full cycles, and the
 * autocorrelation at that lag of the series minus its one-period moving-average trend is at
 * least 0.2 (an ACF test; a flat or random series gets no season). Ascending.
 */
export function detectSeasonPeriods (series: Series): number[] {
  const day = 86_400 / series.stepSeconds
  const candidates = [day, 7 * day].filter((p) => Number.isInteger(p) && p >= 2)
  return candidates.filter((p) => series.values.length >= 2 * p && seasonalAcf(series.values, p) >= MIN_SEASONAL_ACF)
}

/** Autocorrelation at lag `period` after removing a centred one-period moving average. */
function seasonalAcf (values: Float64Array, period: number): number {
  const trend = centredMovingAverage(values, period)
  const half = Math.floor(period / 2)
  const from = half
  const to = values.length - half
  if (to - from <= period + 1) return 0
  let mean = 0
  for (let t = from; t < to; t++) mean += ((values[t] as number) - (trend[t] as number)) / (to - from)
  let num = 0
  let den = 0
  for (let t = from; t < to; t++) {
    const x = (values[t] as number) - (trend[t] as number) - mean
    den += x * x
    if (t + period < to) num += x * ((values[t + period] as number) - (trend[t + period] as number) - mean)
  }
  return den > 0 ? num / den : 0
}
