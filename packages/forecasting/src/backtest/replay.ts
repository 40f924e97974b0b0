import type { Forecast, Series } from '../model.js'
import { planReplicas, type Recommendation } from '../planner/plan.js'
import type { PlannerPolicy } from '../planner/policy.js'
import { ShortfallLevel, type ShortfallLevelOptions } from '../planner/shortfall-level.js'
import { neededReplicas, PodPool, type CapacityMinutes } from './pod-pool.js'
import { ReactiveHpa, type HpaConfig } from './reactive-hpa.js'

export interface ReplayConfig {
  /** The planner's policy; its targetPerPod also defines the replicas the load needs. */
  readonly policy: PlannerPolicy
  readonly hpa: HpaConfig
  /** Replicas asked for at t are ready at t + podStartupSeconds, for both autoscalers. */
  readonly podStartupSeconds: number
  /**
   * When set, the planner's quantile is not the policy's but follows its shortfall against the
   * reactive HPA's on the steps served so far (`ShortfallLevel`); ask `planningLevel()` which
   * quantile the next step's forecast must hold.
   */
  readonly adaptiveQuantile?: ShortfallLevelOptions
}

export interface ReplayOutcome extends CapacityMinutes {
  readonly scalingChanges: number
  /** Replicas asked for at each replayed step. */
  readonly requested: number[]
}

export interface ReplayResult {
  readonly planner: ReplayOutcome
  readonly hpa: ReplayOutcome
  /** ceil(load / targetPerPod) per replayed step. */
  readonly needed: number[]
  /** The warm count both autoscalers start from. */
  readonly initialReplicas: number
}

/**
 * Replays one series step by step: at the start of each step both autoscalers decide from what
 * was observed before it (the planner from a forecast, the HPA from the last value); then the
 * step's load is served by the replicas that are ready. Both start from the same warm count.
 */
export class AutoscalingReplay {
  private readonly stepMs: number
  private readonly hpa: ReactiveHpa
  private readonly pools: { planner: PodPool, hpa: PodPool }
  private readonly minutes = { planner: { under: 0, over: 0, total: 0 }, hpa: { under: 0, over: 0, total: 0 } }
  private readonly requested = { planner: [] as number[], hpa: [] as number[] }
  private readonly needed: number[] = []
  private recommendations: Recommendation[] = []
  private readonly level: ShortfallLevel | undefined
  private readonly initial: number

  constructor (private readonly series: Series, firstStep: number, private readonly config: ReplayConfig) {
    this.stepMs = series.stepSeconds * 1000
    this.hpa = new ReactiveHpa(config.hpa)
    this.level = config.adaptiveQuantile === undefined ? undefined : new ShortfallLevel(config.adaptiveQuantile)
    const p = config.policy
    const start = this.timeOf(firstStep)
    this.initial = Math.min(p.maxReplicas, Math.max(p.minReplicas, this.neededFor(series.values[firstStep - 1] ?? 0)))
    const startupMs = config.podStartupSeconds * 1000
    this.pools = { planner: new PodPool(this.initial, start, startupMs), hpa: new PodPool(this.initial, start, startupMs) }
  }

  /** The quantile the planner plans the next step from (undefined: mean x headroom). */
  planningLevel (): number | undefined {
    return this.level?.level ?? this.config.policy.quantile
  }

  /**
   * Decides and serves step `index`; `forecast` was made from values before it, its first point
   * is this step, and it holds the `planningLevel()` quantile.
   */
  step (index: number, forecast: Forecast): void {
    const now = this.timeOf(index)
    const { hpa, planner } = this.pools
    hpa.scaleTo(this.hpa.decide(now, this.series.values[index - 1] ?? 0, hpa.requested), now)

    const windowStart = now - this.config.policy.scaleDownStabilizationSeconds * 1000
    this.recommendations = this.recommendations.filter((r) => r.time > windowStart)
    const plan = planReplicas({
      forecast,
      start: now,
      stepSeconds: this.series.stepSeconds,
      currentReplicas: planner.requested,
      recentRecommendations: this.recommendations
    }, this.level === undefined ? this.config.policy : { ...this.config.policy, quantile: this.level.level })
    this.recommendations.push({ time: now, replicas: plan.recommended[0] ?? planner.requested })
    planner.scaleTo(plan.replicas[0] ?? planner.requested, now)

    const needed = this.neededFor(this.series.values[index] ?? 0)
    this.needed.push(needed)
    const underBefore = { planner: this.minutes.planner.under, hpa: this.minutes.hpa.under }
    for (const name of ['planner', 'hpa'] as const) {
      this.pools[name].account(now, now + this.stepMs, needed, this.minutes[name])
      this.requested[name].push(this.pools[name].requested)
    }
    this.level?.observe(this.minutes.planner.under - underBefore.planner, this.minutes.hpa.under - underBefore.hpa, needed, this.stepMs / 60_000)
  }

  result (): ReplayResult {
    const outcome = (name: 'planner' | 'hpa'): ReplayOutcome =>
      ({ ...this.minutes[name], scalingChanges: this.pools[name].scalingChanges, requested: this.requested[name] })
    return { planner: outcome('planner'), hpa: outcome('hpa'), needed: this.needed, initialReplicas: this.initial }
  }

  private timeOf (index: number): number {
    return this.series.start + index * this.stepMs
  }

  private neededFor (load: number): number {
    return neededReplicas(load, this.config.policy.targetPerPod)
  }
}
