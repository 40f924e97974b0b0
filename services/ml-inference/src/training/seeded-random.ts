/** A seeded PRNG (mulberry32) so every generated data set is reproducible from its seed alone. */
export interface Random {
  next(): number
  normal(): number
  int(minInclusive: number, maxExclusive: number): number
  pick<T>(items: readonly T[]): T
  poisson(mean: number): number
  lognormal(mu: number, sigma: number): number
}

export function seededRandom (seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = (): number => {
    // Box-Muller; 1 - u keeps log away from 0.
    const u = 1 - next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min))
  return {
    next,
    normal,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
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
