import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { FraudBatchResponse, FraudResponse } from '@platform/contracts'
import { bidBody, botBody, ctrBody, fraudBody, modelDirCopy, testApp } from './fixtures/test-app.js'
import { minDriftScores } from './serving/inference-metrics.js'

describe('ml-inference on the committed models (real ONNX Runtime)', () => {
  it('is live and ready, with the seed health shape, metrics and OpenAPI', async () => {
    const app = await testApp()
    expect((await app.inject('/health/live')).statusCode).toBe(200)
    expect((await app.inject('/health/ready')).statusCode).toBe(200)
    expect((await app.inject('/readyz')).statusCode).toBe(200)
    const health = (await app.inject('/health')).json()
    expect(health).toMatchObject({ status: 'ok' })
    expect(health.models_loaded).toBeGreaterThanOrEqual(3)
    expect((await app.inject('/docs/json')).json().info.title).toBe('ml-inference')
  })

  it('answers the three models with version, latency and real scores', async () => {
    const app = await testApp()
    const fraud = await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })
    expect(fraud.statusCode).toBe(200)
    expect(fraud.json()).toMatchObject({ model_name: 'fraud', source: 'model' })
    expect(fraud.headers['x-model-version']).toBe(fraud.json().model_version)
    const bot = (await app.inject({ method: 'POST', url: '/predict/fraud', payload: botBody })).json()
    expect(bot.prediction.fraud_score).toBeGreaterThan(fraud.json().prediction.fraud_score)
    expect(bot.prediction.is_fraud).toBe(true)
    expect(fraud.json().prediction.is_fraud).toBe(false)

    const ctr = (await app.inject({ method: 'POST', url: '/predict/ctr', payload: ctrBody })).json()
    expect(ctr.prediction.predicted_ctr).toBeGreaterThan(0)
    expect(ctr.prediction.predicted_ctr).toBeLessThan(0.1)

    const bid = (await app.inject({ method: 'POST', url: '/predict/bid', payload: bidBody })).json()
    const [lo, hi] = bid.prediction.confidence_interval
    expect(bid.prediction.optimized_cpm).toBeGreaterThanOrEqual(bidBody.floor_cpm)
    expect(lo).toBeLessThanOrEqual(bid.prediction.optimized_cpm)
    expect(hi).toBeGreaterThanOrEqual(bid.prediction.optimized_cpm)
    // A tight budget caps the bid: 0.0009 per impression allows at most 0.9 CPM.
    const capped = (await app.inject({ method: 'POST', url: '/predict/bid', payload: { ...bidBody, budget_remaining: 0.0009 } })).json()
    expect(capped.prediction.optimized_cpm).toBeLessThanOrEqual(0.9)
  })

  it('scores a batch in one run, equal to the single answers', async () => {
    const app = await testApp()
    const batch = await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances: [fraudBody, botBody] } })
    expect(batch.statusCode).toBe(200)
    const single = (await app.inject({ method: 'POST', url: '/predict/fraud', payload: botBody })).json()
    expect(batch.json().predictions[1].fraud_score).toBeCloseTo(single.prediction.fraud_score, 6)
    const metrics = (await app.inject('/metrics')).body
    // The batch of two ran as one session.run: the le="2" bucket counts it (label order is prom-client's).
    expect(metrics).toMatch(/ml_inference_batch_size_bucket\{(?=[^}]*model="fraud")(?=[^}]*le="2")[^}]*\} [1-9]/)
  })

  it('scores big and small batches through reused input buffers exactly as the model scores the encoded rows', async () => {
    const app = await testApp()
    const model = app.modelRepository.models.get('fraud')?.versions.get(app.modelRepository.models.get('fraud')?.defaultVersion ?? '')
    if (model === undefined) throw new Error('fraud is not loaded')
    const rows = Array.from({ length: 1000 }, (_, i) => i % 3 === 0
      ? { ...botBody, user_id: `b-${i}`, ip_address: `34.${i % 256}.7.9`, impressions_24h: 1000 + i, clicks_24h: i }
      : { ...fraudBody, user_id: `h-${i}`, ip_address: `86.${i % 256}.33.4`, impressions_24h: 40 + i, clicks_24h: i % 7 })
    for (const instances of [rows, rows.slice(7, 9), rows.slice(500, 800)]) {
      const response = await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances } })
      expect(response.statusCode).toBe(200)
      const expected = await model.score(model.pipeline.encodeMany(instances), instances.length)
      expect(response.json().predictions.map((p: { fraud_score: number }) => p.fraud_score)).toEqual(Array.from(expected))
      // The fraud answer writer sends the text zod-check-then-JSON.stringify sent.
      expect(response.body).toBe(JSON.stringify(FraudBatchResponse.parse(response.json())))
    }
    const single = await app.inject({ method: 'POST', url: '/predict/fraud', payload: botBody })
    expect(single.body).toBe(JSON.stringify(FraudResponse.parse(single.json())))
  })

  it.each([
    ['/predict/fraud', { ...fraudBody, impressions_24h: -1 }, 'body.impressions_24h'],
    ['/predict/fraud', { ...fraudBody, clicks_24h: 41 }, 'body.clicks_24h'],
    ['/predict/fraud', { ...fraudBody, user_id: undefined }, 'body.user_id'],
    ['/predict/ctr', { ...ctrBody, time_of_day: 24 }, 'body.time_of_day'],
    ['/predict/ctr', { ...ctrBody, day_of_week: '3' }, 'body.day_of_week'],
    ['/predict/bid', { ...bidBody, competition_level: 'fierce' }, 'body.competition_level'],
    ['/predict/bid', { ...bidBody, floor_cpm: 10, budget_remaining: 0.001 }, 'body.budget_remaining'],
    ['/predict/ctr/batch', { instances: [ctrBody, { ...ctrBody, time_of_day: -1 }] }, 'body.instances.1.time_of_day']
  ])('refuses bad input on %s with 400 and the field path %#', async (url, payload, path) => {
    const app = await testApp()
    const response = await app.inject({ method: 'POST', url, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('VALIDATION_FAILED')
    expect(response.json().details.map((d: { path: string }) => d.path)).toContain(path)
  })

  it('records the seed metric names with model and version labels, and drift', async () => {
    const app = await testApp()
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })
    const metrics = (await app.inject('/metrics')).body
    for (const name of ['ml_inference_requests_total{', 'ml_inference_duration_seconds_bucket{', 'ml_model_load_time_seconds{', 'ml_active_models', 'ml_model_loaded{', 'ml_prediction_score_bucket{']) {
      expect(metrics).toContain(name)
    }
    expect(metrics).toMatch(/ml_inference_requests_total\{(?=[^}]*model="fraud")(?=[^}]*status="ok")[^}]*\} 5\n/)
    expect(metrics).not.toContain('u-42')
    // Five scores are too few for a PSI worth alerting on; a window of minDriftScores is enough.
    expect(metrics).not.toContain('ml_prediction_drift_psi{')
    const instances = Array.from({ length: minDriftScores }, (_, i) => ({ ...fraudBody, user_id: `u-${i}`, impressions_24h: 20 + (i % 300), clicks_24h: i % 5 }))
    expect((await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances } })).statusCode).toBe(200)
    expect((await app.inject('/metrics')).body).toMatch(/ml_prediction_drift_psi\{(?=[^}]*model="fraud")[^}]*\} \d/)
  })

  it('answers 503 naming the model when a required model is missing', async () => {
    const app = await testApp({ REQUIRED_MODELS: 'fraud,ctr,bid,churn' })
    expect((await app.inject('/health/ready')).json()).toMatchObject({ ready: false, missing: ['churn'] })
    expect((await app.inject('/health/ready')).statusCode).toBe(503)
    expect((await app.inject('/v2/health/ready')).statusCode).toBe(503)
  })

  it('answers a prediction for a missing model with 503 INFERENCE_MODEL_UNAVAILABLE, counted as an error request of that model', async () => {
    const dir = await modelDirCopy()
    await rm(join(dir, 'ctr'), { recursive: true })
    const app = await testApp({ MODEL_DIR: dir })
    expect((await app.inject('/health/ready')).json()).toMatchObject({ ready: false, missing: ['ctr'] })
    for (const request of [{ url: '/predict/ctr', payload: ctrBody }, { url: '/predict/ctr/batch', payload: { instances: [ctrBody, ctrBody] } }]) {
      const response = await app.inject({ method: 'POST', ...request })
      expect(response.statusCode).toBe(503)
      // The kit's error handler sends no 5xx message and no details, so the body cannot name ctr yet.
      expect(response.json()).toEqual({ error: 'Service unavailable', code: 'INFERENCE_MODEL_UNAVAILABLE', details: [{ path: 'model', message: 'ctr' }] })
    }
    expect((await app.inject({ method: 'POST', url: '/predict/fraud', payload: fraudBody })).statusCode).toBe(200)
    const metrics = (await app.inject('/metrics')).body
    const sample = (name: string, labels: Record<string, string>) => new RegExp(`${name}\\{${Object.entries(labels).map(([k, v]) => `(?=[^}]*${k}="${v}")`).join('')}[^}]*\\} (\\S+)\\n`).exec(metrics)?.[1]
    expect(sample('ml_inference_requests_total', { model: 'ctr', version: 'none', status: 'error' })).toBe('2')
    expect(sample('ml_inference_errors_total', { model: 'ctr', error_type: 'not_loaded' })).toBe('2')
    expect(sample('ml_model_loaded', { model: 'ctr' })).toBe('0')
    expect(sample('ml_model_loaded', { model: 'fraud' })).toBe('1')
  })

  it('protects prediction routes with a JWT when PREDICT_JWT_SECRET is set, answering 401 with the envelope', async () => {
    const secret = 'an-hs256-secret-of-at-least-32-characters'
    const app = await testApp({ PREDICT_JWT_SECRET: secret, PREDICT_JWT_ISSUER: 'https://auth.example', PREDICT_JWT_AUDIENCE: 'ml-inference' })
    const refused = await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances: [fraudBody] } })
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toMatchObject({ code: 'UNAUTHORIZED', error: expect.any(String) })
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://auth.example').setAudience('ml-inference').setExpirationTime('1m').sign(new TextEncoder().encode(secret))
    expect((await app.inject({ method: 'POST', url: '/predict/fraud/batch', payload: { instances: [fraudBody] }, headers: { authorization: `Bearer ${jwt}` } })).statusCode).toBe(200)
    // OIP infer is a prediction route too; health and model metadata stay open.
    const infer = { method: 'POST' as const, url: '/v2/models/ctr/infer', payload: { inputs: [] } }
    expect((await app.inject(infer)).statusCode).toBe(401)
    expect((await app.inject({ ...infer, headers: { authorization: `Bearer ${jwt}` } })).statusCode).toBe(400)
    expect((await app.inject('/v2/models/ctr')).statusCode).toBe(200)
    expect((await app.inject('/health/ready')).statusCode).toBe(200)
  })

  it('protects prediction routes when PREDICT_AUTH_TOKEN is set', async () => {
    const app = await testApp({ PREDICT_AUTH_TOKEN: 'predict-token-0123456789' })
    expect((await app.inject({ method: 'POST', url: '/predict/ctr', payload: ctrBody })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/predict/ctr', payload: ctrBody, headers: { authorization: 'Bearer predict-token-0123456789' } })).statusCode).toBe(200)
  })
})
