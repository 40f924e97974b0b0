import { centredMovingAverage } from '../moving-average.js'

interface Decomposition {
  /** Per period, the latest seasonal index for each absolute phase (index = t mod period). */
  readonly profiles: Float64Array[]
  /** The series with every seasonal component removed (trend + remainder). */
  readonly adjusted: Float64Array
}

/** MSTL alternates over the periods this many times (Bandara et al. 2021 use 2). */
const ITERATIONS = 2

/**
 * MSTL-style multi-seasonal decomposition (Bandara, Hyndman & Bergmeir 2021) with the loess
 * steps replaced by cheaper filters that keep its structure: for each period, shortest first,
 * add its component back, remove a centred moving-average trend, smooth each cycle-subseries
 * with an exponentially weighted mean across cycles (so the pattern may drift), and remove it
 * again. Linear in the length, so a two-week minute series decomposes in a few milliseconds.
 */
export function mstlDecompose (values: Float64Array, periods: readonly number[]): Decomposition {
  const n = values.length
  const adjusted = Float64Array.from(values)
  const components = periods.map(() => new Float64Array(n))
  for (let iter = 0; iter < ITERATIONS; iter++) {
    periods.forEach((period, i) => {
      const component = components[i] as Float64Array
      for (let t = 0; t < n; t++) adjusted[t] = (adjusted[t] as number) + (component[t] as number)
      const trend = centredMovingAverage(adjusted, period)
      smoothCycleSubseries(adjusted, trend, period, component)
      for (let t = 0; t < n; t++) adjusted[t] = (adjusted[t] as number) - (component[t] as number)
    })
  }
  const profiles = periods.map((period, i) => {
    const component = components[i] as Float64Array
    const profile = new Float64Array(period)
    for (let t = Math.max(0, n - period); t < n; t++) profile[t % period] = component[t] as number
    return profile
  })
  return { profiles, adjusted }
}

/**
 * Writes into `out` the seasonal component: per phase, an EWMA over cycles of the detrended
 * values (weight on the newest cycle between 0.15 and 0.5, higher when there are few cycles),
 * centred so each cycle's indices average zero. Where the trend is undefined (series edges) the
 * previous estimate carries over.
 */
function smoothCycleSubseries (values: Float64Array, trend: Float64Array, period: number, out: Float64Array): void {
  const n = values.length
  const cycles = n / period
  const weight = Math.min(0.5, Math.max(0.15, 2 / (cycles + 1)))
  const state = new Float64Array(period).fill(Number.NaN)
  // Seed each phase with the mean of its first detrended values so early cycles are not biased.
  for (let j = 0; j < period; j++) {
    let sum = 0
    let count = 0
    for (let t = j; t < n && count < 3; t += period) {
      const tr = trend[t] as number
      if (!Number.isNaN(tr)) {
        sum += (values[t] as number) - tr
        count++
      }
    }
    state[j] = count > 0 ? sum / count : 0
  }
  for (let t = 0; t < n; t++) {
    const j = t % period
    const tr = trend[t] as number
    if (!Number.isNaN(tr)) state[j] = (state[j] as number) + weight * ((values[t] as number) - tr - (state[j] as number))
    out[t] = state[j] as number
  }
  // Centre: subtract the running one-period mean of the component so it carries no level.
  const centre = centredMovingAverage(out, period)
  let lastCentre = 0
  let firstCentre = Number.NaN
  for (let t = 0; t < n; t++) if (!Number.isNaN(centre[t] as number)) { firstCentre = centre[t] as number; break }
  for (let t = 0; t < n; t++) {
    const c = centre[t] as number
    if (!Number.isNaN(c)) lastCentre = c
    out[t] = (out[t] as number) - (Number.isNaN(c) ? (t < n / 2 && !Number.isNaN(firstCentre) ? firstCentre : lastCentre) : c)
  }
}
