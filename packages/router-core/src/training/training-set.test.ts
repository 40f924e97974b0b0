import { describe, expect, it } from 'vitest'
import type { ExecutionRecord } from '@platform/contracts'
import { featureCount, featureNames } from '../features/schema.js'
import { buildTrainingSet } from './training-set.js'

const spec = { language: 'python', codeLength: 100, cpu: 1, memory: 512, timeout: 3_600_000, gpu: false, requirements: [], environment: {}, files: {}, stateful: false }
const run = (id: string, at: string, latencyMs: number): ExecutionRecord => ({ id, provider: 'modal', spec, submittedAt: at, outcome: { success: false, latencyMs, costUsd: 0.001 } })
const historyCount = (rows: Float64Array, row: number) => rows[row * featureCount + featureNames.indexOf('hist_15m_count')]

describe('buildTrainingSet', () => {
  it('counts a run in the history of later rows only once its outcome is known, as serving does', () => {
    const set = buildTrainingSet([
      run('long', '2026-11-21T10:00:00Z', 30 * 60_000), // finishes at 10:30
      run('short', '2026-11-21T10:01:00Z', 1_000),
      run('early', '2026-11-21T10:06:00Z', 1_000),
      run('late', '2026-11-21T10:31:00Z', 1_000)
    ])
    expect(set.records.map((r) => r.id)).toEqual(['long', 'short', 'early', 'late'])
    // 10:06 sees the short run (in the 10:00 bucket) but not the long one; 10:31 sees both, in the 10:00 bucket
    // (which has left the 15-minute window by then), and the 10:06 run.
    expect(historyCount(set.features, 2)).toBe(1)
    expect(historyCount(set.features, 3)).toBe(0)
    expect(set.features[3 * featureCount + featureNames.indexOf('hist_1h_count')]).toBe(3)
  })
})
