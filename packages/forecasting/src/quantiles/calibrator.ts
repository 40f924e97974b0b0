import { quantileOf } from '../models/robust-stats.js'
import { crossFitLevels } from './cross-fit-levels.js'
import { normalQuantile } from './normal.js'

/**
 * Turns out-of-sample forecast errors (actual - forecast), grouped by horizon step, into
 * quantile offsets at any level. Errors are normalised by a per-step scale (mean absolute
 * error, made non-decreasing in the step and lightly smoothed), pooled across steps so even
 * tail levels rest on many errors, and the empirical quantile of the pooled errors is scaled
 * back per step, read at the level corrected by cross-fitting the two halves of the errors
 * (`crossFitLevels`). Past the last step with errors the scale grows like sqrt(step); past the
 * most extreme level the errors resolve, the tail is extended with the normal shape.
 */
export interface Calibrator {
  /** Offset to add to the point forecast at `step` (1-based) for quantile `level` in (0, 1). */
  offset(level: number, step: number): number
}

/** At least this many errors per step before that step's own scale is trusted. */
const MIN_ERRORS_PER_STEP = 3

export function calibrateFromErrors (errorsByStep: readonly ArrayLike<number>[], fallbackScale: number): Calibrator {
  const steps = errorsByStep.length
  const rawScale = new Float64Array(steps)
  let known = 0
  for (let h = 0; h < steps; h++) {
    const errors = errorsByStep[h] as ArrayLike<number>
    if (errors.length < MIN_ERRORS_PER_STEP) break
    let sum = 0
    for (let i = 0; i < errors.length; i++) sum += Math.abs(errors[i] as number)
    rawScale[h] = sum / errors.length
    known = h + 1
  }
  const floor = Math.max(fallbackScale * 1e-3, 1e-9)
  if (known === 0) return normalCalibrator(Math.max(fallbackScale, floor))
  const scale = smoothScale(rawScale.subarray(0, known), floor)
  const pooled: number[] = []
  const halves: [number[], number[]] = [[], []]
  for (let h = 0; h < known; h++) {
    const errors = errorsByStep[h] as ArrayLike<number>
    const middle = Math.floor(errors.length / 2)
    for (let i = 0; i < errors.length; i++) {
      const z = (errors[i] as number) / (scale[h] as number)
      pooled.push(z)
      halves[i < middle ? 0 : 1].push(z)
    }
  }
  const sorted = Float64Array.from(pooled).sort()
  const levelFor = crossFitLevels(Float64Array.from(halves[0]).sort(), Float64Array.from(halves[1]).sort())
  const n = sorted.length
  let spread = 0
  for (const z of sorted) spread += z * z / n
  const sd = Math.sqrt(spread) || 1
  const lowest = 1 / (n + 1)
  const zQuantile = (level: number): number => {
    if (level < lowest) return quantileOf(sorted, 0) + sd * (normalQuantile(level) - normalQuantile(lowest))
    if (level > 1 - lowest) return quantileOf(sorted, 1) + sd * (normalQuantile(level) - normalQuantile(1 - lowest))
    return quantileOf(sorted, (level - lowest) / (1 - 2 * lowest))
  }
  const cache = new Map<number, number>()
  return {
    offset (level, step) {
      let z = cache.get(level)
      if (z === undefined) {
        z = zQuantile(levelFor(level))
        cache.set(level, z)
      }
      const h = Math.max(1, step)
      const s = h <= known ? (scale[h - 1] as number) : (scale[known - 1] as number) * Math.sqrt(h / known)
      return z * s
    }
  }
}

/** Non-decreasing (errors do not shrink with the horizon), then a 3-step moving average. */
function smoothScale (raw: Float64Array, floor: number): Float64Array {
  const mono = new Float64Array(raw.length)
  let running = floor
  for (let h = 0; h < raw.length; h++) {
    running = Math.max(running, raw[h] as number)
    mono[h] = running
  }
  const out = new Float64Array(raw.length)
  for (let h = 0; h < raw.length; h++) {
    const lo = Math.max(0, h - 1)
    const hi = Math.min(raw.length - 1, h + 1)
    let sum = 0
    for (let k = lo; k <= hi; k++) sum += mono[k] as number
    out[h] = sum / (hi - lo + 1)
  }
  return out
}

/** Without out-of-sample errors: a random-walk-like normal band from a one-step scale. */
function normalCalibrator (scale: number): Calibrator {
  return { offset: (level, step) => normalQuantile(level) * scale * Math.sqrt(Math.max(1, step)) }
}
