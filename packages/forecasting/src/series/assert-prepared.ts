import type { Series } from '../model.js'
import { SeriesError } from './series-error.js'

/**
 * Models accept only what `prepareSeries` produces; a caller that builds a `Series` by hand
 * gets the same typed errors instead of a silent NaN forecast.
 */
export function assertPrepared (series: Series): void {
  const values = series.values
  if (values.length === 0) throw new SeriesError('EMPTY_SERIES', 'cannot fit a model on an empty series')
  if (!(series.stepSeconds > 0) || !Number.isFinite(series.stepSeconds)) {
    throw new SeriesError('INVALID_STEP', `step must be a positive number of seconds (got ${series.stepSeconds})`)
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isFinite(v)) throw new SeriesError('NON_FINITE_VALUE', `value #${i} is ${String(v)}; prepare the series first`)
    if (v < 0) throw new SeriesError('NEGATIVE_VALUE', `value #${i} is negative (${v}); load must be >= 0`)
  }
}
