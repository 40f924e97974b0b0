import { describe, expect, it } from 'vitest'
import { nelderMead } from './nelder-mead.js'

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const { x, value } = nelderMead((p) => ((p[0] as number) - 3) ** 2 + 2 * ((p[1] as number) + 1) ** 2, [0, 0], { maxEvaluations: 500 })
    expect(x[0]).toBeCloseTo(3, 3)
    expect(x[1]).toBeCloseTo(-1, 3)
    expect(value).toBeLessThan(1e-6)
  })

  it('solves the Rosenbrock valley', () => {
    const rosenbrock = (p: Float64Array): number => 100 * ((p[1] as number) - (p[0] as number) ** 2) ** 2 + (1 - (p[0] as number)) ** 2
    const { x } = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000, tolerance: 1e-14 })
    expect(x[0]).toBeCloseTo(1, 2)
    expect(x[1]).toBeCloseTo(1, 2)
  })

  it('treats non-finite objective values as walls and respects the evaluation budget', () => {
    let calls = 0
    const { x, evaluations } = nelderMead((p) => {
      calls++
      return (p[0] as number) < 0 ? Number.NaN : ((p[0] as number) - 0.5) ** 2
    }, [2], { maxEvaluations: 200 })
    expect(x[0]).toBeGreaterThanOrEqual(0)
    expect(x[0]).toBeCloseTo(0.5, 1)
    expect(evaluations).toBe(calls)
    expect(evaluations).toBeLessThanOrEqual(203)
  })
})
