/**
 * The one interface every forecasting model implements. A series is a regular grid of
 * non-negative, finite values at `stepSeconds`; preparation (see series.ts) guarantees that
 * before anything reaches a model.
 */

/** A prepared series: values on a regular grid, oldest first; `start` is the first sample's time in ms. */
export interface Series {
  readonly start: number
  readonly stepSeconds: number
  readonly values: Float64Array
}

/** Quantile levels in (0, 1), e.g. 0.5, 0.9, 0.95, 0.99. Keys of `quantiles` are `String(level)`. */
export interface Forecast {
  readonly mean: Float64Array
  readonly quantiles: Readonly<Record<string, Float64Array>>
}

export interface FittedModel {
  /** Model name as exposed in config and metrics (`baseline`, `holt-winters`, `arima`, `mstl`, ...). */
  readonly name: string
  /** Human-readable description of the fitted specification, e.g. `ARIMA(1,1,1)(0,1,1)[24]`. */
  describe(): string
  /** Forecasts `horizonSteps` steps after the last observed point. Never NaN, Infinity or negative. */
  forecast(horizonSteps: number, quantileLevels: readonly number[]): Forecast
  /** Absorbs new observations (appended after the last point) without a full refit. */
  update(newValues: ArrayLike<number>): void
}

export interface ModelFitOptions {
  /** Seasonal periods in steps, longest last (e.g. [1440, 10080] at a 1-minute step). */
  readonly seasonPeriods?: readonly number[]
  /**
   * The horizon the caller will forecast, in steps. Models that validate or calibrate on their own
   * out-of-sample errors (rolling origin) use it as the validation horizon; optional, default 48.
   */
  readonly horizonSteps?: number
}

export interface ModelFactory {
  readonly name: string
  fit(history: Series, options?: ModelFitOptions): FittedModel
}
