import type { FittedModel, Forecast, ModelFactory, ModelFitOptions, Series } from '../model.js'
import { fitContext } from '../models/fit-context.js'
import type { FitContext, PointFitter, PointModel } from '../models/point-model.js'
import { errorsByStep, planHoldout, planParameterFree, rollingOrigin } from '../models/rolling-origin.js'
import { ceilingFor, sanitizeForecast } from '../models/sanitize.js'
import { assertPrepared } from '../series/assert-prepared.js'
import { ErrorBook } from './error-book.js'
import { errorUnit, unitFloor } from './error-unit.js'

/**
 * Wraps a point estimator as a public model: on fit it measures its own rolling-origin errors
 * on the end of the history, fits again on the whole history, and serves quantiles calibrated
 * from those errors; on update it keeps scoring its own forecasts so calibration follows drift.
 * `warmup`, given only for a model that estimates nothing, is the history it needs before it
 * forecasts; its errors are then measured over the whole history (`planParameterFree`).
 */
export function calibratedFactory (name: string, fitter: PointFitter, warmup?: (context: FitContext) => number): ModelFactory {
  return {
    name,
    fit (history: Series, options?: ModelFitOptions): FittedModel {
      assertPrepared(history)
      const values = history.values
      const context = fitContext(history, options)
      const plan = warmup === undefined ? planHoldout(values.length, context) : planParameterFree(values.length, context, warmup(context))
      const errors = plan === undefined ? [] : errorsByStep(rollingOrigin(values, fitter, context, plan).backtest, unitFloor(values))
      return calibratedModel(name, fitter(values, context), values, errors, context.horizon)
    }
  }
}

/** A fitted point model plus the errors it made out of sample, as a `FittedModel`. */
export function calibratedModel (name: string, point: PointModel, values: Float64Array, errors: number[][], horizon: number): FittedModel {
  const floor = unitFloor(values)
  const book = new ErrorBook(errors, horizon, values, floor)
  let last = values[values.length - 1] ?? 0
  // Grows with what updates bring, as a refit's would: an idle workload that gets busy is not capped at its idle ceiling.
  let ceiling = ceilingFor(values)
  const pointForecast = (steps: number): Float64Array => sanitizeForecast(point.predict(steps), last, ceiling)
  book.startTracking(pointForecast(horizon))
  return {
    name,
    describe: () => point.describe(),
    forecast (horizonSteps: number, quantileLevels: readonly number[]): Forecast {
      if (!Number.isFinite(horizonSteps)) throw new RangeError(`horizon must be a finite number of steps (got ${horizonSteps})`)
      const steps = Math.max(0, Math.floor(horizonSteps))
      const mean = pointForecast(steps)
      const calibrator = book.calibrator()
      const quantiles: Record<string, Float64Array> = {}
      for (const level of quantileLevels) {
        if (!(level > 0 && level < 1)) throw new RangeError(`quantile level must be strictly between 0 and 1 (got ${level})`)
        const q = new Float64Array(steps)
        for (let h = 0; h < steps; h++) q[h] = (mean[h] as number) + calibrator.offset(level, h + 1) * errorUnit(mean[h] as number, floor)
        quantiles[String(level)] = sanitizeForecast(q, mean[0] ?? last, ceiling)
      }
      return { mean, quantiles }
    },
    update (newValues: ArrayLike<number>): void {
      // A non-finite newcomer is a missing sample: hold the last value so the time grid stays aligned.
      for (let i = 0; i < newValues.length; i++) {
        const v = newValues[i] as number
        if (Number.isFinite(v)) last = v
        ceiling = Math.max(ceiling, ceilingFor([last]))
        point.update([last])
        if (book.observe(last)) book.startTracking(pointForecast(horizon))
      }
    }
  }
}
