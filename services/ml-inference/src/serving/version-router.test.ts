import { describe, expect, it } from 'vitest'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'
import { routeRows, routeVersions, stickyBucket } from './version-router.js'

const fakeVersion = (version: string) => ({ name: 'fraud', version }) as unknown as LoadedModel
const entry = (routing: ModelEntry['routing']): ModelEntry => ({
  name: 'fraud',
  versions: new Map(['1.0.0', '1.1.0', '2.0.0'].map((v) => [v, fakeVersion(v)])),
  defaultVersion: '1.0.0',
  routing
})

describe('version routing', () => {
  it('sends the canary weight of keys to the canary, within 1.5 points over 20,000 keys', () => {
    const routed = entry({ canary: { version: '1.1.0', weight: 0.1 } })
    const keys = Array.from({ length: 20_000 }, (_, i) => `user-${i}`)
    const share = keys.filter((key) => routeVersions(routed, key, undefined).primary.version === '1.1.0').length / keys.length
    expect(Math.abs(share - 0.1)).toBeLessThan(0.015)
    // Few keys that differ only in their last characters still split close to the weight.
    const quarter = entry({ canary: { version: '1.1.0', weight: 0.25 } })
    const few = keys.slice(0, 400).filter((key) => routeVersions(quarter, key, undefined).primary.version === '1.1.0').length / 400
    expect(Math.abs(few - 0.25)).toBeLessThan(0.07)
  })

  it('is sticky: a key always gets the same version, and a bigger weight only adds keys', () => {
    const at10 = entry({ canary: { version: '1.1.0', weight: 0.1 } })
    const at50 = entry({ canary: { version: '1.1.0', weight: 0.5 } })
    for (let i = 0; i < 2000; i++) {
      const key = `user-${i}`
      const first = routeVersions(at10, key, undefined).primary.version
      expect(routeVersions(at10, key, undefined).primary.version).toBe(first)
      if (first === '1.1.0') expect(routeVersions(at50, key, undefined).primary.version).toBe('1.1.0')
    }
    expect(stickyBucket('fraud', 'a')).not.toBe(stickyBucket('ctr', 'a'))
  })

  it('pins with X-Model-Version, refuses unknown versions, and adds the shadow unless it answers', () => {
    const routed = entry({ shadow: '2.0.0' })
    expect(routeVersions(routed, 'k', '1.1.0').primary.version).toBe('1.1.0')
    expect(routeVersions(routed, 'k', undefined).shadow?.version).toBe('2.0.0')
    expect(routeVersions(routed, 'k', '2.0.0').shadow).toBeUndefined()
    expect(() => routeVersions(routed, 'k', '9.9.9')).toThrow(/no loaded version 9.9.9/)
  })

  it('splits a batch row by row with the same sticky choice as single requests, rows kept in order', () => {
    const routed = entry({ canary: { version: '1.1.0', weight: 0.3 }, shadow: '2.0.0' })
    const keys = Array.from({ length: 5000 }, (_, i) => `user-${i}`)
    const { primary, groups, shadow } = routeRows(routed, keys, undefined)
    expect(primary.version).toBe('1.0.0')
    expect(shadow?.version).toBe('2.0.0')
    expect(groups.map((g) => g.model.version).sort()).toEqual(['1.0.0', '1.1.0'])
    expect(groups.flatMap((g) => g.rows).sort((a, b) => a - b)).toEqual(keys.map((_, i) => i))
    for (const { model, rows } of groups) {
      expect(rows).toEqual([...rows].sort((a, b) => a - b))
      for (const row of rows) expect(routeVersions(routed, keys[row], undefined).primary).toBe(model)
    }
    const canaryShare = (groups.find((g) => g.model.version === '1.1.0')?.rows.length ?? 0) / keys.length
    expect(Math.abs(canaryShare - 0.3)).toBeLessThan(0.03)
  })

  it('sends every row of a pinned or keyless batch to one version', () => {
    const routed = entry({ canary: { version: '1.1.0', weight: 0.5 } })
    const keys = Array.from({ length: 100 }, (_, i) => `user-${i}`)
    expect(routeRows(routed, keys, '2.0.0').groups.map((g) => [g.model.version, g.rows.length])).toEqual([['2.0.0', 100]])
    expect(routeRows(routed, keys.map(() => undefined), undefined).groups.map((g) => [g.model.version, g.rows.length])).toEqual([['1.0.0', 100]])
    expect(() => routeRows(routed, keys, '9.9.9')).toThrow(/no loaded version 9.9.9/)
  })
})
