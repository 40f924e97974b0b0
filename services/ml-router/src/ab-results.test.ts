import { describe, expect, it } from 'vitest'
import { abResults } from './ab-results.js'
import { MemoryStore } from './state/memory-store.js'
import type { StoredDecision } from './state/router-store.js'

const test = { id: 't1', enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.5, startTime: null, endTime: null, shadow: true, createdAt: '2026-11-01T00:00:00Z' }
const decision = (id: string, shadow: StoredDecision['shadow']): StoredDecision => ({
  decisionId: id, provider: 'modal', predictedCost: 0.001, predictedLatency: 1000, bestPredictedLoss: 0.0012, modelVersion: 'v1', abTestId: 't1', arm: 'control', shadow
})
const record = (id: string, decisionId: string, success: boolean) => ({
  id,
  decisionId,
  provider: 'modal' as const,
  submittedAt: '2026-11-01T10:00:00Z',
  spec: { language: 'python', codeLength: 1, cpu: 1, memory: 512, timeout: 30_000, gpu: false, requirements: [], environment: {}, files: {}, stateful: false },
  outcome: { success, latencyMs: 1100, costUsd: 0.0011 }
})

describe('A/B joins and results', () => {
  it('joins shadow predictions into the treatment arm and control predictions into control', async () => {
    const store = new MemoryStore(1000)
    for (let i = 0; i < 30; i++) store.recordDecision(decision(`d${i}`, { predictedCost: 0.0005, predictedLatency: 1100 }))
    const ingested = await store.ingest(Array.from({ length: 30 }, (_, i) => record(`r${i}`, `d${i}`, i % 3 !== 0)))
    expect(ingested.joined).toHaveLength(30)
    const results = abResults(test, await store.abSamples('t1'), new Date('2026-11-02T00:00:00Z'))
    expect(results.active).toBe(true)
    expect(results.arms.control).toMatchObject({ requests: 30, outcomes: 30 })
    expect(results.arms.treatment).toMatchObject({ requests: 30, outcomes: 30 })
    expect(results.arms.control.costMape).toBeCloseTo(0.1 / 1.1, 6)
    expect(results.arms.treatment.latencyMape).toBeCloseTo(0, 6)
    expect(results.arms.treatment.costMape).toBeCloseTo(0.6 / 1.1, 6)
    // Shadow arms share the outcomes, so realised figures cannot differ.
    expect(results.significance.every((s) => !s.significant)).toBe(true)
  })

  it('reports nothing to test on empty arms', () => {
    const results = abResults({ ...test, shadow: false }, { control: { requests: 0, outcomes: [] }, treatment: { requests: 0, outcomes: [] } }, new Date())
    expect(results.arms.control.meanCostUsd).toBeNull()
    expect(results.significance.map((s) => s.pValue)).toEqual([null, null, null])
  })
})
