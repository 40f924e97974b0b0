import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toOpenMetrics } from './openmetrics.js'
import type { Series } from './series.js'

// Reads back what toOpenMetrics writes (no quotes or braces inside label values in these cases).
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+) (\d+(?:\.\d{3})?)$/

function parseValue (text: string): number {
  if (text === '+Inf') return Infinity
  if (text === '-Inf') return -Infinity
  return Number(text)
}

const seriesArb = fc.record({
  name: fc.constantFrom('cpu_usage', 'http_requests_total', 'job:rate:5m'),
  labels: fc.dictionary(fc.constantFrom('job', 'instance', 'le'), fc.stringMatching(/^[a-z0-9 ]{0,8}$/)),
  samples: fc.uniqueArray(
    fc.record({ timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }), value: fc.double() }),
    { selector: (sample) => sample.timestamp, maxLength: 30 }
  )
})

describe('toOpenMetrics', () => {
  it('writes a gauge family, sorted samples in seconds and the EOF marker', () => {
    const text = toOpenMetrics([{
      name: 'queue_depth',
      labels: { queue: 'jobs', env: 'test' },
      samples: [{ timestamp: 1_700_000_060_000, value: 2.5 }, { timestamp: 1_700_000_000_250, value: -1 }]
    }])
    expect(text).toBe([
      '# TYPE queue_depth gauge',
      'queue_depth{env="test",queue="jobs"} -1 1700000000.250',
      'queue_depth{env="test",queue="jobs"} 2.5 1700000060',
      '# EOF',
      ''
    ].join('\n'))
  })

  it('writes NaN and infinities in OpenMetrics spelling and escapes label values', () => {
    const text = toOpenMetrics([{
      name: 'odd',
      labels: { path: 'a"b\\c\nd' },
      samples: [{ timestamp: 0, value: NaN }, { timestamp: 1000, value: Infinity }, { timestamp: 2000, value: -Infinity }]
    }])
    expect(text.split('\n').slice(1, 4)).toEqual([
      'odd{path="a\\"b\\\\c\\nd"} NaN 0',
      'odd{path="a\\"b\\\\c\\nd"} +Inf 1',
      'odd{path="a\\"b\\\\c\\nd"} -Inf 2'
    ])
  })

  it('keeps every sample exactly, groups families and sorts each series by time', () => {
    fc.assert(fc.property(fc.uniqueArray(seriesArb, { selector: (s) => JSON.stringify([s.name, Object.entries(s.labels).sort()]) }), (series: Series[]) => {
      const lines = toOpenMetrics(series).split('\n')
      expect(lines.slice(-2)).toEqual(['# EOF', ''])
      const typeLines = lines.filter((line) => line.startsWith('# TYPE '))
      expect(new Set(typeLines).size).toBe(typeLines.length)

      const read = new Map<string, { timestamp: number, value: number }[]>()
      let family = ''
      for (const line of lines.slice(0, -2)) {
        if (line.startsWith('# TYPE ')) {
          family = line.split(' ')[2] ?? ''
          continue
        }
        const [, name, labels = '', value = '', seconds = ''] = SAMPLE_LINE.exec(line) ?? []
        expect(name).toBe(family)
        const key = `${name}${labels}`
        const samples = read.get(key) ?? []
        samples.push({ timestamp: Math.round(Number(seconds) * 1000), value: parseValue(value) })
        read.set(key, samples)
      }

      const expected = series.filter((s) => s.samples.length > 0)
      expect(read.size).toBe(expected.length)
      for (const one of expected) {
        const labels = Object.entries(one.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))
        const key = `${one.name}${labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${v}"`).join(',')}}`}`
        const want = [...one.samples].sort((a, b) => a.timestamp - b.timestamp)
        const got = read.get(key) ?? []
        expect(got.map((s) => s.timestamp)).toEqual(want.map((s) => s.timestamp))
        got.forEach((sample, i) => expect(Object.is(sample.value, want[i]?.value) || (sample.value === 0 && want[i]?.value === 0)).toBe(true))
      }
    }))
  })

  it('rejects names Prometheus would refuse, duplicate series and duplicate timestamps', () => {
    const samples = [{ timestamp: 0, value: 1 }]
    expect(() => toOpenMetrics([{ name: 'bad-name', samples }])).toThrow(/invalid metric name/)
    expect(() => toOpenMetrics([{ name: 'ok', labels: { __name__: 'x' }, samples }])).toThrow(/invalid label name/)
    expect(() => toOpenMetrics([{ name: 'ok', labels: { '1a': 'x' }, samples }])).toThrow(/invalid label name/)
    expect(() => toOpenMetrics([{ name: 'ok', samples }, { name: 'ok', samples }])).toThrow(/given twice/)
    expect(() => toOpenMetrics([{ name: 'ok', samples: [...samples, ...samples] }])).toThrow(/two samples at timestamp 0/)
    expect(() => toOpenMetrics([{ name: 'ok', samples: [{ timestamp: 1.5, value: 1 }] }])).toThrow(/not a non-negative integer/)
    expect(() => toOpenMetrics([{ name: 'ok', samples: [{ timestamp: -1000, value: 1 }] }])).toThrow(/not a non-negative integer/)
  })
})
