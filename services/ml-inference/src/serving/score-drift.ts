import type { ReferenceDistribution } from '@platform/contracts'

/** The bin of `value` among ascending `edges`; values outside the outer edges fall in the end bins. */
export function binIndex (edges: readonly number[], value: number): number {
  let lo = 0
  let hi = edges.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (value >= (edges[mid] ?? 0)) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Population stability index of recent counts against the reference proportions. Empty bins are
 * floored at a small proportion so PSI stays finite; 0.1 is the usual "watch", 0.25 "act" line.
 */
export function populationStabilityIndex (reference: readonly number[], counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return 0
  const floor = 1e-4
  let psi = 0
  for (let b = 0; b < reference.length; b++) {
    const expected = Math.max(reference[b] ?? 0, floor)
    const actual = Math.max((counts[b] ?? 0) / total, floor)
    psi += (actual - expected) * Math.log(actual / expected)
  }
  return psi
}

/**
 * Recent scores of one model version in a ring of fixed size, binned on the reference edges,
 * so drift reflects the last `capacity` answers at O(1) memory per version.
 */
export class ScoreWindow {
  readonly #reference: ReferenceDistribution
  readonly #bins: Uint16Array
  readonly #counts: number[]
  #next = 0
  #size = 0

  constructor (reference: ReferenceDistribution, capacity = 5000) {
    this.#reference = reference
    this.#bins = new Uint16Array(capacity)
    this.#counts = new Array<number>(reference.proportions.length).fill(0)
  }

  add (score: number): void {
    const bin = binIndex(this.#reference.edges, score)
    if (this.#size === this.#bins.length) {
      const old = this.#bins[this.#next] ?? 0
      this.#counts[old] = (this.#counts[old] ?? 0) - 1
    } else {
      this.#size++
    }
    this.#bins[this.#next] = bin
    this.#counts[bin] = (this.#counts[bin] ?? 0) + 1
    this.#next = (this.#next + 1) % this.#bins.length
  }

  get size (): number { return this.#size }

  psi (): number {
    return populationStabilityIndex(this.#reference.proportions, this.#counts)
  }
}
