import { describe, expect, it } from 'vitest'
import { ExecutionRecord, providerIds } from '@platform/contracts'
import { defaultProviderCatalog } from '../catalog/catalog.js'
import { Simulation } from './simulate.js'

describe('Simulation', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = [...new Simulation(defaultProviderCatalog, { requests: 200, days: 2, seed: 1 }).records()]
    const b = [...new Simulation(defaultProviderCatalog, { requests: 200, days: 2, seed: 1 }).records()]
    const c = [...new Simulation(defaultProviderCatalog, { requests: 200, days: 2, seed: 2 }).records()]
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('writes valid execution records in time order, spread over every provider', () => {
    const records = [...new Simulation(defaultProviderCatalog, { requests: 3000, days: 3, seed: 5 }).records()]
    expect(records.length).toBeGreaterThan(2900)
    for (const r of records.slice(0, 200)) expect(ExecutionRecord.safeParse(r).success).toBe(true)
    const times = records.map((r) => Date.parse(r.submittedAt))
    expect(times).toEqual([...times].sort((x, y) => x - y))
    expect(new Set(records.map((r) => r.provider))).toEqual(new Set(providerIds))
  })

  it('realises outcomes around the oracle expectation', () => {
    const sim = new Simulation(defaultProviderCatalog, { requests: 4000, days: 2, seed: 3 })
    let realised = 0
    let expected = 0
    let successes = 0
    let expectedSuccess = 0
    for (const record of sim.records()) {
      const at = new Date(record.submittedAt)
      const truth = sim.oracle.truth(record.provider, record.spec, at)
      if (truth === undefined) throw new Error('record on an incapable provider')
      realised += record.outcome.latencyMs
      expected += truth.expectedLatencyMs
      successes += record.outcome.success ? 1 : 0
      expectedSuccess += truth.successProbability
    }
    expect(realised / expected).toBeGreaterThan(0.95)
    expect(realised / expected).toBeLessThan(1.05)
    expect(Math.abs(successes - expectedSuccess) / expectedSuccess).toBeLessThan(0.02)
  })

  it('oracle best is never beaten by another capable provider', () => {
    const sim = new Simulation(defaultProviderCatalog, { requests: 300, days: 1, seed: 9 })
    for (const request of sim.requests) {
      const best = sim.oracle.best(request.spec, request.submittedAt)
      if (best === undefined) continue
      for (const outcome of best.outcomes.values()) expect(sim.oracle.loss(outcome)).toBeGreaterThanOrEqual(best.loss)
    }
  })
})
