import type { ErrorScales } from '@platform/router-core'

/** Rows below which a provider shares the pooled smearing factor instead of its own. */
const minRowsPerProvider = 50

/**
 * Duan's smearing estimate per provider: the mean of exp(residual) turns a log-scale mean into an
 * expected value. Providers' noise differs (a shared pool is noisier than a dedicated host), and a
 * pooled factor would bias every provider's expected value by its distance from the average noise.
 */
export function smearingFactors (logActual: ArrayLike<number>, logPredicted: ArrayLike<number>, providerOf: (row: number) => number, providers: number): number[] {
  const sums = new Float64Array(providers + 1)
  const counts = new Float64Array(providers + 1)
  for (let i = 0; i < logActual.length; i++) {
    const e = Math.exp((logActual[i] as number) - (logPredicted[i] as number))
    const p = providerOf(i)
    sums[p] = (sums[p] as number) + e
    counts[p] = (counts[p] as number) + 1
    sums[providers] = (sums[providers] as number) + e
    counts[providers] = (counts[providers] as number) + 1
  }
  const pooled = (counts[providers] as number) === 0 ? 1 : (sums[providers] as number) / (counts[providers] as number)
  return Array.from({ length: providers }, (_, p) => (counts[p] as number) >= minRowsPerProvider ? (sums[p] as number) / (counts[p] as number) : pooled)
}

export interface ValidationRow {
  /** Rows with the same group are near-identical requests on the same provider in the same hour. */
  group: string
  logCostResidual: number
  logLatencyResidual: number
  failed: number
  predictedFailure: number
}

/**
 * Relative errors of the expected-value estimates, from the validation window. A log residual is
 * model error plus outcome noise; half the mean squared difference of residuals between
 * near-identical requests (same group) estimates the noise alone, so the rest of the residual
 * variance is the model's own error. Failure risk is compared per group (rate vs prediction).
 * Floors keep confidence from claiming certainty.
 */
export function estimateErrorScales (rows: readonly ValidationRow[]): ErrorScales {
  const groups = new Map<string, ValidationRow[]>()
  for (const row of rows) {
    const list = groups.get(row.group) ?? []
    list.push(row)
    groups.set(row.group, list)
  }
  const noise = { cost: [] as number[], latency: [] as number[] }
  const failure: number[] = []
  for (const list of groups.values()) {
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as ValidationRow
      const b = list[i] as ValidationRow
      noise.cost.push((a.logCostResidual - b.logCostResidual) ** 2 / 2)
      noise.latency.push((a.logLatencyResidual - b.logLatencyResidual) ** 2 / 2)
    }
    if (list.length >= 15) {
      const rate = mean(list.map((r) => r.failed))
      const predicted = Math.max(mean(list.map((r) => r.predictedFailure)), 1e-3)
      failure.push(((rate - predicted) ** 2 - predicted * (1 - predicted) / list.length) / (predicted * predicted))
    }
  }
  const modelError = (residuals: number[], noiseHalves: number[]) => {
    const m = mean(residuals)
    const total = mean(residuals.map((r) => (r - m) ** 2)) + m * m
    return noiseHalves.length === 0 ? total : total - mean(noiseHalves)
  }
  const scale = (variance: number, floor: number) => Math.max(floor, Math.sqrt(Math.max(0, variance)))
  return {
    cost: scale(modelError(rows.map((r) => r.logCostResidual), noise.cost), 0.03),
    latency: scale(modelError(rows.map((r) => r.logLatencyResidual), noise.latency), 0.03),
    failure: scale(mean(failure), 0.2)
  }
}

function mean (values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length
}
