import { describe, expect, it } from 'vitest'
import { servableRouting } from './model-routing.js'

const loaded = new Map([['1.0.0', {}], ['1.1.0', {}]])

describe('servable routing', () => {
  it('keeps arms whose versions are loaded', () => {
    const routing = { canary: { version: '1.1.0', weight: 0.2 }, shadow: '1.0.0' }
    expect(servableRouting(routing, loaded)).toEqual({ routing, dropped: [] })
  })

  it('drops each arm whose version is not loaded, and only that arm', () => {
    expect(servableRouting({ canary: { version: '2.0.0', weight: 0.2 }, shadow: '1.1.0' }, loaded))
      .toEqual({ routing: { shadow: '1.1.0' }, dropped: [{ arm: 'canary', version: '2.0.0' }] })
    expect(servableRouting({ canary: { version: '1.1.0', weight: 0.2 }, shadow: '3.0.0' }, loaded))
      .toEqual({ routing: { canary: { version: '1.1.0', weight: 0.2 } }, dropped: [{ arm: 'shadow', version: '3.0.0' }] })
    expect(servableRouting({}, loaded)).toEqual({ routing: {}, dropped: [] })
  })
})
