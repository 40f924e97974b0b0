/**
 * The internal contract between an estimator and the quantile layer: an estimator produces
 * point forecasts only; `quantiles/calibrated-model.ts` turns it into a public `FittedModel`
 * with quantiles calibrated from the estimator's own out-of-sample errors.
 */
export interface PointModel {
  /** Fitted specification, e.g. `ETS(A,Ad,M)[24]`. */
  describe(): string
  /** Point forecasts for steps 1..horizon after the last absorbed observation (may be unclamped). */
  predict(horizon: number): Float64Array
  /** Absorbs observations appended after the last one, without re-estimating parameters. */
  update(values: ArrayLike<number>): void
}

export interface FitContext {
  /** Seasonal periods in steps that the history can support (at least two full cycles), ascending. */
  readonly seasonPeriods: readonly number[]
  /** Validation/calibration horizon in steps. */
  readonly horizon: number
  /** The series' step, for models defined in wall-clock terms (seasonal naive day/week). */
  readonly stepSeconds: number
}

/** Fits a point model on finite values (oldest first). */
export type PointFitter = (values: Float64Array, context: FitContext) => PointModel
