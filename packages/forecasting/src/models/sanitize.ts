/**
 * The last line of defence on every forecast: no NaN, no Infinity, no negative load, and no
 * runaway extrapolation. Non-finite steps become `fallback` (the last observation); values are
 * clamped to [0, ceiling], where the ceiling is ten times the largest value in the history
 * (or 1 for an all-zero history): far above any plausible forecast, far below an explosion.
 */
export function ceilingFor (values: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number)
  return max > 0 ? 10 * max : 1
}

export function sanitizeForecast (forecast: Float64Array, fallback: number, ceiling: number): Float64Array {
  const safeFallback = Number.isFinite(fallback) ? Math.min(Math.max(fallback, 0), ceiling) : 0
  for (let h = 0; h < forecast.length; h++) {
    const v = forecast[h] as number
    forecast[h] = Number.isFinite(v) ? Math.min(Math.max(v, 0), ceiling) : safeFallback
  }
  return forecast
}
