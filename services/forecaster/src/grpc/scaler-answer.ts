import type { ForecastSnapshot } from '@platform/contracts'

/** What the scaler answers KEDA: the replica count as a metric against a target of 1. */
export interface ScalerAnswer {
  /** Replicas to run now. */
  readonly value: number
  readonly active: boolean
  /** Set when the forecast could not be trusted and the safe value was answered. */
  readonly safe?: 'stale'
}

export type SafeValue = 'last-plan' | 'current-replicas'

/**
 * The planned replica count at `nowMs`: `desiredReplicas` before the first step (what the rate
 * limits allow since the count the plan started from), then each step's count, and the last
 * step's once the plan has run out.
 */
export function plannedAt (snapshot: ForecastSnapshot, nowMs: number): number {
  const index = Math.floor((nowMs - Date.parse(snapshot.startsAt)) / (snapshot.stepSeconds * 1000))
  const replicas = snapshot.replicas
  if (replicas.length === 0 || index < 0) return snapshot.desiredReplicas
  return replicas[Math.min(replicas.length - 1, index)] as number
}

/**
 * A fresh forecast answers its plan. A stale one never scales to zero nor below the replicas
 * running now: IsActive stays true and the value is the configured safe value (the last good
 * plan, or the current replicas when known), at least the current count and at least 1.
 * A missing forecast has no safe value: the caller answers UNAVAILABLE, so the HPA keeps the
 * current scale (see docs/forecaster.md, "Safety").
 */
export function scalerAnswer (snapshot: ForecastSnapshot, nowMs: number, safeValue: SafeValue): ScalerAnswer {
  if (!snapshot.stale) {
    const value = plannedAt(snapshot, nowMs)
    return { value, active: value > 0 }
  }
  const current = snapshot.currentReplicas ?? undefined
  const lastPlan = plannedAt(snapshot, nowMs)
  const chosen = safeValue === 'current-replicas' && current !== undefined ? current : lastPlan
  return { value: Math.max(1, chosen, current ?? 0), active: true, safe: 'stale' }
}
