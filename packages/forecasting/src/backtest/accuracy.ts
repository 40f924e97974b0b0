import type { Forecast } from '../model.js'
import { pinballLoss, smapeTerm } from './metrics.js'

export interface AccuracySummary {
  /** Number of forecast origins evaluated. */
  readonly origins: number
  /** Mean over origins of MAE / scale. */
  readonly mase: number
  /** Mean over origins of sMAPE (0-200). */
  readonly smape: number
  /** Per quantile level: mean pinball loss divided by the MASE scale, so series compare. */
  readonly pinball: Readonly<Record<string, number>>
  /** Per quantile level: share of actuals at or below the forecast quantile (nominal = level). */
  readonly coverage: Readonly<Record<string, number>>
}

/** Accumulates forecast errors origin by origin; `summary()` at the end. */
export class AccuracyAccumulator {
  private origins = 0
  private maseSum = 0
  private smapeSum = 0
  private points = 0
  private readonly pinballSum = new Map<number, number>()
  private readonly covered = new Map<number, number>()

  constructor (private readonly scale: number, private readonly levels: readonly number[]) {
    if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`MASE scale must be a finite number > 0, got ${scale}`)
    for (const level of levels) {
      this.pinballSum.set(level, 0)
      this.covered.set(level, 0)
    }
  }

  /** Adds one origin: `actual` are the values the forecast's points turned out to be. */
  add (actual: ArrayLike<number>, forecast: Forecast): void {
    const h = actual.length
    if (h === 0) return
    let absSum = 0
    let smapeSum = 0
    for (let i = 0; i < h; i++) {
      const y = actual[i] as number
      const f = forecast.mean[i] as number
      absSum += Math.abs(y - f)
      smapeSum += smapeTerm(y, f)
    }
    for (const level of this.levels) {
      const q = forecast.quantiles[String(level)]
      if (q === undefined) throw new RangeError(`forecast has no quantile ${level}`)
      let loss = 0
      let covered = 0
      for (let i = 0; i < h; i++) {
        const y = actual[i] as number
        loss += pinballLoss(y, q[i] as number, level)
        if (y <= (q[i] as number)) covered++
      }
      this.pinballSum.set(level, (this.pinballSum.get(level) ?? 0) + loss)
      this.covered.set(level, (this.covered.get(level) ?? 0) + covered)
    }
    this.origins++
    this.points += h
    this.maseSum += absSum / h / this.scale
    this.smapeSum += smapeSum / h
  }

  summary (): AccuracySummary {
    const perLevel = (sums: Map<number, number>, divisor: number): Record<string, number> =>
      Object.fromEntries(this.levels.map((level) => [String(level), (sums.get(level) ?? 0) / divisor]))
    return {
      origins: this.origins,
      mase: this.maseSum / this.origins,
      smape: this.smapeSum / this.origins,
      pinball: perLevel(this.pinballSum, this.points * this.scale),
      coverage: perLevel(this.covered, this.points)
    }
  }
}
