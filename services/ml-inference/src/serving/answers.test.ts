import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ModelMetadata } from '@platform/contracts'
import { bidAnswer, fraudAnswer } from './answers.js'

const base = { features: [], inputs: [], outputs: [], training: { dataset: '', data_sha256: '', rows: { train: 0, test: 0 }, metrics: {} }, reference_distribution: { edges: [0, 1], proportions: [1] } }
const bidModel = { ...base, name: 'bid', version: '1.0.0', framework: 'linear-regression', created_at: '', task: { kind: 'regressor', output: 'log_cpm', column: 0, target_log1p: true, residual_interval: [-0.3, 0.4] } } as unknown as ModelMetadata
const fraudModel = { ...base, name: 'fraud', version: '1.0.0', framework: 'logistic-regression', created_at: '', task: { kind: 'binary_classifier', output: 'probability', column: 0, threshold: 0.3 } } as unknown as ModelMetadata

describe('answers', () => {
  it('decides fraud at the metadata threshold', () => {
    expect(fraudAnswer(fraudModel, 0.31)).toEqual({ fraud_score: 0.31, is_fraud: true })
    expect(fraudAnswer(fraudModel, 0.29).is_fraud).toBe(false)
  })

  it('answers bids above 1 CPM (no [0, 1] clamp)', () => {
    expect(bidAnswer(bidModel, Math.log1p(4.2), { placement_id: 'p', floor_cpm: 0.1, predicted_ctr: 0.01, competition_level: 'high', budget_remaining: 10 }).optimized_cpm).toBeCloseTo(4.2)
  })

  it('never bids under the floor or above the budget, and the interval holds the bid', () => {
    fc.assert(fc.property(
      fc.double({ min: -2, max: 8, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0.05, max: 100, noNaN: true }),
      (raw, floor, budget) => {
        fc.pre(floor <= budget * 1000)
        const answer = bidAnswer(bidModel, raw, { placement_id: 'p', floor_cpm: floor, predicted_ctr: 0.01, competition_level: 'low', budget_remaining: budget })
        const [lo, hi] = answer.confidence_interval
        for (const value of [answer.optimized_cpm, lo, hi]) {
          expect(value).toBeGreaterThanOrEqual(floor)
          expect(value).toBeLessThanOrEqual(budget * 1000)
        }
        expect(lo).toBeLessThanOrEqual(answer.optimized_cpm)
        expect(hi).toBeGreaterThanOrEqual(answer.optimized_cpm)
      }
    ))
  })
})
