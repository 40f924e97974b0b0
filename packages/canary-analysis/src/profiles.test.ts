import { describe, expect, it } from 'vitest'
import { isProfileName } from './profiles.js'

describe('isProfileName', () => {
  it('names only its own profiles, not what every object inherits', () => {
    expect(['http', 'model', 'toString', 'constructor', '__proto__'].map(isProfileName)).toEqual([true, true, false, false, false])
  })
})
