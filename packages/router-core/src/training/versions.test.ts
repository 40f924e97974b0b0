import { describe, expect, it } from 'vitest'
import { auc, mape, mse } from './accuracy.js'
import { compareVersions, nextVersion } from './versions.js'

describe('versions', () => {
  it('orders numerically, not as strings', () => {
    expect(['v10', 'v9', 'v1'].sort(compareVersions)).toEqual(['v1', 'v9', 'v10'])
    expect(['20261102.10', '20261102.9', '20261101.12'].sort(compareVersions)).toEqual(['20261101.12', '20261102.9', '20261102.10'])
  })

  it('names the next version of the day', () => {
    const now = new Date('2026-11-02T10:00:00Z')
    expect(nextVersion([], now)).toBe('20261102.1')
    expect(nextVersion(['20261102.9', '20261102.10', '20261101.40'], now)).toBe('20261102.11')
  })
})

describe('accuracy', () => {
  it('computes MAPE, MSE and AUC', () => {
    expect(mape([100, 200, 0], [110, 180, 5])).toBeCloseTo(0.1)
    expect(mse([1, 2], [2, 4])).toBeCloseTo(2.5)
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75)
    expect(auc([1, 1], [0.1, 0.2])).toBeNaN()
  })
})
