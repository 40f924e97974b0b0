import type { BidRequest } from '@platform/contracts'
import type { LabelledRow } from './fraud-traffic.js'
import type { Random } from '@platform/seeded-random'

const competitors = { low: 2, medium: 6, high: 14 } as const
const placements = Array.from({ length: 60 }, (_, i) => `plc-${String(i).padStart(3, '0')}`)

/**
 * Seeded second-price auctions. Each placement has a hidden quality; each competitor values the
 * impression at quality x CTR lift x noise; the price to win is the highest competing bid, never
 * under the floor (second-price with reserve). The label is that clearing price in CPM.
 */
export function generateAuctions (random: Random, rows: number): Array<LabelledRow<BidRequest>> {
  const quality = new Map(placements.map((id) => [id, random.lognormal(0.3, 0.6)]))
  const out: Array<LabelledRow<BidRequest>> = []
  for (let i = 0; i < rows; i++) {
    const placement = random.pick(placements)
    const q = quality.get(placement) ?? 1
    const level = random.pick(['low', 'medium', 'high'] as const)
    const ctr = Math.min(0.2, random.lognormal(Math.log(0.01), 0.7))
    const floor = Math.round(q * (0.3 + 0.9 * random.next()) * 100) / 100
    const bidders = 1 + random.poisson(competitors[level])
    let highest = 0
    for (let b = 0; b < bidders; b++) highest = Math.max(highest, q * Math.pow(ctr / 0.01, 0.6) * random.lognormal(0, 0.45))
    const clearing = Math.max(floor, highest)
    out.push({
      row: { placement_id: placement, floor_cpm: floor, predicted_ctr: ctr, competition_level: level, budget_remaining: Math.round(random.lognormal(4, 1.5) * 100) / 100 },
      label: clearing
    })
  }
  return out
}
