/**
 * Accuracy measures of the walk-forward backtest, by the M4 competition's definitions
 * (Makridakis et al. 2020): sMAPE on 0-200 and MASE scaled by a seasonal naive's in-sample MAE.
 */

/** In-sample MAE of the seasonal naive with `period` on values[0, end): the MASE denominator. */
export function seasonalNaiveMae (values: ArrayLike<number>, period: number, end = values.length): number {
  let sum = 0
  let count = 0
  for (let t = period; t < end; t++) {
    sum += Math.abs((values[t] as number) - (values[t - period] as number))
    count++
  }
  return count > 0 ? sum / count : Number.NaN
}

/** One sMAPE term in percent (0-200); both zero counts as a perfect forecast. */
export function smapeTerm (actual: number, forecast: number): number {
  const denominator = Math.abs(actual) + Math.abs(forecast)
  // The ratio first: it cannot exceed 1 after rounding, so the term stays within 200.
  return denominator === 0 ? 0 : 200 * (Math.abs(actual - forecast) / denominator)
}

/** Pinball (quantile) loss of forecasting `quantile` at `level` when `actual` happened. */
export function pinballLoss (actual: number, quantile: number, level: number): number {
  const error = actual - quantile
  return error >= 0 ? level * error : (level - 1) * error
}
