import type { ModelFactory } from '../model.js'
import { calibratedFactory } from '../quantiles/calibrated-model.js'
import { arima } from './arima/auto-arima.js'
import { autoFactory } from './auto/auto.js'
import { fitBaseline } from './baseline.js'
import { ensemble } from './ensemble.js'
import { ets } from './ets/ets.js'
import { mstl } from './mstl/mstl.js'
import { fitPersistence } from './persistence.js'
import type { FitContext, PointFitter } from './point-model.js'
import { seasonalNaive } from './seasonal-naive.js'

/** A wall-clock period (one day, one week) in steps of the series. */
const stepsOf = (seconds: number) => (context: FitContext): number => Math.max(1, Math.round(seconds / context.stepSeconds))

/** Seasonal naive over a wall-clock period at the series' step. */
function seasonalNaiveOver (seconds: number): PointFitter {
  return (values, context) => seasonalNaive(stepsOf(seconds)(context))(values, context)
}

const mstlEts = mstl(ets(false), 'ETS')

/** `ensemble`: median of MSTL, ARIMA and baseline with a season; of ETS, ARIMA and persistence without. */
const fitEnsemble: PointFitter = (values, context) =>
  (context.seasonPeriods.length > 0
    ? ensemble([mstlEts, arima(true), fitBaseline], 'median')
    : ensemble([ets(false), arima(false), fitPersistence], 'median'))(values, context)

/** Every model by the name used in config, metrics and the backtest CLI. */
export const modelRegistry: ReadonlyMap<string, ModelFactory> = new Map([
  // The three baselines estimate nothing, so they calibrate on the whole history after their warm-up.
  ['persistence', calibratedFactory('persistence', fitPersistence, () => 1)],
  ['seasonal-naive-day', calibratedFactory('seasonal-naive-day', seasonalNaiveOver(86_400), stepsOf(86_400))],
  ['seasonal-naive-week', calibratedFactory('seasonal-naive-week', seasonalNaiveOver(7 * 86_400), stepsOf(7 * 86_400))],
  ['baseline', calibratedFactory('baseline', fitBaseline)],
  ['holt-winters', calibratedFactory('holt-winters', ets(true))],
  ['arima', calibratedFactory('arima', arima(true))],
  ['mstl', calibratedFactory('mstl', mstlEts)],
  ['ensemble', calibratedFactory('ensemble', fitEnsemble)],
  ['auto', autoFactory]
])

export class UnknownModelError extends Error {
  readonly code = 'UNKNOWN_MODEL'
  constructor (readonly modelName: string) {
    super(`unknown forecasting model "${modelName}"; known: ${[...modelRegistry.keys()].join(', ')}`)
    this.name = 'UnknownModelError'
  }
}

/** The factory registered under `name`, or an `UnknownModelError` listing the known names. */
export function getModel (name: string): ModelFactory {
  const factory = modelRegistry.get(name)
  if (factory === undefined) throw new UnknownModelError(name)
  return factory
}
