/**
 * Deterministic synthetic series for the models' known-answer tests (used by tests only, kept
 * as a module so every test draws from the same seeded generator instead of copying one).
 */

/** Seeded standard-normal generator (mulberry32 + Box-Muller), reproducible across runs. */
export function normalRng (seed: number): () => number {
  let state = seed >>> 0
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
}

/** A series of `length` points from `f(t)` plus Gaussian noise of standard deviation `noise`. */
export function synthetic (length: number, f: (t: number) => number, noise = 0, seed = 1): Float64Array {
  const rng = normalRng(seed)
  return Float64Array.from({ length }, (_, t) => f(t) + noise * rng())
}

/** A daily-looking cycle of `period` steps: smooth, peaking mid-cycle, between level +- amplitude. */
export function dailyShape (period: number, level: number, amplitude: number): (t: number) => number {
  return (t) => level - amplitude * Math.cos((2 * Math.PI * (t % period)) / period)
}
