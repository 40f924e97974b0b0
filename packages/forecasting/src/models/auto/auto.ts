import type { FittedModel, ModelFactory, ModelFitOptions, Series } from '../../model.js'
import { calibratedModel } from '../../quantiles/calibrated-model.js'
import { unitFloor } from '../../quantiles/error-unit.js'
import { assertPrepared } from '../../series/assert-prepared.js'
import { fitBaseline } from '../baseline.js'
import { combinedModel } from '../ensemble.js'
import { fitContext } from '../fit-context.js'
import type { PointModel } from '../point-model.js'
import { planHoldout, rollingOrigin } from '../rolling-origin.js'
import type { Backtest, HoldoutPlan } from '../rolling-origin.js'
import { ceilingFor, sanitizeForecast } from '../sanitize.js'
import { candidatesFor } from './candidates.js'
import type { Candidate } from './candidates.js'
import { Scoreboard } from './scoreboard.js'
import type { Origin, Selection } from './scoreboard.js'

/**
 * `auto`: per series, every candidate is fitted once before a holdout and walked through it by
 * rolling origin; the single candidate or mean/median combination with the lowest MAE over
 * those origins is chosen. The walked-through candidate models are already current at the end
 * of the history, so they serve directly (no second fit). Online, `update` keeps every
 * candidate current, keeps scoring them from new origins, and re-runs the choice every
 * `reevaluateEvery` steps (four horizons), so the choice follows the series.
 */
export const autoFactory: ModelFactory = {
  name: 'auto',
  fit (history: Series, options?: ModelFitOptions): FittedModel {
    assertPrepared(history)
    const values = history.values
    const context = fitContext(history, options)
    const plan = planHoldout(values.length, context)
    if (plan === undefined) return calibratedModel('auto', fitBaseline(values, context), values, [], context.horizon)
    const fitted: { candidate: Candidate, model: PointModel, backtest: Backtest }[] = []
    for (const candidate of candidatesFor(values, context)) {
      try {
        const { model, backtest } = rollingOrigin(values, candidate.fitter, context, plan)
        fitted.push({ candidate, model, backtest })
      } catch {
        // A candidate that cannot be estimated on this history simply does not compete.
      }
    }
    if (fitted.length === 0) return calibratedModel('auto', fitBaseline(values, context), values, [], context.horizon)
    const board = new Scoreboard(fitted.map((f) => f.backtest), plan.horizon)
    const point = new AutoPoint(fitted.map((f) => f.model), board, plan, ceilingFor(values), values[values.length - 1] ?? 0)
    return calibratedModel('auto', point, values, board.honestErrorsByStep(fitted.length, plan.stride, unitFloor(values)), context.horizon)
  }
}

class AutoPoint implements PointModel {
  selection: Selection
  readonly #members: readonly PointModel[]
  readonly #board: Scoreboard
  readonly #plan: HoldoutPlan
  readonly #ceiling: number
  #last: number
  #open: { origin: Origin, seen: number }[] = []
  #sinceOrigin = 0
  #sinceChoice = 0

  constructor (members: readonly PointModel[], board: Scoreboard, plan: HoldoutPlan, ceiling: number, last: number) {
    this.#members = members
    this.#board = board
    this.#plan = plan
    this.#ceiling = ceiling
    this.#last = last
    this.selection = board.best(members.length)
  }

  describe (): string {
    const chosen = this.selection.members.map((i) => (this.#members[i] as PointModel).describe())
    return chosen.length === 1 ? chosen[0] as string : `${this.selection.combine}(${chosen.join(', ')})`
  }

  predict (horizon: number): Float64Array {
    return combinedModel(this.selection.members.map((i) => this.#members[i] as PointModel), this.selection.combine).predict(horizon)
  }

  update (next: ArrayLike<number>): void {
    for (let i = 0; i < next.length; i++) {
      const v = next[i] as number
      for (const m of this.#members) m.update([v])
      for (const o of this.#open) o.origin.actual[o.seen++] = v
      this.#open = this.#open.filter((o) => o.seen < this.#plan.horizon)
      this.#last = v
      if (++this.#sinceOrigin >= this.#plan.stride) {
        this.#sinceOrigin = 0
        const forecasts = this.#members.map((m) => sanitizeForecast(m.predict(this.#plan.horizon), this.#last, this.#ceiling))
        this.#open.push({ origin: this.#board.open(forecasts), seen: 0 })
      }
      if (++this.#sinceChoice >= 4 * this.#plan.horizon) {
        this.#sinceChoice = 0
        this.selection = this.#board.best(this.#members.length)
      }
    }
  }
}
