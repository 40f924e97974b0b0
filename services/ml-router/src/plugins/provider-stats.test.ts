import { describe, expect, it } from 'vitest'
import { emptyHistory } from '@platform/router-core'
import { CachedProviderStats } from './provider-stats.js'

describe('CachedProviderStats', () => {
  it('after a failed read serves the last statistics for another TTL instead of retrying on every request', async () => {
    let now = 0
    let reads = 0
    let up = true
    const stats = new CachedProviderStats(async () => {
      reads++
      if (!up) throw new Error('redis down')
      return new Map([['e2b', emptyHistory]])
    }, 1_000, () => {}, () => {}, () => {}, () => now)
    await stats.refresh()
    expect(stats.histories().has('e2b')).toBe(true)
    up = false
    now = 1_500
    stats.histories()
    await new Promise((resolve) => setImmediate(resolve))
    const failedAt = reads
    // Requests over the next 0.9 s, each letting a started read finish: none starts another read.
    for (now = 1_500; now < 2_400; now += 10) {
      expect(stats.histories().has('e2b')).toBe(true)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(reads).toBe(failedAt)
    up = true
    now = 2_600
    stats.histories()
    await new Promise((resolve) => setImmediate(resolve))
    expect(reads).toBe(failedAt + 1)
  })
})
