import type { FeatureTransform } from '@platform/contracts'
import type { FeatureSpec } from './feature-pipeline.js'
import { compileTransform } from './transforms.js'

type Row = Readonly<Record<string, unknown>>

/**
 * Returns the features with `mean`/`std` of every numeric and ratio transform fitted on `rows`
 * (training rows only, so the test split never leaks into the scaling). Other transforms pass through.
 */
export function fitScaling (features: readonly FeatureSpec[], rows: readonly Row[]): FeatureSpec[] {
  return features.map((feature) => {
    const { transform } = feature
    if (transform.type !== 'numeric' && transform.type !== 'ratio') return feature
    const raw = compileTransform({ ...transform, mean: 0, std: 1 } satisfies FeatureTransform)
    // Raw values at full precision, as serving standardises them before rounding to float32:
    // statistics from rounded values are off by up to 1e-7 of the value, which a narrow column's
    // std turns into a visible shift. Welford's update, as the one-pass sum of squares cancels.
    const cell = new Float64Array(1)
    let n = 0
    let mean = 0
    let squares = 0
    for (const row of rows) {
      raw.write(row, cell, 0)
      const value = cell[0] ?? 0
      n++
      const delta = value - mean
      mean += delta / n
      squares += delta * (value - mean)
    }
    const std = Math.sqrt(n > 0 ? squares / n : 0)
    // A constant column keeps std 1 so serving never divides by zero.
    return { ...feature, transform: { ...transform, mean, std: std > 1e-9 ? std : 1 } }
  })
}
