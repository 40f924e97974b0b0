import type { Combine } from '../ensemble.js'
import type { Backtest } from '../rolling-origin.js'
import { errorUnit } from '../../quantiles/error-unit.js'

/** A choice `auto` can make: one candidate, or a mean/median of several. */
export interface Selection {
  readonly members: readonly number[]
  readonly combine: Combine
}

export interface Origin {
  /** Per candidate, its forecast from this origin. */
  readonly forecasts: Float64Array[]
  /** Actual values as they arrive (NaN until then). */
  readonly actual: Float64Array
}

/** Origins kept for scoring: old behaviour stops counting once the series has moved on. */
const MAX_ORIGINS = 120
/** Combinations are formed from the best few single candidates only. */
const TOP_FOR_COMBINATIONS = 4

/**
 * Every candidate's forecasts from a common set of origins together with the actual values,
 * so single candidates and combinations are scored on exactly the same errors. Seeded from
 * the rolling-origin backtests at fit time and extended online by `auto`'s updates.
 */
export class Scoreboard {
  readonly #origins: Origin[] = []
  readonly #horizon: number

  constructor (backtests: readonly Backtest[], horizon: number) {
    this.#horizon = horizon
    const count = backtests[0]?.forecasts.length ?? 0
    for (let o = 0; o < count; o++) {
      this.#origins.push({
        forecasts: backtests.map((b) => b.forecasts[o] as Float64Array),
        actual: Float64Array.from((backtests[0] as Backtest).actuals[o] as Float64Array)
      })
    }
  }

  /** Opens a new origin with each candidate's forecast; returns a sink for arriving values. */
  open (forecasts: Float64Array[]): Origin {
    const origin = { forecasts, actual: new Float64Array(this.#horizon).fill(Number.NaN) }
    this.#origins.push(origin)
    if (this.#origins.length > MAX_ORIGINS) this.#origins.shift()
    return origin
  }

  /** Mean absolute error of a selection over every scored (origin, step) of the chosen origins. */
  score (selection: Selection, use: (index: number) => boolean = () => true): number {
    let sum = 0
    let count = 0
    const column = new Float64Array(selection.members.length)
    // Scoring runs for every subset at every choice: combine step by step without allocating.
    for (const [index, origin] of this.#origins.entries()) {
      if (!use(index)) continue
      for (let h = 0; h < this.#horizon; h++) {
        const a = origin.actual[h] as number
        if (Number.isNaN(a)) continue
        sum += Math.abs(a - combineAt(origin.forecasts, selection, h, column))
        count++
      }
    }
    return count > 0 ? sum / count : Number.POSITIVE_INFINITY
  }

  /**
   * Errors of the selection procedure itself, for quantile calibration: the choice made on some
   * origins is scored on the others, and vice versa. The errors of the winner on the very origins
   * that made it win are optimistic (selection bias) and would give too narrow quantiles. Origins
   * are split into alternating blocks about one horizon long so the two sides barely overlap.
   */
  honestErrorsByStep (candidateCount: number, stride: number, floor: number): number[][] {
    const block = Math.max(1, Math.ceil(this.#horizon / stride))
    const side = (index: number): number => Math.floor(index / block) % 2
    const byStep: number[][] = Array.from({ length: this.#horizon }, () => [])
    for (const fold of [0, 1]) {
      const chosen = this.best(candidateCount, (i) => side(i) === fold)
      this.#collectErrors(chosen, (i) => side(i) !== fold, byStep, floor)
    }
    return byStep
  }

  #collectErrors (selection: Selection, use: (index: number) => boolean, byStep: number[][], floor: number): void {
    const column = new Float64Array(selection.members.length)
    for (const [index, origin] of this.#origins.entries()) {
      if (!use(index)) continue
      for (let h = 0; h < this.#horizon; h++) {
        const a = origin.actual[h] as number
        if (Number.isNaN(a)) continue
        const f = combineAt(origin.forecasts, selection, h, column)
        ;(byStep[h] as number[]).push((a - f) / errorUnit(f, floor))
      }
    }
  }

  /**
   * The best-scoring selection among the single candidates and the mean and median of every
   * subset (of two or more) of the best four. Ties go to the earlier, simpler choice.
   */
  best (candidateCount: number, use: (index: number) => boolean = () => true): Selection {
    const singles = Array.from({ length: candidateCount }, (_, i) => ({ members: [i], combine: 'mean' as Combine }))
    const scored = singles.map((s) => ({ s, score: this.score(s, use) })).sort((a, b) => a.score - b.score)
    let best = scored[0] ?? { s: { members: [0], combine: 'mean' as Combine }, score: Number.POSITIVE_INFINITY }
    const top = scored.slice(0, TOP_FOR_COMBINATIONS).filter((x) => Number.isFinite(x.score)).map((x) => x.s.members[0] as number)
    for (let mask = 1; mask < 1 << top.length; mask++) {
      const members = top.filter((_, i) => (mask & (1 << i)) !== 0)
      if (members.length < 2) continue
      for (const combine of ['mean', 'median'] as const) {
        if (combine === 'median' && members.length < 3) continue
        const s = { members, combine }
        const score = this.score(s, use)
        if (score < best.score) best = { s, score }
      }
    }
    return best.s
  }
}

/** The selection's forecast at step h: one member's, or the mean / median of its members' (column is scratch). */
function combineAt (forecasts: readonly Float64Array[], selection: Selection, h: number, column: Float64Array): number {
  const members = selection.members
  if (members.length === 1) return (forecasts[members[0] as number] as Float64Array)[h] as number
  for (let k = 0; k < members.length; k++) column[k] = (forecasts[members[k] as number] as Float64Array)[h] as number
  if (selection.combine === 'mean') {
    let sum = 0
    for (const v of column) sum += v
    return sum / column.length
  }
  column.sort()
  const mid = column.length >> 1
  return column.length % 2 === 1 ? column[mid] as number : ((column[mid - 1] as number) + (column[mid] as number)) / 2
}
