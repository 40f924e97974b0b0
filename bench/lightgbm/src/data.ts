// The benchmark's data: 100,000 rows x 30 features, seeded so every run trains the same models.

import { mulberry32 } from '@platform/seeded-random'

export const ROWS = 100_000
export const COLS = 30

export interface Data {
  x: Float64Array
  regression: Float64Array
  binary: Float64Array
}

/** Uniform features with 2% NaN; the target mixes ten of them non-linearly. */
export function makeData (rows: number, seed: number): Data {
  const next = mulberry32(seed)
  const x = new Float64Array(rows * COLS)
  for (let i = 0; i < x.length; i++) x[i] = next() < 0.02 ? Number.NaN : next() * 2 - 1
  const regression = new Float64Array(rows)
  const binary = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    let score = 0
    for (let c = 0; c < 10; c++) {
      const v = x[r * COLS + c] ?? 0
      score += Number.isNaN(v) ? 0 : (c % 2 === 0 ? v : Math.sin(3 * v)) * (c + 1) / 10
    }
    regression[r] = score + (next() - 0.5) * 0.2
    binary[r] = next() < 1 / (1 + Math.exp(-2 * score)) ? 1 : 0
  }
  return { x, regression, binary }
}
