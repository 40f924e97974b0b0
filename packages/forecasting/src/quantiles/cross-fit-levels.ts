import { quantileOf } from '../models/robust-stats.js'

/**
 * An empirical quantile of past errors covers fresh errors less often than its level says when
 * the error law drifts or the sample is small (coverage is concave in the estimated quantile, so
 * misses do not cancel). Cross-fitting measures that shortfall on the errors themselves: the
 * quantile of one half is scored on the other half, both ways. Each half holds half the errors,
 * so it overstates the shortfall of a quantile taken from all of them: the estimation part
 * shrinks like 1/n, and half of the measured shortfall is added to the level (SHRINK).
 */
const SHRINK = 0.5
/** Levels at which the shortfall is measured; in between it is interpolated. */
const ANCHORS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const
/** Each half needs this many errors before its quantiles are trusted. */
const MIN_HALF = 40

/**
 * Returns the level to read from the pooled errors for a requested level: nondecreasing, in
 * (0, 1), the identity when the halves are too small. `older` and `newer` are the two halves of
 * the normalised errors, each sorted ascending.
 */
export function crossFitLevels (older: Float64Array, newer: Float64Array): (level: number) => number {
  if (older.length < MIN_HALF || newer.length < MIN_HALF) return (level) => level
  const corrected: number[] = []
  for (const level of ANCHORS) {
    const cover = (coverage(newer, quantileOf(older, level)) + coverage(older, quantileOf(newer, level))) / 2
    const target = Math.min(1 - 1e-4, Math.max(1e-4, level + SHRINK * (level - cover)))
    // A running maximum keeps the mapping nondecreasing, so quantiles never cross.
    corrected.push(Math.max(target, corrected.at(-1) ?? 0))
  }
  const first = ANCHORS[0]
  const last = ANCHORS[ANCHORS.length - 1] as number
  const lowRatio = (corrected[0] as number) / first
  const highRatio = (1 - (corrected[corrected.length - 1] as number)) / (1 - last)
  return (level) => {
    // Beyond the anchors the tail probability is scaled by the end anchor's ratio.
    if (level <= first) return level * lowRatio
    if (level >= last) return 1 - (1 - level) * highRatio
    let i = 1
    while ((ANCHORS[i] as number) < level) i++
    const a = ANCHORS[i - 1] as number
    const b = ANCHORS[i] as number
    const ca = corrected[i - 1] as number
    return ca + (level - a) / (b - a) * ((corrected[i] as number) - ca)
  }
}

/** Share of a sorted sample at or below x (binary search). */
function coverage (sorted: Float64Array, x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo / sorted.length
}
