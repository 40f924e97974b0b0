import type { Random } from '@platform/seeded-random'

export interface LinearModel { weights: Float32Array, bias: number }

export interface FitOptions {
  loss: 'logistic' | 'squared'
  epochs: number
  batchSize: number
  learningRate: number
  l2: number
  random: Random
  /** Per-row weights (e.g. inverse propensity); 1 when absent. */
  sampleWeights?: Float32Array
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

export function linearScore (model: LinearModel, x: Float32Array, row: number): number {
  const width = model.weights.length
  let z = model.bias
  for (let j = 0; j < width; j++) z += (model.weights[j] ?? 0) * (x[row * width + j] ?? 0)
  return z
}

/**
 * Logistic or least-squares regression by mini-batch Adam with L2. Small and dependency-free:
 * the CTR and baseline models are linear, and their ONNX graph is two nodes.
 */
export function fitLinear (x: Float32Array, y: Float32Array, width: number, options: FitOptions): LinearModel {
  const rows = y.length
  const { random, batchSize, learningRate, l2 } = options
  const weights = new Float32Array(width)
  let bias = options.loss === 'logistic' ? Math.log((y.reduce((a, b) => a + b, 0) + 1) / (rows - y.reduce((a, b) => a + b, 0) + 1)) : y.reduce((a, b) => a + b, 0) / rows
  const m = new Float64Array(width + 1)
  const v = new Float64Array(width + 1)
  const grad = new Float64Array(width + 1)
  const order = Array.from({ length: rows }, (_, i) => i)
  let step = 0
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = rows - 1; i > 0; i--) {
      const j = random.int(0, i + 1)
      const swap = order[i] ?? 0
      order[i] = order[j] ?? 0
      order[j] = swap
    }
    for (let start = 0; start < rows; start += batchSize) {
      grad.fill(0)
      const end = Math.min(rows, start + batchSize)
      let weightSum = 0
      for (let k = start; k < end; k++) {
        const r = order[k] ?? 0
        const w = options.sampleWeights?.[r] ?? 1
        const z = linearScore({ weights, bias }, x, r)
        const err = w * ((options.loss === 'logistic' ? sigmoid(z) : z) - (y[r] ?? 0))
        for (let j = 0; j < width; j++) grad[j] = (grad[j] ?? 0) + err * (x[r * width + j] ?? 0)
        grad[width] = (grad[width] ?? 0) + err
        weightSum += w
      }
      step++
      const b1 = 0.9
      const b2 = 0.999
      for (let j = 0; j <= width; j++) {
        const g = (grad[j] ?? 0) / weightSum + (j < width ? l2 * (weights[j] ?? 0) : 0)
        m[j] = b1 * (m[j] ?? 0) + (1 - b1) * g
        v[j] = b2 * (v[j] ?? 0) + (1 - b2) * g * g
        const delta = learningRate * (m[j] ?? 0) / (1 - b1 ** step) / (Math.sqrt((v[j] ?? 0) / (1 - b2 ** step)) + 1e-8)
        if (j < width) weights[j] = (weights[j] ?? 0) - delta
        else bias -= delta
      }
    }
  }
  return { weights, bias }
}

export function predictLinear (model: LinearModel, x: Float32Array, rows: number, loss: FitOptions['loss']): Float64Array {
  const out = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    const z = linearScore(model, x, r)
    out[r] = loss === 'logistic' ? sigmoid(z) : z
  }
  return out
}
