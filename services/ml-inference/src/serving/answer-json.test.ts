import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FraudBatchResponse, FraudResponse } from '@platform/contracts'
import { fraudAnswerJson, fraudBatchAnswerJson } from './answer-json.js'

// What the route serialiser did before: the zod-checked answer through JSON.stringify.
function reference (schema: typeof FraudResponse | typeof FraudBatchResponse, data: unknown): string | undefined {
  const checked = schema.safeParse(data)
  return checked.success ? JSON.stringify(checked.data) : undefined
}

function expectSameAsReference (schema: typeof FraudResponse | typeof FraudBatchResponse, json: (data: unknown) => string, data: unknown): void {
  const expected = reference(schema, data)
  if (expected === undefined) expect(() => json(data)).toThrow('prediction answer does not match its response schema')
  else expect(json(data)).toBe(expected)
}

// Mostly well-typed values (every double, NaN and ±Infinity included; strings that need escaping),
// sometimes a wrong type, so both the text and the refusals are compared.
const wrong = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}))
const sometimesWrong = <T>(right: fc.Arbitrary<T>) => fc.oneof({ arbitrary: right, weight: 20 }, { arbitrary: wrong, weight: 1 })
const score = sometimesWrong(fc.oneof(fc.double(), fc.float().map((x) => Math.fround(x)), fc.constantFrom(0, -0, 1, 0.5, 1e-7, 1e21)))
const name = sometimesWrong(fc.oneof(fc.constantFrom('fraud', '1.2.0', '1.10.0-canary'), fc.string({ unit: 'binary' })))
const prediction = fc.record({ fraud_score: score, is_fraud: sometimesWrong(fc.boolean()) })
const answer = <P>(predictionField: fc.Arbitrary<P>) => fc.record({
  model_name: name,
  model_version: name,
  prediction: predictionField,
  latency_ms: score,
  source: sometimesWrong(fc.constantFrom('model', 'heuristic'))
})
const versions = fc.array(name, { minLength: 1, maxLength: 3 })
const batch = versions.chain((names) => fc.record({
  model_name: name,
  model_version: name,
  predictions: sometimesWrong(fc.array(sometimesWrong(fc.record({
    fraud_score: score,
    is_fraud: sometimesWrong(fc.boolean()),
    model_version: fc.constantFrom(...names),
    extra: fc.option(fc.string(), { nil: undefined })
  }, { requiredKeys: ['fraud_score', 'is_fraud', 'model_version'] })), { maxLength: 30 })),
  latency_ms: score,
  source: sometimesWrong(fc.constant('model'))
}))

describe('fraud answer JSON', () => {
  it('writes the text JSON.stringify writes for the checked answer, and refuses what zod refuses', () => {
    fc.assert(fc.property(answer(sometimesWrong(prediction)), (data) => {
      expectSameAsReference(FraudResponse, fraudAnswerJson, data)
    }), { numRuns: 2000 })
  })

  it('writes a known answer', () => {
    const data = { model_name: 'fraud', model_version: '1.2.0', prediction: { fraud_score: 0.125, is_fraud: false }, latency_ms: 0.5, source: 'model' }
    expect(fraudAnswerJson(data)).toBe('{"model_name":"fraud","model_version":"1.2.0","prediction":{"fraud_score":0.125,"is_fraud":false},"latency_ms":0.5,"source":"model"}')
  })
})

describe('fraud batch answer JSON', () => {
  it('writes the text JSON.stringify writes for the checked answer, and refuses what zod refuses', () => {
    fc.assert(fc.property(batch, (data) => {
      expectSameAsReference(FraudBatchResponse, fraudBatchAnswerJson, data)
    }), { numRuns: 1000 })
  })

  it('escapes each row version, also when rows alternate between versions', () => {
    const rows = ['1.2.0', 'canary "b"', 'canary "b"', '1.2.0'].map((version, i) => ({ fraud_score: i / 4, is_fraud: i > 1, model_version: version }))
    const data = { model_name: 'fraud', model_version: '1.2.0', predictions: rows, latency_ms: 3, source: 'model' }
    expect(fraudBatchAnswerJson(data)).toBe(JSON.stringify(data))
  })

  it('refuses a non-finite score in any row', () => {
    const rows = [0.1, Number.NaN].map((score) => ({ fraud_score: score, is_fraud: false, model_version: '1.2.0' }))
    expect(() => fraudBatchAnswerJson({ model_name: 'fraud', model_version: '1.2.0', predictions: rows, latency_ms: 3, source: 'model' })).toThrow()
  })
})
