import type { ExecutionRecord, RouteRequestInput } from '@platform/contracts'
import { MLRouter } from '@platform/router-engine'
import { RollingProviderStats } from '@platform/router-core'
import { percentile } from '@platform/bench-http-load'

export interface LatencyReport { predictP50Ms: number, predictP99Ms: number, batchP50Ms: number, batchMaxMs: number }

/** In-process `predict` (all nine providers scored) and `predictBatch` of 1,000, with the model active. */
export async function measureLatency (modelStorePath: string, telemetry: readonly ExecutionRecord[], requests: readonly RouteRequestInput[]): Promise<LatencyReport> {
  const stats = new RollingProviderStats()
  for (const r of telemetry) stats.add(r.provider, Date.parse(r.submittedAt), r.outcome.latencyMs, r.outcome.costUsd, r.outcome.success)
  const last = telemetry[telemetry.length - 1]
  const at = new Date(last === undefined ? Date.now() : Date.parse(last.submittedAt))
  const router = new MLRouter(modelStorePath, undefined, { history: stats, now: () => at })
  await router.initialize()
  const single: number[] = []
  for (let i = 0; i < 6000; i++) {
    const r = requests[i % requests.length] as RouteRequestInput
    const started = performance.now()
    router.predict(r.spec, r.constraints)
    if (i >= 1000) single.push(performance.now() - started)
  }
  const batches: number[] = []
  const batch = requests.slice(0, 1000)
  for (let i = 0; i < 12; i++) {
    const started = performance.now()
    router.predictBatch(batch)
    if (i >= 2) batches.push(performance.now() - started)
  }
  router.close()
  single.sort((a, b) => a - b)
  batches.sort((a, b) => a - b)
  return { predictP50Ms: percentile(single, 0.5), predictP99Ms: percentile(single, 0.99), batchP50Ms: percentile(batches, 0.5), batchMaxMs: batches[batches.length - 1] ?? Number.NaN }
}
