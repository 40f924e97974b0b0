import { describe, expect, it } from 'vitest'
import { AdaptiveQuantile } from './adaptive-quantile.js'
import { WorkloadConfig } from './workload-config.js'

const workload = { name: 'w', file: 'load.csv' }
const issues = (input: unknown) => WorkloadConfig.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)

describe('AdaptiveQuantile', () => {
  it('opts in with {} at the replay\'s defaults, and is off when left out', () => {
    expect(AdaptiveQuantile.parse({})).toEqual({ target: 0.45, gain: 0.02, initial: 0.5, min: 0.05, max: 0.95 })
    expect(WorkloadConfig.parse({ ...workload, adaptiveQuantile: { max: 0.8 } }).adaptiveQuantile).toMatchObject({ min: 0.05, max: 0.8 })
    expect(WorkloadConfig.parse(workload).adaptiveQuantile).toBeUndefined()
  })

  it('refuses bounds out of order or outside (0, 1), unknown fields, BYOM and a fixed quantileLevel beside it', () => {
    expect(issues({ ...workload, adaptiveQuantile: { min: 0.6, max: 0.4 } })).toEqual(['adaptiveQuantile.max: must be >= min'])
    expect(issues({ ...workload, adaptiveQuantile: { max: 1 } })?.[0]).toMatch(/^adaptiveQuantile\.max/)
    expect(issues({ ...workload, adaptiveQuantile: { gian: 0.1 } })?.[0]).toMatch(/^adaptiveQuantile: Unrecognized key/)
    expect(issues({ ...workload, model: 'byom', byomURL: 'http://m/', adaptiveQuantile: {} })).toEqual(['adaptiveQuantile: needs a built-in model (a BYOM model returns fixed quantile levels)'])
    expect(issues({ ...workload, quantileLevel: 0.9, adaptiveQuantile: {} })).toEqual(['quantileLevel: cannot be combined with adaptiveQuantile: set adaptiveQuantile.initial'])
  })
})
