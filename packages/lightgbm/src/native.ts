import { createRequire } from 'node:module'

/** Row-major feature matrix accepted by LightGBM without conversion. */
export type Matrix = Float32Array | Float64Array

export interface NativeDataset {
  dispose(): void
}

export interface NativeBooster {
  predict (data: Matrix, rows: number, cols: number, predictType: number, startIteration: number,
    numIteration: number, out: Float64Array | undefined, numThreads: number): Float64Array
  numClasses(): number
  numFeatures(): number
  currentIteration(): number
  featureNames(): string[]
  featureImportance(importanceType: number, numIteration: number): Float64Array
  saveModelToString(startIteration: number, numIteration: number, importanceType: number): string
  dispose(): void
}

export interface NativeTrainResult {
  booster: NativeBooster
  bestIteration: number
  metricNames: string[]
  /** One row per iteration: [set0 metric0, set0 metric1, ..., set1 metric0, ...]. */
  history: Float64Array[]
}

interface Addon {
  Dataset: new (data: Matrix, rows: number, cols: number, label: Matrix, weight: Matrix | undefined,
    featureNames: readonly string[] | undefined, datasetParams: string) => NativeDataset
  Booster: new (model: string) => NativeBooster
  train (trainSet: NativeDataset, validSets: readonly NativeDataset[], params: string, numBoostRound: number,
    earlyStoppingRounds: number, firstMetricOnly: boolean, minDelta: number,
    onIteration: ((iteration: number, scores: Float64Array, metricNames: string[]) => void) | undefined
  ): Promise<NativeTrainResult>
}

// Built into build/Release by native/build.mjs during `pnpm install`; the path is the same from src/ and dist/.
const require = createRequire(import.meta.url)

function load (): Addon {
  try {
    return require('../build/Release/lightgbm_node.node') as Addon
  } catch (cause) {
    throw new Error('LightGBM: the native addon is not built; run `pnpm --filter @platform/lightgbm build:native` ' +
      '(needs cmake and a C++ compiler, see the package README)', { cause })
  }
}

export const addon = load()

/** LightGBM's C_API_PREDICT_* values. */
export const PredictType = { normal: 0, rawScore: 1, contrib: 3 } as const

/** LightGBM's C_API_FEATURE_IMPORTANCE_* values. */
export const ImportanceType = { split: 0, gain: 1 } as const
