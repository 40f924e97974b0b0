import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Duration, OptionalDuration, parseDurationSeconds } from './duration.js'

describe('parseDurationSeconds', () => {
  it.each([
    ['30s', 30], ['1m', 60], ['1h30m', 5400], ['7d', 604_800], ['500ms', 0.5], ['1.5h', 5400], ['2w', 1_209_600], ['30', 30], ['2.5', 2.5]
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds)
  })

  it.each(['', 'm', '1x', '1m ', '-1m', '1m30', '30 ', '1e3', 'abc'])('refuses %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined()
  })

  it('adds the terms of any concatenation of valid terms', () => {
    const unit = fc.constantFrom(['s', 1], ['m', 60], ['h', 3600], ['d', 86_400])
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), unit), { minLength: 1, maxLength: 4 }), (terms) => {
      const text = terms.map(([n, [u]]) => `${n}${u}`).join('')
      const expected = terms.reduce((sum, [n, [, s]]) => sum + n * s, 0)
      expect(parseDurationSeconds(text)).toBe(expected)
    }))
  })

  it('reads decimal terms exactly, to the microsecond', () => {
    expect(['4.1m', '1.1h', '8.3m', '0.1s', '1.5h30m'].map(parseDurationSeconds)).toEqual([246, 3960, 498, 0.1, 7200])
  })

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const seconds = parseDurationSeconds(text)
      expect(seconds === undefined || Number.isFinite(seconds)).toBe(true)
    }))
  })
})

describe('Duration schema', () => {
  it('takes numbers (and number strings, as env vars carry them) as seconds and other strings as Go durations', () => {
    expect(Duration.parse(90)).toBe(90)
    expect(Duration.parse('90')).toBe(90)
    expect(Duration.parse('1m30s')).toBe(90)
  })

  it('explains a bad duration', () => {
    const result = Duration.safeParse('soon')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain('"soon" is not a positive duration')
  })

  it('allows zero only where a duration may be off', () => {
    expect(OptionalDuration.parse('0s')).toBe(0)
    expect(OptionalDuration.safeParse(-1).success).toBe(false)
    expect(Duration.safeParse('0s').success).toBe(false)
    expect(Duration.safeParse(0).success).toBe(false)
  })
})
