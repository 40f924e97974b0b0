import { nelderMead } from '../optim/nelder-mead.js'
import { applyDifferencing, differencingPolynomial, expandSeasonal, pacfToAr } from './polynomials.js'
import type { SparseLags } from './polynomials.js'

/** ARIMA(p,d,q)(P,D,Q)[s] with an optional constant (mean of the differenced series, i.e. drift when d + D = 1). */
export interface ArimaOrder {
  readonly p: number
  readonly d: number
  readonly q: number
  readonly P: number
  readonly D: number
  readonly Q: number
  readonly s: number
  readonly constant: boolean
}

export interface ArimaFit {
  readonly order: ArimaOrder
  /** AR side `1 - sum ar B^l`, expanded (seasonal x non-seasonal). */
  readonly ar: SparseLags
  /** MA side `1 + sum ma B^l`, expanded. */
  readonly ma: SparseLags
  readonly mean: number
  readonly sigma2: number
  readonly aicc: number
  /** Free (optimiser) coordinates, reusable as a warm start. */
  readonly free: Float64Array
}

export function describeOrder (o: ArimaOrder): string {
  const seasonal = o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.s}]` : ''
  return `ARIMA(${o.p},${o.d},${o.q})${seasonal}${o.constant ? (o.d + o.D === 1 ? ' with drift' : ' with mean') : ''}`
}

export function parameterCount (o: ArimaOrder): number {
  return o.p + o.q + o.P + o.Q + (o.constant ? 1 : 0)
}

/** Expands free coordinates [ar | ma | sar | sma | mean] into the model's polynomials. */
export function unpack (o: ArimaOrder, free: ArrayLike<number>, centre: number, scale: number): { ar: SparseLags, ma: SparseLags, mean: number } {
  const slice = (from: number, len: number): Float64Array => Float64Array.from({ length: len }, (_, i) => free[from + i] as number)
  let k = 0
  const phi = pacfToAr(slice(k, o.p)); k += o.p
  const theta = pacfToAr(slice(k, o.q)).map((v) => -v); k += o.q
  const sphi = pacfToAr(slice(k, o.P)); k += o.P
  const stheta = pacfToAr(slice(k, o.Q)).map((v) => -v); k += o.Q
  const mean = o.constant ? centre + scale * (free[k] as number) : 0
  return { ar: expandSeasonal(phi, sphi, o.s, -1), ma: expandSeasonal(theta, stheta, o.s, 1), mean }
}

/**
 * Conditional-sum-of-squares residuals of the ARMA part on the differenced series `w`,
 * conditioning on the first `skip` values (residuals before that are taken as zero).
 */
export function cssResiduals (w: Float64Array, ar: SparseLags, ma: SparseLags, mean: number, skip: number, residuals: Float64Array): number {
  residuals.fill(0)
  let sse = 0
  const arLags = ar.lags
  const arCoefs = ar.coefs
  const maLags = ma.lags
  const maCoefs = ma.coefs
  for (let t = skip; t < w.length; t++) {
    let v = (w[t] as number) - mean
    for (let k = 0; k < arLags.length; k++) v -= (arCoefs[k] as number) * ((w[t - (arLags[k] as number)] as number) - mean)
    for (let k = 0; k < maLags.length; k++) {
      const i = t - (maLags[k] as number)
      if (i >= 0) v -= (maCoefs[k] as number) * (residuals[i] as number)
    }
    residuals[t] = v
    sse += v * v
  }
  return sse
}

export interface FitArimaOptions {
  /** Common conditioning length so AICc is comparable across orders (at least the AR span). */
  readonly skip?: number
  readonly start?: ArrayLike<number>
}

/** Estimates one order by CSS (Nelder-Mead over PACF-transformed coefficients). */
export function fitArima (values: Float64Array, order: ArimaOrder, { skip, start }: FitArimaOptions = {}): ArimaFit {
  const w = applyDifferencing(values, differencingPolynomial(order.d, order.D, order.s))
  let centre = 0
  for (const v of w) centre += v / w.length
  let scale = 0
  for (const v of w) scale += (v - centre) ** 2 / w.length
  scale = Math.sqrt(scale) || 1
  const dim = parameterCount(order)
  const arSpan = order.p + order.P * order.s
  const conditioning = Math.min(Math.max(skip ?? 0, arSpan), Math.max(0, w.length - 1))
  const residuals = new Float64Array(w.length)
  const sseOf = (x: ArrayLike<number>): number => {
    const { ar, ma, mean } = unpack(order, x, centre, scale)
    return cssResiduals(w, ar, ma, mean, conditioning, residuals)
  }
  const x0 = start !== undefined && start.length === dim ? start : new Float64Array(dim)
  const best = dim > 0
    ? nelderMead(sseOf, x0, { maxEvaluations: 40 * dim + 40, step: 0.3, tolerance: 1e-7 })
    : { x: new Float64Array(0), value: sseOf([]) }
  const { ar, ma, mean } = unpack(order, best.x, centre, scale)
  const nEff = Math.max(1, w.length - conditioning)
  const sigma2 = Math.max(best.value, 1e-300) / nEff
  const k = dim + 1
  const logLik = -0.5 * nEff * (Math.log(2 * Math.PI * sigma2) + 1)
  const aicc = nEff - k - 1 > 0 ? -2 * logLik + 2 * k + 2 * k * (k + 1) / (nEff - k - 1) : Number.POSITIVE_INFINITY
  return { order, ar, ma, mean, sigma2, aicc, free: best.x }
}
