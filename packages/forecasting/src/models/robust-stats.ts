/** Order statistics used by the robust models and the series checks. */

/** Median of the values (copied, input untouched); 0 for an empty input. */
export function median (values: ArrayLike<number>): number {
  return quantileOf(Float64Array.from(values).sort(), 0.5)
}

/** Linear-interpolated quantile of an ascending-sorted array (type 7, as R's default). */
export function quantileOf (sorted: ArrayLike<number>, level: number): number {
  const n = sorted.length
  if (n === 0) return 0
  const pos = (n - 1) * Math.min(Math.max(level, 0), 1)
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, n - 1)
  const a = sorted[lo] as number
  return a + (pos - lo) * ((sorted[hi] as number) - a)
}

/** Median absolute deviation scaled to a normal standard deviation. */
export function madScale (values: ArrayLike<number>, centre = median(values)): number {
  const dev = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs((values[i] as number) - centre)
  return 1.4826 * median(dev)
}
