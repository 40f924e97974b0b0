import type { ForecastSnapshot } from '@platform/contracts'

/**
 * Where snapshots live and who computes each workload. Memory: one process owns everything.
 * Redis: replicas share snapshots and split workloads through leases.
 */
export interface SnapshotStore {
  readonly kind: 'memory' | 'redis'
  get (workload: string): Promise<ForecastSnapshot | undefined>
  /** Stores a snapshot while `snapshot.owner` holds the workload's lease; false (nothing stored) once it does not. */
  put (snapshot: ForecastSnapshot): Promise<boolean>
  /**
   * Takes or renews the workload's lease for `owner` for `ttlMs`; false while another owner holds
   * it. Renewal only succeeds for the current holder, so two replicas never both own a workload.
   */
  acquireLease (workload: string, owner: string, ttlMs: number): Promise<boolean>
  releaseLease (workload: string, owner: string): Promise<void>
  /**
   * Marks `member` alive for `ttlMs` and returns how many replicas are alive now (itself
   * included); lease balancing divides the workloads by it.
   */
  heartbeat (member: string, ttlMs: number): Promise<number>
  /** Removes `member` at once (shutdown), so the others re-balance without waiting for its TTL. */
  leave (member: string): Promise<void>
  ping (): Promise<void>
  close (): Promise<void>
}
