import { describe, expect, it } from 'vitest'
import { issuesToDetails } from '../validation-details.js'
import { BidRequest, CtrRequest, FraudBatchRequest, FraudRequest } from './predict-requests.js'

const fraud = { user_id: 'u1', ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0', impressions_24h: 10, clicks_24h: 2 }
const ctr = { placement_id: 'p1', ad_format: 'native', user_segments: ['sports'], time_of_day: 13, day_of_week: 2 }
const bid = { placement_id: 'p1', floor_cpm: 0.5, predicted_ctr: 0.01, competition_level: 'high', budget_remaining: 100 }

function paths (result: { success: boolean, error?: { issues: Parameters<typeof issuesToDetails>[0] } }): string[] {
  return result.error === undefined ? [] : issuesToDetails(result.error.issues).map((d) => d.path)
}

describe('ml-inference request contracts', () => {
  it('accepts the seed bodies', () => {
    expect(FraudRequest.safeParse({ ...fraud, app_id: 'a', device_info: { os: 'android', rooted: false } }).success).toBe(true)
    expect(CtrRequest.safeParse(ctr).success).toBe(true)
    expect(BidRequest.safeParse(bid).success).toBe(true)
  })

  it.each([
    ['negative impressions', FraudRequest, { ...fraud, impressions_24h: -1 }, 'impressions_24h'],
    ['clicks above impressions', FraudRequest, { ...fraud, clicks_24h: 11 }, 'clicks_24h'],
    ['fractional clicks', FraudRequest, { ...fraud, clicks_24h: 1.5 }, 'clicks_24h'],
    ['not an IP', FraudRequest, { ...fraud, ip_address: '999.1.1.1' }, 'ip_address'],
    ['missing user_id', FraudRequest, { ...fraud, user_id: undefined }, 'user_id'],
    ['hour 24', CtrRequest, { ...ctr, time_of_day: 24 }, 'time_of_day'],
    ['day 7', CtrRequest, { ...ctr, day_of_week: 7 }, 'day_of_week'],
    ['unknown format', CtrRequest, { ...ctr, ad_format: 'popup' }, 'ad_format'],
    ['segment of wrong type', CtrRequest, { ...ctr, user_segments: ['a', 3] }, 'user_segments.1'],
    ['unknown competition level', BidRequest, { ...bid, competition_level: 'extreme' }, 'competition_level'],
    ['ctr above 1', BidRequest, { ...bid, predicted_ctr: 1.5 }, 'predicted_ctr'],
    ['budget cannot pay the floor', BidRequest, { ...bid, floor_cpm: 2, budget_remaining: 0.001 }, 'budget_remaining'],
    ['string floor', BidRequest, { ...bid, floor_cpm: '1' }, 'floor_cpm']
  ] as const)('refuses %s at its field path', (_name, schema, body, path) => {
    const result = schema.safeParse(body)
    expect(result.success).toBe(false)
    expect(paths(result)).toContain(path)
  })

  it('bounds batches to 1..1000 rows and names the failing row', () => {
    expect(FraudBatchRequest.safeParse({ instances: [] }).success).toBe(false)
    expect(FraudBatchRequest.safeParse({ instances: Array.from({ length: 1001 }, () => fraud) }).success).toBe(false)
    expect(paths(FraudBatchRequest.safeParse({ instances: [fraud, { ...fraud, clicks_24h: 99 }] }))).toContain('instances.1.clicks_24h')
  })
})
