import fc from 'fast-check'
import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { parseDurationSeconds, parsePositive, parseQuantiles } from './durations.js'

describe('parseDurationSeconds', () => {
  it('reads the units of the backtest options', () => {
    expect(['90s', '1m', '30m', '1h', '14d', '1.5h', '1h30m', '4.1m'].map(parseDurationSeconds)).toEqual([90, 60, 1800, 3600, 14 * 86_400, 5400, 5400, 246])
  })

  it('reads any whole number of seconds, minutes, hours or days', () => {
    const unit = fc.constantFrom(['s', 1], ['m', 60], ['h', 3600], ['d', 86_400]) as fc.Arbitrary<[string, number]>
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), unit, (n, [suffix, seconds]) => {
      expect(parseDurationSeconds(`${n}${suffix}`)).toBe(n * seconds)
    }))
  })

  it('refuses zero, negative, fractional-second and malformed durations', () => {
    for (const text of ['0m', '-5m', '1500ms', 'soon', '', '5 parsecs']) {
      expect(() => parseDurationSeconds(text), text).toThrow(InvalidArgumentError)
    }
  })
})

describe('parseQuantiles', () => {
  it('reads distinct levels in (0, 1), ascending', () => {
    expect(parseQuantiles('0.9, 0.5,0.9')).toEqual([0.5, 0.9])
    for (const text of ['', '0.5,1', '0', 'p90', '0.5,,x']) expect(() => parseQuantiles(text), text).toThrow(InvalidArgumentError)
  })
})

describe('parsePositive', () => {
  it('accepts finite numbers above zero only', () => {
    expect(parsePositive('12.5')).toBe(12.5)
    for (const text of ['0', '-1', 'Infinity', 'abc']) expect(() => parsePositive(text), text).toThrow(InvalidArgumentError)
  })
})
