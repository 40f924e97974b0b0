import type { FeatureTransform } from '@platform/contracts'
import { compileTransform } from './transforms.js'

type Row = Readonly<Record<string, unknown>>

export interface FeatureSpec { name: string, transform: FeatureTransform }

/**
 * The feature pipeline a model's metadata declares, compiled once. Training and serving both call
 * `encodeInto`, so a request is turned into exactly the numbers the model was trained on.
 */
export interface FeaturePipeline {
  /** Columns per row: the ONNX input's second dimension. */
  readonly width: number
  readonly columnNames: readonly string[]
  /** Encodes `row` into `out` starting at row index `rowIndex` (row-major, `width` columns). */
  encodeInto(row: Row, out: Float32Array, rowIndex: number): void
  /** Encodes many rows into one fresh row-major matrix. */
  encodeMany(rows: readonly Row[]): Float32Array
}

export function compilePipeline (features: readonly FeatureSpec[]): FeaturePipeline {
  const steps = features.map((feature) => ({ name: feature.name, compiled: compileTransform(feature.transform) }))
  const offsets: number[] = []
  let width = 0
  for (const step of steps) {
    offsets.push(width)
    width += step.compiled.width
  }
  const columnNames = steps.flatMap((step) => step.compiled.columnNames(step.name))

  const encodeInto = (row: Row, out: Float32Array, rowIndex: number): void => {
    const base = rowIndex * width
    out.fill(0, base, base + width)
    for (let i = 0; i < steps.length; i++) steps[i]?.compiled.write(row, out, base + (offsets[i] ?? 0))
  }

  return {
    width,
    columnNames,
    encodeInto,
    encodeMany: (rows) => {
      const out = new Float32Array(rows.length * width)
      for (let i = 0; i < rows.length; i++) encodeInto(rows[i] ?? {}, out, i)
      return out
    }
  }
}
