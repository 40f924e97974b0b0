/** Runs one model on a row-major matrix and returns one score per row. */
export type BatchRunner = (features: Float32Array, rows: number) => Promise<Float32Array>

export interface MicroBatchOptions {
  /** Rows per `session.run`; a request at or above this size runs alone. */
  maxBatchRows: number
  /** How long the first waiting request holds the batch open; 0 flushes after the current I/O turn. */
  maxWaitMs: number
  /** Called with the row count of every run (the batch-size histogram). */
  onRun?: (rows: number) => void
}

interface Pending {
  features: Float32Array
  rows: number
  resolve: (scores: Float32Array) => void
  reject: (err: unknown) => void
}

/**
 * Coalesces concurrent requests for one model version into a single `session.run`. One run per
 * batch amortises ONNX Runtime's per-call overhead (tensor set-up, thread hand-off), which
 * dominates a one-row tree or linear model.
 */
export class MicroBatcher {
  readonly #run: BatchRunner
  readonly #width: number
  readonly #options: MicroBatchOptions
  #pending: Pending[] = []
  #pendingRows = 0
  #scheduled = false

  constructor (run: BatchRunner, width: number, options: MicroBatchOptions) {
    this.#run = run
    this.#width = width
    this.#options = options
  }

  async submit (features: Float32Array, rows: number): Promise<Float32Array> {
    if (rows >= this.#options.maxBatchRows) return this.#runNow(features, rows)
    return new Promise((resolve, reject) => {
      this.#pending.push({ features, rows, resolve, reject })
      this.#pendingRows += rows
      if (this.#pendingRows >= this.#options.maxBatchRows) this.#flush()
      else this.#schedule()
    })
  }

  async #runNow (features: Float32Array, rows: number): Promise<Float32Array> {
    this.#options.onRun?.(rows)
    return this.#run(features, rows)
  }

  #schedule (): void {
    if (this.#scheduled) return
    this.#scheduled = true
    const flush = () => this.#flush()
    if (this.#options.maxWaitMs <= 0) setImmediate(flush)
    else setTimeout(flush, this.#options.maxWaitMs)
  }

  #flush (): void {
    this.#scheduled = false
    const batch = this.#pending
    const rows = this.#pendingRows
    if (batch.length === 0) return
    this.#pending = []
    this.#pendingRows = 0
    const first = batch[0]
    const features = batch.length === 1 && first !== undefined ? first.features : this.#concat(batch, rows)
    this.#runNow(features, rows).then((scores) => {
      let offset = 0
      for (const item of batch) {
        item.resolve(scores.subarray(offset, offset + item.rows))
        offset += item.rows
      }
    }, (err: unknown) => {
      for (const item of batch) item.reject(err)
    })
  }

  #concat (batch: Pending[], rows: number): Float32Array {
    const out = new Float32Array(rows * this.#width)
    let offset = 0
    for (const item of batch) {
      out.set(item.features, offset)
      offset += item.features.length
    }
    return out
  }
}
