/**
 * Seeded pseudo-random numbers (mulberry32) for simulators, synthetic data and tests: the same
 * seed yields the same sequence on every platform, so generated data sets are reproducible from
 * their seed alone.
 */
export interface Random {
  /** Uniform in [0, 1). Members are plain functions, safe to pass around unbound. */
  readonly next: () => number
  /** Standard normal (Box-Muller). */
  readonly normal: () => number
  readonly int: (minInclusive: number, maxExclusive: number) => number
  readonly pick: <T>(items: readonly T[]) => T
  /** Picks by weight; weights need not sum to 1. */
  readonly weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T
  readonly poisson: (mean: number) => number
  readonly lognormal: (mu: number, sigma: number) => number
}

/** The bare mulberry32 generator: uniform numbers in [0, 1). */
export function mulberry32 (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function seededRandom (seed: number): Random {
  const next = mulberry32(seed)
  // 1 - u lies in (0, 1], which keeps the logarithm finite.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min))
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
  return {
    next,
    normal,
    int,
    pick,
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [item, w] of items) {
        r -= w
        if (r <= 0) return item
      }
      return pick(items.map(([item]) => item))
    },
    poisson: (mean) => {
      // Knuth for small means, a rounded normal approximation above 30 (plenty for traffic counts).
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
      const limit = Math.exp(-mean)
      let k = 0
      let p = next()
      while (p > limit) {
        k++
        p *= next()
      }
      return k
    },
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal())
  }
}
