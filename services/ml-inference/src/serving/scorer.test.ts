import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, it } from 'vitest'
import { ModelUnavailableError } from '../errors.js'
import type { InferenceMetrics } from './inference-metrics.js'
import { Scorer } from './scorer.js'

function recordingMetrics () {
  const calls: unknown[][] = []
  const record = (method: string) => (...args: unknown[]) => { calls.push([method, ...args]) }
  const metrics: InferenceMetrics = {
    request: record('request'),
    error: record('error'),
    scores: record('scores'),
    batch: record('batch'),
    shadow: record('shadow'),
    loaded: record('loaded'),
    snapshot: record('snapshot')
  }
  return { metrics, calls }
}

describe('Scorer', () => {
  it('answers a model with no loaded version with ModelUnavailableError, counted as an error request under version "none"', async () => {
    const { metrics, calls } = recordingMetrics()
    const scorer = new Scorer(() => new Map(), metrics, {} as FastifyBaseLogger)
    const scoring = scorer.score({ model: 'ctr', rows: [{}] })
    await expect(scoring).rejects.toBeInstanceOf(ModelUnavailableError)
    await expect(scoring).rejects.toMatchObject({ statusCode: 503, code: 'INFERENCE_MODEL_UNAVAILABLE' })
    expect(calls).toEqual([
      ['error', 'ctr', 'not_loaded'],
      ['request', 'ctr', 'none', 'error', expect.any(Number)]
    ])
  })
})
