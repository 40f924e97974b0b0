import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { providerIds, SandboxConstraints, type ProviderId, type RecordedSpec } from '@platform/contracts'
import { defaultProviderCatalog, providerById } from '../catalog/catalog.js'
import type { ProviderHistory, WindowStats } from '../stats/provider-stats.js'
import { listPriceCost, observedSuccess, routeByRules } from './rule-based-router.js'
import { NoEligibleProviderError } from './routing-result.js'

const spec = (overrides: Partial<RecordedSpec> = {}): RecordedSpec => ({
  language: 'python', codeLength: 500, cpu: 1, memory: 512, timeout: 30_000, gpu: false, requirements: [], environment: {}, files: {}, stateful: false, ...overrides
})
const constraints = (input: object = {}) => SandboxConstraints.parse(input)
const catalog = defaultProviderCatalog
const window = (count: number, failures: number): WindowStats => ({ count, failureRate: count === 0 ? Number.NaN : failures / count, latencyP50: 500, latencyP95: 900, meanCost: 0.0001 })
const history = (recent: WindowStats, short = recent, long = short): ProviderHistory => ({ recent, short, long })

describe('observedSuccess', () => {
  it('is the prior without observations and moves with the failures of the newest window that saw enough runs', () => {
    expect(observedSuccess(undefined)).toBe(0.98)
    expect(observedSuccess(history(window(0, 0)))).toBe(0.98)
    // A streak of failures in the last 15 minutes outweighs a clean day.
    expect(observedSuccess(history(window(6, 6), window(40, 6), window(900, 6)))).toBeCloseTo(1 - (6 + 0.2) / 16, 12)
    // Two runs in 15 minutes are too few to speak for the provider: the hour's record answers.
    expect(observedSuccess(history(window(2, 2), window(40, 2)))).toBeCloseTo(1 - (2 + 0.2) / 50, 12)
  })

  it('stays a probability that falls as failures rise (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (count, f) => {
      const failures = Math.min(f, count)
      const p = observedSuccess(history(window(count, failures)))
      expect(p).toBeGreaterThan(0)
      expect(p).toBeLessThan(1)
      if (failures < count) expect(observedSuccess(history(window(count, failures + 1)))).toBeLessThan(p)
    }))
  })
})

describe('routeByRules', () => {
  it('lists every provider once, with predictions or an exclusion reason', () => {
    const result = routeByRules(catalog, spec(), constraints())
    expect(result.alternatives.map((a) => a.provider).sort()).toEqual([...providerIds].sort())
    for (const a of result.alternatives) expect(a.eligible ? a.predictedCost : a.excludedReason).toBeDefined()
  })

  it('honours exclude, GPU, region, language and limits', () => {
    expect(routeByRules(catalog, spec({ gpu: true, cpu: 8, memory: 16384 }), constraints()).provider).toMatch(/modal|kubernetes|bare-metal/)
    expect(routeByRules(catalog, spec(), constraints({ requireGpu: true })).provider).toMatch(/modal|kubernetes|bare-metal/)
    expect(routeByRules(catalog, spec({ region: 'ap-southeast' }), constraints()).provider).toMatch(/modal|kubernetes|edge/)
    expect(routeByRules(catalog, spec({ language: 'swift' }), constraints()).provider).toMatch(/apple-containers|kubernetes|bare-metal/)
    const first = routeByRules(catalog, spec(), constraints()).provider
    expect(routeByRules(catalog, spec(), constraints({ excludeProviders: [first] })).provider).not.toBe(first)
  })

  it('prefers preferred providers and the preferred region when they are eligible', () => {
    expect(routeByRules(catalog, spec(), constraints({ preferredProviders: ['daytona'] })).provider).toBe('daytona')
    expect(routeByRules(catalog, spec(), constraints({ preferredRegion: 'ap-southeast' })).provider).toMatch(/modal|kubernetes|edge/)
    // A preferred provider that cannot run the spec does not block the others.
    expect(routeByRules(catalog, spec({ gpu: true }), constraints({ preferredProviders: ['edge'] })).provider).not.toBe('edge')
  })

  it('routes around a provider whose recent runs fail', () => {
    const first = routeByRules(catalog, spec(), constraints()).provider
    const outage = new Map([[first, history(window(8, 7))]])
    const result = routeByRules(catalog, spec(), constraints(), { histories: outage })
    expect(result.provider).not.toBe(first)
    expect(result.alternatives.find((a) => a.provider === first)?.successProbability).toBeLessThan(0.7)
  })

  it('refuses with reasons when nothing qualifies', () => {
    expect(() => routeByRules(catalog, spec(), constraints({ maxCost: 1e-12 }))).toThrow(NoEligibleProviderError)
    expect(() => routeByRules(catalog, spec({ language: 'cobol', gpu: true, gpuType: 'h100' }), constraints({ excludeProviders: ['bare-metal'] }))).toThrow(/no provider/)
  })

  it('never violates a constraint (property)', () => {
    const arbitrarySpec = fc.record({
      language: fc.constantFrom('python', 'javascript', 'go', 'swift', 'cobol'),
      codeLength: fc.nat(100_000),
      cpu: fc.constantFrom(0.5, 1, 2, 8, 64),
      memory: fc.constantFrom(256, 1024, 16384),
      timeout: fc.constantFrom(10_000, 600_000),
      gpu: fc.boolean(),
      requirements: fc.array(fc.constant('numpy'), { maxLength: 5 }),
      environment: fc.constant({}),
      files: fc.constant({}),
      stateful: fc.boolean(),
      region: fc.option(fc.constantFrom('us-east', 'us-west', 'eu-west', 'ap-southeast'), { nil: undefined })
    })
    const arbitraryConstraints = fc.record({
      maxCost: fc.option(fc.double({ min: 1e-6, max: 0.01, noNaN: true }), { nil: undefined }),
      maxLatency: fc.option(fc.integer({ min: 50, max: 5000 }), { nil: undefined }),
      preferredProviders: fc.subarray([...providerIds]),
      excludeProviders: fc.subarray([...providerIds]),
      preferredRegion: fc.option(fc.constantFrom('us-east', 'eu-west'), { nil: undefined }),
      requireGpu: fc.boolean()
    })
    fc.assert(fc.property(arbitrarySpec, arbitraryConstraints, (s, c) => {
      let provider: ProviderId
      try {
        provider = routeByRules(catalog, s, c).provider
      } catch (err) {
        if (err instanceof NoEligibleProviderError) return
        throw err
      }
      const d = providerById(catalog, provider)
      if (d === undefined) throw new Error('unknown provider')
      expect(c.excludeProviders).not.toContain(provider)
      if (s.gpu || c.requireGpu) expect(d.gpu).toBe(true)
      if (s.region !== undefined) expect(d.regions).toContain(s.region)
      if (c.maxCost !== undefined) expect(listPriceCost(d, s)).toBeLessThanOrEqual(c.maxCost)
      if (c.maxLatency !== undefined) expect(d.typicalLatencyMs).toBeLessThanOrEqual(c.maxLatency)
      expect(s.cpu).toBeLessThanOrEqual(d.maxCpu)
      if (s.stateful) expect(d.stateful).toBe(true)
    }), { numRuns: 500 })
  })
})
