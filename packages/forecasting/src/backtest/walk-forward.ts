import type { FittedModel, Forecast, ModelFactory, ModelFitOptions, Series } from '../model.js'
import { AccuracyAccumulator, type AccuracySummary } from './accuracy.js'
import { AutoscalingReplay, type ReplayConfig, type ReplayResult } from './replay.js'

export interface WalkForwardOptions {
  readonly horizonSteps: number
  /** Index of the first forecast origin; the model sees only values before an origin. */
  readonly firstOrigin: number
  readonly originEverySteps: number
  /** The model sees at most this many values before the origin. */
  readonly maxHistorySteps: number
  readonly quantiles: readonly number[]
  /** MASE denominator (e.g. seasonalNaiveMae of the training part). */
  readonly scale: number
  readonly fitOptions?: ModelFitOptions
  /** Also replay the planner against a reactive HPA, forecasting at every step (update between origins). */
  readonly replay?: ReplayConfig
  /** Called after each origin's forecast (for progress bars). */
  readonly onOrigin?: (done: number, total: number) => void
}

export interface ForecastTrace {
  /** Per replayed step: the forecast made at its start for that step (one step ahead). */
  readonly mean: number[]
  readonly quantiles: Record<string, number[]>
}

export interface ModelBacktest {
  readonly model: string
  /** The specification fitted at the last origin, e.g. `ARIMA(1,1,1)(0,1,1)[24]`. */
  readonly lastFit: string
  readonly accuracy: AccuracySummary
  readonly replay?: ReplayResult & { readonly firstStep: number, readonly forecast: ForecastTrace }
}

/** Why a backtest cannot run on a series; each code names one problem. */
export type BacktestInputErrorCode =
  | 'INVALID_WINDOW' // horizon, origin spacing or history under one step
  | 'NO_ORIGIN' // the series is too short for a single forecast origin
  | 'UNDEFINED_SCALE' // the values before the first origin never change: MASE divides by zero
  | 'ZERO_LOAD' // the load is zero at its 95th percentile: no default target per pod

export class BacktestInputError extends Error {
  readonly code: BacktestInputErrorCode

  constructor (code: BacktestInputErrorCode, message: string) {
    super(message)
    this.name = 'BacktestInputError'
    this.code = code
  }
}

/** Origin indices: from `firstOrigin` every `originEverySteps` while the horizon fits in the series. */
export function originsOf (length: number, o: Pick<WalkForwardOptions, 'firstOrigin' | 'originEverySteps' | 'horizonSteps'>): number[] {
  const origins: number[] = []
  for (let t = Math.max(1, o.firstOrigin); t + o.horizonSteps <= length; t += o.originEverySteps) origins.push(t)
  return origins
}

/**
 * Walk-forward (rolling-origin) evaluation of one model: refit at every origin on at most
 * `maxHistorySteps` values before it, forecast `horizonSteps`, score against what happened.
 * With `replay`, the model also forecasts at every step between origins after a cheap
 * `update()`, and those forecasts drive the capacity planner in the autoscaling replay.
 */
export function walkForward (series: Series, factory: ModelFactory, o: WalkForwardOptions): ModelBacktest {
  if (!(o.horizonSteps >= 1 && o.originEverySteps >= 1 && o.maxHistorySteps >= 2)) {
    throw new BacktestInputError('INVALID_WINDOW', 'horizon, origin spacing and history must be at least one step')
  }
  const values = series.values
  const origins = originsOf(values.length, o)
  if (origins.length === 0) throw new BacktestInputError('NO_ORIGIN', `series of ${values.length} points leaves no forecast origin`)
  const accuracy = new AccuracyAccumulator(o.scale, o.quantiles)
  const fit = (index: number): FittedModel => {
    const from = Math.max(0, index - o.maxHistorySteps)
    const history = { start: series.start + from * series.stepSeconds * 1000, stepSeconds: series.stepSeconds, values: values.subarray(from, index) }
    return factory.fit(history, { ...o.fitOptions, horizonSteps: o.horizonSteps })
  }
  const firstStep = origins[0] as number
  const replay = o.replay === undefined ? undefined : new AutoscalingReplay(series, firstStep, o.replay)
  const trace: ForecastTrace = { mean: [], quantiles: Object.fromEntries(o.quantiles.map((q) => [String(q), []])) }
  let model: FittedModel | undefined
  let seen = 0
  let done = 0
  const originSet = new Set(origins)
  const lastStep = replay === undefined ? (origins.at(-1) as number) : values.length - 1
  for (let t = firstStep; t <= lastStep; t++) {
    const isOrigin = originSet.has(t)
    if (!isOrigin && replay === undefined) continue
    if (model === undefined || (t - firstStep) % o.originEverySteps === 0) model = fit(t)
    else model.update(values.subarray(seen, t))
    seen = t
    // The planner's quantile (which may change every step) is forecast too, even when it is not one of the scored levels.
    const plannerLevel = replay?.planningLevel()
    const forecast = model.forecast(o.horizonSteps, plannerLevel === undefined || o.quantiles.includes(plannerLevel) ? o.quantiles : [...o.quantiles, plannerLevel])
    if (isOrigin) {
      accuracy.add(values.subarray(t, t + o.horizonSteps), forecast)
      o.onOrigin?.(++done, origins.length)
    }
    if (replay !== undefined) {
      replay.step(t, forecast)
      recordFirstStep(trace, forecast)
    }
  }
  return {
    model: factory.name,
    lastFit: model?.describe() ?? '',
    accuracy: accuracy.summary(),
    ...(replay === undefined ? {} : { replay: { ...replay.result(), firstStep, forecast: trace } })
  }
}

function recordFirstStep (trace: ForecastTrace, forecast: Forecast): void {
  trace.mean.push(forecast.mean[0] ?? 0)
  for (const [level, q] of Object.entries(forecast.quantiles)) trace.quantiles[level]?.push(q[0] ?? 0)
}
