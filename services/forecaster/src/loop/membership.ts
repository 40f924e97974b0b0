import type { FastifyBaseLogger } from 'fastify'
import type { SnapshotStore } from '../store/snapshot-store.js'
import type { LeaseBalancer } from './lease-balancer.js'

export interface MembershipOptions {
  store: SnapshotStore
  /** This replica's id. */
  member: string
  balancer: LeaseBalancer
  /** The shortest workload interval, in seconds (it sets the heartbeat pace). */
  shortestInterval: () => number
  log: FastifyBaseLogger
}

/**
 * Heartbeats this replica's membership key and feeds the live count to the lease balancer. The
 * heartbeat runs every sixth of the shortest interval with a time-to-live of three beats, so a
 * dead replica drops out of the count well before its leases lapse (1.5 intervals): the survivors'
 * quota has grown by the time they may take its workloads, and takeover stays within two intervals.
 */
export class Membership {
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor (private readonly options: MembershipOptions) {}

  /** A sixth of the shortest interval, kept within [0.1 s, 10 s] (a shorter TTL only helps takeover). */
  private get periodMs (): number {
    const sixth = (this.options.shortestInterval() * 1000) / 6
    return Number.isFinite(sixth) ? Math.min(10_000, Math.max(100, sixth)) : 10_000
  }

  /** Joins (the first heartbeat is awaited, so the first ticks already see the others) and keeps beating. */
  async start (): Promise<void> {
    await this.beat()
    this.schedule()
  }

  async stop (): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.options.store.leave(this.options.member).catch((err: unknown) => { this.options.log.warn({ err }, 'could not leave the replica membership') })
  }

  private schedule (): void {
    if (this.stopped) return
    this.timer = setTimeout(() => { void this.beat().finally(() => { this.schedule() }) }, this.periodMs)
    this.timer.unref()
  }

  private async beat (): Promise<void> {
    const { store, member, balancer, log } = this.options
    try {
      balancer.setLive(await store.heartbeat(member, 3 * this.periodMs))
    } catch (err) {
      // Keep the last known count: a short Redis outage must not make every replica grab everything.
      log.warn({ err }, 'membership heartbeat failed')
    }
  }
}
