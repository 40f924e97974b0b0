import type { Series } from '../model.js'
import { centredMovingAverage } from '../models/moving-average.js'

/** A candidate period is kept when the detrended autocorrelation at its lag reaches this. */
const MIN_SEASONAL_ACF = 0.2

/** A weekly period must beat the daily lag's autocorrelation by this much (see below). */
const WEEKLY_MARGIN = 0.02

/**
 * Daily and weekly periods at the series' step (1440 and 10080 at one minute, 24 and 168
 * hourly), kept when the step divides them (ascending). The daily test needs more than two days:
 * the one-day moving average leaves half a day undefined at each end and the correlation at one
 * day is taken over what remains (a clean daily cycle shows from about two and a half days).
 * Two ACF tests:
 * - daily when the series minus its one-day centred moving average has autocorrelation at
 *   least 0.2 at one day (a flat, random or random-walk series gets none);
 * - weekly when the series minus a least-squares line has autocorrelation at least 0.2 at one
 *   week AND higher than at one day: a pure daily cycle correlates equally at both lags, while
 *   weekday/weekend differences lower the one-day lag only. A line (not a one-week moving
 *   average) keeps the test usable on exactly two weeks of history.
 */
export function detectSeasonPeriods (series: Series): number[] {
  const values = series.values
  const day = 86_400 / series.stepSeconds
  if (!Number.isInteger(day) || day < 2 || values.length < 2 * day) return []
  const periods = lagCorrelation(withoutTrend(values, day), day) >= MIN_SEASONAL_ACF ? [day] : []
  if (values.length >= 14 * day) {
    const detrended = withoutLine(values)
    const weekly = lagCorrelation(detrended, 7 * day)
    if (weekly >= MIN_SEASONAL_ACF && weekly > lagCorrelation(detrended, day) + WEEKLY_MARGIN) periods.push(7 * day)
  }
  return periods
}

/** The series minus its least-squares straight line. */
function withoutLine (values: Float64Array): Float64Array {
  const n = values.length
  const tMean = (n - 1) / 2
  let yMean = 0
  for (const v of values) yMean += v / n
  let sxy = 0
  let sxx = 0
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * ((values[t] as number) - yMean)
    sxx += (t - tMean) ** 2
  }
  const slope = sxx > 0 ? sxy / sxx : 0
  return values.map((v, t) => v - yMean - slope * (t - tMean))
}

/** The series minus its centred moving average over `window` (NaN where that is undefined). */
function withoutTrend (values: Float64Array, window: number): Float64Array {
  const trend = centredMovingAverage(values, window)
  return trend.map((t, i) => (values[i] as number) - t)
}

/** Autocorrelation at `lag` over the defined (non-NaN) part of `x`. */
function lagCorrelation (x: Float64Array, lag: number): number {
  let from = 0
  while (from < x.length && Number.isNaN(x[from] as number)) from++
  let to = x.length
  while (to > from && Number.isNaN(x[to - 1] as number)) to--
  if (to - from <= lag + 1) return 0
  let mean = 0
  for (let t = from; t < to; t++) mean += (x[t] as number) / (to - from)
  let num = 0
  let den = 0
  for (let t = from; t < to; t++) {
    const a = (x[t] as number) - mean
    den += a * a
    if (t + lag < to) num += a * ((x[t + lag] as number) - mean)
  }
  return den > 0 ? num / den : 0
}
