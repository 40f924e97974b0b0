import type { FastifyBaseLogger } from 'fastify'
import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { WorkloadConfig } from '@platform/contracts'
import { ForecasterMetrics } from '../forecaster-metrics.js'
import type { MetricSource } from '../sources/metric-source.js'
import type { PrometheusClient } from '../sources/prometheus-client.js'
import { MemorySnapshotStore } from '../store/memory-store.js'
import { LoopManager } from './loop-manager.js'

const noop = (): void => {}
const silent: FastifyBaseLogger = { level: 'silent', child: () => silent, info: noop, warn: noop, error: noop, debug: noop, fatal: noop, trace: noop, silent: noop }

/** A flat load of 50 at every step. */
const flat: MetricSource = {
  async fetch (start, end, step) {
    const timestamps: number[] = []
    for (let t = Math.ceil(start / (step * 1000)) * step * 1000; t <= end; t += step * 1000) timestamps.push(t)
    return { timestamps, values: timestamps.map(() => 50) }
  }
}

describe('LoopManager', () => {
  it('counts the replicas of a workload whose load comes from a file, with its currentReplicasQuery', async () => {
    const store = new MemorySnapshotStore()
    const queries: string[] = []
    // Only the replica count is read from Prometheus; the load comes from the file.
    const prometheus = { latestValue: async (query: string) => { queries.push(query); return 4 } } as unknown as PrometheusClient
    const manager = new LoopManager({ store, metrics: new ForecasterMetrics(new Registry(), async () => []), log: silent, owner: 't' }, { fileSource: () => flat, prometheus: () => prometheus })
    const w = WorkloadConfig.parse({ name: 'a', file: '/x.csv', window: '3h', horizon: '10m', prometheusURL: 'http://p:9090', currentReplicasQuery: 'kube_deployment_status_replicas' })
    await manager.apply([w], { start: false })
    await manager.get('a')?.tick()
    expect(queries).toEqual(['kube_deployment_status_replicas'])
    expect((await store.get('a'))?.currentReplicas).toBe(4)
    await manager.stopAll()
  })
})
