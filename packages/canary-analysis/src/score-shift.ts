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

const bounds = (buckets: readonly Bucket[]): string => buckets.map((b) => b.le).sort((a, b) => a - b).join(',')

/**
 * Population stability index between two score histograms with the same bucket bounds:
 * sum over bins of (p - q) * ln(p / q). Under 0.1 is stable, over 0.2 a material shift.
 */
export function populationStabilityIndex (canary: readonly Bucket[], stable: readonly Bucket[]): number {
  const p = binShares(canary)
  const q = binShares(stable)
  if (p.length === 0 || q.length === 0 || bounds(canary) !== bounds(stable)) return Number.NaN
  let psi = 0
  for (let i = 0; i < p.length; i++) {
    const a = Math.max(p[i] as number, floor)
    const b = Math.max(q[i] as number, floor)
    psi += (a - b) * Math.log(a / b)
  }
  return psi
}

/** The PSI between two score histograms and how many scores each holds. */
export interface ScoreShift { psi: number, canaryScores: number, stableScores: number }

const total = (buckets: readonly Bucket[]): number => Math.max(0, ...buckets.map((b) => b.count))

export function scoreShift (canary: readonly Bucket[], stable: readonly Bucket[]): ScoreShift {
  return { psi: populationStabilityIndex(canary, stable), canaryScores: total(canary), stableScores: total(stable) }
}
