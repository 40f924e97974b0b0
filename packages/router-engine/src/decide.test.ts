import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { providerIds, RouteRequest, type RouteDecision } from '@platform/contracts'
import type { Booster } from '@platform/lightgbm'
import { defaultProviderCatalog, featureCount, providerFeatureIndex } from '@platform/router-core'
import { decide, decideMany, type DecideContext } from './decide.js'
import { ModelBundle } from './models/model-bundle.js'
import type { ModelKind } from './models/model-params.js'

/** A stand-in for a LightGBM model: each output a fixed function of its feature row, as a tree ensemble is. */
function fakeBooster (classes: number, value: (row: Float64Array, k: number) => number, fails = false): Booster {
  return {
    predict: (data: Float64Array, rows: number, cols: number, options: { out?: Float64Array } = {}) => {
      if (fails) throw new Error('booster is disposed')
      if (data.length !== rows * cols) throw new RangeError('data must hold rows * cols values')
      const out = options.out ?? new Float64Array(rows * classes)
      for (let i = 0; i < rows; i++) for (let k = 0; k < classes; k++) out[i * classes + k] = value(data.subarray(i * cols, (i + 1) * cols), k)
      return out
    },
    dispose: () => {}
  } as unknown as Booster
}

const at = (row: Float64Array, i: number) => row[i] as number
const p = providerFeatureIndex

function bundle (failing?: ModelKind): ModelBundle {
  const boosters: Record<ModelKind, Booster> = {
    cost: fakeBooster(1, (r) => -9 + 0.8 * Math.sin(at(r, 0) * 3 + at(r, p)) + 0.1 * at(r, 2), failing === 'cost'),
    latency: fakeBooster(1, (r) => 6 + 0.7 * Math.cos(at(r, 0) + 2 * at(r, p)), failing === 'latency'),
    success: fakeBooster(1, (r) => 0.8 + 0.19 * Math.sin(at(r, 0) * 7 + at(r, p) + at(r, featureCount)), failing === 'success'),
    // Gives a third of the providers almost no chance, varying by request, so the veto is exercised.
    provider: fakeBooster(providerIds.length, (r, k) => k % 3 === Math.floor(at(r, 0) * 10) % 3 ? 0.01 : 0.97 / 6, failing === 'provider')
  }
  return new ModelBundle(boosters, { costSmearing: providerIds.map((_, i) => 1 + i / 50), latencySmearing: providerIds.map(() => 1.05), errorScales: { cost: 0.1, latency: 0.1, failure: 0.5 } })
}

const request = fc.record({
  spec: fc.record({
    language: fc.constantFrom('python', 'javascript', 'go', 'swift', 'cobol'),
    codeLength: fc.nat(100_000),
    cpu: fc.constantFrom(0.5, 1, 2, 8),
    memory: fc.constantFrom(256, 1024, 16384),
    timeout: fc.constantFrom(10_000, 60_000, 600_000),
    gpu: fc.boolean(),
    stateful: fc.boolean(),
    requirements: fc.array(fc.constant('numpy'), { maxLength: 3 })
  }),
  constraints: fc.record({
    maxCost: fc.option(fc.double({ min: 1e-5, max: 1e-3, noNaN: true }), { nil: undefined }),
    maxLatency: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }),
    preferredProviders: fc.subarray([...providerIds], { maxLength: 2 }),
    excludeProviders: fc.subarray([...providerIds], { maxLength: 2 }),
    preferredRegion: fc.option(fc.constantFrom('us-east', 'eu-west'), { nil: undefined })
  }, { requiredKeys: ['preferredProviders', 'excludeProviders'] }),
  weights: fc.option(fc.constant({ cost: 2, latency: 0.5, risk: 1 }), { nil: undefined })
}).map((r) => RouteRequest.parse(r))

const context = fc.record({
  confidenceThreshold: fc.constantFrom(0, 0.7, 0.95),
  fallbackToRuleBased: fc.boolean(),
  failing: fc.constantFrom(undefined, 'cost', 'provider')
}).map(({ failing, ...rest }): DecideContext => ({
  ...rest,
  catalog: defaultProviderCatalog,
  model: { version: 'v1', bundle: bundle(failing) },
  noModelReason: 'no model',
  histories: new Map(),
  at: new Date('2026-11-21T15:30:00Z'),
  arm: null
}))

const withoutId = (d: RouteDecision) => ({ ...d, decisionId: '' })

describe('decideMany', () => {
  it('decides exactly as decide one request at a time (property)', () => {
    fc.assert(fc.property(context, fc.array(request, { minLength: 2, maxLength: 25 }), (ctx, requests) => {
      // A request no provider can run throws for the whole batch, as it does alone.
      const routable = requests.filter((r) => {
        try {
          decide({ ...ctx, request: r })
          return true
        } catch {
          return false
        }
      })
      const batched = decideMany(ctx, routable).map(withoutId)
      expect(batched).toEqual(routable.map((r) => withoutId(decide({ ...ctx, request: r }))))
    }), { numRuns: 300 })
  })

  it('takes the vetoed, fallback and failure paths the property compares', () => {
    const requests = fc.sample(request, { numRuns: 200, seed: 3 })
    const reasons = (ctx: Omit<DecideContext, 'model'>, failing?: ModelKind) => requests.flatMap((r) => {
      try {
        return [decide({ ...ctx, model: { version: 'v1', bundle: bundle(failing) }, request: r }).reason]
      } catch {
        return []
      }
    })
    const ctx = { catalog: defaultProviderCatalog, noModelReason: '', histories: new Map(), at: new Date('2026-11-21T15:30:00Z'), arm: null, fallbackToRuleBased: true, confidenceThreshold: 0.7 }
    expect(reasons(ctx)).toContainEqual(expect.stringMatching(/confidence 0\.50 < threshold/))
    expect(reasons(ctx)).toContainEqual(expect.stringMatching(/confident/))
    expect(reasons(ctx)).toContainEqual(expect.stringMatching(/maxCost\/maxLatency/))
    expect(reasons(ctx, 'provider')).toContainEqual('model error: booster is disposed')
  })
})

describe('DecisionRecorder', () => {
  const ctx = (confidenceThreshold: number): DecideContext => ({
    catalog: defaultProviderCatalog, model: { version: 'v1', bundle: bundle() }, noModelReason: '', histories: new Map(), at: new Date('2026-11-21T15:30:00Z'), arm: null, fallbackToRuleBased: true, confidenceThreshold
  })
  const recording = () => {
    const seen = { confidence: [] as number[], featureSeconds: [] as number[] }
    return { seen, recorder: { modelConfidence: (c: number) => seen.confidence.push(c), featureSeconds: (s: number) => seen.featureSeconds.push(s) } }
  }
  const requests = fc.sample(request, { numRuns: 200, seed: 3 })

  it('reports the model confidence of decisions the rules took over, not the rules\' confidence', () => {
    const { seen, recorder } = recording()
    const fellBack: Array<{ model: number, answered: number }> = []
    for (const r of requests) {
      try {
        const before = seen.confidence.length
        const d = decide({ ...ctx(0.7), request: r }, recorder)
        const model = seen.confidence[before]
        if (d.strategy === 'rule-based' && /confidence/.test(d.reason) && model !== undefined) fellBack.push({ model, answered: d.confidence })
      } catch {}
    }
    expect(fellBack.length).toBeGreaterThan(0)
    for (const { model } of fellBack) expect(model).toBeLessThan(0.7)
    // Each fallback's reason carries the model's confidence, which is what was recorded.
    expect(fellBack.some(({ model, answered }) => model !== answered)).toBe(true)
  })

  it('records the same confidences and one feature time per scored request, batched or not', () => {
    const routable = requests.filter((r) => {
      try { decide({ ...ctx(0.7), request: r }); return true } catch { return false }
    })
    const alone = recording()
    for (const r of routable) decide({ ...ctx(0.7), request: r }, alone.recorder)
    const batched = recording()
    decideMany(ctx(0.7), routable, batched.recorder)
    expect(batched.seen.confidence).toEqual(alone.seen.confidence)
    expect(alone.seen.featureSeconds).toHaveLength(routable.length)
    expect(batched.seen.featureSeconds).toHaveLength(routable.length)
    expect(batched.seen.featureSeconds.every((s) => s >= 0 && s < 1)).toBe(true)
  })
})
