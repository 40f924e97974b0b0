import { describe, expect, it } from 'vitest'
import { CtrRequest } from '@platform/contracts'
import { parseObdClicks } from './obd-clicks.js'

const csv = [
  'policy,campaign,timestamp,item_id,position,click,propensity_score,user_feature_0,user_feature_1,user_feature_2,user_feature_3',
  'random,men,2019-11-24 16:03:13.442536+00:00,14,3,1,0.029,cef3390e,03a5648a,7bc94a2d,9bde591f',
  'bts,women,2019-11-30 02:00:00.000000+00:00,2,1,0,0.5,aa,bb,cc,dd'
].join('\n')

describe('Open Bandit Dataset reader', () => {
  it('maps slots to placements, user attributes to segments and times to JST hour/day', () => {
    const [first, second] = parseObdClicks(csv)
    expect(first?.label).toBe(1)
    // 16:03 UTC on Sunday 24 Nov is 01:03 on Monday in Japan.
    expect(first?.row).toEqual({ placement_id: 'zozo-men-right', ad_format: 'native', user_segments: ['uf0:cef3390e', 'uf1:03a5648a', 'uf2:7bc94a2d', 'uf3:9bde591f'], time_of_day: 1, day_of_week: 1 })
    expect(second?.row.placement_id).toBe('zozo-women-left')
    expect(CtrRequest.safeParse(first?.row).success).toBe(true)
  })

  it('reads a copy with Windows line ends as the original', () => {
    expect(parseObdClicks(csv.replaceAll('\n', '\r\n'))).toEqual(parseObdClicks(csv))
  })

  it('names a bad line', () => {
    expect(() => parseObdClicks(csv.replace('+00:00,14,3', '+00:00,14,7'))).toThrow(/line 2/)
  })
})
