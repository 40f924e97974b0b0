import { type ByomRequest, type ByomResponse } from '@platform/contracts'
import { getModel, prepareSeries } from '@platform/forecasting'

/** A request the model cannot serve; answered as 400 with `{ error }`. */
export class PredictInputError extends Error {}

/** Largest horizon served, in steps: a bound on work per request. */
export const MAX_HORIZON_STEPS = 10_000

/**
 * Holt-Winters (ETS, fitted by the engine's optimiser) on the posted features, answering exactly
 * horizonSeconds / stepSeconds values and the p90, never negative.
 */
export function predict (body: ByomRequest): ByomResponse {
  if (body.horizonSeconds % body.stepSeconds !== 0) throw new PredictInputError('horizonSeconds must be a multiple of stepSeconds')
  const steps = body.horizonSeconds / body.stepSeconds
  if (steps > MAX_HORIZON_STEPS) throw new PredictInputError(`horizon is ${steps} steps; at most ${MAX_HORIZON_STEPS}`)
  if (body.features.length < 2) throw new PredictInputError('features must hold at least 2 points')
  const timestamps = body.features.map((f) => Date.parse(f.ts))
  const values = body.features.map((f) => f.value)
  const bad = values.findIndex((v) => !Number.isFinite(v) || v < 0)
  if (bad !== -1) throw new PredictInputError(`features.${bad}.value must be a finite number >= 0`)
  let series
  try {
    series = prepareSeries({ timestamps, values }, { stepSeconds: body.stepSeconds }).series
  } catch (err) {
    throw new PredictInputError(`features: ${err instanceof Error ? err.message : String(err)}`)
  }
  const forecast = getModel('holt-winters').fit(series, { horizonSteps: steps }).forecast(steps, [0.9])
  const clean = (xs: ArrayLike<number>): number[] => Array.from(xs, (v) => Math.max(0, v))
  return { metric: 'predicted', values: clean(forecast.mean), quantiles: { '0.90': clean(forecast.quantiles['0.9'] ?? forecast.mean) } }
}
