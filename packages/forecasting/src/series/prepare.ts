import type { Series } from '../model.js'
import { median } from '../models/robust-stats.js'
import { fillGaps } from './gaps.js'
import { clipOutliers } from './outliers.js'
import { SeriesError } from './series-error.js'

export interface RawSeries {
  /** Sample times in epoch milliseconds, any order. */
  readonly timestamps: ArrayLike<number>
  readonly values: ArrayLike<number>
}

export interface PrepareOptions {
  /** Grid step; inferred as the median spacing of distinct timestamps when omitted. */
  readonly stepSeconds?: number
  /** Gaps up to this many steps are interpolated linearly (default 5); longer ones use the value one day earlier. */
  readonly maxInterpolateSteps?: number
  /** Refuse the series when more than this fraction of the grid is missing (default 0.2). */
  readonly maxMissingFraction?: number
  /** Clip isolated spikes (Hampel filter, see outliers.ts); off by default. */
  readonly clipOutliers?: boolean
}

export interface PreparationReport {
  /** Samples received. */
  readonly samples: number
  /** Input timestamps were not in increasing order (they were sorted). */
  readonly reordered: boolean
  /** Samples that shared a grid slot with another sample (the slot takes their mean). */
  readonly merged: number
  /** Grid slots filled by the gap policy. */
  readonly filled: number
  readonly longestGapSteps: number
  readonly clipped: number
}

export interface PreparedSeries {
  readonly series: Series
  readonly report: PreparationReport
}

/**
 * Puts raw samples on a regular grid ready for any model, or throws a `SeriesError` naming
 * what is wrong. Rules: values must be finite and non-negative (NaN/Infinity never reach a
 * model); timestamps are sorted if needed; each sample is snapped to the nearest grid slot
 * counted from the first timestamp, and samples sharing a slot (duplicated timestamps, jitter,
 * finer data) are averaged; empty slots are filled by the gap policy (gaps.ts) unless more
 * than `maxMissingFraction` of the grid is empty.
 */
export function prepareSeries (raw: RawSeries, options: PrepareOptions = {}): PreparedSeries {
  const n = raw.values.length
  if (n === 0) throw new SeriesError('EMPTY_SERIES', 'the series has no samples')
  if (raw.timestamps.length !== n) {
    throw new SeriesError('LENGTH_MISMATCH', `${raw.timestamps.length} timestamps for ${n} values`)
  }
  const order = Array.from({ length: n }, (_, i) => i)
  let reordered = false
  for (let i = 0; i < n; i++) {
    const t = raw.timestamps[i] as number
    const v = raw.values[i] as number
    if (!Number.isFinite(t)) throw new SeriesError('INVALID_TIMESTAMP', `timestamp #${i} is not a finite time (${String(t)})`)
    if (!Number.isFinite(v)) throw new SeriesError('NON_FINITE_VALUE', `value #${i} at ${isoTime(t)} is ${String(v)}`)
    if (v < 0) throw new SeriesError('NEGATIVE_VALUE', `value #${i} at ${isoTime(t)} is negative (${v}); load must be >= 0`)
    if (i > 0 && t < (raw.timestamps[i - 1] as number)) reordered = true
  }
  if (reordered) order.sort((a, b) => (raw.timestamps[a] as number) - (raw.timestamps[b] as number))
  const times = Float64Array.from(order, (i) => raw.timestamps[i] as number)
  const values = Float64Array.from(order, (i) => raw.values[i] as number)

  const stepMs = 1000 * (options.stepSeconds ?? inferStepSeconds(times))
  if (!Number.isFinite(stepMs) || stepMs <= 0) {
    throw new SeriesError('INVALID_STEP', `step must be a positive number of seconds (got ${stepMs / 1000})`)
  }
  const start = times[0] as number
  const slots = Math.round(((times[n - 1] as number) - start) / stepMs) + 1
  const maxMissing = options.maxMissingFraction ?? 0.2
  // Checked before allocating, so a wrong step cannot allocate a huge grid.
  if (slots > Math.max(n, 1) / (1 - Math.min(maxMissing, 0.999))) {
    throw new SeriesError('MOSTLY_GAPS', `${n} samples cover ${slots} steps of ${stepMs / 1000}s: more than ${Math.round(maxMissing * 100)}% of the grid is missing`)
  }
  // Running means, not sums: two samples near the largest double must not add up to Infinity.
  const means = new Float64Array(slots)
  const counts = new Uint32Array(slots)
  for (let i = 0; i < n; i++) {
    const slot = Math.round(((times[i] as number) - start) / stepMs)
    const c = (counts[slot] as number) + 1
    counts[slot] = c
    means[slot] = (means[slot] as number) + ((values[i] as number) - (means[slot] as number)) / c
  }
  const grid = new Float64Array(slots)
  let filled = 0
  let merged = 0
  for (let s = 0; s < slots; s++) {
    const c = counts[s] as number
    if (c === 0) filled++
    if (c > 1) merged += c
    grid[s] = c === 0 ? Number.NaN : means[s] as number
  }
  if (filled / slots > maxMissing) {
    throw new SeriesError('MOSTLY_GAPS', `${filled} of ${slots} steps are missing (more than ${Math.round(maxMissing * 100)}%)`)
  }
  const day = Math.round(86_400_000 / stepMs)
  const longestGapSteps = fillGaps(grid, options.maxInterpolateSteps ?? 5, day >= 2 ? day : undefined)
  const clipped = options.clipOutliers === true ? clipOutliers(grid) : 0
  return {
    series: { start, stepSeconds: stepMs / 1000, values: grid },
    report: { samples: n, reordered, merged, filled, longestGapSteps, clipped }
  }
}

/** Scrape and export intervals people use; a jittered median spacing snaps to the nearest within 10%. */
const COMMON_STEPS = [1, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]

/**
 * Median spacing of distinct timestamps in whole seconds (at least one), snapped to a common
 * interval (15 s, 1 min, 5 min, 1 h, ...) when within 10% of it, so jittered scrapes land on
 * their nominal grid.
 */
export function inferStepSeconds (sortedTimes: Float64Array): number {
  const diffs: number[] = []
  for (let i = 1; i < sortedTimes.length; i++) {
    const d = (sortedTimes[i] as number) - (sortedTimes[i - 1] as number)
    if (d > 0) diffs.push(d)
  }
  if (diffs.length === 0) {
    throw new SeriesError('TOO_SHORT', 'cannot infer the step from fewer than two distinct timestamps; pass stepSeconds')
  }
  const seconds = median(diffs) / 1000
  const common = COMMON_STEPS.find((c) => Math.abs(seconds - c) <= 0.1 * c)
  return common ?? Math.max(1, Math.round(seconds))
}

function isoTime (ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms)
}
