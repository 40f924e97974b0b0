export interface OnlineAccuracyOptions {
  /** The quantile whose coverage is tracked. */
  quantileLevel: number
  /** Only predictions made at least this long before their time are scored (the planning lead). */
  minLeadMs: number
  /** Matched points kept in the rolling window. */
  windowPoints: number
  /** Rolling WAPE above which the workload plans reactively. */
  threshold: number
  /** Matched points needed before the threshold is applied. */
  minSamples: number
}

/** Rolling accuracy of past forecasts (the shape of the forecaster's `ForecastAccuracy`). */
export interface OnlineAccuracySummary {
  /** Σ|actual − forecast| / Σ actual over the window; null before any point is scored. */
  wape: number | null
  /** Share of actuals at or under the tracked quantile; null before any point is scored. */
  coverage: number | null
  quantileLevel: number
  /** Points scored in the window. */
  samples: number
}

interface Scored { absError: number, actual: number, covered: boolean }

/**
 * Scores past forecasts against actuals as they arrive. For each future time it keeps the most
 * recent prediction made at least `minLeadMs` ahead, so the error is the one the planner lived
 * with. Reports rolling WAPE and quantile coverage and whether to fall back to reactive mode.
 */
export class OnlineAccuracy {
  private readonly pending = new Map<number, { mean: number, upper: number }>()
  private readonly window: Scored[] = []

  constructor (private readonly options: OnlineAccuracyOptions) {}

  /** Remembers a forecast issued at `issuedAt` with points at `start + k * stepMs`. */
  record (issuedAt: number, start: number, stepMs: number, mean: ArrayLike<number>, upper: ArrayLike<number>): void {
    for (let k = 0; k < mean.length; k++) {
      const t = start + k * stepMs
      if (t - issuedAt >= this.options.minLeadMs) this.pending.set(t, { mean: mean[k] as number, upper: upper[k] as number })
    }
  }

  /** Scores the actuals that have a pending prediction; drops predictions the actuals passed. */
  observe (timestamps: readonly number[], values: readonly number[]): void {
    timestamps.forEach((t, i) => {
      const predicted = this.pending.get(t)
      if (predicted === undefined) return
      const actual = values[i] as number
      this.window.push({ absError: Math.abs(actual - predicted.mean), actual, covered: actual <= predicted.upper })
      if (this.window.length > this.options.windowPoints) this.window.shift()
    })
    const latest = timestamps.at(-1)
    if (latest === undefined) return
    for (const t of this.pending.keys()) if (t <= latest) this.pending.delete(t)
  }

  summary (): OnlineAccuracySummary {
    const samples = this.window.length
    if (samples === 0) return { wape: null, coverage: null, quantileLevel: this.options.quantileLevel, samples }
    let abs = 0
    let actual = 0
    let covered = 0
    for (const s of this.window) {
      abs += s.absError
      actual += s.actual
      if (s.covered) covered++
    }
    // All-zero actuals: a perfect zero forecast is 0 error, anything else is unbounded (reported as the abs error).
    const wape = actual > 0 ? abs / actual : abs
    return { wape, coverage: covered / samples, quantileLevel: this.options.quantileLevel, samples }
  }

  /** True when enough points were scored and the rolling error is over the threshold. */
  get reactive (): boolean {
    const { wape, samples } = this.summary()
    return samples >= this.options.minSamples && wape !== null && wape > this.options.threshold
  }
}
