// The three predictors compared, behind one interface. All get the same model and the same
// Float64Array rows; one-row inputs are pre-sliced so no contender pays for slicing.
import { OnnxNames, toOnnx, type Booster as PlatformBooster } from '@platform/lightgbm'
import { Booster as RegistryBooster, PredictType } from 'lightgbm'
import * as ort from 'onnxruntime-node'

import { COLS } from './data.js'

export interface Predictor {
  name: string
  /** One row; the output is the positive-class probability or the regression value. */
  one(row: Float64Array): unknown
  batch(x: Float64Array, rows: number): unknown
  /** For the agreement check. */
  values(x: Float64Array, rows: number): Promise<ArrayLike<number>>
  close(): Promise<void>
}

export function platform (booster: PlatformBooster): Predictor {
  const out = new Float64Array(1)
  return {
    name: '@platform/lightgbm',
    one: (row) => booster.predict(row, 1, COLS, { out }),
    batch: (x, rows) => booster.predict(x, rows, COLS),
    values: async (x, rows) => booster.predict(x, rows, COLS),
    close: async () => { booster.dispose() }
  }
}

/** The registry `lightgbm` package: LightGBM's C API, inference only, via LGBM_BoosterPredictForMat. */
export function registry (model: string): Predictor {
  const booster = RegistryBooster.fromBuffer(Buffer.from(model))
  const counts = new Map<number, number>()
  const count = (rows: number): number => {
    let n = counts.get(rows)
    if (n === undefined) counts.set(rows, n = booster.getPredictionCount(PredictType.NORMAL, rows))
    return n
  }
  const run = (x: Float64Array, rows: number): Float64Array =>
    booster.predictForMat(PredictType.NORMAL, x, count(rows), rows, COLS, true)
  return {
    name: 'lightgbm (registry binding)',
    one: (row) => run(row, 1),
    batch: run,
    values: async (x, rows) => run(x, rows),
    close: async () => { booster.destroy() }
  }
}

/** onnxruntime-node on the model exported by toOnnx (double input). */
export async function onnxRuntime (booster: PlatformBooster, task: 'regression' | 'binary'): Promise<Predictor> {
  const session = await ort.InferenceSession.create(toOnnx(booster))
  const output = task === 'binary' ? OnnxNames.probabilities : OnnxNames.variable
  const run = async (x: Float64Array, rows: number): Promise<Float32Array> => {
    const result = await session.run({ [OnnxNames.input]: new ort.Tensor('float64', x, [rows, COLS]) })
    return result[output]?.data as Float32Array
  }
  return {
    name: 'onnxruntime-node (exported)',
    one: (row) => run(row, 1),
    batch: run,
    values: async (x, rows) => {
      const data = await run(x, rows)
      return output === OnnxNames.probabilities ? data.filter((_, i) => i % 2 === 1) : data
    },
    close: () => session.release()
  }
}
