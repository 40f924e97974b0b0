import { describe, expect, it } from 'vitest'
import { ReactiveHpa } from './reactive-hpa.js'

const MINUTE = 60_000
const config = { targetPerPod: 100, minReplicas: 1, maxReplicas: 10, tolerance: 0.1, scaleDownStabilizationSeconds: 300 }

describe('ReactiveHpa', () => {
  it('scales up at once to ceil(load / target), clamped to max', () => {
    const hpa = new ReactiveHpa(config)
    expect(hpa.decide(0, 450, 2)).toBe(5)
    expect(hpa.decide(MINUTE, 5000, 5)).toBe(10)
  })

  it('ignores changes within the 10% tolerance', () => {
    const hpa = new ReactiveHpa(config)
    expect(hpa.decide(0, 4 * 100 * 1.09, 4)).toBe(4)
    expect(hpa.decide(MINUTE, 4 * 100 * 0.91, 4)).toBe(4)
    expect(hpa.decide(2 * MINUTE, 4 * 100 * 1.11, 4)).toBe(5)
  })

  it('scales down to the highest recommendation of the last five minutes', () => {
    const hpa = new ReactiveHpa(config)
    const decisions = [800, 100, 300, 100, 100, 100, 100, 100].map((load, i) => hpa.decide(i * MINUTE, load, 8))
    // The 800 recommendation (t=0) leaves the (t-5m, t] window at t=5m; the 300 one at t=7m.
    expect(decisions).toEqual([8, 8, 8, 8, 8, 3, 3, 1])
  })
})
