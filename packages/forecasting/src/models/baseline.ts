import { Growable } from './growable.js'
import type { PointFitter } from './point-model.js'
import { median, quantileOf } from './robust-stats.js'

/** Cycles the seasonal profile is taken from (a week of daily cycles). */
const PROFILE_CYCLES = 7

/**
 * `baseline` (Kedastral's default name): a robust level plus a seasonal profile, with no trend
 * term, so it cannot run away. The profile is the per-phase median, over the last 7 cycles of
 * the shortest season, of each value's deviation from its cycle mean (lightly smoothed); the
 * level is the median of the last few seasonally adjusted values. Forecasts stay within
 * 1.5x the largest value it has seen in its window.
 */
export const fitBaseline: PointFitter = (values, context) => {
  const period = context.seasonPeriods[0] ?? 1
  const seasonal = period > 1
  const buffer = new Growable(values, seasonal ? (PROFILE_CYCLES + 1) * period : 64)
  let total = values.length
  let profile: Float64Array = new Float64Array(period)
  let stale = true
  let sinceRefresh = 0
  // Re-deriving the profile costs a median per phase; four times a season is fresh enough
  // (the level, re-estimated at every forecast, follows faster changes).
  const refreshEvery = Math.max(1, Math.floor(period / 4))
  const levelWindow = seasonal ? Math.min(Math.max(Math.round(period / 24), 3), 60) : 5

  let ceiling = 0
  const refresh = (): void => {
    if (!stale) return
    stale = false
    if (seasonal) profile = seasonalProfile(buffer.view(), total, period)
    ceiling = 0
    for (const v of buffer.view()) if (v > ceiling) ceiling = v
  }

  return {
    describe: () => seasonal ? `baseline[${period}]` : 'baseline',
    predict (horizon) {
      refresh()
      const recent = buffer.view()
      const count = Math.min(levelWindow, recent.length)
      const adjusted = new Float64Array(count)
      for (let k = 0; k < count; k++) {
        ceiling = Math.max(ceiling, recent[recent.length - 1 - k] as number)
        const abs = total - 1 - k
        adjusted[k] = (recent[recent.length - 1 - k] as number) - (profile[abs % period] as number)
      }
      const level = median(adjusted)
      const out = new Float64Array(horizon)
      for (let h = 0; h < horizon; h++) {
        out[h] = Math.min(level + (profile[(total + h) % period] as number), 1.5 * ceiling)
      }
      return out
    },
    update (next) {
      for (let i = 0; i < next.length; i++) buffer.push(next[i] as number)
      total += next.length
      sinceRefresh += next.length
      if (sinceRefresh >= refreshEvery) {
        sinceRefresh = 0
        stale = true
      }
    }
  }
}

/** Per-phase (absolute index mod period) median deviation from the cycle mean, zero-mean. */
function seasonalProfile (recent: Float64Array, total: number, period: number): Float64Array {
  const cycles = Math.min(PROFILE_CYCLES, Math.floor(recent.length / period))
  const profile = new Float64Array(period)
  if (cycles === 0) return profile
  const start = recent.length - cycles * period
  // One block per phase, `cycles` long, sorted in place: no allocation per phase.
  const deviations = new Float64Array(period * cycles)
  for (let c = 0; c < cycles; c++) {
    const from = start + c * period
    let mean = 0
    for (let j = 0; j < period; j++) mean += recent[from + j] as number
    mean /= period
    for (let j = 0; j < period; j++) {
      const abs = total - recent.length + from + j
      deviations[(abs % period) * cycles + c] = (recent[from + j] as number) - mean
    }
  }
  const raw = new Float64Array(period)
  for (let j = 0; j < period; j++) raw[j] = quantileOf(deviations.subarray(j * cycles, (j + 1) * cycles).sort(), 0.5)
  // A short circular moving average keeps one noisy minute from shaping tomorrow's forecast.
  const half = Math.floor(period / 192)
  let total2 = 0
  for (let j = 0; j < period; j++) {
    let sum = 0
    for (let k = -half; k <= half; k++) sum += raw[(j + k + period) % period] as number
    profile[j] = sum / (2 * half + 1)
    total2 += profile[j] as number
  }
  const mean = total2 / period
  for (let j = 0; j < period; j++) profile[j] = (profile[j] as number) - mean
  return profile
}
