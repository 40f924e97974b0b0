import { describe, expect, it } from 'vitest'
import { toLabeledSamples, toSamples } from './prometheus-client.js'

const matrix = (...series: Array<Array<[number, string]>>) => ({
  status: 'success',
  data: { resultType: 'matrix', result: series.map((values, i) => ({ metric: { pod: String(i) }, values })) }
})

describe('toSamples', () => {
  it('sums series per timestamp and sorts by time', () => {
    const body = matrix([[60, '1'], [120, '2']], [[120, '10'], [180, '5']])
    expect(toSamples(body, 'sum', 'q')).toEqual({ timestamps: [60_000, 120_000, 180_000], values: [1, 12, 5] })
  })

  it('turns NaN and Inf into gaps, also in a sum', () => {
    const body = matrix([[60, 'NaN'], [120, '+Inf'], [180, '3'], [240, '-Inf']], [[180, '1'], [240, '1']])
    expect(toSamples(body, 'sum', 'q')).toEqual({ timestamps: [180_000], values: [4] })
  })

  it('refuses several series in single mode and a non-matrix answer', () => {
    expect(() => toSamples(matrix([[60, '1']], [[60, '1']]), 'single', 'up')).toThrow(/returned 2 series/)
    expect(() => toSamples({ status: 'success', data: { resultType: 'vector', result: [] } }, 'sum', 'q')).toThrow(/matrix/)
  })

  it('returns no samples for an empty result', () => {
    expect(toSamples(matrix(), 'sum', 'q')).toEqual({ timestamps: [], values: [] })
  })
})

describe('toLabeledSamples', () => {
  it('keeps every series apart with its labels, sorted by time, non-finite samples as gaps', () => {
    const body = matrix([[120, '2'], [60, '1']], [[60, 'NaN'], [120, '5']])
    expect(toLabeledSamples(body)).toEqual([
      { labels: { pod: '0' }, timestamps: [60_000, 120_000], values: [1, 2] },
      { labels: { pod: '1' }, timestamps: [120_000], values: [5] }
    ])
  })
})
