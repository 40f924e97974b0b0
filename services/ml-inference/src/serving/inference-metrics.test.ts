import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'
import { minDriftScores, prometheusInferenceMetrics } from './inference-metrics.js'

const reference = { edges: [0, 0.25, 0.5, 0.75, 1], proportions: [0.25, 0.25, 0.25, 0.25] }
const fakeModel = (name: string, version: string) => ({ name, version, loadSeconds: 0.1, metadata: { reference_distribution: reference } }) as unknown as LoadedModel
const snapshotOf = (...models: LoadedModel[]): ReadonlyMap<string, ModelEntry> =>
  new Map(models.map((m) => [m.name, { name: m.name, versions: new Map([[m.version, m]]), defaultVersion: m.version, routing: {} }]))

function setUp (requiredModels?: readonly string[]) {
  const registry = new Registry()
  const metrics = prometheusInferenceMetrics(registry, requiredModels)
  const sample = async (name: string, labels: Record<string, string>): Promise<number | undefined> => {
    const metric = await registry.getSingleMetric(name)?.get()
    const found = metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
    return found?.value
  }
  return { registry, metrics, sample }
}

describe('prometheusInferenceMetrics', () => {
  it(`exports drift PSI only once a version's window holds ${minDriftScores} scores`, async () => {
    const { metrics, sample } = setUp()
    const model = fakeModel('ctr', '1.0.0')
    metrics.loaded(model)
    metrics.snapshot(snapshotOf(model))
    // One score alone has a PSI of about 6.9 here: the false alarm the minimum prevents.
    metrics.scores(model, [0.1])
    expect(await sample('ml_prediction_drift_psi', { model: 'ctr' })).toBeUndefined()
    const spread = Array.from({ length: minDriftScores - 2 }, (_, i) => (i % 4) / 4 + 0.1)
    metrics.scores(model, spread)
    expect(await sample('ml_prediction_drift_psi', { model: 'ctr' })).toBeUndefined()
    metrics.scores(model, [0.6])
    const psi = await sample('ml_prediction_drift_psi', { model: 'ctr', version: '1.0.0' })
    expect(psi).toBeDefined()
    expect(psi).toBeLessThan(0.01)
  })

  it('counts a request for a model with no loaded version under version "none" and marks the model not loaded', async () => {
    const { metrics, sample } = setUp()
    const fraud = fakeModel('fraud', '1.2.0')
    metrics.loaded(fraud)
    metrics.snapshot(snapshotOf(fraud))
    expect(await sample('ml_model_loaded', { model: 'fraud' })).toBe(1)
    metrics.error('ctr', 'not_loaded')
    metrics.request('ctr', 'none', 'error', 0.0001)
    expect(await sample('ml_inference_requests_total', { model: 'ctr', version: 'none', status: 'error' })).toBe(1)
    expect(await sample('ml_inference_errors_total', { model: 'ctr', error_type: 'not_loaded' })).toBe(1)
    expect(await sample('ml_model_loaded', { model: 'ctr' })).toBe(0)
    expect(await sample('ml_model_loaded', { model: 'fraud' })).toBe(1)
  })

  it('marks a model refused at load with no version, or gone from a reload, as not loaded, with its error series at 0', async () => {
    const { metrics, sample } = setUp()
    const fraud = fakeModel('fraud', '1.2.0')
    const bid = fakeModel('bid', '1.1.0')
    metrics.loaded(fraud)
    metrics.loaded(bid)
    metrics.error('ctr', 'load_failed')
    metrics.snapshot(snapshotOf(fraud, bid))
    expect(await sample('ml_model_loaded', { model: 'ctr' })).toBe(0)
    expect(await sample('ml_inference_requests_total', { model: 'ctr', version: 'none', status: 'error' })).toBe(0)
    metrics.snapshot(snapshotOf(fraud))
    expect(await sample('ml_model_loaded', { model: 'bid' })).toBe(0)
    expect(await sample('ml_active_models', {})).toBe(1)
    // A version of a loaded model refused at load: the model keeps serving, so it stays loaded.
    metrics.error('fraud', 'load_failed')
    metrics.snapshot(snapshotOf(fraud))
    expect(await sample('ml_model_loaded', { model: 'fraud' })).toBe(1)
  })

  it('marks a required model that never loaded as not loaded from the first snapshot, before any request', async () => {
    const { metrics, sample } = setUp(['fraud', 'ctr'])
    const fraud = fakeModel('fraud', '1.2.0')
    metrics.loaded(fraud)
    metrics.snapshot(snapshotOf(fraud))
    expect(await sample('ml_model_loaded', { model: 'fraud' })).toBe(1)
    expect(await sample('ml_model_loaded', { model: 'ctr' })).toBe(0)
  })
})
