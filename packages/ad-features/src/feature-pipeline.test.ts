import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePipeline, type FeatureSpec } from './feature-pipeline.js'
import { fitScaling } from './fit-scaling.js'
import { fnv1a32, ipPrefix, ipv4Network } from './fnv-hash.js'
import { compileTransform } from './transforms.js'

const spec: FeatureSpec[] = [
  { name: 'impressions', transform: { type: 'numeric', source: 'impressions_24h', log1p: true, mean: 1, std: 2 } },
  { name: 'click_rate', transform: { type: 'ratio', numerator: 'clicks_24h', denominator: 'impressions_24h', mean: 0, std: 1 } },
  { name: 'app', transform: { type: 'hash', source: 'app_id', buckets: 8 } },
  { name: 'net', transform: { type: 'ipv4_prefix_hash', source: 'ip_address', prefix_bits: 16, buckets: 16 } },
  { name: 'os', transform: { type: 'one_hot', source: 'device_info.os', vocabulary: ['android', 'ios'] } },
  { name: 'segments', transform: { type: 'multi_hot', source: 'user_segments', vocabulary: ['sports', 'news', 'travel'] } },
  { name: 'ua', transform: { type: 'pattern_flags', source: 'user_agent', patterns: ['bot|crawler', 'headless'] } },
  { name: 'hour', transform: { type: 'cyclic', source: 'time_of_day', period: 24 } }
]
const pipeline = compilePipeline(spec)

const rowArbitrary = fc.record({
  impressions_24h: fc.nat({ max: 1e6 }),
  clicks_24h: fc.nat({ max: 1e6 }),
  app_id: fc.option(fc.string(), { nil: undefined }),
  ip_address: fc.ipV4(),
  device_info: fc.option(fc.record({ os: fc.constantFrom('android', 'ios', 'tizen') }), { nil: undefined }),
  user_segments: fc.array(fc.constantFrom('sports', 'news', 'travel', 'cooking')),
  user_agent: fc.string(),
  time_of_day: fc.integer({ min: 0, max: 23 })
})

describe('feature pipeline', () => {
  it('lays out declared columns in order', () => {
    expect(pipeline.width).toBe(1 + 1 + 8 + 16 + 3 + 4 + 2 + 2)
    expect(pipeline.columnNames).toHaveLength(pipeline.width)
    expect(pipeline.columnNames.slice(26, 29)).toEqual(['os=android', 'os=ios', 'os=<other>'])
  })

  it('encodes a known row to known numbers', () => {
    const out = pipeline.encodeMany([{
      impressions_24h: Math.E - 1,
      clicks_24h: 1,
      app_id: 'app-7',
      ip_address: '10.1.200.3',
      device_info: { os: 'ios' },
      user_segments: ['news', 'cooking'],
      user_agent: 'Mozilla HeadlessChrome',
      time_of_day: 6
    }])
    expect(out[0]).toBeCloseTo(0) // (log1p(e - 1) - 1) / 2
    expect(out[1]).toBeCloseTo(1 / (Math.E - 1), 5)
    expect(out[2 + (fnv1a32('app-7') % 8)]).toBe(1)
    expect(out[10 + (fnv1a32('10.1.0.0/16') % 16)]).toBe(1)
    expect([...out.slice(26, 29)]).toEqual([0, 1, 0])
    expect([...out.slice(29, 33)]).toEqual([0, 1, 0, 1])
    expect([...out.slice(33, 35)]).toEqual([0, 1])
    expect(out[35]).toBeCloseTo(1)
    expect(out[36]).toBeCloseTo(0)
  })

  it('divides by any positive denominator, and by 1 for none', () => {
    const ratio = compilePipeline([{ name: 'r', transform: { type: 'ratio', numerator: 'n', denominator: 'd', mean: 0, std: 1 } }])
    expect([...ratio.encodeMany([{ n: 3, d: 0.5 }, { n: 3, d: 0 }, { n: 3, d: 6 }])]).toEqual([6, 3, 0.5])
  })

  it('is deterministic, finite, one-hot blocks sum to one, and many rows equal one at a time', () => {
    fc.assert(fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 5 }), (rows) => {
      const many = pipeline.encodeMany(rows)
      rows.forEach((row, i) => {
        const single = new Float32Array(pipeline.width * (i + 1)).fill(7)
        pipeline.encodeInto(row, single, i)
        expect([...single.slice(i * pipeline.width)]).toEqual([...many.slice(i * pipeline.width, (i + 1) * pipeline.width)])
      })
      expect(many.every(Number.isFinite)).toBe(true)
      for (let i = 0; i < rows.length; i++) {
        const row = many.slice(i * pipeline.width, (i + 1) * pipeline.width)
        expect(row.slice(10, 26).reduce((a, b) => a + b, 0)).toBe(1)
        expect(row.slice(26, 29).reduce((a, b) => a + b, 0)).toBe(1)
      }
    }))
  })

  it('fits scaling on training rows to mean 0', () => {
    fc.assert(fc.property(fc.array(rowArbitrary, { minLength: 2, maxLength: 50 }), (rows) => {
      const fitted = compilePipeline(fitScaling(spec, rows))
      const out = fitted.encodeMany(rows)
      const column = rows.map((_, i) => out[i * fitted.width] ?? 0)
      const mean = column.reduce((a, b) => a + b, 0) / column.length
      expect(Math.abs(mean)).toBeLessThan(1e-3)
    }), {
      // Two near-equal counts: statistics fitted on float32-rounded values were 0.001 std off.
      examples: [[[999_761, 999_354].map((impressions) => ({ impressions_24h: impressions, clicks_24h: 0, app_id: undefined, ip_address: '0.0.0.0', device_info: undefined, user_segments: [], user_agent: '', time_of_day: 0 }))]]
    })
  })
})

describe('ipPrefix', () => {
  it('masks IPv4 to the network and keeps IPv6 groups', () => {
    expect(ipPrefix('192.168.37.200', 24)).toBe('192.168.37.0/24')
    expect(ipPrefix('192.168.37.200', 16)).toBe('192.168.0.0/16')
    expect(ipPrefix('2001:DB8:1:2::5', 32)).toBe('2001:db8::/32')
    expect(ipPrefix('2001:db8:ab12::1', 24)).toBe('2001:d00::/24')
    expect(ipPrefix('fe80::1%eth0', 16)).toBe('fe80::/16')
  })

  const group = fc.integer({ min: 0, max: 0xffff })
  const groups = fc.array(group, { minLength: 8, maxLength: 8 })

  it('gives an IPv4-mapped IPv6 address the prefix of its IPv4 address', () => {
    fc.assert(fc.property(fc.ipV4(), fc.integer({ min: 1, max: 32 }), (v4, bits) => {
      const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number)
      const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
      expect(ipPrefix(`::ffff:${v4}`, bits)).toBe(ipPrefix(v4, bits))
      expect(ipPrefix(hex.toUpperCase(), bits)).toBe(ipPrefix(v4, bits))
    }))
  })

  it('reads every spelling of an IPv6 address alike, and only its first prefix bits', () => {
    fc.assert(fc.property(groups, groups, fc.integer({ min: 1, max: 32 }), (address, other, bits) => {
      fc.pre(!(address.slice(0, 5).every((g) => g === 0) && address[5] === 0xffff))
      const full = address.map((g) => g.toString(16).padStart(4, '0').toUpperCase()).join(':')
      const canonical = new URL(`http://[${full}]`).hostname.slice(1, -1)
      expect(ipPrefix(canonical, bits)).toBe(ipPrefix(full, bits))
      // The same network with another host part: the bits past the prefix come from `other`.
      const kept = (gi: number) => (0xffff << (16 - Math.min(16, Math.max(0, bits - (gi * 16))))) & 0xffff
      const host = address.map((g, gi) => (g & kept(gi)) | ((other[gi] ?? 0) & ~kept(gi) & 0xffff))
      fc.pre(!(host.slice(0, 5).every((g) => g === 0) && host[5] === 0xffff))
      expect(ipPrefix(host.map((g) => g.toString(16)).join(':'), bits)).toBe(ipPrefix(full, bits))
    }))
  })
})

describe('network bucket cache', () => {
  const addresses = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string({ maxLength: 16 }), fc.constantFrom('1.2.3.', '.1.2.3', '1.2.3.4.5', '01.002.3.4', '256.1.1.1', '1..2.3'))

  it('puts every address in the bucket of its hashed prefix text, cached or not', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 300 }), fc.array(addresses, { maxLength: 20 }), (bits, buckets, list) => {
      const transform = compileTransform({ type: 'ipv4_prefix_hash', source: 'ip', prefix_bits: bits, buckets })
      // Twice over: the second pass is answered from the cache.
      for (const address of [...list, ...list]) {
        const out = new Float32Array(buckets)
        transform.write({ ip: address }, out, 0)
        expect(out[fnv1a32(ipPrefix(address, bits)) % buckets]).toBe(1)
        expect(out.reduce((a, b) => a + b, 0)).toBe(1)
      }
    }))
  })

  it('reads only canonical dotted quads as numbers', () => {
    expect(ipv4Network('10.1.200.3', 16)).toBe((10 * 2 ** 24) + (1 * 2 ** 16))
    expect(ipv4Network('255.255.255.255', 32)).toBe(0xffffffff)
    for (const text of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '1.2.3.', '1.2.3.4 ', '1.2.3.0004', '::1']) expect(ipv4Network(text, 16)).toBeUndefined()
  })
})

describe('pattern flags cache', () => {
  const patterns = ['bot|crawl', 'headless', '^mozilla/5\\.0 \\((windows|iphone)', 'a']
  const texts = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Googlebot/2.1', 'HeadlessChrome', 'Mozilla/5.0 (iPhone; CPU)', 'MOZILLA/5.0 (Windows NT)', ''))

  it('flags every text as its regexes do, remembered or not', () => {
    fc.assert(fc.property(fc.array(texts, { maxLength: 30 }), (list) => {
      const transform = compileTransform({ type: 'pattern_flags', source: 'ua', patterns })
      // Twice over: the second pass is answered from the cache.
      for (const text of [...list, ...list]) {
        const out = new Float32Array(patterns.length)
        transform.write({ ua: text }, out, 0)
        expect([...out]).toEqual(patterns.map((pattern) => new RegExp(pattern, 'i').test(text) ? 1 : 0))
      }
    }))
  })

  it('stays right after more distinct texts than it keeps', () => {
    const transform = compileTransform({ type: 'pattern_flags', source: 'ua', patterns })
    for (let i = 0; i < 3000; i++) {
      const text = i % 3 === 0 ? `bot-${i}` : `agent-${i}`
      const out = new Float32Array(patterns.length)
      transform.write({ ua: text }, out, 0)
      expect([...out]).toEqual([i % 3 === 0 ? 1 : 0, 0, 0, i % 3 === 0 ? 0 : 1])
    }
  })
})
