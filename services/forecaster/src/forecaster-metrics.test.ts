import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { ForecasterMetrics } from './forecaster-metrics.js'

describe('ForecasterMetrics.forget', () => {
  it('drops every series of the workload, whatever its other labels, and keeps the others', async () => {
    const registry = new Registry()
    const metrics = new ForecasterMetrics(registry, async () => [])
    for (const workload of ['checkout', 'search']) {
      metrics.accuracyCoverage.set({ workload, quantile: '0.9' }, 0.88)
      metrics.fitDuration.observe({ workload, model: 'arima' }, 0.2)
      metrics.predictDuration.observe({ workload, model: 'auto' }, 0.01)
      metrics.errors.inc({ workload, stage: 'collect', reason: 'timeout' })
      metrics.desiredReplicas.set({ workload }, 3)
    }
    await metrics.forget('checkout')
    const text = await registry.metrics()
    expect(text).not.toContain('workload="checkout"')
    for (const name of ['forecaster_accuracy_coverage_ratio', 'forecaster_fit_duration_seconds_bucket', 'forecaster_predict_duration_seconds_count', 'forecaster_errors_total', 'forecaster_desired_replicas']) {
      expect(text).toMatch(new RegExp(`^${name}\\{[^}]*workload="search"`, 'm'))
    }
  })
})
