import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from './app.js'

const apps: Array<ReturnType<typeof buildApp>> = []
afterEach(async () => { await Promise.all(apps.splice(0).map(async (a) => { await a.close() })) })

function app () {
  const a = buildApp({ logLevel: 'silent' })
  apps.push(a)
  return a
}

const start = Date.UTC(2026, 0, 1)
const features = (n: number, value: (i: number) => number = (i) => 100 + 30 * Math.sin((2 * Math.PI * i) / 60)) =>
  Array.from({ length: n }, (_, i) => ({ ts: new Date(start + i * 60_000).toISOString(), value: value(i) }))
const body = (over: object = {}) => ({ now: new Date(start + 300 * 60_000).toISOString(), horizonSeconds: 1800, stepSeconds: 60, features: features(300), ...over })

describe('byom-holt-winters', () => {
  it('answers horizon/step predictions and a p90, never negative', async () => {
    const response = await app().inject({ method: 'POST', url: '/predict', payload: body() })
    expect(response.statusCode).toBe(200)
    const json = response.json()
    expect(json.metric).toBe('predicted')
    expect(json.values).toHaveLength(30)
    expect(json.quantiles['0.90']).toHaveLength(30)
    expect(json.values.every((v: number) => v >= 0 && v < 500)).toBe(true)
  })

  it('answers /healthz and a JSON 404', async () => {
    expect((await app().inject('/healthz')).json()).toEqual({ status: 'ok' })
    expect((await app().inject('/nope')).json()).toEqual({ error: 'no route GET /nope' })
  })

  it.each([
    ['a missing field', { horizonSeconds: undefined }, 'horizonSeconds'],
    ['a horizon that is not whole steps', { horizonSeconds: 90 }, 'multiple of stepSeconds'],
    ['a negative value', { features: features(10, (i) => (i === 3 ? -1 : 5)) }, 'features.3.value'],
    ['too few points', { features: features(1) }, 'at least 2 points'],
    ['a bad timestamp', { features: [{ ts: 'yesterday', value: 1 }, { ts: 'today', value: 2 }] }, 'features.0.ts'],
    ['a huge horizon', { horizonSeconds: 60 * 20_000 }, 'at most 10000']
  ])('refuses %s with 400 {error}', async (_name, over, message) => {
    const response = await app().inject({ method: 'POST', url: '/predict', payload: body(over) })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toContain(message)
  })

  it('refuses non-JSON with a 4xx {error}', async () => {
    const response = await app().inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{oops' })
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json())).toEqual(['error'])
  })

  it('returns the requested length of finite, non-negative values for any load', async () => {
    const a = app()
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(10_000), { minLength: 2, maxLength: 120 }), fc.integer({ min: 1, max: 60 }), async (values, steps) => {
      const response = await a.inject({ method: 'POST', url: '/predict', payload: body({ features: values.map((v, i) => ({ ts: new Date(start + i * 60_000).toISOString(), value: v })), horizonSeconds: steps * 60 }) })
      expect(response.statusCode).toBe(200)
      const json = response.json()
      expect(json.values).toHaveLength(steps)
      expect(json.values.every((v: number) => Number.isFinite(v) && v >= 0)).toBe(true)
    }), { numRuns: 25 })
  })
})
