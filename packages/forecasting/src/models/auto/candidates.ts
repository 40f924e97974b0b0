import { arima, MAX_ARIMA_PERIOD } from '../arima/auto-arima.js'
import { fitBaseline } from '../baseline.js'
import { ets, MAX_ETS_PERIOD } from '../ets/ets.js'
import { logScale } from '../log-scale.js'
import { mstl } from '../mstl/mstl.js'
import { fitPersistence } from '../persistence.js'
import type { FitContext, PointFitter } from '../point-model.js'
import { seasonalNaive } from '../seasonal-naive.js'

export interface Candidate {
  readonly name: string
  readonly fitter: PointFitter
}

/**
 * What `auto` tries on a history: the baselines it must beat, the robust `baseline`, MSTL with
 * an ETS remainder whenever there is a season, and seasonal ARIMA and Holt-Winters (raw and on
 * the log scale for positive data) when the shortest season is short enough for them.
 */
export function candidatesFor (values: Float64Array, context: FitContext): Candidate[] {
  const periods = context.seasonPeriods
  const list: Candidate[] = [
    { name: 'persistence', fitter: fitPersistence },
    ...periods.map((p) => ({ name: `seasonal-naive[${p}]`, fitter: seasonalNaive(p) })),
    { name: 'baseline', fitter: fitBaseline }
  ]
  if (periods.length > 0) list.push({ name: 'mstl', fitter: mstl(ets(false), 'ETS') })
  const shortest = periods[0]
  const positive = values.every((v) => v > 0)
  if (shortest === undefined || shortest <= MAX_ARIMA_PERIOD) {
    list.push({ name: 'arima', fitter: arima(true) })
    if (positive) list.push({ name: 'log-arima', fitter: logScale(arima(true)) })
  }
  if (shortest !== undefined && shortest <= MAX_ETS_PERIOD) list.push({ name: 'holt-winters', fitter: ets(true) })
  if (shortest === undefined) list.push({ name: 'ets', fitter: ets(false) })
  return list
}
