import { describe, expect, it } from 'vitest'
import { BidRequest, FraudRequest } from '@platform/contracts'
import { generateAuctions } from './auction-traffic.js'
import { generateFraudTraffic } from './fraud-traffic.js'
import { seededRandom } from '@platform/seeded-random'

describe('seeded traffic generators', () => {
  it('generates fraud rows that satisfy the request contract, with the asked bot share', () => {
    const rows = generateFraudTraffic(seededRandom(1), 5000, 0.12)
    for (const { row } of rows) expect(FraudRequest.safeParse(row).success).toBe(true)
    const share = rows.reduce((n, r) => n + r.label, 0) / rows.length
    expect(share).toBeGreaterThan(0.1)
    expect(share).toBeLessThan(0.14)
  })

  it('makes bots click more than humans (the ground truth the model must find)', () => {
    const rows = generateFraudTraffic(seededRandom(2), 5000)
    const rate = (label: number) => {
      const group = rows.filter((r) => r.label === label)
      return group.reduce((s, r) => s + r.row.clicks_24h, 0) / group.reduce((s, r) => s + r.row.impressions_24h, 0)
    }
    expect(rate(1)).toBeGreaterThan(3 * rate(0))
  })

  it('clears auctions at or above the floor, within the request contract', () => {
    for (const { row, label } of generateAuctions(seededRandom(3), 3000)) {
      expect(BidRequest.safeParse(row).success).toBe(true)
      expect(label).toBeGreaterThanOrEqual(row.floor_cpm)
    }
  })

  it('is reproducible from the seed', () => {
    expect(generateAuctions(seededRandom(4), 50)).toEqual(generateAuctions(seededRandom(4), 50))
  })
})
