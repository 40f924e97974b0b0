import { addon, type Matrix, type NativeDataset } from './native.js'

export interface DatasetOptions {
  /** One target per row. NaN or infinite labels are rejected. */
  label: Matrix | readonly number[]
  /** Optional per-row weights. */
  weight?: Matrix | readonly number[]
  /** One name per column; LightGBM keeps them in the saved model. */
  featureNames?: readonly string[]
  /** Column indices LightGBM treats as categorical (non-negative integer codes). */
  categoricalFeatures?: readonly number[]
  /**
   * For a validation set: the training set it is evaluated against (it then reuses that set's
   * bins). train() sets this implicitly for every validation set, as LightGBM's Python package does.
   */
  reference?: Dataset
}

const natives = new WeakMap<Dataset, NativeDataset>()

/** The native handle behind a Dataset (kept out of the public type). */
export function nativeDataset (dataset: Dataset): NativeDataset {
  const native = natives.get(dataset)
  if (native === undefined) throw new TypeError('LightGBM: expected a Dataset')
  return native
}

function toMatrix (values: Matrix | readonly number[]): Matrix {
  return values instanceof Float32Array || values instanceof Float64Array ? values : Float64Array.from(values)
}

/**
 * A training or validation set from a row-major matrix. The arrays are copied now; LightGBM's own
 * dataset (the binning) is built by the first train() that uses it, off the JavaScript thread.
 */
export class Dataset {
  readonly rows: number
  readonly cols: number
  readonly reference: Dataset | undefined

  constructor (data: Matrix, rows: number, cols: number, options: DatasetOptions) {
    const params = options.categoricalFeatures === undefined || options.categoricalFeatures.length === 0
      ? ''
      : `categorical_feature=${options.categoricalFeatures.map((index) => {
        if (!Number.isInteger(index) || index < 0 || index >= cols) {
          throw new RangeError(`LightGBM: categorical feature index ${index} is not a column of a ${cols}-column dataset`)
        }
        return String(index)
      }).join(',')}`
    natives.set(this, new addon.Dataset(
      data, rows, cols, toMatrix(options.label),
      options.weight === undefined ? undefined : toMatrix(options.weight),
      options.featureNames, params
    ))
    this.rows = rows
    this.cols = cols
    this.reference = options.reference
  }

  /** Frees the native memory now (a finalizer does it otherwise). Throws while a training uses it. */
  dispose (): void {
    nativeDataset(this).dispose()
  }
}
