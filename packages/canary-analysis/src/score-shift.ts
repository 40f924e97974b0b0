/** One cumulative histogram bucket: `count` observations at or below `le`. */
export interface Bucket { le: number, count: number }

// Empty bins would make PSI infinite; a small floor is the usual practice.
const floor = 1e-4

/** Per-bin shares from cumulative buckets (sorted by `le`, the last is +Inf). */
export function binShares (buckets: readonly Bucket[]): number[] {
  const sorted = [...buckets].sort((a, b) => a.le - b.le)
  const total = sorted.at(-1)?.count ?? 0
  if (total <= 0) return []
  return sorted.map((b, i) => Math.max(0, b.count - (i === 0 ? 0 : (sorted[i - 1] as Bucket).count)) / total)
}

/**
 * Population stability index between two score histograms with the same bucket bounds:
 * sum over bins of (p - q) * ln(p / q). Under 0.1 is stable, over 0.2 a material shift.
 */
export function populationStabilityIndex (canary: readonly Bucket[], stable: readonly Bucket[]): number {
  const p = binShares(canary)
  const q = binShares(stable)
  if (p.length === 0 || p.length !== q.length) return Number.NaN
  let psi = 0
  for (let i = 0; i < p.length; i++) {
    const a = Math.max(p[i] as number, floor)
    const b = Math.max(q[i] as number, floor)
    psi += (a - b) * Math.log(a / b)
  }
  return psi
}
