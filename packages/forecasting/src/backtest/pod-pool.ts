/** Replica-minutes over an interval, measured against the replicas the load needed. */
export interface CapacityMinutes {
  /** Needed replicas missing (not ready), integrated over time. */
  under: number
  /** Ready replicas beyond the need, integrated over time. */
  over: number
  /** Replicas that exist (ready or starting, i.e. paid for), integrated over time. */
  total: number
}

const MINUTE_MS = 60_000
// Float noise must not add a replica (same rule as the planner).
const EPSILON = 1e-9

/** The replicas a load needs: ceil(load / targetPerPod). */
export function neededReplicas (load: number, targetPerPod: number): number {
  return Math.ceil(load / targetPerPod - EPSILON)
}

/**
 * The replicas of one workload in a replay. A replica asked for at t is ready at t + startup;
 * a scale-down removes starting replicas first (as a ReplicaSet does), then ready ones, at once.
 */
export class PodPool {
  // Ready times of the existing replicas, ascending (new replicas are always the latest).
  private readonly readyTimes: number[]
  private changes = 0

  constructor (initial: number, now: number, private readonly startupMs: number) {
    this.readyTimes = new Array<number>(initial).fill(now)
  }

  get requested (): number {
    return this.readyTimes.length
  }

  /** Number of times the requested count changed. */
  get scalingChanges (): number {
    return this.changes
  }

  scaleTo (count: number, now: number): void {
    if (count === this.readyTimes.length) return
    this.changes++
    if (count < this.readyTimes.length) this.readyTimes.length = count
    else while (this.readyTimes.length < count) this.readyTimes.push(now + this.startupMs)
  }

  /** Replicas ready at `time`. */
  readyCount (time: number): number {
    let ready = 0
    while (ready < this.readyTimes.length && (this.readyTimes[ready] as number) <= time) ready++
    return ready
  }

  /** Integrates under/over/total replica-minutes over [from, to) while `needed` replicas are needed. */
  account (from: number, to: number, needed: number, into: CapacityMinutes): void {
    let t = from
    let ready = this.readyCount(from)
    while (t < to) {
      const next = ready < this.readyTimes.length ? Math.min(to, this.readyTimes[ready] as number) : to
      const minutes = (next - t) / MINUTE_MS
      into.under += Math.max(0, needed - ready) * minutes
      into.over += Math.max(0, ready - needed) * minutes
      into.total += this.readyTimes.length * minutes
      t = next
      ready = this.readyCount(t)
    }
  }
}
