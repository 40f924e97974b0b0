/**
 * Seeded pseudo-random numbers (mulberry32), so the simulator is reproducible: the same seed
 * always yields the same requests, noise and outages.
 */
export class Rng {
  private state: number

  constructor (seed: number) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0
  }

  next (): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int (minInclusive: number, maxExclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxExclusive - minInclusive))
  }

  /** Standard normal (Box-Muller). */
  normal (): number {
    const u = Math.max(this.next(), 1e-12)
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  pick<T> (items: readonly T[]): T {
    const item = items[this.int(0, items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T> (items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r <= 0) return item
    }
    return this.pick(items.map(([item]) => item))
  }
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf), accurate to about 1e-7. */
export function normalCdf (z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}
