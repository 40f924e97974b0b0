import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { serializeParams } from './params.js'

describe('serializeParams', () => {
  it('writes key=value pairs, joins lists with commas and silences LightGBM by default', () => {
    expect(serializeParams({ objective: 'quantile', alpha: 0.9, metric: ['l1', 'l2'], deterministic: true }))
      .toBe('objective=quantile alpha=0.9 metric=l1,l2 deterministic=true verbosity=-1')
  })

  it('keeps a verbosity the caller sets, under either alias', () => {
    expect(serializeParams({ verbosity: 1 })).toBe('verbosity=1')
    expect(serializeParams({ verbose: 0 })).toBe('verbose=0')
  })

  it('skips undefined values', () => {
    expect(serializeParams({ seed: undefined, num_threads: 2 })).toBe('num_threads=2 verbosity=-1')
  })

  it('refuses values LightGBM would split apart and non-finite numbers', () => {
    expect(() => serializeParams({ metric: 'l1 l2' })).toThrow(TypeError)
    expect(() => serializeParams({ objective_seed: 'a=b' })).toThrow(TypeError)
    expect(() => serializeParams({ alpha: Number.NaN })).toThrow(RangeError)
    expect(() => serializeParams({ 'bad key': 1 })).toThrow(TypeError)
  })

  it('always yields pairs that split back into the same keys and values', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((k) => k !== 'verbosity' && k !== 'verbose')
    const value = fc.oneof(fc.integer(), fc.boolean(), fc.stringMatching(/^[a-z0-9_.,-]{1,8}$/))
    fc.assert(fc.property(fc.dictionary(key, value), (params) => {
      const pairs = serializeParams(params).split(' ').map((pair) => pair.split('='))
      expect(Object.fromEntries(pairs)).toEqual({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), verbosity: '-1' })
    }))
  })
})
