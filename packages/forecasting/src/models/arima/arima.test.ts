import fc from 'fast-check'
import { seededRandom } from '@platform/seeded-random'
import { describe, expect, it } from 'vitest'
import { synthetic } from '../../fixtures/synthetic-series.js'
import { arimaModel } from './arima-model.js'
import { fitArima } from './arima-fit.js'
import type { ArimaOrder } from './arima-fit.js'
import { autoArimaFit } from './auto-arima.js'
import { applyDifferencing, differencingPolynomial, expandSeasonal, pacfToAr } from './polynomials.js'
import { chooseD, kpssStatistic, seasonalStrength } from './unit-root.js'

const order = (o: Partial<ArimaOrder>): ArimaOrder => ({ p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, s: 1, constant: false, ...o })

/** Simulates an ARMA(1,1) around `mean`: x_t = mean + phi (x_{t-1} - mean) + e_t + theta e_{t-1}. */
function simulateArma (n: number, phi: number, theta: number, mean: number, seed: number): Float64Array {
  const rng = seededRandom(seed).normal
  const out = new Float64Array(n)
  let prev = 0
  let prevE = 0
  for (let t = 0; t < n + 200; t++) {
    const e = rng()
    const x = phi * prev + e + theta * prevE
    if (t >= 200) out[t - 200] = mean + x
    prev = x
    prevE = e
  }
  return out
}

describe('ARIMA estimation (CSS)', () => {
  it('recovers AR(1) and MA(1) coefficients and the mean of simulated ARMA(1,1)', () => {
    const values = simulateArma(4000, 0.6, 0.3, 50, 7)
    const fit = fitArima(values, order({ p: 1, q: 1, constant: true }))
    expect(fit.ar.coefs[0]).toBeCloseTo(0.6, 1)
    expect(fit.ma.coefs[0]).toBeCloseTo(0.3, 1)
    expect(fit.mean).toBeCloseTo(50, 0)
    expect(fit.sigma2).toBeCloseTo(1, 1)
  })

  it('recovers a seasonal MA coefficient of an airline-type model', () => {
    const rng = seededRandom(3).normal
    const s = 12
    const e = Float64Array.from({ length: 3000 }, () => rng())
    // w = (1 - 0.4B)(1 - 0.6B^12) e, then integrate seasonally and once: y = w / ((1-B)(1-B^12)).
    const w = e.map((v, t) => v - 0.4 * (e[t - 1] ?? 0) - 0.6 * (e[t - s] ?? 0) + 0.24 * (e[t - s - 1] ?? 0))
    const y = new Float64Array(w.length)
    for (let t = 0; t < w.length; t++) y[t] = (w[t] as number) + (y[t - 1] ?? 0) + (y[t - s] ?? 0) - (y[t - s - 1] ?? 0)
    const fit = fitArima(y.map((v) => v + 1000), order({ q: 1, d: 1, Q: 1, D: 1, s }))
    const lag1 = fit.ma.coefs[fit.ma.lags.indexOf(1)]
    const lag12 = fit.ma.coefs[fit.ma.lags.indexOf(12)]
    expect(lag1).toBeCloseTo(-0.4, 1)
    expect(lag12).toBeCloseTo(-0.6, 1)
  })

  it('inverts second differences exactly: ARIMA(0,2,0) with constant continues a quadratic', () => {
    const values = Float64Array.from({ length: 50 }, (_, t) => 3 + 2 * t + 0.5 * t * t)
    // The constant is the mean second difference (1 here): with it, a quadratic is continued exactly.
    const model = arimaModel(fitArima(values, order({ d: 2, constant: true })), values)
    const forecast = model.predict(10)
    for (let h = 0; h < 10; h++) {
      const t = 50 + h
      expect(forecast[h]).toBeCloseTo(3 + 2 * t + 0.5 * t * t, 6)
    }
  })

  it('inverts combined seasonal and first differences exactly on trend + season', () => {
    const shape = [5, 9, 2, 7]
    const values = Float64Array.from({ length: 40 }, (_, t) => 10 + 1.5 * t + (shape[t % 4] as number))
    const model = arimaModel(fitArima(values, order({ d: 1, D: 1, s: 4 })), values)
    const forecast = model.predict(8)
    for (let h = 0; h < 8; h++) expect(forecast[h]).toBeCloseTo(10 + 1.5 * (40 + h) + (shape[(40 + h) % 4] as number), 6)
  })

  it('update() absorbs new points like a fit on the longer history with the same coefficients', () => {
    const values = simulateArma(600, 0.7, 0, 20, 11)
    const fit = fitArima(values.subarray(0, 500), order({ p: 1, constant: true }))
    const updated = arimaModel(fit, values.subarray(0, 500))
    updated.update(values.subarray(500))
    const direct = arimaModel(fit, values)
    const a = updated.predict(5)
    const b = direct.predict(5)
    for (let h = 0; h < 5; h++) expect(a[h]).toBeCloseTo(b[h] as number, 8)
  })
})

describe('lag polynomials', () => {
  it('maps any free coordinates to a stationary AR(2) (triangle conditions)', () => {
    fc.assert(fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), (x1, x2) => {
      const a = new Float64Array(2)
      pacfToAr([x1, x2], 0, a, new Float64Array(2), 1)
      const [p1, p2] = a as unknown as [number, number]
      expect(Math.abs(p2)).toBeLessThanOrEqual(1)
      expect(p1 + p2).toBeLessThanOrEqual(1)
      expect(p2 - p1).toBeLessThanOrEqual(1)
    }))
  })

  it('expands (1 - 0.5B)(1 - 0.8B^4) with the cross term', () => {
    const { lags, coefs } = expandSeasonal(Float64Array.of(0.5), Float64Array.of(0.8), 4, -1)
    expect([...lags]).toEqual([1, 4, 5])
    expect([...coefs].map((c) => Number(c.toFixed(6)))).toEqual([0.5, 0.8, -0.4])
  })

  it('differencing polynomial of (1-B)(1-B^3) and its application', () => {
    expect([...differencingPolynomial(1, 1, 3)]).toEqual([1, -1, 0, -1, 1])
    expect([...applyDifferencing([1, 4, 9, 16, 25, 36], differencingPolynomial(2, 0, 1))]).toEqual([2, 2, 2, 2])
  })
})

describe('order selection', () => {
  it('KPSS separates white noise from a random walk and chooses d accordingly', () => {
    const rng = seededRandom(5).normal
    const noise = Float64Array.from({ length: 500 }, () => rng())
    let level = 0
    const walk = Float64Array.from({ length: 500 }, () => (level += rng()))
    expect(kpssStatistic(noise)).toBeLessThan(0.463)
    expect(kpssStatistic(walk)).toBeGreaterThan(0.463)
    expect(chooseD(noise)).toBe(0)
    expect(chooseD(walk)).toBe(1)
  })

  it('measures strong seasonality on a seasonal series and none on noise', () => {
    const seasonal = synthetic(480, (t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 24), 2, 9)
    const noise = synthetic(480, () => 100, 2, 9)
    expect(seasonalStrength(seasonal, 24)).toBeGreaterThan(0.9)
    expect(seasonalStrength(noise, 24)).toBeLessThan(0.3)
  })

  it('auto ARIMA picks seasonal differencing and forecasts a noisy seasonal series closely', () => {
    const f = (t: number): number => 200 + 40 * Math.sin((2 * Math.PI * t) / 24) + 0.1 * t
    const values = synthetic(24 * 30, f, 3, 2)
    const fit = autoArimaFit(values, 24)
    expect(fit.order.D).toBe(1)
    const forecast = arimaModel(fit, values).predict(48)
    let mae = 0
    for (let h = 0; h < 48; h++) mae += Math.abs((forecast[h] as number) - f(values.length + h)) / 48
    expect(mae).toBeLessThan(6)
  })

  it('continues the last value when the history is too short for any candidate order', () => {
    for (const values of [[40], [40, 42], [40, 42, 41]]) {
      const history = Float64Array.from(values)
      const forecast = arimaModel(autoArimaFit(history, 24), history).predict(5)
      expect([...forecast]).toEqual(new Array(5).fill(values.at(-1)))
    }
  })
})
