import type { ReferenceDistribution } from '@platform/contracts'
import { binIndex } from '../serving/score-drift.js'
import type { Random } from '@platform/seeded-random'

/** ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted as half. */
export function rocAuc (scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0))
  let rankSumPositives = 0
  let positives = 0
  for (let i = 0; i < order.length;) {
    let j = i
    while (j + 1 < order.length && scores[order[j + 1] ?? 0] === scores[order[i] ?? 0]) j++
    const averageRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if ((labels[order[k] ?? 0] ?? 0) === 1) {
        rankSumPositives += averageRank
        positives++
      }
    }
    i = j + 1
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSumPositives - positives * (positives + 1) / 2) / (positives * negatives)
}

export function logLoss (probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i] ?? 0))
    sum -= (labels[i] ?? 0) === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return sum / labels.length
}

/** Expected calibration error over `bins` equal-width probability bins. */
export function expectedCalibrationError (probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  const count = new Float64Array(bins)
  const predicted = new Float64Array(bins)
  const observed = new Float64Array(bins)
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] ?? 0
    const b = Math.min(bins - 1, Math.floor(p * bins))
    count[b] = (count[b] ?? 0) + 1
    predicted[b] = (predicted[b] ?? 0) + p
    observed[b] = (observed[b] ?? 0) + (labels[i] ?? 0)
  }
  let ece = 0
  for (let b = 0; b < bins; b++) {
    if ((count[b] ?? 0) > 0) ece += Math.abs((predicted[b] ?? 0) - (observed[b] ?? 0))
  }
  return ece / labels.length
}

export function meanAbsoluteError (predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < actual.length; i++) sum += Math.abs((predicted[i] ?? 0) - (actual[i] ?? 0))
  return sum / actual.length
}

/** A 95% percentile-bootstrap interval for a metric over rows (for small positive counts). */
export function bootstrapInterval (
  metric: (scores: Float64Array, labels: Float64Array) => number,
  scores: ArrayLike<number>, labels: ArrayLike<number>, random: Random, resamples = 500
): [number, number] {
  const n = labels.length
  const values: number[] = []
  const s = new Float64Array(n)
  const l = new Float64Array(n)
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = random.int(0, n)
      s[i] = scores[k] ?? 0
      l[i] = labels[k] ?? 0
    }
    const value = metric(s, l)
    if (!Number.isNaN(value)) values.push(value)
  }
  values.sort((a, b) => a - b)
  return [values[Math.floor(values.length * 0.025)] ?? Number.NaN, values[Math.floor(values.length * 0.975)] ?? Number.NaN]
}

export function quantile (values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))] ?? Number.NaN
}

/**
 * The held-out score histogram the drift gauge compares against: equal-frequency bins (deciles)
 * with finite outer edges (JSON has no infinity); scores outside them count in the end bins.
 */
export function referenceDistribution (scores: ArrayLike<number>, bins = 10): ReferenceDistribution {
  const sorted = Float64Array.from(scores).sort()
  const edges = [sorted[0] ?? 0]
  for (let b = 1; b < bins; b++) {
    const edge = sorted[Math.floor((b / bins) * sorted.length)] ?? 0
    if (edge > (edges[edges.length - 1] ?? 0)) edges.push(edge)
  }
  edges.push(Math.max(sorted[sorted.length - 1] ?? 0, (edges[edges.length - 1] ?? 0) + 1e-9))
  const counts = new Array<number>(edges.length - 1).fill(0)
  for (const score of sorted) {
    const b = binIndex(edges, score)
    counts[b] = (counts[b] ?? 0) + 1
  }
  return { edges, proportions: counts.map((c) => c / sorted.length) }
}

/** The score cut that maximises F1 (chosen on training rows; the test split only reports). */
export function bestF1Threshold (scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0))
  const positives = Array.from(labels).reduce((a, b) => a + b, 0)
  let truePositives = 0
  let best = { f1: -1, threshold: 0.5 }
  order.forEach((index, k) => {
    truePositives += labels[index] ?? 0
    const f1 = (2 * truePositives) / (k + 1 + positives)
    if (f1 > best.f1) best = { f1, threshold: scores[index] ?? 0.5 }
  })
  return best.threshold
}
