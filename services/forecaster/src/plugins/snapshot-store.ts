import { fp } from '@platform/service-kit'
import { MemorySnapshotStore } from '../store/memory-store.js'
import { RedisSnapshotStore } from '../store/redis-store.js'
import type { SnapshotStore } from '../store/snapshot-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    snapshotStore: SnapshotStore
  }
}

export interface SnapshotStoreOptions {
  storage: 'memory' | 'redis'
  redisUrl?: string | undefined
}

/** Memory (single replica) or Redis (shared snapshots and leases for several replicas). */
export const snapshotStore = fp<SnapshotStoreOptions>(async (app, options) => {
  let store: SnapshotStore
  if (options.storage === 'redis') {
    const redis = new RedisSnapshotStore({ url: options.redisUrl as string })
    await redis.connect()
    store = redis
  } else {
    store = new MemorySnapshotStore()
  }
  app.decorate('snapshotStore', store)
  app.readiness.register('snapshot-store', async () => { await store.ping() })
  app.addHook('onClose', async () => { await store.close() })
  app.log.info({ storage: store.kind }, 'snapshot store ready')
}, { name: 'snapshot-store', dependencies: ['readiness'] })
