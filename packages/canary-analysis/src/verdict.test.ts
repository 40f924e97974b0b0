import { describe, expect, it } from 'vitest'
import { decide, defaultThresholds } from './verdict.js'

const stable = { requests: 10_000, errorRate: 0.002, p95Seconds: 0.02 }
const shift = (psi: number, canaryScores = 1000) => ({ psi, canaryScores, stableScores: 10_000 })

describe('decide', () => {
  it('promotes a canary that matches stable', () => {
    const v = decide({ requests: 1000, errorRate: 0.003, p95Seconds: 0.021 }, stable, shift(0.01))
    expect(v.decision).toBe('promote')
    expect(v.checks.map((c) => c.passed)).toEqual([true, true, true])
  })

  it.each([
    ['error rate', { requests: 1000, errorRate: 0.05, p95Seconds: 0.02 }, 0.01],
    ['p95 latency (s)', { requests: 1000, errorRate: 0.002, p95Seconds: 0.04 }, 0.01],
    ['score shift (PSI)', { requests: 1000, errorRate: 0.002, p95Seconds: 0.02 }, 0.5]
  ])('rolls back on %s', (name, canary, psi) => {
    const v = decide(canary, stable, shift(psi))
    expect(v).toMatchObject({ decision: 'rollback', reason: `failed: ${name}` })
  })

  it('ignores sub-millisecond p95 differences on fast services', () => {
    const fast = { requests: 10_000, errorRate: 0, p95Seconds: 0.0002 }
    expect(decide({ ...fast, p95Seconds: 0.0009 }, fast, undefined).decision).toBe('promote')
  })

  it('fails a canary whose latency cannot be measured', () => {
    expect(decide({ ...stable, p95Seconds: Number.NaN }, stable, undefined).decision).toBe('rollback')
  })

  it('gives no score-shift verdict on too few scores, where PSI is mostly sampling noise', () => {
    const canary = { requests: 1000, errorRate: 0.002, p95Seconds: 0.02 }
    expect(decide(canary, stable, shift(0.5, defaultThresholds.minScores - 1))).toMatchObject({ decision: 'inconclusive', reason: expect.stringContaining('too few scores') })
    expect(decide(canary, stable, shift(0.1, defaultThresholds.minScores)).decision).toBe('promote')
  })

  it('gives no verdict on too little traffic', () => {
    expect(decide({ ...stable, requests: defaultThresholds.minRequests - 1 }, stable, undefined)).toMatchObject({ decision: 'inconclusive', checks: [] })
  })
})
