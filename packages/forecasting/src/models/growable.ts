/**
 * An append-only Float64Array that keeps at most the newest `capacity` values (it drops the
 * oldest quarter when full), so models can absorb `update()` calls for ever in bounded memory.
 */
export class Growable {
  #data: Float64Array
  #length: number
  readonly #capacity: number

  constructor (initial: ArrayLike<number>, capacity = Number.POSITIVE_INFINITY) {
    this.#capacity = Math.max(Math.floor(capacity), 1)
    const keep = Math.min(initial.length, this.#capacity)
    this.#data = new Float64Array(Math.min(Math.max(16, keep * 2), this.#capacity))
    for (let i = 0; i < keep; i++) this.#data[i] = initial[initial.length - keep + i] as number
    this.#length = keep
  }

  get length (): number {
    return this.#length
  }

  /** Value `k` steps back from the newest (k = 0 is the newest); 0 when out of range. */
  back (k: number): number {
    return this.#data[this.#length - 1 - k] ?? 0
  }

  /** A view of the current values, oldest first (valid until the next push). */
  view (): Float64Array {
    return this.#data.subarray(0, this.#length)
  }

  push (value: number): void {
    if (this.#length === this.#data.length) {
      if (this.#length >= this.#capacity) {
        const drop = Math.max(1, Math.floor(this.#capacity / 4))
        this.#data.copyWithin(0, drop, this.#length)
        this.#length -= drop
      } else {
        const next = new Float64Array(Math.min(this.#data.length * 2, this.#capacity))
        next.set(this.#data.subarray(0, this.#length))
        this.#data = next
      }
    }
    this.#data[this.#length++] = value
  }
}
