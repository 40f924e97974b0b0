import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { binIndex, populationStabilityIndex, ScoreWindow } from './score-drift.js'

const reference = { edges: [0, 0.25, 0.5, 0.75, 1], proportions: [0.25, 0.25, 0.25, 0.25] }

describe('score drift', () => {
  it('bins by edges, clamping outside values to the end bins', () => {
    expect([-1, 0, 0.24, 0.25, 0.99, 1, 7].map((v) => binIndex(reference.edges, v))).toEqual([0, 0, 0, 1, 3, 3, 3])
  })

  it('PSI is zero for the reference itself, positive otherwise', () => {
    expect(populationStabilityIndex(reference.proportions, [10, 10, 10, 10])).toBeCloseTo(0)
    fc.assert(fc.property(fc.array(fc.nat({ max: 100 }), { minLength: 4, maxLength: 4 }), (counts) => {
      expect(populationStabilityIndex(reference.proportions, counts)).toBeGreaterThanOrEqual(0)
    }))
    expect(populationStabilityIndex(reference.proportions, [100, 0, 0, 0])).toBeGreaterThan(0.25)
  })

  it('keeps only the last scores in its window', () => {
    const window = new ScoreWindow(reference, 4)
    for (const score of [0.1, 0.1, 0.1, 0.1]) window.add(score)
    expect(window.psi()).toBeGreaterThan(1)
    for (const score of [0.1, 0.3, 0.6, 0.9]) window.add(score)
    expect(window.size).toBe(4)
    expect(window.psi()).toBeCloseTo(0)
  })
})
