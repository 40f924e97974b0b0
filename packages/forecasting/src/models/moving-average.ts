/**
 * Centred moving average over one period (a 2 x m average for even m), the classical
 * decomposition trend: it removes an m-periodic pattern exactly. Edges where the window does
 * not fit are NaN.
 */
export function centredMovingAverage (values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length
  const out = new Float64Array(n).fill(Number.NaN)
  const prefix = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (values[i] as number)
  const half = Math.floor(period / 2)
  for (let t = half; t + half < n; t++) {
    if (period % 2 === 1) {
      out[t] = ((prefix[t + half + 1] as number) - (prefix[t - half] as number)) / period
    } else {
      const inner = (prefix[t + half] as number) - (prefix[t - half + 1] as number)
      out[t] = (inner + 0.5 * ((values[t - half] as number) + (values[t + half] as number))) / period
    }
  }
  return out
}
