import { Growable } from '../growable.js'
import type { PointModel } from '../point-model.js'
import { cssResiduals, describeOrder } from './arima-fit.js'
import type { ArimaFit } from './arima-fit.js'
import { applyDifferencing, differencingPolynomial } from './polynomials.js'

/**
 * A fitted ARIMA as a point model. It keeps the recent original values `y`, the differenced
 * series `w` and the CSS residuals `e`; forecasts run the ARMA recursion on `w` with future
 * shocks at zero, then undo the differencing exactly with
 * `y[t] = w[t] - sum_{i>=1} delta[i] y[t-i]`, where delta is `(1-B)^d (1-B^s)^D`.
 */
export function arimaModel (fit: ArimaFit, values: Float64Array): PointModel {
  const { order, ar, ma, mean } = fit
  const delta = differencingPolynomial(order.d, order.D, order.s)
  const span = Math.max(ar.maxLag, ma.maxLag, delta.length) + 1
  const w = applyDifferencing(values, delta)
  const e = new Float64Array(w.length)
  cssResiduals(w, ar, ma, mean, Math.min(ar.maxLag, w.length), e)
  const capacity = 8 * span + 1024
  const ys = new Growable(values, capacity)
  const ws = new Growable(w, capacity)
  const es = new Growable(e, capacity)

  return {
    describe: () => describeOrder(order),
    predict (horizon) {
      const wf = new Float64Array(horizon)
      const yf = new Float64Array(horizon)
      // Past value k steps before forecast step h (k >= 1): from the forecast or the history.
      const wAt = (h: number, k: number): number => (h - k >= 0 ? (wf[h - k] as number) : ws.back(k - h - 1))
      const yAt = (h: number, k: number): number => (h - k >= 0 ? (yf[h - k] as number) : ys.back(k - h - 1))
      for (let h = 0; h < horizon; h++) {
        let v = mean
        for (let k = 0; k < ar.lags.length; k++) {
          const lag = ar.lags[k] as number
          v += (ar.coefs[k] as number) * (wAt(h, lag) - mean)
        }
        for (let k = 0; k < ma.lags.length; k++) {
          const lag = ma.lags[k] as number
          if (lag > h && lag - h - 1 < es.length) v += (ma.coefs[k] as number) * es.back(lag - h - 1)
        }
        wf[h] = v
        let y = v
        for (let i = 1; i < delta.length; i++) y -= (delta[i] as number) * yAt(h, i)
        yf[h] = y
      }
      return yf
    },
    update (next) {
      for (let i = 0; i < next.length; i++) {
        ys.push(next[i] as number)
        if (ys.length < delta.length) continue
        let wt = 0
        for (let j = 0; j < delta.length; j++) wt += (delta[j] as number) * ys.back(j)
        let v = wt - mean
        for (let k = 0; k < ar.lags.length; k++) v -= (ar.coefs[k] as number) * (ws.back((ar.lags[k] as number) - 1) - mean)
        for (let k = 0; k < ma.lags.length; k++) v -= (ma.coefs[k] as number) * es.back((ma.lags[k] as number) - 1)
        ws.push(wt)
        es.push(Number.isFinite(v) ? v : 0)
      }
    }
  }
}
