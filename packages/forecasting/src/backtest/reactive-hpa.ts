import type { Recommendation } from '../planner/plan.js'
import { neededReplicas } from './pod-pool.js'

export interface HpaConfig {
  readonly targetPerPod: number
  readonly minReplicas: number
  readonly maxReplicas: number
  /** No change while |load / (replicas x target) - 1| is within this (Kubernetes default 0.1). */
  readonly tolerance: number
  /** Scale-down follows the highest recommendation of this trailing window (Kubernetes default 300 s). */
  readonly scaleDownStabilizationSeconds: number
}

/** Kubernetes' own defaults for the HPA's tolerance and scale-down stabilisation window. */
export const KUBERNETES_HPA_DEFAULTS = { tolerance: 0.1, scaleDownStabilizationSeconds: 300 } as const

/**
 * The Kubernetes HorizontalPodAutoscaler's algorithm on one metric, reacting to the last observed
 * load: desired = ceil(load / target) unless within tolerance, clamped to [min, max]; scale-up
 * at once; scale-down to the highest recommendation of the stabilisation window.
 * `current` is the requested replica count (the Deployment's spec.replicas), as in Kubernetes.
 */
export class ReactiveHpa {
  private readonly recommendations: Recommendation[] = []

  constructor (private readonly config: HpaConfig) {}

  decide (now: number, load: number, current: number): number {
    const c = this.config
    const ratio = current > 0 ? load / (current * c.targetPerPod) : Number.POSITIVE_INFINITY
    const raw = Math.abs(ratio - 1) <= c.tolerance ? current : neededReplicas(load, c.targetPerPod)
    const desired = Math.min(c.maxReplicas, Math.max(c.minReplicas, raw))
    const windowStart = now - c.scaleDownStabilizationSeconds * 1000
    while (this.recommendations.length > 0 && (this.recommendations[0] as Recommendation).time <= windowStart) this.recommendations.shift()
    this.recommendations.push({ time: now, replicas: desired })
    if (desired >= current) return desired
    const highest = Math.max(...this.recommendations.map((r) => r.replicas))
    return Math.min(current, highest)
  }
}
