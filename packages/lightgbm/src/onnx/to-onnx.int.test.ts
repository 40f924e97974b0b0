import { mulberry32 } from '@platform/seeded-random'
import * as ort from 'onnxruntime-node'
import { describe, expect, it, onTestFinished } from 'vitest'

import { Dataset, OnnxNames, toOnnx, train, type Booster, type Params } from '../index.js'
import { binary, features, multiclass, regression, type Table } from '../fixtures/synthetic.js'
import { parseModelText } from '../model/model-text.js'

const ROWS = 10_000
const base: Params = { num_threads: 1, seed: 3, deterministic: true, num_leaves: 31, min_data_in_leaf: 5 }

async function fit (params: Params, table: Table, numBoostRound = 60): Promise<Booster> {
  const set = new Dataset(table.x, table.rows, table.cols, { label: table.y })
  onTestFinished(() => { set.dispose() })
  const booster = await train({ ...base, ...params }, set, { numBoostRound })
  onTestFinished(() => { booster.dispose() })
  return booster
}

/**
 * 10,000 rows: uniform values, 15% NaN, and 10% of the cells set to values at the edges of
 * LightGBM's zero band (0, -0, ±1e-35 and neighbours), where missing-value handling decides.
 */
function testRows (seed: number): Float64Array {
  const x = features(ROWS, 6, seed, 0.15)
  const next = mulberry32(seed + 99)
  const edges = [0, -0, 1e-36, -1e-36, Math.fround(1e-35), -Math.fround(1e-35), 1e-34, -1e-34]
  for (let i = 0; i < x.length; i++) if (next() < 0.1) x[i] = edges[Math.floor(next() * edges.length)] ?? 0
  return x
}

async function runOnnx (model: Uint8Array, x: Float64Array, output: string): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model)
  onTestFinished(() => session.release())
  const result = await session.run({ [OnnxNames.input]: new ort.Tensor('float64', x, [x.length / 6, 6]) })
  return result[output]?.data as Float32Array
}

function maxDifference (a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return worst
}

// Training data with NaNs (so NaN-type splits go both ways) and many exact zeros.
function withZeros (table: Table, seed: number): Table {
  const next = mulberry32(seed)
  const x = Float64Array.from(table.x, (v) => next() < 0.2 ? 0 : v)
  return { ...table, x }
}

describe('toOnnx parity with onnxruntime on 10,000 rows with NaNs', () => {
  it('regression', async () => {
    const booster = await fit({ objective: 'regression' }, withZeros(regression(5000, 1, 0.1), 2))
    const x = testRows(3)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.variable)
    expect(maxDifference(onnx, booster.predict(x, ROWS, 6))).toBeLessThan(1e-5)
  })

  it('binary probabilities', async () => {
    const booster = await fit({ objective: 'binary' }, withZeros(binary(5000, 4, 0.1), 5))
    const x = testRows(6)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.probabilities)
    const p = booster.predict(x, ROWS, 6)
    expect(maxDifference(onnx.filter((_, i) => i % 2 === 1), p)).toBeLessThan(1e-5)
    expect(maxDifference(onnx.filter((_, i) => i % 2 === 0), p.map((v) => 1 - v))).toBeLessThan(1e-5)
  })

  it('binary when every leaf value is positive (where old onnxruntime releases skipped the sigmoid)', async () => {
    const table = binary(2000, 7)
    const booster = await fit({ objective: 'binary' }, { ...table, y: table.y.map((y, i) => (i % 10 === 0 ? y : 1)) }, 1)
    expect(parseModelText(booster.saveModelToString()).trees.flatMap((tree) => tree.leafValue).every((v) => v > 0)).toBe(true)
    const x = testRows(8)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.probabilities)
    expect(maxDifference(onnx.filter((_, i) => i % 2 === 1), booster.predict(x, ROWS, 6))).toBeLessThan(1e-5)
  })

  it('multiclass probabilities', async () => {
    const booster = await fit({ objective: 'multiclass', num_class: 3 }, withZeros(multiclass(5000, 9, 0.1), 10))
    const x = testRows(11)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.probabilities)
    expect(maxDifference(onnx, booster.predict(x, ROWS, 6))).toBeLessThan(1e-5)
  })

  it('zero-as-missing splits (missing type Zero)', async () => {
    const booster = await fit({ objective: 'regression', zero_as_missing: true }, withZeros(regression(5000, 12), 13))
    expect(booster.saveModelToString()).toMatch(/decision_type=.*\b(4|6)\b/)
    const x = testRows(14)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.variable)
    expect(maxDifference(onnx, booster.predict(x, ROWS, 6))).toBeLessThan(1e-5)
  })

  it('missing values off (missing type None: NaN is read as 0)', async () => {
    const booster = await fit({ objective: 'regression', use_missing: false }, withZeros(regression(5000, 15), 16))
    const x = testRows(17)
    const onnx = await runOnnx(toOnnx(booster), x, OnnxNames.variable)
    expect(maxDifference(onnx, booster.predict(x, ROWS, 6))).toBeLessThan(1e-5)
  })
})

describe('toOnnx with categorical features', () => {
  it('refuses the model and names the categorical feature', async () => {
    const table = regression(2000, 18)
    const x = Float64Array.from(table.x, (v, i) => (i % 6 === 2 ? Math.floor((v + 1) * 4) : v))
    const set = new Dataset(x, table.rows, table.cols, {
      label: table.y.map((y, r) => y + (x[r * 6 + 2] === 3 ? 5 : 0)),
      featureNames: ['a', 'b', 'kind', 'd', 'e', 'f'],
      categoricalFeatures: [2]
    })
    onTestFinished(() => { set.dispose() })
    const booster = await train({ ...base, objective: 'regression' }, set, { numBoostRound: 10 })
    onTestFinished(() => { booster.dispose() })
    expect(() => toOnnx(booster)).toThrow('categorical split on feature "kind" (index 2)')
  })
})
