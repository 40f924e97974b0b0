import { describe, expect, it } from 'vitest'
import type { ModelMetrics } from '@platform/contracts'
import type { TrainingRunResult } from '@platform/router-engine'
import { formatReport } from './report.js'

const ranked = (names: string[]) => names.map((feature, i) => ({ feature, gain: (names.length - i) * 100 }))

const metrics: ModelMetrics = {
  costMape: 0.1,
  costMse: 1e-10,
  latencyMape: 0.2,
  logLatencyMse: 0.05,
  successAuc: 0.8,
  providerAccuracy: 0.6,
  utilityMae: 0.0001,
  validationRecords: 200,
  perProvider: [],
  featureImportance: {
    cost: ranked(['log_code_length', 'provider', 'cpu', 'memory_mb', 'language', 'gpu']),
    success: ranked(['log_expected_latency_over_timeout', 'provider'])
  }
}

const result = {
  metadata: { version: 'v3', trainingWindow: { from: 'a', to: 'b' }, counts: { training: 800, validation: 200 }, bestIterations: { cost: 119, success: 40 }, metrics },
  comparison: null,
  activated: false,
  pruned: []
} as unknown as TrainingRunResult

describe('formatReport', () => {
  it('lists each model\'s top five features with their gain and share of its total gain', () => {
    const lines = formatReport(result).split('\n')
    const row = (feature: string) => lines.find((l) => l.includes(` ${feature} `))?.trim().split(/\s+/)
    expect(row('log_code_length')).toEqual(['cost', '119', 'log_code_length', '600.0', '28.6%'])
    expect(row('language')).toEqual(['language', '200.0', '9.5%'])
    expect(lines.some((l) => l.includes(' gpu '))).toBe(false)
    expect(row('log_expected_latency_over_timeout')).toEqual(['success', '40', 'log_expected_latency_over_timeout', '200.0', '66.7%'])
  })
})
