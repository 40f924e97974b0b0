import type { ScoreShift } from './score-shift.js'

/** What was measured for one side over the window. */
export interface SideMeasurement {
  requests: number
  errorRate: number
  p95Seconds: number
}

export interface Thresholds {
  /** Fewer requests than this on either side: no verdict. */
  minRequests: number
  /** The canary may exceed the stable error rate by at most this much (absolute, 0.01 = 1 point). */
  maxErrorRateIncrease: number
  /** The canary's p95 may be at most this multiple of the stable p95 ... */
  maxP95Ratio: number
  /** ... unless it is within this many seconds of it (so microsecond noise never fails a canary). */
  p95SlackSeconds: number
  /** Highest prediction-score PSI between canary and stable. */
  maxScorePsi: number
  /**
   * Fewer scores than this on either side: no verdict. Over a score histogram's sparse bins, the
   * PSI of 100 scores drawn from stable's own distribution exceeded 0.2 a quarter of the time.
   */
  minScores: number
}

export const defaultThresholds: Thresholds = { minRequests: 100, maxErrorRateIncrease: 0.01, maxP95Ratio: 1.2, p95SlackSeconds: 0.005, maxScorePsi: 0.2, minScores: 500 }

export interface Check { name: string, canary: number, stable: number, limit: string, passed: boolean }
export interface Verdict { decision: 'promote' | 'rollback' | 'inconclusive', checks: Check[], reason: string }

/** Compares canary with stable; any failed check means roll back. */
export function decide (canary: SideMeasurement, stable: SideMeasurement, scores: ScoreShift | undefined, t: Thresholds = defaultThresholds): Verdict {
  if (canary.requests < t.minRequests || stable.requests < t.minRequests) {
    return { decision: 'inconclusive', checks: [], reason: `too little traffic: canary ${Math.round(canary.requests)}, stable ${Math.round(stable.requests)} requests (need ${t.minRequests} each)` }
  }
  if (scores !== undefined && (scores.canaryScores < t.minScores || scores.stableScores < t.minScores)) {
    return { decision: 'inconclusive', checks: [], reason: `too few scores for the score shift: canary ${Math.round(scores.canaryScores)}, stable ${Math.round(scores.stableScores)} (need ${t.minScores} each)` }
  }
  const p95Limit = Math.max(stable.p95Seconds * t.maxP95Ratio, stable.p95Seconds + t.p95SlackSeconds)
  const checks: Check[] = [
    { name: 'error rate', canary: canary.errorRate, stable: stable.errorRate, limit: `<= stable + ${t.maxErrorRateIncrease}`, passed: canary.errorRate <= stable.errorRate + t.maxErrorRateIncrease },
    { name: 'p95 latency (s)', canary: canary.p95Seconds, stable: stable.p95Seconds, limit: `<= ${p95Limit.toPrecision(3)}`, passed: Number.isFinite(canary.p95Seconds) && canary.p95Seconds <= p95Limit }
  ]
  if (scores !== undefined) checks.push({ name: 'score shift (PSI)', canary: scores.psi, stable: 0, limit: `<= ${t.maxScorePsi}`, passed: Number.isFinite(scores.psi) && scores.psi <= t.maxScorePsi })
  const failed = checks.filter((c) => !c.passed)
  return failed.length === 0
    ? { decision: 'promote', checks, reason: 'every check passed' }
    : { decision: 'rollback', checks, reason: `failed: ${failed.map((c) => c.name).join(', ')}` }
}
