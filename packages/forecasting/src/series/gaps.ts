/**
 * Gap filling policy on a grid where missing slots are NaN:
 * - a gap of at most `maxInterpolate` steps is filled by linear interpolation between its
 *   neighbours (a short outage of a smooth load);
 * - a longer gap takes the value one season earlier (`season` steps) where that is known,
 *   so a missing hour of a daily cycle looks like yesterday's hour, and falls back to linear
 *   interpolation where it is not;
 * - a gap at either end takes the nearest known value.
 * Returns the length of the longest gap.
 */
export function fillGaps (grid: Float64Array, maxInterpolate: number, season: number | undefined): number {
  const n = grid.length
  let longest = 0
  let t = 0
  while (t < n) {
    if (!Number.isNaN(grid[t] as number)) {
      t++
      continue
    }
    let end = t
    while (end < n && Number.isNaN(grid[end] as number)) end++
    const length = end - t
    longest = Math.max(longest, length)
    const before = t > 0 ? grid[t - 1] as number : Number.NaN
    const after = end < n ? grid[end] as number : Number.NaN
    for (let k = t; k < end; k++) {
      const seasonal = season !== undefined && length > maxInterpolate && k >= season ? grid[k - season] as number : Number.NaN
      if (!Number.isNaN(seasonal)) grid[k] = seasonal
      else if (Number.isNaN(before)) grid[k] = after
      else if (Number.isNaN(after)) grid[k] = before
      else grid[k] = before + (after - before) * (k - t + 1) / (length + 1)
    }
    t = end
  }
  return longest
}
