import type { PointFitter } from './point-model.js'

/**
 * Fits `inner` on log(y + c) and maps forecasts back with exp(.) - c (a median forecast), so
 * additive models capture multiplicative seasonality and growth. c is 0 for a strictly positive
 * history, else 1% of its mean (counts with zeros). Only non-negative histories reach models.
 */
export function logScale (inner: PointFitter): PointFitter {
  return (values, context) => {
    let min = Number.POSITIVE_INFINITY
    let mean = 0
    for (const v of values) {
      min = Math.min(min, v)
      mean += v / values.length
    }
    const offset = min > 0 ? 0 : Math.max(mean * 0.01, 1e-6)
    const floor = Math.log(Math.max(offset, 1e-6) || 1e-6)
    const toLog = (v: number): number => (v + offset > 0 ? Math.log(v + offset) : floor)
    const model = inner(values.map(toLog), context)
    return {
      describe: () => `log ${model.describe()}`,
      predict (horizon) {
        const out = model.predict(horizon)
        // exp of an exploded log forecast is Infinity; sanitisation downstream handles it.
        for (let h = 0; h < horizon; h++) out[h] = Math.exp(out[h] as number) - offset
        return out
      },
      update (next) {
        model.update(Array.from(next, toLog))
      }
    }
  }
}
