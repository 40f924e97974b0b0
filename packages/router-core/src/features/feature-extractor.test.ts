import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { providerIds } from '@platform/contracts'
import { FeatureExtractor, writeFeatures, writeProviderFeatures, writeRequestFeatures } from './feature-extractor.js'
import { featureCount, featureNames, featureSchemaHash, providerFeatureIndex } from './schema.js'
import { RollingProviderStats } from '../stats/provider-stats.js'

const spec = { language: 'Python', codeLength: 999, cpu: 2, memory: 1024, timeout: 60_000, gpu: false, requirements: ['numpy', 'pandas'], environment: { A: '1' }, files: {}, stateful: true }
const saturday = new Date('2026-11-21T15:30:00Z')

describe('FeatureExtractor', () => {
  it('lays features out in schema order', () => {
    const row = new FeatureExtractor().extractFeatures(spec, 'modal', saturday)
    expect(row).toHaveLength(featureCount)
    const value = (name: string) => row[featureNames.indexOf(name)]
    expect(value('log_code_length')).toBeCloseTo(Math.log(1000))
    expect(value('language')).toBe(0)
    expect(value('requirements')).toBe(2)
    expect(value('environment_vars')).toBe(1)
    expect(value('stateful')).toBe(1)
    expect(value('hour_of_day')).toBe(15.5)
    expect(value('weekend')).toBe(1)
    expect(value('provider')).toBe(1)
    expect(Number.isNaN(value('hist_1h_latency_p50'))).toBe(true)
  })

  it('gives unknown languages their own bucket', () => {
    const extractor = new FeatureExtractor()
    const cobol = extractor.extractFeatures({ ...spec, language: 'cobol' }, 'e2b')
    const fortran = extractor.extractFeatures({ ...spec, language: 'fortran' }, 'e2b')
    expect(cobol[featureNames.indexOf('language')]).toBe(fortran[featureNames.indexOf('language')])
  })

  it('fills a partial spec with the contract\'s defaults, as the seed called it', () => {
    const row = new FeatureExtractor().extractFeatures({ language: 'python', code: 'print(1)' }, 'e2b', saturday)
    const value = (name: string) => row[featureNames.indexOf(name)]
    expect(value('log_code_length')).toBeCloseTo(Math.log1p(8))
    expect([value('cpu'), value('memory_mb'), value('log_timeout_ms'), value('gpu'), value('requirements'), value('environment_vars'), value('files'), value('stateful')])
      .toEqual([1, 512, Math.log(30_000), 0, 0, 0, 0, 0])
    expect(() => new FeatureExtractor().extractFeatures({ language: 'python', cpu: -1 }, 'e2b')).toThrow(/cpu/)
  })

  it('reads history from complete buckets only', () => {
    const stats = new RollingProviderStats()
    const t0 = Date.parse('2026-11-21T10:00:00Z')
    for (let i = 0; i < 100; i++) stats.add('e2b', t0 + i * 1000, 200 + i, 0.001, i % 10 !== 0)
    expect(stats.history('e2b', t0 + 200_000).short.count).toBe(0)
    const later = stats.history('e2b', t0 + 3_700_000)
    expect(later.short.count).toBe(100)
    expect(later.short.failureRate).toBeCloseTo(0.1)
    expect(later.short.latencyP50).toBeGreaterThan(220)
    expect(later.short.latencyP50).toBeLessThan(280)
    const row = new FeatureExtractor().extractFeaturesWithHistory(spec, 'e2b', later, new Date(t0 + 3_700_000))
    expect(row[featureNames.indexOf('hist_1h_failure_rate')]).toBeCloseTo(0.1)
    expect(later.recent.count).toBe(0)
  })

  it('shows the last 15 minutes apart, so an outage is not diluted by the hour before it', () => {
    const stats = new RollingProviderStats()
    const t0 = Date.parse('2026-11-21T10:00:00Z')
    for (let minute = 0; minute < 60; minute++) stats.add('modal', t0 + minute * 60_000, 300, 0.001, minute < 45)
    const at = t0 + 60 * 60_000
    const history = stats.history('modal', at)
    expect(history.short).toMatchObject({ count: 60, failureRate: 0.25 })
    expect(history.recent).toMatchObject({ count: 15, failureRate: 1 })
    const row = new FeatureExtractor().extractFeaturesWithHistory(spec, 'modal', history, new Date(at))
    expect(row[featureNames.indexOf('hist_15m_failure_rate')]).toBe(1)
    expect(row[featureNames.indexOf('hist_15m_count')]).toBe(15)
  })

  it('writes a row as request columns then provider columns, each only its own (property)', () => {
    const window = fc.record({ count: fc.nat(), latencyP50: fc.double(), latencyP95: fc.double(), meanCost: fc.double(), failureRate: fc.double() })
    fc.assert(fc.property(
      fc.record({ language: fc.string({ minLength: 1 }), codeLength: fc.nat(), cpu: fc.double({ min: 0.1, max: 64 }), memory: fc.nat(), timeout: fc.integer({ min: 1 }), gpu: fc.boolean(), stateful: fc.boolean(), requirements: fc.array(fc.string()), environment: fc.dictionary(fc.string(), fc.string()), files: fc.dictionary(fc.string(), fc.string()) }),
      fc.constantFrom(...providerIds), fc.record({ recent: window, short: window, long: window }), fc.date({ noInvalidDate: true }), fc.nat(3),
      (s, provider, history, at, offsetRows) => {
        const offset = offsetRows * featureCount
        const whole = new Float64Array(featureCount * 4).fill(-1)
        writeFeatures(whole, offset, s, provider, history, at)
        const request = new Float64Array(featureCount * 4).fill(-1)
        writeRequestFeatures(request, offset, s, at)
        const both = request.slice()
        writeProviderFeatures(both, offset, provider, history)
        expect(both).toEqual(whole)
        const untouched = [...request.subarray(0, offset), ...request.subarray(offset + providerFeatureIndex)]
        expect(untouched.every((v) => v === -1)).toBe(true)
      }))
  })

  it('has a stable schema hash', () => {
    expect(featureSchemaHash).toMatch(/^[0-9a-f]{64}$/)
  })
})
