type Row = Readonly<Record<string, unknown>>

/** Scores rows (the requests of one batch, in order) in one `session.run`: one score per row. */
export type BatchRunner = (rows: readonly Row[]) => Promise<Float32Array>

export interface MicroBatchOptions {
  /** Rows per `session.run`; a request at or above this size runs alone. */
  maxBatchRows: number
  /** How long the first waiting request holds the batch open; 0 flushes after the current I/O turn. */
  maxWaitMs: number
  /** Called with the row count of every run (the batch-size histogram). */
  onRun?: (rows: number) => void
}

interface Pending {
  rows: readonly Row[]
  resolve: (scores: Float32Array) => void
  reject: (err: unknown) => void
}

/**
 * Coalesces concurrent requests for one model version into a single `session.run`. One run per
 * batch amortises ONNX Runtime's per-call overhead (tensor set-up, thread hand-off), which
 * dominates a one-row tree or linear model. Requests wait as rows, not as encoded matrices: the
 * runner encodes the whole batch straight into one reused input buffer.
 */
export class MicroBatcher {
  readonly #run: BatchRunner
  readonly #options: MicroBatchOptions
  #pending: Pending[] = []
  #pendingRows = 0
  #timer: NodeJS.Immediate | NodeJS.Timeout | undefined

  constructor (run: BatchRunner, options: MicroBatchOptions) {
    this.#run = run
    this.#options = options
  }

  async submit (rows: readonly Row[]): Promise<Float32Array> {
    if (rows.length >= this.#options.maxBatchRows) return this.#runNow(rows)
    return new Promise((resolve, reject) => {
      // Rows that would overfill the waiting batch start the next one, so no run exceeds the maximum.
      if (this.#pendingRows + rows.length > this.#options.maxBatchRows) this.#flush()
      this.#pending.push({ rows, resolve, reject })
      this.#pendingRows += rows.length
      if (this.#pendingRows >= this.#options.maxBatchRows) this.#flush()
      else this.#schedule()
    })
  }

  async #runNow (rows: readonly Row[]): Promise<Float32Array> {
    this.#options.onRun?.(rows.length)
    return this.#run(rows)
  }

  #schedule (): void {
    if (this.#timer !== undefined) return
    const flush = () => this.#flush()
    this.#timer = this.#options.maxWaitMs <= 0 ? setImmediate(flush) : setTimeout(flush, this.#options.maxWaitMs)
  }

  #flush (): void {
    // A batch flushed early must not leave its timer to cut the next batch's wait short.
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer as NodeJS.Timeout)
      clearImmediate(this.#timer as NodeJS.Immediate)
      this.#timer = undefined
    }
    const batch = this.#pending
    if (batch.length === 0) return
    this.#pending = []
    this.#pendingRows = 0
    const first = batch[0]
    const rows = batch.length === 1 && first !== undefined ? first.rows : batch.flatMap((item) => item.rows)
    this.#runNow(rows).then((scores) => {
      let offset = 0
      for (const item of batch) {
        item.resolve(scores.subarray(offset, offset + item.rows.length))
        offset += item.rows.length
      }
    }, (err: unknown) => {
      for (const item of batch) item.reject(err)
    })
  }
}
