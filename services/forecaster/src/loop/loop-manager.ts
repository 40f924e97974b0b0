import { isDeepStrictEqual } from 'node:util'
import type { WorkloadConfig } from '@platform/contracts'
import type { MetricSource } from '../sources/metric-source.js'
import type { PrometheusClient } from '../sources/prometheus-client.js'
import { type LoopContext, WorkloadLoop, type WorkloadResources } from './workload-loop.js'

/** Opens what a workload reads from; shared per Prometheus URL and per CSV file. */
export interface ResourceFactory {
  fileSource (path: string): MetricSource
  prometheus (url: string): PrometheusClient
}

/** The replica count of `currentReplicasQuery`, for a load read from Prometheus or from a file alike. */
function replicaCounter (w: WorkloadConfig, factory: ResourceFactory): Pick<WorkloadResources, 'currentReplicas'> {
  const replicasQuery = w.currentReplicasQuery
  if (replicasQuery === undefined || w.prometheusURL === undefined) return {}
  const client = factory.prometheus(w.prometheusURL)
  return {
    currentReplicas: async (signal: AbortSignal) => {
      const count = await client.latestValue(replicasQuery, Date.now(), signal)
      return count === undefined ? undefined : Math.round(count)
    }
  }
}

function resourcesFor (w: WorkloadConfig, factory: ResourceFactory): WorkloadResources {
  if (w.file !== undefined) return { source: factory.fileSource(w.file), ...replicaCounter(w, factory) }
  const client = factory.prometheus(w.prometheusURL as string)
  const query = w.prometheusQuery as string
  const mode = w.seriesMode
  return {
    source: mode === 'keep'
      ? { fetchSeries: async (start, end, step, signal) => await client.queryRangeSeries(query, start, end, step, signal) }
      : { fetch: async (start, end, step, signal) => await client.queryRange(query, start, end, step, mode, signal) },
    ...replicaCounter(w, factory)
  }
}

/**
 * The running loops, keyed by workload. `apply` is how config (re)loads land: unchanged
 * workloads keep their loop and state, changed ones get a new loop, removed ones stop.
 */
export class LoopManager {
  private readonly loops = new Map<string, WorkloadLoop>()

  constructor (private readonly ctx: LoopContext, private readonly factory: ResourceFactory) {}

  get (workload: string): WorkloadLoop | undefined {
    return this.loops.get(workload)
  }

  all (): WorkloadLoop[] {
    return [...this.loops.values()]
  }

  /** Validates every resource first, so a bad reload changes nothing. Returns what changed. */
  async apply (workloads: readonly WorkloadConfig[], { start = true } = {}): Promise<{ added: string[], changed: string[], removed: string[], kept: string[] }> {
    const plans = workloads.map((w) => {
      const existing = this.loops.get(w.name)
      const same = existing !== undefined && isDeepStrictEqual(existing.config, w)
      return { w, existing, same, resources: same ? undefined : resourcesFor(w, this.factory) }
    })
    const names = new Set(workloads.map((w) => w.name))
    const removed = [...this.loops.keys()].filter((name) => !names.has(name))
    await Promise.all(removed.map(async (name) => {
      await this.loops.get(name)?.stop()
      this.loops.delete(name)
    }))
    const result = { added: [] as string[], changed: [] as string[], removed, kept: [] as string[] }
    for (const { w, existing, same, resources } of plans) {
      if (same) {
        result.kept.push(w.name)
        continue
      }
      if (existing !== undefined) await existing.stop()
      const loop = new WorkloadLoop(w, resources as WorkloadResources, this.ctx)
      this.loops.set(w.name, loop)
      if (start) loop.start()
      ;(existing === undefined ? result.added : result.changed).push(w.name)
    }
    return result
  }

  async stopAll (): Promise<void> {
    await Promise.all(this.all().map(async (loop) => { await loop.stop() }))
    this.loops.clear()
  }
}
