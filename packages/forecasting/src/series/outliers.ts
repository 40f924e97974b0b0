import { madScale, median } from '../models/robust-stats.js'

/**
 * Hampel-style clipping: each value is pulled back to within `k` robust standard deviations
 * (1.4826 x MAD) of the median of the `window` values centred on it. Spikes a few samples wide
 * are clipped; level shifts wider than half the window are not. Returns how many were clipped.
 */
export function clipOutliers (values: Float64Array, window = 31, k = 6): number {
  const n = values.length
  const half = Math.floor(window / 2)
  if (n < window) return 0
  const source = Float64Array.from(values)
  let clipped = 0
  for (let t = 0; t < n; t++) {
    const from = Math.min(Math.max(0, t - half), n - window)
    const slice = source.subarray(from, from + window)
    const centre = median(slice)
    const spread = madScale(slice, centre)
    if (spread === 0) continue
    const lo = centre - k * spread
    const hi = centre + k * spread
    const v = source[t] as number
    if (v < lo || v > hi) {
      values[t] = Math.min(Math.max(v, lo), hi)
      clipped++
    }
  }
  return clipped
}
