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
    const cell = new Float32Array(1)
    let sum = 0
    let sumSquares = 0
    for (const row of rows) {
      raw.write(row, cell, 0)
      const value = cell[0] ?? 0
      sum += value
      sumSquares += value * value
    }
    const n = Math.max(rows.length, 1)
    const mean = sum / n
    const std = Math.sqrt(Math.max(sumSquares / n - mean * mean, 0))
    // A constant column keeps std 1 so serving never divides by zero.
    return { ...feature, transform: { ...transform, mean, std: std > 1e-9 ? std : 1 } }
  })
}
