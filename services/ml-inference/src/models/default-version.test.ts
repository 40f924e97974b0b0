import { describe, expect, it } from 'vitest'
import { chooseDefault } from './default-version.js'

const loaded = new Map([['1.0.0', {}], ['1.2.0', {}], ['1.10.0', {}]])

describe('default version', () => {
  it('is the version latest names, else the highest loaded', () => {
    expect(chooseDefault(loaded, '1.2.0', '1.0.0')).toBe('1.2.0')
    expect(chooseDefault(loaded, '', '1.0.0')).toBe('1.10.0')
    expect(chooseDefault(new Map(), '', undefined)).toBeUndefined()
  })

  it('keeps the serving version while latest names one that is not loaded', () => {
    expect(chooseDefault(loaded, '2.0.0', '1.0.0')).toBe('1.0.0')
    // Nothing serving yet (start-up), or the serving version is gone too: the highest loaded.
    expect(chooseDefault(loaded, '2.0.0', undefined)).toBe('1.10.0')
    expect(chooseDefault(loaded, '2.0.0', '0.9.0')).toBe('1.10.0')
  })
})
