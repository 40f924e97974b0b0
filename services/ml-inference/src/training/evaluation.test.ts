import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bestF1Threshold, expectedCalibrationError, logLoss, referenceDistribution, rocAuc } from './evaluation.js'
import { fitLinear, predictLinear } from './linear-model.js'
import { seededRandom } from '@platform/seeded-random'

describe('evaluation', () => {
  it('computes AUC with ties as halves', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75)
    expect(rocAuc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5)
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 2 }), (pairs) => {
      const labels = pairs.map((p) => p[1])
      fc.pre(labels.includes(0) && labels.includes(1))
      const auc = rocAuc(pairs.map((p) => p[0]), labels)
      expect(auc + rocAuc(pairs.map((p) => -p[0]), labels)).toBeCloseTo(1)
    }))
  })

  it('scores a perfect and a calibrated constant forecast', () => {
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-10)
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0)
    expect(bestF1Threshold([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(0.8)
  })

  it('builds a reference histogram whose proportions sum to one', () => {
    const reference = referenceDistribution(Array.from({ length: 1000 }, (_, i) => i / 1000))
    expect(reference.proportions.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
    expect(reference.proportions.every((p) => Math.abs(p - 0.1) < 0.01)).toBe(true)
  })

  it('fits logistic regression that separates a linear rule', () => {
    const random = seededRandom(9)
    const rows = 2000
    const x = Float32Array.from({ length: rows * 2 }, () => random.normal())
    const y = Float32Array.from({ length: rows }, (_, r) => ((x[2 * r] ?? 0) - 0.5 * (x[2 * r + 1] ?? 0) > 0 ? 1 : 0))
    const model = fitLinear(x, y, 2, { loss: 'logistic', epochs: 20, batchSize: 64, learningRate: 0.05, l2: 0, random })
    expect(rocAuc(predictLinear(model, x, rows, 'logistic'), y)).toBeGreaterThan(0.99)
    expect((model.weights[0] ?? 0) / (model.weights[1] ?? 1)).toBeCloseTo(-2, 0)
  })
})
