import { describe, expect, it } from 'vitest'
import { AbTestConfig } from '@platform/contracts'
import { abTestConfigOf, InvalidAbTestError } from './ab-test-setup.js'

const now = new Date('2026-11-23T09:00:00Z')
const seed = { enabled: true, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 0.2, startTime: new Date('2026-11-23T00:00:00Z'), endTime: undefined }

describe('abTestConfigOf', () => {
  it('completes the seed shape into a valid AbTestConfig', () => {
    const config = abTestConfigOf(seed, null, now)
    expect(AbTestConfig.parse(config)).toEqual(config)
    expect(config).toMatchObject({ shadow: false, startTime: '2026-11-23T00:00:00.000Z', endTime: null, createdAt: now.toISOString() })
    expect(config.id).toMatch(/^ab-[0-9a-f]{16}$/)
  })

  it('derives the same id for the same arms and start, so assignment survives restarts', () => {
    const first = abTestConfigOf(seed, null, now)
    const again = abTestConfigOf({ ...seed, startTime: '2026-11-23T00:00:00.000Z', trafficSplit: 0.5 }, first, new Date('2026-11-24T00:00:00Z'))
    expect(again.id).toBe(first.id)
    expect(again.createdAt).toBe(first.createdAt)
    expect(abTestConfigOf({ ...seed, treatmentModelVersion: 'v3' }, first, now).id).not.toBe(first.id)
  })

  it('keeps a full configuration as it is', () => {
    const full: AbTestConfig = { id: 'x1', enabled: false, controlModelVersion: 'v1', treatmentModelVersion: 'v2', trafficSplit: 1, startTime: null, endTime: '2026-12-01T00:00:00Z', shadow: true, createdAt: '2026-11-01T00:00:00Z' }
    expect(abTestConfigOf(full, null, now)).toEqual(full)
  })

  it('refuses what is not an A/B test, naming the field', () => {
    expect(() => abTestConfigOf({ ...seed, trafficSplit: 1.5 }, null, now)).toThrow(InvalidAbTestError)
    expect(() => abTestConfigOf({ ...seed, controlModelVersion: '' }, null, now)).toThrow(/controlModelVersion/)
    expect(() => abTestConfigOf({ ...seed, endTime: new Date('2026-11-22T00:00:00Z') }, null, now)).toThrow(/endTime must be after startTime/)
    expect(() => abTestConfigOf({ ...seed, startTime: 'yesterday' }, null, now)).toThrow(/startTime/)
  })
})
