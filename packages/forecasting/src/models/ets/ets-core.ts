/**
 * Additive-error exponential smoothing recursions (Hyndman et al., "Forecasting with
 * Exponential Smoothing", 2008, table 2.1): ETS(A, N|A|Ad, N|A|M). The state is the level,
 * the (damped) trend and one seasonal index per phase, indexed by absolute time mod period.
 */
export type Trend = 'N' | 'A' | 'Ad'
export type Season = 'N' | 'A' | 'M'

export interface EtsSpec {
  readonly trend: Trend
  readonly season: Season
  readonly period: number
}

export interface EtsParams {
  readonly alpha: number
  readonly beta: number
  readonly gamma: number
  readonly phi: number
}

export interface EtsState {
  level: number
  trend: number
  readonly seasonal: Float64Array
  /** Absolute index of the next observation (selects its seasonal phase). */
  time: number
}

export function copyState (state: EtsState): EtsState {
  return { level: state.level, trend: state.trend, seasonal: Float64Array.from(state.seasonal), time: state.time }
}

/**
 * What a multiplicative model does when its base (level + damped trend) goes non-positive:
 * `reject` stops with Infinity (the optimiser's invalid region); `restart` takes the level back
 * from the observation, so a fitted model's updates go on through an outage's zeros.
 */
export type InvalidBase = 'reject' | 'restart'

// Under `restart`, an observation this many times its one-step forecast also restarts the level:
// after a long run of zeros the base is nearly zero, and the seasonal update (divided by it)
// would turn the first normal value into an index of millions.
const RESTART_RATIO = 1000

/**
 * Runs the recursions over `values`, mutating `state`; returns the sum of squared one-step
 * errors, or Infinity when a multiplicative model's base goes non-positive under `reject`.
 */
export function filterEts (spec: EtsSpec, params: EtsParams, state: EtsState, values: ArrayLike<number>, invalidBase: InvalidBase = 'reject'): number {
  const { alpha, beta, gamma } = params
  const phi = spec.trend === 'Ad' ? params.phi : 1
  const hasTrend = spec.trend !== 'N'
  const mult = spec.season === 'M'
  const seasonal = spec.season !== 'N'
  const m = spec.period
  const s = state.seasonal
  let { level, trend, time } = state
  let sse = 0
  for (let i = 0; i < values.length; i++) {
    const y = values[i] as number
    const phiB = hasTrend ? phi * trend : 0
    const base = level + phiB
    const phase = time % m
    const st = seasonal ? (s[phase] as number) : (mult ? 1 : 0)
    let e: number
    if (mult && (base <= 0 || st <= 0 || (invalidBase === 'restart' && y > RESTART_RATIO * base * st))) {
      if (invalidBase === 'reject') return Number.POSITIVE_INFINITY
      // The indices stay (they are positive for loads >= 0); level and trend start again from y.
      e = y - Math.max(base, 0) * st
      level = st > 0 ? y / st : y
      trend = 0
    } else if (mult) {
      e = y - base * st
      level = base + alpha * e / st
      trend = phiB + beta * e / st
      s[phase] = st + gamma * e / base
    } else {
      e = y - base - st
      level = base + alpha * e
      trend = phiB + beta * e
      if (seasonal) s[phase] = st + gamma * e
    }
    sse += e * e
    time++
  }
  state.level = level
  state.trend = trend
  state.time = time
  return sse
}

export function forecastEts (spec: EtsSpec, params: EtsParams, state: EtsState, horizon: number): Float64Array {
  const out = new Float64Array(horizon)
  const phi = spec.trend === 'Ad' ? params.phi : 1
  const hasTrend = spec.trend !== 'N'
  let damp = 0
  let phiPow = 1
  for (let h = 0; h < horizon; h++) {
    phiPow *= phi
    damp += phiPow
    const base = state.level + (hasTrend ? damp * state.trend : 0)
    const phase = (state.time + h) % spec.period
    const st = state.seasonal[phase] as number
    out[h] = spec.season === 'M' ? base * st : spec.season === 'A' ? base + st : base
  }
  return out
}

/**
 * Heuristic initial state from the first cycles (classical decomposition, as Hyndman's
 * `initstate`): cycle means give level and slope, per-phase averages of deviations (or ratios)
 * give the seasonal indices, normalised to sum 0 (or average 1).
 */
export function initialState (spec: EtsSpec, values: Float64Array): EtsState {
  const m = spec.period
  const seasonal = new Float64Array(m).fill(spec.season === 'M' ? 1 : 0)
  if (spec.season === 'N') {
    const k = Math.min(values.length, 10)
    let first = 0
    for (let i = 0; i < k; i++) first += values[i] as number
    first /= Math.max(k, 1)
    const slope = k >= 2 ? ((values[k - 1] as number) - (values[0] as number)) / (k - 1) : 0
    return { level: first - slope * (k + 1) / 2, trend: spec.trend === 'N' ? 0 : slope, seasonal, time: 0 }
  }
  const cycles = Math.max(1, Math.min(4, Math.floor(values.length / m)))
  const means = new Float64Array(cycles)
  for (let c = 0; c < cycles; c++) {
    let sum = 0
    for (let j = 0; j < m; j++) sum += values[c * m + j] as number
    means[c] = sum / m
  }
  const slope = cycles >= 2 ? ((means[cycles - 1] as number) - (means[0] as number)) / ((cycles - 1) * m) : 0
  for (let c = 0; c < cycles; c++) {
    for (let j = 0; j < m; j++) {
      const centre = (means[c] as number) + slope * (j - (m - 1) / 2)
      const y = values[c * m + j] as number
      seasonal[j] = (seasonal[j] as number) + (spec.season === 'M' ? y / centre : y - centre) / cycles
    }
  }
  let avg = 0
  for (const v of seasonal) avg += v / m
  for (let j = 0; j < m; j++) seasonal[j] = spec.season === 'M' ? (seasonal[j] as number) / avg : (seasonal[j] as number) - avg
  const level = (means[0] as number) - slope * (m + 1) / 2
  return { level, trend: spec.trend === 'N' ? 0 : slope, seasonal, time: 0 }
}
