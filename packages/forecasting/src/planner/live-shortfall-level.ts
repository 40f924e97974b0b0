import { type CapacityMinutes, neededReplicas, PodPool } from '../backtest/pod-pool.js'
import { KUBERNETES_HPA_DEFAULTS, ReactiveHpa } from '../backtest/reactive-hpa.js'
import { ShortfallLevel, type ShortfallLevelOptions } from './shortfall-level.js'

export interface LiveShortfallOptions {
  readonly level: ShortfallLevelOptions
  /** The planner's target; it also defines the replicas a load needs. */
  readonly targetPerPod: number
  /** The reference HPA's bounds (the workload's). */
  readonly minReplicas: number
  readonly maxReplicas: number
  /** A replica counted at t is ready at t + this, for the workload and the reference HPA alike. */
  readonly podStartupSeconds: number
  readonly stepSeconds: number
}

interface Scaling { readonly time: number, readonly replicas: number }

// Scalings wait for the steps they fall in; while no load arrives, the oldest are applied unaccounted.
const MAX_PENDING = 1000

/**
 * `ShortfallLevel` for a live planner, which sees each step's load only after the step: the same
 * comparison as `AutoscalingReplay`, fed with what was served. The workload's replica counts
 * (asked for or counted, `scaledTo`) and each observed step's load (`served`) arrive in time
 * order; a step's shortfall is measured on a pod pool holding those counts (ready after
 * start-up), against a reactive HPA simulated on the same loads from the same warm count.
 * Steps before the first count are history, not served by this planner, and are not observed.
 */
export class LiveShortfallLevel {
  private readonly shortfall: ShortfallLevel
  private readonly hpa: ReactiveHpa
  private readonly stepMs: number
  private pools: { planner: PodPool, hpa: PodPool } | undefined
  private startedAt = Number.POSITIVE_INFINITY
  private readonly pending: Scaling[] = []
  private lastEnd = Number.NEGATIVE_INFINITY
  private previousLoad: number | undefined

  constructor (private readonly options: LiveShortfallOptions) {
    const o = options
    this.shortfall = new ShortfallLevel(o.level)
    this.hpa = new ReactiveHpa({ targetPerPod: o.targetPerPod, minReplicas: o.minReplicas, maxReplicas: o.maxReplicas, ...KUBERNETES_HPA_DEFAULTS })
    this.stepMs = o.stepSeconds * 1000
  }

  /** The quantile to plan the next step from. */
  get level (): number {
    return this.shortfall.level
  }

  /** The workload runs `replicas` from `time` on; the first call starts the comparison. */
  scaledTo (time: number, replicas: number): void {
    if (this.pools === undefined) {
      const startupMs = this.options.podStartupSeconds * 1000
      this.pools = { planner: new PodPool(replicas, time, startupMs), hpa: new PodPool(replicas, time, startupMs) }
      this.startedAt = time
      return
    }
    this.pending.push({ time, replicas })
    if (this.pending.length > MAX_PENDING) this.apply(this.pending.shift() as Scaling)
  }

  /** The load of the step that ended at `end`, once observed; older or repeated steps are ignored. */
  served (end: number, load: number): void {
    if (end <= this.lastEnd) return
    this.lastEnd = end
    const previous = this.previousLoad
    this.previousLoad = load
    const start = end - this.stepMs
    const pools = this.pools
    if (pools === undefined || start < this.startedAt) return
    // The HPA decides at the step's start from the load observed before it.
    if (previous !== undefined) pools.hpa.scaleTo(this.hpa.decide(start, previous, pools.hpa.requested), start)
    const needed = neededReplicas(load, this.options.targetPerPod)
    const planner: CapacityMinutes = { under: 0, over: 0, total: 0 }
    let t = start
    while (this.pending.length > 0 && (this.pending[0] as Scaling).time < end) {
      const scaling = this.pending.shift() as Scaling
      if (scaling.time > t) {
        pools.planner.account(t, scaling.time, needed, planner)
        t = scaling.time
      }
      this.apply(scaling)
    }
    pools.planner.account(t, end, needed, planner)
    const hpa: CapacityMinutes = { under: 0, over: 0, total: 0 }
    pools.hpa.account(start, end, needed, hpa)
    this.shortfall.observe(planner.under, hpa.under, needed, this.stepMs / 60_000)
  }

  private apply (scaling: Scaling): void {
    this.pools?.planner.scaleTo(scaling.replicas, scaling.time)
  }
}
