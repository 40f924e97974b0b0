import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSeriesCsv, parseTimestamp, SeriesCsvError } from './series-csv.js'

// Whole seconds between 1970 and 2100, the range real load exports live in.
const epochSeconds = fc.integer({ min: 0, max: 4_102_444_800 - 1 })
const finiteValue = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })

describe('parseTimestamp', () => {
  it('reads RFC 3339 in UTC and with offsets, and unix seconds', () => {
    expect(parseTimestamp('2021-10-08T00:00:00Z')).toBe(Date.UTC(2021, 9, 8))
    expect(parseTimestamp('2021-10-08T02:00:00.5+02:00')).toBe(Date.UTC(2021, 9, 8) + 500)
    expect(parseTimestamp('2021-10-08 00:00:00Z')).toBe(Date.UTC(2021, 9, 8))
    expect(parseTimestamp('1633651200')).toBe(Date.UTC(2021, 9, 8))
    expect(parseTimestamp('1633651200.25')).toBe(Date.UTC(2021, 9, 8) + 250)
  })

  it('refuses impossible calendar dates and other formats', () => {
    for (const text of ['2021-02-30T00:00:00Z', '2021-10-08T24:00:00Z', '2021-10-08', '2021-10-08T00:00:00', 'yesterday', '']) {
      expect(parseTimestamp(text), text).toBeNaN()
    }
  })

  it('RFC 3339 and unix seconds agree for every instant', () => {
    fc.assert(fc.property(epochSeconds, (s) => {
      const iso = new Date(s * 1000).toISOString().replace('.000Z', 'Z')
      expect(parseTimestamp(iso)).toBe(s * 1000)
      expect(parseTimestamp(String(s))).toBe(s * 1000)
    }))
  })
})

describe('parseSeriesCsv', () => {
  it('round-trips any rows written as timestamp,value, with or without header and CRLF', () => {
    const rows = fc.array(fc.tuple(epochSeconds, finiteValue, fc.boolean()), { maxLength: 50 })
    fc.assert(fc.property(rows, fc.boolean(), fc.boolean(), (samples, header, crlf) => {
      const lines = samples.map(([s, v, iso]) => `${iso ? new Date(s * 1000).toISOString() : s},${v}`)
      const text = [...(header ? ['timestamp,value'] : []), ...lines, ''].join(crlf ? '\r\n' : '\n')
      const parsed = parseSeriesCsv(text)
      expect(Array.from(parsed.timestamps)).toEqual(samples.map(([s]) => s * 1000))
      expect(Array.from(parsed.values)).toEqual(samples.map(([, v]) => Number(String(v))))
    }))
  })

  it('reads fields and a header in double quotes, as spreadsheets export them', () => {
    const parsed = parseSeriesCsv('"timestamp","value"\r\n"2024-01-01T00:00:00Z","5"\r\n"1704067260", "6.5"\r\n')
    expect(Array.from(parsed.timestamps)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 1)])
    expect(Array.from(parsed.values)).toEqual([5, 6.5])
  })

  it('names the line of a malformed row', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['timestamp,value\n1,2\n3\n', 3, /expected 2 fields/],
      ['1,2\nnot-a-time,4\n', 2, /neither RFC 3339 nor unix seconds/],
      ['1,2\n\n5,NaN\n', 3, /not a finite number/],
      ['1,Infinity\n', 1, /not a finite number/],
      ['1,\n', 1, /not a finite number/],
      ['1,2,3\n', 1, /expected 2 fields/],
      // Epoch milliseconds (year 55969 as seconds) and nanoseconds are refused, not misread.
      ['1704067200000,5\n', 1, /too large for unix seconds \(milliseconds\?/],
      ['1704067200000000000,5\n', 1, /too large for unix seconds/]
    ]
    for (const [text, line, message] of cases) {
      const error = (() => { try { parseSeriesCsv(text) } catch (e) { return e } })()
      expect(error, text).toBeInstanceOf(SeriesCsvError)
      expect((error as SeriesCsvError).line).toBe(line)
      expect((error as SeriesCsvError).message).toMatch(message)
    }
  })

  it('never returns a non-finite number for arbitrary text: it parses or throws SeriesCsvError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        const parsed = parseSeriesCsv(text)
        expect(parsed.timestamps.every(Number.isFinite) && parsed.values.every(Number.isFinite)).toBe(true)
      } catch (e) {
        expect(e).toBeInstanceOf(SeriesCsvError)
      }
    }))
  })
})
