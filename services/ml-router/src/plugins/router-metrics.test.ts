import { describe, expect, it } from 'vitest'
import { Registry } from 'prom-client'
import type { RouteDecision } from '@platform/contracts'
import { createRouterMetrics, decisionRecorder, fallbackReason, recordDecision } from './router-metrics.js'

/** The rules answered with their own confidence (0.93) after the model's 0.41 missed the threshold. */
const fallback: RouteDecision = {
  decisionId: 'd1',
  provider: 'e2b',
  predictedCost: 0.0001,
  predictedLatency: 500,
  confidence: 0.93,
  strategy: 'rule-based',
  reason: 'model v1 confidence 0.41 < threshold 0.7',
  modelVersion: null,
  arm: null,
  alternatives: []
}

describe('router metrics', () => {
  it('takes router_confidence from the model before the fallback, not from the decision the rules made', async () => {
    const registry = new Registry()
    const metrics = createRouterMetrics(registry, { kind: 'memory', available: () => true })
    decisionRecorder(metrics).modelConfidence?.(0.41)
    recordDecision(metrics, fallback, 0.0001)
    const text = await registry.metrics()
    expect(text).toMatch(/^router_confidence_count 1$/m)
    expect(text).toMatch(/^router_confidence_sum 0\.41$/m)
    expect(text).toMatch(/^router_confidence_bucket\{le="0\.4"\} 0$/m)
    expect(text).toMatch(/^router_confidence_bucket\{le="0\.5"\} 1$/m)
    expect(text).toMatch(/^router_fallbacks_total\{reason="low_confidence"\} 1$/m)
  })

  it('names a refused active version apart from a missing one', () => {
    expect(fallbackReason('model rejected: v3 refused at load (checksum mismatch); rule-based until a good version is activated')).toBe('model_rejected')
    expect(fallbackReason('no model loaded: rule-based until one is trained and activated')).toBe('no_model')
  })
})
