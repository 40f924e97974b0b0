import type { FitContext, PointFitter, PointModel } from './point-model.js'
import { ceilingFor, sanitizeForecast } from './sanitize.js'
import { errorUnit } from '../quantiles/error-unit.js'

/**
 * Rolling-origin evaluation on the end of a history: fit once on everything before the
 * holdout, then walk through the holdout with `update()` (no refits), forecasting `horizon`
 * steps every `stride` steps. This is how each model measures its own out-of-sample errors,
 * for quantile calibration and for `auto`'s choice, at the cost of one extra fit.
 */
export interface HoldoutPlan {
  readonly holdout: number
  readonly stride: number
  readonly horizon: number
}

export interface Backtest {
  readonly horizon: number
  /** Per origin, the forecasts for steps 1..horizon. */
  readonly forecasts: Float64Array[]
  /** Per origin, the actual values (NaN past the end of the history). */
  readonly actuals: Float64Array[]
}

/** At most this many origins: enough for stable error quantiles, cheap on long series. */
const MAX_ORIGINS = 120
/**
 * The holdout also holds at least this many forecast errors (origins x steps) when the history
 * allows: the quantiles are read from them, and the 95% level needs about 20 errors beyond it.
 */
const MIN_CALIBRATION_ERRORS = 400

/**
 * The holdout is the last quarter of the history, and within that at least three horizons, one
 * shortest season and enough origins for MIN_CALIBRATION_ERRORS.
 * Returns undefined when the history is too short to hold anything out.
 */
export function planHoldout (length: number, context: FitContext): HoldoutPlan | undefined {
  const horizon = Math.max(1, context.horizon)
  const calibration = Math.ceil(MIN_CALIBRATION_ERRORS / horizon) * Math.max(1, Math.ceil(horizon / 4))
  const holdout = Math.min(Math.floor(length / 4), Math.max(3 * horizon, calibration, context.seasonPeriods[0] ?? 0))
  if (holdout < 2 || length - holdout < 4) return undefined
  const stride = Math.max(1, Math.ceil(horizon / 4), Math.ceil(holdout / MAX_ORIGINS))
  return { holdout, stride, horizon }
}

/**
 * The plan for a model that estimates nothing (persistence, seasonal naive): its forecast from
 * any origin after `warmup` steps is out of sample, so the walk spans the whole history rather
 * than the last quarter. A quarter of a short history holds too few seasonal cycles: on M4
 * hourly (700 to 960 points) the weekly seasonal naive calibrated on the last 144 hours, one
 * draw of "this week minus last week", and its 50% intervals covered 42%. Origins count back
 * from the end (the holdout is a whole number of strides), as the forecast's own origin does.
 */
export function planParameterFree (length: number, context: FitContext, warmup: number): HoldoutPlan | undefined {
  const plan = planHoldout(length, context)
  if (plan === undefined) return undefined
  const span = length - Math.max(1, warmup)
  const stride = Math.max(plan.stride, Math.ceil(span / MAX_ORIGINS))
  const holdout = span - (span % stride)
  return holdout > plan.holdout ? { holdout, stride, horizon: plan.horizon } : plan
}

/** Periods still usable (two full cycles) on a shorter history. */
function contextFor (length: number, context: FitContext): FitContext {
  return { ...context, seasonPeriods: context.seasonPeriods.filter((p) => length >= 2 * p) }
}

export function rollingOrigin (values: Float64Array, fitter: PointFitter, context: FitContext, plan: HoldoutPlan): { backtest: Backtest, model: PointModel } {
  const start = values.length - plan.holdout
  const model = fitter(values.subarray(0, start), contextFor(start, context))
  const ceiling = ceilingFor(values.subarray(0, start))
  const forecasts: Float64Array[] = []
  const actuals: Float64Array[] = []
  for (let origin = start; origin < values.length; origin += plan.stride) {
    forecasts.push(sanitizeForecast(model.predict(plan.horizon), values[origin - 1] ?? 0, ceiling))
    const actual = new Float64Array(plan.horizon).fill(Number.NaN)
    for (let h = 0; h < plan.horizon && origin + h < values.length; h++) actual[h] = values[origin + h] as number
    actuals.push(actual)
    model.update(values.subarray(origin, Math.min(origin + plan.stride, values.length)))
  }
  return { backtest: { horizon: plan.horizon, forecasts, actuals }, model }
}

/** Relative errors (actual - forecast) / unit grouped by step, skipping steps past the history's end. */
export function errorsByStep (backtest: Backtest, floor: number): number[][] {
  const byStep: number[][] = Array.from({ length: backtest.horizon }, () => [])
  backtest.forecasts.forEach((forecast, o) => {
    const actual = backtest.actuals[o] as Float64Array
    for (let h = 0; h < backtest.horizon; h++) {
      const a = actual[h] as number
      if (!Number.isNaN(a)) (byStep[h] as number[]).push((a - (forecast[h] as number)) / errorUnit(forecast[h] as number, floor))
    }
  })
  return byStep
}
