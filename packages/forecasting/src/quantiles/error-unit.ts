/**
 * Errors are calibrated relative to the load: each error is divided by its forecast plus a
 * floor (half the history's mean), so bands widen at the daily peak and narrow at
 * night, and a busier week than the calibration window does not leave them too narrow. The
 * floor keeps near-zero forecasts from producing huge relative errors.
 */
const FLOOR_FRACTION = 0.5

export function unitFloor (history: ArrayLike<number>): number {
  let mean = 0
  for (let i = 0; i < history.length; i++) mean += Math.abs(history[i] as number) / history.length
  return Math.max(FLOOR_FRACTION * mean, 1e-9)
}

export function errorUnit (forecast: number, floor: number): number {
  return Math.max(forecast, 0) + floor
}
