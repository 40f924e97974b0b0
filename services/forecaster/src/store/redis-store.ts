import { Redis } from 'ioredis'
import { ForecastSnapshot } from '@platform/contracts'
import type { SnapshotStore } from './snapshot-store.js'

// Take the lease when free, or extend it when we already hold it; never steal it.
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`

// Store the snapshot only while its owner still holds the workload's lease: a replica whose tick
// outlived its lease must not overwrite the plan of the replica that took over.
const PUT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
return 1`

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

export interface RedisStoreOptions {
  url: string
  /** Key prefix, so several forecaster installations can share one Redis. */
  prefix?: string
  /** Snapshots expire after this long without a write (a removed workload's leftovers). */
  snapshotTtlSeconds?: number
}

/**
 * Snapshots as JSON strings (one SET per write, so a reader sees a whole old or a whole new
 * snapshot, never a mix), leases as keys with a PX expiry holding the owner's id, and
 * membership as one key per live replica with a PX expiry.
 */
export class RedisSnapshotStore implements SnapshotStore {
  readonly kind = 'redis'
  private readonly redis: Redis
  private readonly prefix: string
  private readonly ttl: number

  constructor (options: RedisStoreOptions) {
    this.redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true })
    this.prefix = options.prefix ?? 'forecaster:'
    this.ttl = options.snapshotTtlSeconds ?? 86_400
  }

  async connect (): Promise<void> {
    await this.redis.connect()
  }

  async get (workload: string): Promise<ForecastSnapshot | undefined> {
    const text = await this.redis.get(`${this.prefix}snapshot:${workload}`)
    if (text === null) return undefined
    // A value written by another version or by hand is refused rather than served.
    return ForecastSnapshot.parse(JSON.parse(text))
  }

  async put (snapshot: ForecastSnapshot): Promise<boolean> {
    const keys = [`${this.prefix}lease:${snapshot.workload}`, `${this.prefix}snapshot:${snapshot.workload}`]
    return await this.redis.eval(PUT, 2, ...keys, snapshot.owner, JSON.stringify(snapshot), String(this.ttl)) === 1
  }

  async acquireLease (workload: string, owner: string, ttlMs: number): Promise<boolean> {
    const granted = await this.redis.eval(ACQUIRE, 1, `${this.prefix}lease:${workload}`, owner, String(Math.ceil(ttlMs)))
    return granted === 1
  }

  async releaseLease (workload: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.prefix}lease:${workload}`, owner)
  }

  async heartbeat (member: string, ttlMs: number): Promise<number> {
    await this.redis.set(`${this.prefix}member:${member}`, '1', 'PX', Math.ceil(ttlMs))
    // One key per live replica, each expiring on its own: counting them is the membership.
    // SCAN may return a key twice while Redis rehashes, hence the set.
    const live = new Set<string>()
    let cursor = '0'
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}member:*`, 'COUNT', 1000)
      cursor = next
      for (const key of keys) live.add(key)
    } while (cursor !== '0')
    return live.size
  }

  async leave (member: string): Promise<void> {
    await this.redis.del(`${this.prefix}member:${member}`)
  }

  async ping (): Promise<void> {
    await this.redis.ping()
  }

  async close (): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect())
  }
}
