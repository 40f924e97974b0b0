import { calibrateFromErrors } from './calibrator.js'
import type { Calibrator } from './calibrator.js'
import { errorUnit } from './error-unit.js'

/** Newest errors kept per step: the calibration follows the last few hundred origins. */
const MAX_ERRORS_PER_STEP = 500

/**
 * The out-of-sample errors a fitted model has made, by step: seeded from its rolling-origin
 * backtest at fit time, then extended online by scoring the forecasts it issues every
 * `stride` updates against the values that arrive.
 */
export class ErrorBook {
  readonly #byStep: number[][]
  readonly #horizon: number
  readonly #stride: number
  readonly #fallbackScale: number
  #pending: { forecast: Float64Array, seen: number }[] = []
  #sinceStart = 0
  #calibrator: Calibrator | undefined

  readonly #floor: number

  constructor (errors: readonly number[][], horizon: number, history: ArrayLike<number>, floor: number) {
    this.#floor = floor
    this.#horizon = horizon
    this.#stride = Math.max(1, Math.ceil(horizon / 4))
    this.#byStep = Array.from({ length: horizon }, (_, h) => (errors[h] ?? []).slice(-MAX_ERRORS_PER_STEP))
    this.#fallbackScale = oneStepScale(history) / errorUnit(meanOf(history), floor)
  }

  startTracking (forecast: Float64Array): void {
    this.#pending.push({ forecast, seen: 0 })
    this.#sinceStart = 0
  }

  /** Scores pending forecasts against one new value; true when a new forecast should start. */
  observe (value: number): boolean {
    for (const p of this.#pending) {
      const step = p.seen++
      if (step < this.#horizon) {
        const list = this.#byStep[step] as number[]
        list.push((value - (p.forecast[step] as number)) / errorUnit(p.forecast[step] as number, this.#floor))
        if (list.length > MAX_ERRORS_PER_STEP) list.shift()
      }
    }
    this.#pending = this.#pending.filter((p) => p.seen < this.#horizon)
    this.#calibrator = undefined
    this.#sinceStart++
    return this.#sinceStart >= this.#stride
  }

  calibrator (): Calibrator {
    this.#calibrator ??= calibrateFromErrors(this.#byStep, this.#fallbackScale)
    return this.#calibrator
  }
}

/** Mean absolute one-step change of the history: the scale used before any error is known. */
function oneStepScale (values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 1; i < values.length; i++) sum += Math.abs((values[i] as number) - (values[i - 1] as number))
  if (values.length > 1 && sum > 0) return sum / (values.length - 1)
  let level = 0
  for (let i = 0; i < values.length; i++) level += Math.abs(values[i] as number)
  return values.length > 0 && level > 0 ? 0.1 * level / values.length : 1
}

function meanOf (values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] as number
  return values.length > 0 ? sum / values.length : 0
}
