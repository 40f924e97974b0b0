import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeaseBalancer } from './lease-balancer.js'

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${i}`)

/** Replicas sharing one lease table, each running the balancer the way a workload loop does. */
function cluster (workloads: string[], replicas: number) {
  const leases = new Map<string, number>()
  const balancers = Array.from({ length: replicas }, () => new LeaseBalancer(() => workloads.length))
  const tryAll = async (r: number): Promise<void> => {
    const b = balancers[r] as LeaseBalancer
    for (const w of workloads) {
      await b.acquire(w, async () => {
        const holder = leases.get(w)
        if (holder !== undefined && holder !== r) return false
        leases.set(w, r)
        return true
      })
    }
  }
  const handOver = (r: number): void => {
    for (const w of workloads) {
      if (leases.get(w) === r && balancers[r]?.shouldRelease(w) === true) leases.delete(w)
    }
  }
  const owned = (r: number): number => [...leases.values()].filter((holder) => holder === r).length
  return { leases, balancers, tryAll, handOver, owned }
}

describe('LeaseBalancer', () => {
  it('a lone replica takes everything; when a second joins the first hands over its extras and the split is even', async () => {
    const c = cluster(names(6), 2)
    await c.tryAll(0)
    expect(c.owned(0)).toBe(6)
    for (const b of c.balancers) b.setLive(2)
    await c.tryAll(1)
    expect(c.owned(1)).toBe(0)
    c.handOver(0)
    expect(c.owned(0)).toBe(3)
    // The released ones are not retaken by the replica that let them go.
    await c.tryAll(0)
    expect(c.owned(0)).toBe(3)
    await c.tryAll(1)
    expect([c.owned(0), c.owned(1)]).toEqual([3, 3])
  })

  it('the survivor takes a dead replica\'s workloads once the live count drops', async () => {
    const c = cluster(names(5), 2)
    for (const b of c.balancers) b.setLive(2)
    await c.tryAll(0)
    await c.tryAll(1)
    expect([c.owned(0), c.owned(1)]).toEqual([3, 2])
    for (const [w, holder] of c.leases) if (holder === 0) c.leases.delete(w)
    c.balancers[1]?.setLive(1)
    await c.tryAll(1)
    expect(c.owned(1)).toBe(5)
  })

  it('concurrent acquisitions never overshoot the quota', async () => {
    const b = new LeaseBalancer(() => 10)
    b.setLive(5)
    const results = await Promise.all(names(10).map(async (w) => await b.acquire(w, async () => await new Promise((resolve) => setTimeout(() => { resolve(true) }, 5)))))
    expect(results.filter(Boolean)).toHaveLength(2)
    expect(b.ownedCount).toBe(2)
  })

  it('any join order ends with every workload owned and no replica over ceil(workloads / replicas)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), async (workloads, replicas) => {
      const c = cluster(names(workloads), replicas)
      // Replicas join one at a time; each round everyone renews, takes what is free and hands over extras.
      for (let joined = 1; joined <= replicas; joined++) {
        for (let r = 0; r < joined; r++) c.balancers[r]?.setLive(joined)
        for (let round = 0; round < 3; round++) {
          for (let r = 0; r < joined; r++) c.handOver(r)
          for (let r = 0; r < joined; r++) await c.tryAll(r)
        }
      }
      expect(c.leases.size).toBe(workloads)
      for (let r = 0; r < replicas; r++) expect(c.owned(r)).toBeLessThanOrEqual(Math.ceil(workloads / replicas))
    }), { numRuns: 60 })
  })
})
