import { nelderMead } from '../optim/nelder-mead.js'
import type { FitContext, PointFitter, PointModel } from '../point-model.js'
import { copyState, filterEts, forecastEts, initialState } from './ets-core.js'
import type { EtsParams, EtsSpec, EtsState, Season, Trend } from './ets-core.js'

/** Parameters are estimated on at most this many recent points: older data barely moves them. */
const MAX_ESTIMATION_POINTS = 2000
/** Holt-Winters keeps one state per phase; longer seasons belong to `mstl`. */
export const MAX_ETS_PERIOD = 168

const logistic = (x: number): number => 1 / (1 + Math.exp(-x))

/** Maps unconstrained optimiser coordinates to admissible smoothing parameters. */
function toParams (spec: EtsSpec, x: Float64Array): EtsParams {
  const alpha = 0.0001 + 0.9998 * logistic(x[0] ?? 0)
  let k = 1
  const beta = spec.trend === 'N' ? 0 : alpha * 0.999 * logistic(x[k++] ?? 0)
  const gamma = spec.season === 'N' ? 0 : (1 - alpha) * 0.999 * logistic(x[k++] ?? 0)
  const phi = spec.trend === 'Ad' ? 0.8 + 0.18 * logistic(x[k] ?? 0) : 1
  return { alpha, beta, gamma, phi }
}

interface EtsFit {
  readonly spec: EtsSpec
  readonly params: EtsParams
  readonly state: EtsState
  readonly aicc: number
}

/** Fits one ETS specification by least squares (Nelder-Mead over the smoothing parameters). */
function fitEtsSpec (spec: EtsSpec, values: Float64Array): EtsFit {
  const window = values.subarray(Math.max(0, values.length - MAX_ESTIMATION_POINTS))
  const init = initialState(spec, window)
  const dim = 1 + (spec.trend === 'N' ? 0 : 1) + (spec.season === 'N' ? 0 : 1) + (spec.trend === 'Ad' ? 1 : 0)
  // Start near the usual optimum for load data: a fairly reactive level, slow trend and season.
  const start = [-1, -2, -2, 1].slice(0, dim)
  const sseOf = (x: Float64Array): number => filterEts(spec, toParams(spec, x), copyState(init), window)
  const best = nelderMead(sseOf, start, { maxEvaluations: 60 * dim + 60, step: 1, tolerance: 1e-7 })
  const params = toParams(spec, best.x)
  const state = copyState(init)
  const sse = filterEts(spec, params, state, window)
  const n = window.length
  const k = dim + 1 + (spec.trend === 'N' ? 0 : 1) + (spec.season === 'N' ? 0 : spec.period - 1) + 1
  const aicc = n * Math.log(Math.max(sse, 1e-300) / n) + 2 * k + (n - k - 1 > 0 ? 2 * k * (k + 1) / (n - k - 1) : Number.POSITIVE_INFINITY)
  return { spec, params, state, aicc }
}

function etsModel (fit: EtsFit): PointModel {
  const { spec, params, state } = fit
  return {
    describe: () => `ETS(A,${spec.trend},${spec.season})${spec.season === 'N' ? '' : `[${spec.period}]`}`,
    predict: (horizon) => forecastEts(spec, params, state, horizon),
    update (next) {
      filterEts(spec, params, state, next, 'restart')
    }
  }
}

/** Candidate specifications for a series, in the spirit of AutoETS (additive errors only). */
function etsCandidates (values: Float64Array, context: FitContext, seasonal: boolean): EtsSpec[] {
  const trends: Trend[] = ['N', 'A', 'Ad']
  const period = context.seasonPeriods.find((p) => p <= MAX_ETS_PERIOD)
  const seasons: Season[] = ['N']
  if (seasonal && period !== undefined && values.length >= 2 * period) {
    seasons.push('A')
    if (values.every((v) => v > 0)) seasons.push('M')
  }
  const specs: EtsSpec[] = []
  for (const season of seasons) {
    for (const trend of trends) specs.push({ trend, season, period: season === 'N' ? 1 : period ?? 1 })
  }
  return specs
}

/** ETS with the specification chosen by AICc; `seasonal: false` restricts it to N/A/Ad trends. */
export function ets (seasonal: boolean): PointFitter {
  return (values, context) => {
    let best: EtsFit | undefined
    for (const spec of etsCandidates(values, context, seasonal)) {
      const fit = fitEtsSpec(spec, values)
      if (best === undefined || fit.aicc < best.aicc) best = fit
    }
    if (best === undefined) throw new Error('no ETS candidate')
    return etsModel(best)
  }
}
