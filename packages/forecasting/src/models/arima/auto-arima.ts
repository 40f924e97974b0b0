import type { PointFitter } from '../point-model.js'
import { arimaModel } from './arima-model.js'
import { fitArima } from './arima-fit.js'
import type { ArimaFit, ArimaOrder } from './arima-fit.js'
import { applyDifferencing, differencingPolynomial } from './polynomials.js'
import { chooseD, chooseSeasonalD } from './unit-root.js'

/** Seasonal ARIMA is estimated up to this period; longer seasons go to `mstl`. */
export const MAX_ARIMA_PERIOD = 168

interface Limits {
  readonly maxP: number
  readonly maxQ: number
  readonly maxSP: number
  readonly maxSQ: number
  /** p + q + P + Q at most (auto.arima's max.order). */
  readonly maxOrder: number
  /** Models estimated at most during the stepwise search. */
  readonly maxModels: number
}

const LIMITS: Limits = { maxP: 5, maxQ: 5, maxSP: 2, maxSQ: 2, maxOrder: 5, maxModels: 30 }

/**
 * Stepwise order search of Hyndman & Khandakar (2008), as auto.arima and statsforecast's
 * AutoARIMA: D from seasonal strength, d from KPSS, then from four starting models move to
 * the best neighbour (p, q, P, Q by +-1, jointly, constant toggled) while AICc improves.
 * Every candidate is conditioned on the same first observations so AICc values compare.
 */
export function autoArimaFit (values: Float64Array, period: number, limits: Limits = LIMITS): ArimaFit {
  const s = period >= 2 && period <= MAX_ARIMA_PERIOD && values.length >= 3 * period ? period : 1
  const D = s > 1 ? chooseSeasonalD(values, s) : 0
  const d = chooseD(D > 0 ? applyDifferencing(values, differencingPolynomial(0, 1, s)) : values)
  const allowConstant = d + D <= 1
  const maxSP = s > 1 ? limits.maxSP : 0
  const maxSQ = s > 1 ? limits.maxSQ : 0
  const skip = limits.maxP + maxSP * s
  const tried = new Map<string, ArimaFit | undefined>()

  const admissible = (o: ArimaOrder): boolean =>
    o.p >= 0 && o.q >= 0 && o.P >= 0 && o.Q >= 0 && o.p <= limits.maxP && o.q <= limits.maxQ &&
    o.P <= maxSP && o.Q <= maxSQ && o.p + o.q + o.P + o.Q <= limits.maxOrder && (allowConstant || !o.constant)

  const attempt = (o: ArimaOrder): ArimaFit | undefined => {
    const key = `${o.p},${o.q},${o.P},${o.Q},${o.constant ? 1 : 0}`
    if (tried.has(key)) return tried.get(key)
    if (!admissible(o) || tried.size >= limits.maxModels) return undefined
    const fit = fitArima(values, o, { skip })
    const ok = Number.isFinite(fit.aicc) ? fit : undefined
    tried.set(key, ok)
    return ok
  }

  const make = (p: number, q: number, P: number, Q: number, constant = allowConstant): ArimaOrder =>
    ({ p, d, q, P: s > 1 ? P : 0, D, Q: s > 1 ? Q : 0, s, constant })
  let best: ArimaFit | undefined
  for (const o of [make(2, 2, 1, 1), make(0, 0, 0, 0), make(1, 0, 1, 0), make(0, 1, 0, 1), make(0, 0, 0, 0, false)]) {
    const fit = attempt(o)
    if (fit !== undefined && (best === undefined || fit.aicc < best.aicc)) best = fit
  }
  // Too short for any candidate: a random walk, so the forecast continues the last value.
  if (best === undefined) return fitArima(values, { p: 0, d: Math.max(d, 1), q: 0, P: 0, D: 0, Q: 0, s: 1, constant: false }, { skip: 0 })

  let improved = true
  while (improved && tried.size < limits.maxModels) {
    improved = false
    const o: ArimaOrder = best.order
    const neighbours = [
      make(o.p, o.q, o.P - 1, o.Q, o.constant), make(o.p, o.q, o.P + 1, o.Q, o.constant),
      make(o.p, o.q, o.P, o.Q - 1, o.constant), make(o.p, o.q, o.P, o.Q + 1, o.constant),
      make(o.p, o.q, o.P - 1, o.Q - 1, o.constant), make(o.p, o.q, o.P + 1, o.Q + 1, o.constant),
      make(o.p - 1, o.q, o.P, o.Q, o.constant), make(o.p + 1, o.q, o.P, o.Q, o.constant),
      make(o.p, o.q - 1, o.P, o.Q, o.constant), make(o.p, o.q + 1, o.P, o.Q, o.constant),
      make(o.p - 1, o.q - 1, o.P, o.Q, o.constant), make(o.p + 1, o.q + 1, o.P, o.Q, o.constant),
      make(o.p, o.q, o.P, o.Q, !o.constant)
    ]
    for (const candidate of neighbours) {
      const fit = attempt(candidate)
      if (fit !== undefined && fit.aicc < best.aicc - 1e-9) {
        best = fit
        improved = true
        break
      }
    }
  }
  return best
}

/**
 * Orders and coefficients are estimated on at most this many recent points (or eight seasons):
 * a day of minutes says as much about short-term dynamics as two weeks, at a fraction of the cost.
 */
const MAX_ESTIMATION_POINTS = 1500

/** `arima`: automatic seasonal ARIMA on the shortest season up to 168 steps (or none). */
export function arima (seasonal: boolean): PointFitter {
  return (values, context) => {
    const period = seasonal ? context.seasonPeriods.find((p) => p <= MAX_ARIMA_PERIOD) ?? 1 : 1
    const window = values.subarray(Math.max(0, values.length - Math.max(MAX_ESTIMATION_POINTS, 8 * period)))
    return arimaModel(autoArimaFit(window, period), values)
  }
}
