import { readFile, writeFile } from 'node:fs/promises'

import { parseModelText } from './model/model-text.js'
import { addon, ImportanceType, PredictType, type Matrix, type NativeBooster } from './native.js'

/** Scores per evaluated set (`training`, `valid_0`, ...), per metric, one per iteration. */
export type Evaluations = Record<string, Record<string, number[]>>

export type ImportanceKind = keyof typeof ImportanceType

export interface PredictOptions {
  /** Raw margins instead of transformed outputs (no sigmoid/softmax). */
  rawScore?: boolean
  /** SHAP feature contributions: per row and class, one value per feature plus the expected value. */
  contrib?: boolean
  startIteration?: number
  /** Number of iterations to use; all when omitted. */
  numIteration?: number
  /**
   * Write into this array instead of allocating one (it must be large enough); with a reused
   * buffer a one-row call allocates nothing in JavaScript.
   */
  out?: Float64Array
  /**
   * OpenMP threads for a multi-row call; the process default (`OMP_NUM_THREADS`) when omitted.
   * A one-row call always runs on the calling thread.
   */
  numThreads?: number
}

export interface SaveOptions {
  startIteration?: number
  numIteration?: number
  /** Which importance LightGBM writes in the model's `feature_importances:` section. */
  importanceType?: ImportanceKind
}

/**
 * A LightGBM model. Methods are synchronous and run on the calling thread; `predict` picks
 * LightGBM's single-row fast path for one row and its multi-threaded path for batches.
 */
export class Booster {
  #native: NativeBooster | undefined
  /** 1-based iteration the model ends at: the best one when early stopping ran, else the last. */
  readonly bestIteration: number
  /** Evaluation history from training; empty for a model loaded from text. */
  readonly evaluations: Evaluations

  /** @internal Use train(), Booster.fromString() or Booster.fromFile(). */
  constructor (native: NativeBooster, bestIteration?: number, evaluations: Evaluations = {}) {
    this.#native = native
    this.bestIteration = bestIteration ?? native.currentIteration()
    this.evaluations = evaluations
  }

  /**
   * Loads a model in LightGBM's text format (as written by LightGBM's Python, R or CLI tools).
   * The text is checked first: LightGBM itself trusts it and crashes on, say, a child index out
   * of range.
   */
  static fromString (model: string): Booster {
    parseModelText(model)
    return new Booster(new addon.Booster(model))
  }

  static async fromFile (path: string): Promise<Booster> {
    return Booster.fromString(await readFile(path, 'utf8'))
  }

  get #handle (): NativeBooster {
    if (this.#native === undefined) throw new Error('LightGBM: booster is disposed')
    return this.#native
  }

  /**
   * Predicts `rows` rows of a row-major `rows * cols` matrix. Returns one value per row
   * (regression, binary probability), `rows * numClasses` values row by row (multiclass), or
   * `rows * (cols + 1) * numClasses` with `contrib`.
   */
  predict (data: Matrix, rows: number, cols: number, options: PredictOptions = {}): Float64Array {
    const type = options.contrib === true
      ? PredictType.contrib
      : options.rawScore === true ? PredictType.rawScore : PredictType.normal
    return this.#handle.predict(data, rows, cols, type, options.startIteration ?? 0, options.numIteration ?? -1, options.out, options.numThreads ?? 0)
  }

  get numClasses (): number {
    return this.#handle.numClasses()
  }

  get numFeatures (): number {
    return this.#handle.numFeatures()
  }

  get featureNames (): string[] {
    return this.#handle.featureNames()
  }

  /** Number of boosting iterations in the model. */
  get numIterations (): number {
    return this.#handle.currentIteration()
  }

  /** Per-feature importance: number of splits using the feature, or their total gain. */
  featureImportance (kind: ImportanceKind = 'split'): Float64Array {
    return this.#handle.featureImportance(ImportanceType[kind], -1)
  }

  /** The model in LightGBM's own text format. */
  saveModelToString (options: SaveOptions = {}): string {
    return this.#handle.saveModelToString(
      options.startIteration ?? 0, options.numIteration ?? -1, ImportanceType[options.importanceType ?? 'split']
    )
  }

  async saveModel (path: string, options: SaveOptions = {}): Promise<void> {
    await writeFile(path, this.saveModelToString(options))
  }

  /** Frees the native model now (a finalizer does it otherwise); later calls throw. */
  dispose (): void {
    this.#native?.dispose()
    this.#native = undefined
  }
}
