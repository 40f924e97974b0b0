import { Redis } from 'ioredis'
import { AbTestConfig, ExecutionRecord, providerIds, type ExportExecutionsQuery, type ExportExecutionsResponse, type ProviderId } from '@platform/contracts'
import { bucketIndex, emptyBucket, histogramBins, latencyBin, historyFromBuckets, statsWindows, type ProviderHistory, type StatsBucket, type WindowName } from '@platform/router-core'
import { pageOf } from './export-page.js'
import { ingestScript } from './ingest-script.js'
import { StoreUnavailableError, type ArmSamples, type IngestResult, type JoinedOutcome, type RouterStore, type StoredDecision } from './router-store.js'

const decisionTtlSeconds = 7 * 86_400
const abKey = 'router:ab:current'

/** A command's reply may take this long; past it Redis counts as unreachable (a stall or a partition). */
const commandTimeoutMs = 1_000

/**
 * Redis-backed state. Commands fail fast while Redis is unreachable (no offline queue), so a
 * caller learns at once that nothing was stored instead of waiting on a buffered write. A
 * connected Redis that stops answering (paused, partitioned) times commands out; the client then
 * reconnects, which fails every command still waiting instead of queueing one per request.
 */
export class RedisStore implements RouterStore {
  readonly kind = 'redis'
  readonly redis: Redis

  constructor (url: string, private readonly maxRecords: number, private readonly retentionDays: number) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: commandTimeoutMs,
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000)
    })
    // Connection errors surface through the commands that fail; the client keeps reconnecting.
    this.redis.on('error', () => {})
    this.redis.defineCommand('routerIngest', { numberOfKeys: 0, lua: ingestScript })
  }

  private async guarded<T> (call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (err) {
      this.dropIfStalled(err)
      throw new StoreUnavailableError(err)
    }
  }

  private dropIfStalled (err: unknown): void {
    if (err instanceof Error && err.message === 'Command timed out' && this.redis.status === 'ready') this.redis.disconnect(true)
  }

  available (): boolean {
    return this.redis.status === 'ready'
  }

  /** Waits up to `timeoutMs` for the first connection; false if Redis is not there (yet). */
  async connected (timeoutMs: number): Promise<boolean> {
    if (this.available()) return true
    return await new Promise((resolve) => {
      const timer = setTimeout(() => { this.redis.off('ready', onReady); resolve(false) }, timeoutMs)
      const onReady = () => { clearTimeout(timer); resolve(true) }
      this.redis.once('ready', onReady)
    })
  }

  async ingest (records: readonly ExecutionRecord[]): Promise<IngestResult> {
    const args: Array<string | number> = [records.length, this.maxRecords, this.retentionDays * 86_400]
    for (const r of records) {
      const at = Date.parse(r.submittedAt)
      args.push(r.id, JSON.stringify(r), r.provider, bucketIndex('short', at), bucketIndex('long', at), r.outcome.latencyMs,
        r.outcome.costUsd, r.outcome.success ? 1 : 0, latencyBin(r.outcome.latencyMs), r.decisionId ?? '')
    }
    const reply = await this.guarded(async () => await (this.redis as unknown as { routerIngest: (...a: Array<string | number>) => Promise<Array<string | number>> }).routerIngest(...args))
    const joined: JoinedOutcome[] = []
    for (let i = 2; i + 1 < reply.length; i += 2) {
      const decision = JSON.parse(String(reply[i])) as StoredDecision
      const record = ExecutionRecord.parse(JSON.parse(String(reply[i + 1])))
      joined.push({ decision, costUsd: record.outcome.costUsd, latencyMs: record.outcome.latencyMs, success: record.outcome.success })
    }
    return { accepted: Number(reply[0]), duplicates: Number(reply[1]), joined }
  }

  async export (query: ExportExecutionsQuery): Promise<ExportExecutionsResponse> {
    const start = query.cursor === undefined ? '-' : `(${query.cursor}`
    // Read a little more than a page so records outside [since, until) do not leave it short.
    const count = Math.min(query.limit * 2, 20_000)
    const entries = await this.guarded(async () => await this.redis.xrange('router:executions', start, '+', 'COUNT', count))
    const parsed = entries.map(([id, fields]) => ({ id, record: ExecutionRecord.parse(JSON.parse(fields[1] ?? '{}')) }))
    return pageOf(parsed, query, entries.length < count)
  }

  recordDecision (decision: StoredDecision): void {
    const pipeline = this.redis.multi().set(`router:decision:${decision.decisionId}`, JSON.stringify(decision), 'EX', decisionTtlSeconds)
    if (decision.abTestId !== null && decision.arm !== null) {
      pipeline.hincrby(`router:ab:${decision.abTestId}:requests`, decision.arm, 1)
      if (decision.shadow !== null) pipeline.hincrby(`router:ab:${decision.abTestId}:requests`, 'treatment', 1)
    }
    pipeline.exec().catch((err: unknown) => { this.dropIfStalled(err) })
  }

  async abSamples (testId: string): Promise<{ control: ArmSamples, treatment: ArmSamples }> {
    return await this.guarded(async () => {
      const [requests, control, treatment] = await Promise.all([
        this.redis.hgetall(`router:ab:${testId}:requests`),
        this.redis.lrange(`router:ab:${testId}:control:outcomes`, 0, -1),
        this.redis.lrange(`router:ab:${testId}:treatment:outcomes`, 0, -1)
      ])
      return {
        control: { requests: Number(requests.control ?? 0), outcomes: control.map((s) => JSON.parse(s)) },
        treatment: { requests: Number(requests.treatment ?? 0), outcomes: treatment.map((s) => JSON.parse(s)) }
      }
    })
  }

  async loadAbTest (): Promise<AbTestConfig | null | undefined> {
    const text = await this.guarded(async () => await this.redis.get(abKey))
    if (text === null) return undefined
    const json: unknown = JSON.parse(text)
    return json === null ? null : AbTestConfig.parse(json)
  }

  async saveAbTest (config: AbTestConfig | null): Promise<void> {
    // An ended test is written as null, so a missing key means only that Redis lost its data.
    await this.guarded(async () => await this.redis.set(abKey, JSON.stringify(config)))
  }

  /** Reads the buckets of both windows for every provider in one pipeline. */
  async histories (atMs: number): Promise<Map<ProviderId, ProviderHistory>> {
    const plan: Array<{ provider: ProviderId, window: WindowName, index: number }> = []
    const pipeline = this.redis.pipeline()
    for (const provider of providerIds) {
      for (const window of ['short', 'long'] as const) {
        const current = bucketIndex(window, atMs)
        for (let i = current - statsWindows[window].buckets; i < current; i++) {
          pipeline.hgetall(`router:stats:${window === 'short' ? 's' : 'l'}:${provider}:${i}`)
          plan.push({ provider, window, index: i })
        }
      }
    }
    const replies = await this.guarded(async () => await pipeline.exec())
    const short = new Map<ProviderId, Array<{ index: number, bucket: StatsBucket }>>()
    const long = new Map<ProviderId, StatsBucket[]>()
    replies?.forEach(([err, value], i) => {
      if (err !== null) throw new StoreUnavailableError(err)
      const fields = value as Record<string, string>
      if (fields.c === undefined) return
      const { provider, window, index } = plan[i] as { provider: ProviderId, window: WindowName, index: number }
      const bucket = emptyBucket()
      bucket.count = Number(fields.c)
      bucket.failures = Number(fields.f ?? 0)
      bucket.costSum = Number(fields.s ?? 0)
      for (let b = 0; b < histogramBins; b++) bucket.histogram[b] = Number(fields[`h${b}`] ?? 0)
      if (window === 'short') short.set(provider, [...(short.get(provider) ?? []), { index, bucket }])
      else long.set(provider, [...(long.get(provider) ?? []), bucket])
    })
    return new Map(providerIds.map((id) => [id, historyFromBuckets(short.get(id) ?? [], long.get(id) ?? [], atMs)]))
  }

  async close (): Promise<void> {
    this.redis.disconnect()
  }
}
