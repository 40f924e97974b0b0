/**
 * This replica's share of the workload leases. With `live` replicas heartbeating, each one owns at
 * most ceil(workloads / live): it only tries a free lease while under that quota, and hands back
 * its extras (after storing their snapshot) when the quota shrinks because a replica joined. A
 * replica that dies stops heartbeating, the quota of the survivors grows, and they take its
 * leases once those lapse.
 */
export class LeaseBalancer {
  private live = 1
  private readonly owned = new Set<string>()
  /** Acquisitions in flight, counted against the quota so concurrent ticks cannot overshoot it. */
  private reserved = 0

  constructor (private readonly workloads: () => number) {}

  /** Replicas alive, this one included (from the membership heartbeat). */
  setLive (count: number): void {
    this.live = Math.max(1, count)
  }

  get quota (): number {
    return Math.ceil(this.workloads() / this.live)
  }

  get ownedCount (): number {
    return this.owned.size
  }

  /**
   * Renews a held lease, or takes a free one while under the quota; `acquire` asks the store.
   * False without asking the store when the quota is full.
   */
  async acquire (workload: string, acquire: () => Promise<boolean>): Promise<boolean> {
    const held = this.owned.has(workload)
    if (!held && this.owned.size + this.reserved >= this.quota) return false
    if (!held) this.reserved++
    try {
      const granted = await acquire()
      if (granted) this.owned.add(workload)
      else this.owned.delete(workload)
      return granted
    } finally {
      if (!held) this.reserved--
    }
  }

  /**
   * True when this replica holds more than its share and `workload` should be handed over; the
   * answer already counts it as released, so exactly the surplus is let go.
   */
  shouldRelease (workload: string): boolean {
    if (!this.owned.has(workload) || this.owned.size <= this.quota) return false
    this.owned.delete(workload)
    return true
  }

  /** The workload's lease is no longer held (released on stop, or the loop was removed). */
  forget (workload: string): void {
    this.owned.delete(workload)
  }
}
