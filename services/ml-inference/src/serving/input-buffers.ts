type Buffer = Float32Array | Float64Array

// A few buffers cover the runs that overlap (ONNX Runtime runs after the current I/O turn).
const keptBuffers = 4

/**
 * Input matrices reused across runs. A fresh multi-megabyte typed array costs more than encoding
 * into it (zeroed pages, then garbage), so a run borrows one that is at least as long as it needs
 * and gives it back once ONNX Runtime has finished reading it.
 */
export class InputBuffers<T extends Buffer> {
  readonly #create: (length: number) => T
  readonly #minLength: number
  #free: T[] = []

  constructor (create: (length: number) => T, minLength: number) {
    this.#create = create
    this.#minLength = minLength
  }

  /** A buffer of at least `length` elements, with unspecified contents. */
  acquire (length: number): T {
    const index = this.#free.findIndex((buffer) => buffer.length >= length)
    if (index < 0) return this.#create(Math.max(length, this.#minLength))
    const [buffer] = this.#free.splice(index, 1)
    return buffer ?? this.#create(Math.max(length, this.#minLength))
  }

  release (buffer: T): void {
    if (this.#free.length < keptBuffers) this.#free.push(buffer)
  }
}
