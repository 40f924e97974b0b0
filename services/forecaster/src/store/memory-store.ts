import type { ForecastSnapshot } from '@platform/contracts'
import type { SnapshotStore } from './snapshot-store.js'

/** The single-replica default: snapshots in a Map, every lease granted. */
export class MemorySnapshotStore implements SnapshotStore {
  readonly kind = 'memory'
  private readonly snapshots = new Map<string, ForecastSnapshot>()

  async get (workload: string): Promise<ForecastSnapshot | undefined> {
    return this.snapshots.get(workload)
  }

  async put (snapshot: ForecastSnapshot): Promise<boolean> {
    this.snapshots.set(snapshot.workload, snapshot)
    return true
  }

  async acquireLease (): Promise<boolean> {
    return true
  }

  async releaseLease (): Promise<void> {}

  async heartbeat (): Promise<number> {
    return 1
  }

  async leave (): Promise<void> {}

  async ping (): Promise<void> {}

  async close (): Promise<void> {}
}
