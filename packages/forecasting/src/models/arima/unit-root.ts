import { centredMovingAverage } from '../moving-average.js'

/**
 * Differencing decisions for auto ARIMA, as in Hyndman & Khandakar (2008) and statsforecast:
 * the KPSS level-stationarity test picks d, a seasonal-strength measure picks D.
 */

/** 5% critical value of the KPSS level statistic (Kwiatkowski et al. 1992, table 1). */
const KPSS_CRITICAL_5 = 0.463
/** statsforecast's `seas` test threshold on seasonal strength. */
const SEASONAL_STRENGTH_THRESHOLD = 0.64

/** KPSS level statistic with a Bartlett long-run variance and lag trunc(4 (n/100)^0.25). */
export function kpssStatistic (values: ArrayLike<number>): number {
  const n = values.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += (values[i] as number) / n
  const e = Float64Array.from({ length: n }, (_, i) => (values[i] as number) - mean)
  const lags = Math.trunc(4 * (n / 100) ** 0.25)
  let s2 = 0
  for (let i = 0; i < n; i++) s2 += (e[i] as number) ** 2
  for (let k = 1; k <= lags; k++) {
    let acc = 0
    for (let t = k; t < n; t++) acc += (e[t] as number) * (e[t - k] as number)
    s2 += 2 * (1 - k / (lags + 1)) * acc
  }
  s2 /= n
  if (!(s2 > 0)) return 0
  let partial = 0
  let sum = 0
  for (let i = 0; i < n; i++) {
    partial += e[i] as number
    sum += partial * partial
  }
  return sum / (n * n * s2)
}

/** Number of first differences (0..maxD) until KPSS no longer rejects stationarity at 5%. */
export function chooseD (values: Float64Array, maxD = 2): number {
  let x = values
  for (let d = 0; d < maxD; d++) {
    if (x.length < 10 || kpssStatistic(x) <= KPSS_CRITICAL_5) return d
    x = x.subarray(1).map((v, i) => v - (x[i] as number))
  }
  return maxD
}

/**
 * Seasonal strength max(0, 1 - var(R) / var(S + R)) (Wang, Smith & Hyndman 2006) from a
 * classical decomposition: centred moving-average trend, per-phase mean seasonal.
 */
export function seasonalStrength (values: Float64Array, period: number): number {
  const n = values.length
  if (period < 2 || n < 2 * period + 1) return 0
  const trend = centredMovingAverage(values, period)
  const detrended = trend.map((t, i) => (values[i] as number) - t)
  const sums = new Float64Array(period)
  const counts = new Float64Array(period)
  for (let t = 0; t < n; t++) {
    const v = detrended[t] as number
    if (Number.isNaN(v)) continue
    sums[t % period] = (sums[t % period] as number) + v
    counts[t % period] = (counts[t % period] as number) + 1
  }
  let varAll = 0
  let varRem = 0
  let meanAll = 0
  let meanRem = 0
  let count = 0
  for (let t = 0; t < n; t++) {
    const v = detrended[t] as number
    if (Number.isNaN(v)) continue
    const r = v - (sums[t % period] as number) / Math.max(counts[t % period] as number, 1)
    count++
    const dA = v - meanAll
    meanAll += dA / count
    varAll += dA * (v - meanAll)
    const dR = r - meanRem
    meanRem += dR / count
    varRem += dR * (r - meanRem)
  }
  if (!(varAll > 0)) return 0
  return Math.max(0, 1 - varRem / varAll)
}

export function chooseSeasonalD (values: Float64Array, period: number): number {
  return seasonalStrength(values, period) > SEASONAL_STRENGTH_THRESHOLD ? 1 : 0
}
