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
  let store: RouterStore
  if (options.redisUrl === undefined) {
    store = new MemoryStore(options.maxRecords)
    app.log.info({ store: store.kind }, 'no REDIS_URL: telemetry, statistics and A/B state kept in process memory')
  } else {
    const redis = new RedisStore(options.redisUrl, options.maxRecords, options.retentionDays)
    store = redis
    // Routing does not need Redis to start; telemetry answers 503 until it is reachable.
    if (await redis.connected(3_000)) app.log.info({ store: store.kind }, 'router state in Redis')
    else app.log.warn({ store: store.kind }, 'Redis not reachable yet: routing on in-process state, telemetry answers 503 until it is')
  }
  app.decorate('routerStore', store)
  app.addHook('onClose', async () => { await store.close() })
}, { name: 'router-store' })
