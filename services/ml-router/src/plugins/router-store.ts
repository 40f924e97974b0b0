import { fp } from '@platform/service-kit'
import { MemoryStore } from '../state/memory-store.js'
import { RedisStore } from '../state/redis-store.js'
import type { RouterStore } from '../state/router-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    routerStore: RouterStore
  }
}

export interface RouterStoreOptions {
  redisUrl: string | undefined
  maxRecords: number
  retentionDays: number
}

/** Redis when REDIS_URL is set (shared by replicas), else process memory. */
export const routerStorePlugin = fp<RouterStoreOptions>(async (app, options) => {
  const store: RouterStore = options.redisUrl === undefined
    ? new MemoryStore(options.maxRecords)
    : new RedisStore(options.redisUrl, options.maxRecords, options.retentionDays)
  app.log.info({ store: store.kind }, store.kind === 'memory' ? 'no REDIS_URL: telemetry, statistics and A/B state kept in process memory' : 'router state in Redis')
  app.decorate('routerStore', store)
  app.addHook('onClose', async () => { await store.close() })
}, { name: 'router-store' })
