import { detectSeasonPeriods, type FittedModel, type Forecast, getModel, type ModelFactory, type Series } from '@platform/forecasting'

export interface ForecastRun {
  readonly forecast: Forecast
  /** Epoch ms of the forecast's first point (one step after the last observation). */
  readonly start: number
  readonly model: string
  readonly fitSeconds: number
  readonly predictSeconds: number
  readonly refitted: boolean
}

/** Runs a workload's built-in model: in a fit worker (fit-pool.ts) or on the calling thread. */
export interface ModelRunner {
  /** `levels`: this run's quantile levels, when they differ from the options' (an adaptive level moves). */
  run (series: Series, nowMs: number, levels?: readonly number[]): Promise<ForecastRun>
  /** Drops the fitted state (loop stopped or restarted). */
  dispose (): void
}

export interface BuiltinOptions {
  readonly model: string
  readonly horizonSteps: number
  readonly quantileLevels: readonly number[]
  /** Refit from scratch at most this often; in between, new points go through update(). */
  readonly refitEverySeconds: number
}

/**
 * Keeps one fitted engine model per workload: a full fit on the first run and every
 * `refitEverySeconds`, and the model's cheap update() with the new points in between.
 */
export class BuiltinForecaster {
  private readonly factory: ModelFactory
  private fitted: FittedModel | undefined
  private fittedAt = 0
  /** Time of the last point the model has absorbed. */
  private lastPoint = 0

  constructor (readonly options: BuiltinOptions) {
    this.factory = getModel(options.model)
  }

  get name (): string {
    return this.options.model
  }

  run (series: Series, nowMs: number, levels = this.options.quantileLevels): ForecastRun {
    const stepMs = series.stepSeconds * 1000
    const last = series.start + (series.values.length - 1) * stepMs
    const began = performance.now()
    let refitted = false
    const absorbedIndex = (this.lastPoint - series.start) / stepMs
    const canUpdate = this.fitted !== undefined && nowMs - this.fittedAt < this.options.refitEverySeconds * 1000 &&
      Number.isInteger(absorbedIndex) && absorbedIndex >= 0 && absorbedIndex < series.values.length
    if (canUpdate) {
      const fresh = series.values.subarray(absorbedIndex + 1)
      if (fresh.length > 0) this.fitted?.update(fresh)
    } else {
      this.fitted = this.factory.fit(series, { seasonPeriods: detectSeasonPeriods(series), horizonSteps: this.options.horizonSteps })
      this.fittedAt = nowMs
      refitted = true
    }
    this.lastPoint = last
    const fitted = this.fitted as FittedModel
    const fitDone = performance.now()
    const forecast = fitted.forecast(this.options.horizonSteps, levels)
    const predictDone = performance.now()
    return {
      forecast,
      start: last + stepMs,
      model: this.options.model,
      fitSeconds: (fitDone - began) / 1000,
      predictSeconds: (predictDone - fitDone) / 1000,
      refitted
    }
  }
}

/** The built-in model on the calling thread (FIT_WORKERS=0, and unit tests). */
export function inProcessRunner (options: BuiltinOptions): ModelRunner {
  const forecaster = new BuiltinForecaster(options)
  return {
    run: async (series, nowMs, levels) => forecaster.run(series, nowMs, levels),
    dispose: () => {}
  }
}
