import type { FastifyBaseLogger } from 'fastify'
import type { ForecastSnapshot, WorkloadConfig, WorkloadStatus } from '@platform/contracts'
import { DEFAULT_PLANNER_POLICY, type LiveShortfallLevel, OnlineAccuracy, type Recommendation } from '@platform/forecasting'
import type { ForecasterMetrics } from '../forecaster-metrics.js'
import type { FitPool } from '../forecast/fit-pool.js'
import { adaptiveLevel, planSnapshot, quantileLevels, reactiveForecast } from '../forecast/plan-snapshot.js'
import { prepareMembers, SeriesForecasters } from '../forecast/series-forecasts.js'
import { WorkloadForecaster } from '../forecast/workload-forecaster.js'
import type { MetricSource, SeriesSource } from '../sources/metric-source.js'
import { asSeriesSource, SeriesSetHistory } from '../sources/series-set.js'
import type { SnapshotStore } from '../store/snapshot-store.js'
import type { LeaseBalancer } from './lease-balancer.js'
import { errorMessage, failureReason, type Stage } from './stage-error.js'

export interface LoopContext {
  store: SnapshotStore
  metrics: ForecasterMetrics
  log: FastifyBaseLogger
  /** This replica's id, written into leases and snapshots. */
  owner: string
  /** This replica's share of the leases; without it every free lease is taken. */
  leases?: LeaseBalancer | undefined
  /** Worker threads for model fits; without it models run on the event loop. */
  fits?: FitPool | undefined
  now?: () => number
}

export interface WorkloadResources {
  /** One series (summed or single), or every series apart (`seriesMode: keep`). */
  source: MetricSource | SeriesSource
  /** The replica count running now (e.g. kube-state-metrics), when configured. */
  currentReplicas?: (signal: AbortSignal) => Promise<number | undefined>
}

class StageError extends Error {
  constructor (readonly stage: Stage, readonly original: unknown) {
    super(errorMessage(original))
  }
}

/** Per-workload state that a crash resets (history, fitted model, accuracy); config reloads keep it. */
function freshState (w: WorkloadConfig, log: FastifyBaseLogger, { metrics, fits }: LoopContext) {
  const levels = quantileLevels(w)
  return {
    history: new SeriesSetHistory(w.window, w.step),
    forecasters: new SeriesForecasters((key) => new WorkloadForecaster({
      model: w.model,
      byomURL: w.byomURL,
      byomTimeoutMs: w.byomTimeout * 1000,
      fallbackModel: w.fallbackModel,
      horizonSteps: Math.max(1, Math.round(w.horizon / w.step)),
      quantileLevels: levels,
      planningLevel: w.quantileLevel,
      refitEverySeconds: w.refitEvery,
      ...(fits === undefined ? {} : { runner: (options) => fits.runner(`${w.name}${key}`, options) }),
      onFallback: (reason, err) => {
        metrics.byomFallbacks.inc({ workload: w.name, reason })
        log.warn({ err, reason, fallback: w.fallbackModel }, 'byom failed, forecasting with the fallback model')
      }
    })),
    accuracy: new OnlineAccuracy({ quantileLevel: w.quantileLevel ?? 0.9, minLeadMs: Math.max(w.leadTime, w.step) * 1000, windowPoints: 120, threshold: w.accuracyThreshold, minSamples: 30 }),
    recent: [] as Recommendation[],
    lastObserved: 0,
    /** The total load at the newest sample scored so far (what reactive mode plans from). */
    latestActual: 0,
    /** `adaptiveQuantile` only; made when the loop (re)takes the workload, from the stored plan's level. */
    level: undefined as LiveShortfallLevel | undefined,
    /** What the last ten rate periods' plans asked for, and when: the rate limits hold against them. */
    asks: [] as Recommendation[]
  }
}

/**
 * One workload's loop: every `interval` (with jitter) take or renew the lease, fetch new samples,
 * forecast, plan and store a snapshot. Each stage is bounded by a deadline and every failure is
 * caught and counted, so a workload never stalls another; an unexpected error resets the loop's
 * state (a restart) and the next tick runs as usual.
 */
export class WorkloadLoop {
  private state
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = false
  private owned = false
  private latest: ForecastSnapshot | undefined
  private lastError: WorkloadStatus['lastError'] = null
  private readonly log: FastifyBaseLogger
  private readonly now: () => number
  private readonly seriesSource: SeriesSource

  constructor (readonly config: WorkloadConfig, private readonly resources: WorkloadResources, private readonly ctx: LoopContext) {
    this.log = ctx.log.child({ workload: config.name })
    this.now = ctx.now ?? Date.now
    this.state = freshState(config, this.log, ctx)
    this.seriesSource = 'fetchSeries' in resources.source ? resources.source : asSeriesSource(resources.source)
  }

  /** Lease time-to-live: a dead owner's lease lapses after 1.5 intervals; others retry every half interval. */
  get leaseTtlMs (): number {
    return this.config.interval * 1500
  }

  start (): void {
    // Spread the first ticks so many workloads do not all fetch at once.
    this.schedule(Math.random() * Math.min(this.config.interval * 1000, 5_000))
  }

  async stop (): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
    this.state.forecasters.dispose()
    this.ctx.leases?.forget(this.config.name)
    if (this.owned) await this.ctx.store.releaseLease(this.config.name, this.ctx.owner).catch(() => {})
    await this.ctx.metrics.forget(this.config.name)
  }

  /** The snapshot this replica wrote last, or undefined. */
  get lastSnapshot (): ForecastSnapshot | undefined {
    return this.latest
  }

  status (stale: boolean, stored: ForecastSnapshot | undefined): WorkloadStatus {
    const w = this.config
    return {
      name: w.name,
      metric: w.metric,
      model: w.model,
      source: w.file === undefined ? 'prometheus' : 'file',
      intervalSeconds: w.interval,
      owned: this.owned,
      lastGeneratedAt: stored?.generatedAt ?? null,
      stale,
      mode: stored?.mode ?? null,
      lastError: this.lastError
    }
  }

  /** One iteration; never throws. */
  async tick (): Promise<void> {
    const began = performance.now()
    try {
      await this.iterate()
      this.lastError = null
    } catch (err) {
      const stage = err instanceof StageError ? err.stage : 'loop'
      const original = err instanceof StageError ? err.original : err
      this.ctx.metrics.errors.inc({ workload: this.config.name, stage, reason: failureReason(original) })
      this.lastError = { stage, message: errorMessage(original), at: new Date(this.now()).toISOString() }
      if (stage === 'loop') {
        this.log.error({ err: original }, 'workload loop crashed; restarting it with fresh state')
        this.state.forecasters.dispose()
        this.state = freshState(this.config, this.log, this.ctx)
      } else {
        this.log.warn({ err: original, stage }, 'workload tick failed')
      }
    } finally {
      this.ctx.metrics.tickDuration.observe({ workload: this.config.name }, (performance.now() - began) / 1000)
    }
  }

  private schedule (delayMs: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined
        const base = this.config.interval * (this.owned ? 1000 : 500)
        this.schedule(base * (0.9 + Math.random() * 0.2))
      })
    }, delayMs)
    this.timer.unref()
  }

  private async stage<T> (stage: Stage, deadlineMs: number, run: (signal: AbortSignal) => Promise<T> | T): Promise<T> {
    const began = performance.now()
    try {
      return await run(AbortSignal.timeout(deadlineMs))
    } catch (err) {
      throw new StageError(stage, err)
    } finally {
      if (performance.now() - began > deadlineMs) this.ctx.metrics.deadlineMisses.inc({ workload: this.config.name, stage })
    }
  }

  private async iterate (): Promise<void> {
    const w = this.config
    const { metrics, store } = this.ctx
    const s = this.state
    const deadline = Math.max(1000, w.interval * 500)
    const now = this.now()
    const acquire = async (): Promise<boolean> => await store.acquireLease(w.name, this.ctx.owner, this.leaseTtlMs)
    const held = this.owned
    this.owned = await this.stage('lease', deadline, async () => await (this.ctx.leases?.acquire(w.name, acquire) ?? acquire()))
    metrics.leaseOwned.set({ workload: w.name }, this.owned ? 1 : 0)
    if (!this.owned) return
    // After a takeover, a hand-back or a restart, the latest stored plan (maybe another replica's)
    // is where the rate limits start from.
    if (!held) {
      this.latest = await store.get(w.name).catch(() => undefined) ?? this.latest
      s.level = undefined
      s.asks = []
      // Its ask counts in the scale-down stabilisation window, as if this replica had made it.
      if (this.latest !== undefined) s.recent.push({ time: Date.parse(this.latest.generatedAt), replicas: this.latest.desiredReplicas })
    }
    // The level goes on from the latest plan's (maybe another owner's); what it compared is not kept.
    s.level ??= adaptiveLevel(w, this.latest?.planningQuantile)

    const collectBegan = performance.now()
    const current = await this.stage('collect', deadline, async (signal) => {
      await s.history.refresh(this.seriesSource, now, signal)
      return await this.resources.currentReplicas?.(signal)
    })
    metrics.collectDuration.observe({ workload: w.name }, (performance.now() - collectBegan) / 1000)
    const fresh = s.history.totalSince(s.lastObserved)
    s.accuracy.observe(fresh.timestamps, fresh.values)
    s.lastObserved = s.history.lastTimestamp ?? s.lastObserved
    s.latestActual = fresh.values.at(-1) ?? s.latestActual
    fresh.timestamps.forEach((t, i) => s.level?.served(t, fresh.values[i] as number))

    const members = await this.stage('prepare', deadline, () => prepareMembers(s.history.series, w.step))
    const planning = s.level?.level
    const levels = quantileLevels(w, planning)
    const run = await this.stage('forecast', deadline, async () => await s.forecasters.run(members, now, levels))
    metrics.fitDuration.observe({ workload: w.name, model: run.model }, run.fitSeconds)
    metrics.predictDuration.observe({ workload: w.name, model: run.model }, run.predictSeconds)

    const level = w.quantileLevel ?? 0.9
    s.accuracy.record(now, run.start, w.step * 1000, run.forecast.mean, run.forecast.quantiles[String(level)] ?? run.forecast.mean)
    const reactive = s.accuracy.reactive
    const steps = run.forecast.mean.length
    const forecast = reactive ? reactiveForecast(s.latestActual, steps, levels) : run.forecast
    // The rate limits hold per real time against every recent ask, so a plan per tick (several
    // per step, or one early in a long step) ramps no faster than the limits. A fresh loop starts
    // from the count (or the last plan), as the count of the step before `start`.
    const counted = current ?? this.latest?.desiredReplicas
    s.asks = s.asks.filter((a) => a.time > now - 10 * DEFAULT_PLANNER_POLICY.ratePeriodSeconds * 1000)
    if (s.asks.length === 0 && counted !== undefined) s.asks.push({ time: run.start - w.step * 1000, replicas: counted })
    const { snapshot, plan } = await this.stage('plan', deadline, () => planSnapshot({
      workload: w,
      forecast,
      start: run.start,
      nowMs: now,
      model: run.fallback === undefined ? run.model : `${run.model} (byom fallback)`,
      mode: reactive ? 'reactive' : 'predictive',
      currentReplicas: current,
      startingReplicas: counted,
      earlierReplicas: s.asks,
      recentRecommendations: s.recent,
      accuracy: s.accuracy.summary(),
      owner: this.ctx.owner,
      planningQuantile: planning,
      ...(w.seriesMode === 'keep' ? { series: run.series } : {})
    }))
    s.recent.push({ time: plan.times[0] ?? now, replicas: plan.recommended[0] ?? w.minReplicas })
    s.recent = s.recent.filter((r) => r.time > now - w.scaleDownStabilization * 1000)
    const stored = await this.stage('store', deadline, async () => await store.put(snapshot))
    if (!stored) {
      // The lease expired during this tick and another replica may own the workload now.
      this.owned = false
      this.ctx.metrics.leaseOwned.set({ workload: w.name }, 0)
      this.log.warn('lease lost during the tick: the plan was not stored')
      return
    }
    s.asks.push({ time: now, replicas: snapshot.desiredReplicas })
    // The counted replicas when known, else this plan's: what serves the steps from now on.
    s.level?.scaledTo(now, current ?? snapshot.desiredReplicas)
    this.latest = snapshot
    this.record(snapshot, reactive, s.history.lastTimestamp === undefined ? undefined : s.latestActual, current)
    if (this.ctx.leases?.shouldRelease(w.name) === true) await this.handOver(deadline)
  }

  /** Releases the lease right after a stored snapshot, so the replica taking over starts fresh. */
  private async handOver (deadline: number): Promise<void> {
    this.owned = false
    this.ctx.metrics.leaseOwned.set({ workload: this.config.name }, 0)
    this.log.info('handing the workload over to balance the replicas')
    await this.stage('lease', deadline, async () => { await this.ctx.store.releaseLease(this.config.name, this.ctx.owner) })
  }

  /** The gauges a dashboard sets side by side: forecast, its band and the actual; desired and counted replicas. */
  private record (snapshot: ForecastSnapshot, reactive: boolean, actual: number | undefined, current: number | undefined): void {
    const { metrics } = this.ctx
    const workload = this.config.name
    metrics.predictedValue.set({ workload }, snapshot.values[0] ?? 0)
    const tracked = String(snapshot.accuracy.quantileLevel)
    const band = snapshot.quantiles[tracked]?.[0]
    if (band !== undefined) metrics.predictedQuantileValue.set({ workload, quantile: tracked }, band)
    if (actual !== undefined) metrics.actualValue.set({ workload }, actual)
    metrics.desiredReplicas.set({ workload }, snapshot.desiredReplicas)
    if (current !== undefined) metrics.currentReplicas.set({ workload }, current)
    metrics.reactiveMode.set({ workload }, reactive ? 1 : 0)
    if (snapshot.planningQuantile !== undefined) metrics.planningQuantile.set({ workload }, snapshot.planningQuantile)
    const { wape, coverage, quantileLevel } = snapshot.accuracy
    if (wape !== null) metrics.accuracyWape.set({ workload }, wape)
    if (coverage !== null) metrics.accuracyCoverage.set({ workload, quantile: String(quantileLevel) }, coverage)
  }
}
