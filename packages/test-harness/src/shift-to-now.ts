import type { Series } from './series.js'

export interface ShiftOptions {
  /** The sampling step in ms; the shifted history ends on a multiple of it. */
  stepMs: number
  /** Injected clock, default `Date.now()`. */
  now?: number
}

/**
 * Moves historical series forward in time, all by the same offset, so that the latest sample
 * lands on the last step boundary at or before `now`. Real data sets (recorded years ago)
 * become recent history that `query_range` over "the last N days" finds. Values are unchanged.
 * Never ends in the future: Prometheus would then reject newer scrapes as out of bounds.
 */
export function shiftToNow (series: readonly Series[], { stepMs, now = Date.now() }: ShiftOptions): Series[] {
  if (!Number.isSafeInteger(stepMs) || stepMs <= 0) throw new Error(`stepMs must be a positive integer, got ${stepMs}`)
  let latest = -Infinity
  for (const one of series) {
    for (const sample of one.samples) latest = Math.max(latest, sample.timestamp)
  }
  if (latest === -Infinity) throw new Error('shiftToNow needs at least one sample')
  const offset = Math.floor(now / stepMs) * stepMs - latest
  return series.map((one) => ({
    ...one,
    samples: one.samples.map((sample) => ({ timestamp: sample.timestamp + offset, value: sample.value }))
  }))
}
