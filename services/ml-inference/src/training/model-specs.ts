import { adFormats, competitionLevels, type FeatureTransform } from '@platform/contracts'
import type { FeatureSpec } from '@platform/ad-features'

// Scaling fields start neutral; fitScaling replaces them with training-set statistics.
const neutral = { mean: 0, std: 1 }
const feature = (name: string, transform: FeatureTransform): FeatureSpec => ({ name, transform })

/** Fraud: volume, click rate, scripted user agents, network, app and device. */
export const fraudFeatures: FeatureSpec[] = [
  feature('impressions_24h', { type: 'numeric', source: 'impressions_24h', log1p: true, ...neutral }),
  feature('clicks_24h', { type: 'numeric', source: 'clicks_24h', log1p: true, ...neutral }),
  feature('click_rate', { type: 'ratio', numerator: 'clicks_24h', denominator: 'impressions_24h', ...neutral }),
  feature('user_agent', {
    type: 'pattern_flags',
    source: 'user_agent',
    patterns: ['bot|crawl|spider', 'headless', 'python|curl|okhttp|go-http|wget|java/', '^mozilla/5\\.0 \\((windows|macintosh|iphone|linux; android)']
  }),
  feature('network_16', { type: 'ipv4_prefix_hash', source: 'ip_address', prefix_bits: 16, buckets: 256 }),
  feature('app', { type: 'hash', source: 'app_id', buckets: 64 }),
  feature('os', { type: 'one_hot', source: 'device_info.os', vocabulary: ['android', 'ios', 'web', 'linux'] }),
  feature('emulator', { type: 'one_hot', source: 'device_info.emulator', vocabulary: ['true', 'false'] })
]

/** CTR: placement, format, audience segments, and hour/day on the circle. */
export function ctrFeatures (placements: string[], segments: string[]): FeatureSpec[] {
  return [
    feature('placement', { type: 'one_hot', source: 'placement_id', vocabulary: placements }),
    feature('ad_format', { type: 'one_hot', source: 'ad_format', vocabulary: [...adFormats] }),
    feature('segments', { type: 'multi_hot', source: 'user_segments', vocabulary: segments }),
    feature('hour', { type: 'cyclic', source: 'time_of_day', period: 24 }),
    feature('day', { type: 'cyclic', source: 'day_of_week', period: 7 })
  ]
}

/** Bid: placement, floor, CTR on a log scale, and how many rivals to expect. */
export function bidFeatures (placements: string[]): FeatureSpec[] {
  return [
    feature('placement', { type: 'one_hot', source: 'placement_id', vocabulary: placements }),
    feature('floor_cpm', { type: 'numeric', source: 'floor_cpm', log1p: true, ...neutral }),
    feature('predicted_ctr', { type: 'numeric', source: 'predicted_ctr', log1p: true, scale: 1000, ...neutral }),
    feature('competition', { type: 'one_hot', source: 'competition_level', vocabulary: [...competitionLevels] })
  ]
}
