import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it, onTestFinished } from 'vitest'

import { Booster, Dataset, train, type Params } from './index.js'
import { parseModelText } from './model/model-text.js'
import { accuracy, coverage, meanAbsoluteError, r2 } from './fixtures/scores.js'
import { binary, multiclass, regression, regressionWithNoise, regressionWithOutliers, signal, type Table } from './fixtures/synthetic.js'

const base: Params = { num_threads: 1, seed: 7, deterministic: true, learning_rate: 0.1, num_leaves: 15 }

function dataset (table: Table, reference?: Dataset): Dataset {
  const set = new Dataset(table.x, table.rows, table.cols, { label: table.y, ...(reference === undefined ? {} : { reference }) })
  onTestFinished(() => { set.dispose() })
  return set
}

async function fit (params: Params, table: Table, rounds = 100): Promise<Booster> {
  const booster = await train({ ...base, ...params }, dataset(table), { numBoostRound: rounds })
  onTestFinished(() => { booster.dispose() })
  return booster
}

const predictAll = (booster: Booster, table: Table): Float64Array => booster.predict(table.x, table.rows, table.cols)

describe('train: known answers per objective', () => {
  it('regression (l2) recovers the signal', async () => {
    const booster = await fit({ objective: 'regression' }, regression(4000, 1))
    const test = regression(1000, 2)
    expect(r2(test.y, predictAll(booster, test))).toBeGreaterThan(0.97)
    // At a fixed point the model is close to the noiseless function.
    const point = Float64Array.of(0.5, -0.25, 0.1, 0, 0, 0)
    expect(booster.predict(point, 1, 6)[0]).toBeCloseTo(signal(point), 0)
  })

  it('regression_l1 shrugs off outliers that pull l2 away', async () => {
    const table = regressionWithOutliers(4000, 3)
    const test = regression(1000, 4)
    const l1 = meanAbsoluteError(test.y, predictAll(await fit({ objective: 'regression_l1' }, table), test))
    const l2 = meanAbsoluteError(test.y, predictAll(await fit({ objective: 'regression' }, table), test))
    expect(l1).toBeLessThan(0.2)
    expect(l1).toBeLessThan(l2)
  })

  it('quantile with alpha 0.9 covers about 90% of held-out targets', async () => {
    const booster = await fit({ objective: 'quantile', alpha: 0.9 }, regressionWithNoise(5000, 5))
    const test = regressionWithNoise(2000, 6)
    expect(coverage(test.y, predictAll(booster, test))).toBeGreaterThan(0.85)
    expect(coverage(test.y, predictAll(booster, test))).toBeLessThan(0.95)
  })

  it('binary gives calibrated-looking probabilities and separates the classes', async () => {
    const booster = await fit({ objective: 'binary' }, binary(4000, 7))
    const test = binary(2000, 8)
    const p = predictAll(booster, test)
    expect(Math.min(...p)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...p)).toBeLessThanOrEqual(1)
    expect(accuracy(test.y, p, 1)).toBeGreaterThan(0.8)
    expect(booster.numClasses).toBe(1)
  })

  it('multiclass returns one probability row per input row and finds the right class', async () => {
    const booster = await fit({ objective: 'multiclass', num_class: 3 }, multiclass(4000, 9))
    const test = multiclass(1000, 10)
    const p = predictAll(booster, test)
    expect(p.length).toBe(3000)
    expect(p.subarray(0, 3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(accuracy(test.y, p, 3)).toBeGreaterThan(0.93)
    expect(booster.numClasses).toBe(3)
  })

  it('is deterministic with deterministic=true and a seed', async () => {
    const table = regression(2000, 11)
    const params: Params = { objective: 'regression', feature_fraction: 0.7, bagging_fraction: 0.7, bagging_freq: 1 }
    const a = await fit(params, table, 30)
    const b = await fit(params, table, 30)
    expect(b.saveModelToString()).toBe(a.saveModelToString())
  })
})

describe('train: options and model state', () => {
  it('stops early on a validation set and keeps the best iteration', async () => {
    const train1 = regression(300, 12)
    const trainSet = dataset(train1)
    const valid = dataset(regression(300, 13), trainSet)
    const booster = await train({ ...base, objective: 'regression', learning_rate: 0.5, num_leaves: 63, min_data_in_leaf: 2 }, trainSet, {
      numBoostRound: 500, validSets: [trainSet, valid], earlyStoppingRounds: 10
    })
    onTestFinished(() => { booster.dispose() })
    const history = booster.evaluations.valid_1?.l2 ?? []
    expect(booster.bestIteration).toBeLessThan(490)
    expect(history.length).toBe(booster.bestIteration + 10)
    expect(Math.min(...history)).toBe(history[booster.bestIteration - 1])
    expect(booster.numIterations).toBe(booster.bestIteration)
    expect(booster.evaluations.training?.l2?.length).toBe(history.length)
  })

  it('reads early stopping from params as Python does: the rounds, first_metric_only and the minimum delta', async () => {
    const trainSet = dataset(binary(400, 1))
    const valid = dataset(binary(400, 2), trainSet)
    const run = async (params: Params) => {
      const booster = await train({ ...base, objective: 'binary', learning_rate: 0.3, num_leaves: 31, min_data_in_leaf: 2, ...params }, trainSet, { numBoostRound: 300, validSets: [valid] })
      onTestFinished(() => { booster.dispose() })
      return booster
    }
    // Python's rule on one watched metric: stop `rounds` after its best, keep the best.
    const pythonStop = (scores: readonly number[], rounds: number, delta = 0) => {
      let best = 0
      for (let i = 1; i < scores.length; i++) {
        if ((scores[i] ?? 0) < (scores[best] ?? 0) - delta) best = i
        if (i - best >= rounds) return { best: best + 1, length: i + 1 }
      }
      return { best: best + 1, length: scores.length }
    }
    const byParams = await run({ early_stopping_round: 5 })
    const logloss = byParams.evaluations.valid_0?.binary_logloss ?? []
    expect(logloss.length).toBeLessThan(300)
    expect({ best: byParams.bestIteration, length: logloss.length }).toEqual(pythonStop(logloss, 5))
    // With auc as a second metric, only the first one (logloss) decides.
    const first = await run({ early_stopping_round: 5, metric: ['binary_logloss', 'auc'], first_metric_only: true })
    const firstLogloss = first.evaluations.valid_0?.binary_logloss ?? []
    expect({ best: first.bestIteration, length: firstLogloss.length }).toEqual(pythonStop(firstLogloss, 5))
    const delta = await run({ n_iter_no_change: 5, early_stopping_min_delta: 0.01 })
    const deltaLogloss = delta.evaluations.valid_0?.binary_logloss ?? []
    expect({ best: delta.bestIteration, length: deltaLogloss.length }).toEqual(pythonStop(deltaLogloss, 5, 0.01))
  })

  it('reports every iteration on the JavaScript thread', async () => {
    const trainSet = dataset(binary(1000, 14))
    const valid = dataset(binary(500, 15))
    const reports: number[] = []
    const booster = await train({ ...base, objective: 'binary', metric: ['auc', 'binary_logloss'] }, trainSet, {
      numBoostRound: 20,
      validSets: [valid],
      onIteration: ({ iteration, scores }) => {
        expect(scores.valid_0?.auc).toBeGreaterThan(0.5)
        reports.push(iteration)
      }
    })
    onTestFinished(() => { booster.dispose() })
    expect(reports).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(Object.keys(booster.evaluations.valid_0 ?? {})).toEqual(['auc', 'binary_logloss'])
  })

  it('stops with the callback\'s error when onIteration throws', async () => {
    const trainSet = dataset(regression(500, 16))
    await expect(train({ ...base, objective: 'regression' }, trainSet, {
      numBoostRound: 1000,
      validSets: [trainSet],
      onIteration: ({ iteration }) => { if (iteration === 3) throw new Error('enough') }
    })).rejects.toThrow('enough')
    // The dataset is free again afterwards.
    const booster = await train({ ...base, objective: 'regression' }, trainSet, { numBoostRound: 2 })
    booster.dispose()
  })

  it('ranks features by importance, with split counts summing to the model\'s splits', async () => {
    const booster = await fit({ objective: 'regression' }, regression(4000, 17), 50)
    const splits = booster.featureImportance('split')
    const gain = booster.featureImportance('gain')
    const model = parseModelText(booster.saveModelToString())
    expect(splits.reduce((a, b) => a + b, 0)).toBe(model.trees.reduce((sum, tree) => sum + tree.numLeaves - 1, 0))
    const order = [...gain.keys()].sort((a, b) => (gain[b] ?? 0) - (gain[a] ?? 0))
    expect(order.slice(0, 3)).toEqual([0, 1, 2])
    expect(Math.max(gain[3] ?? 0, gain[4] ?? 0, gain[5] ?? 0)).toBeLessThan((gain[2] ?? 0) / 5)
  })

  it('round-trips through text and files with identical predictions', async () => {
    const table = multiclass(2000, 18)
    const set = new Dataset(table.x, table.rows, table.cols, { label: table.y, featureNames: ['a', 'b', 'c', 'd', 'e', 'f'] })
    onTestFinished(() => { set.dispose() })
    const booster = await train({ ...base, objective: 'multiclass', num_class: 3 }, set, { numBoostRound: 20 })
    const test = multiclass(500, 19)
    const expected = predictAll(booster, test)

    const fromText = Booster.fromString(booster.saveModelToString())
    expect(predictAll(fromText, test)).toEqual(expected)
    expect(fromText.featureNames).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])

    const dir = await mkdtemp(join(tmpdir(), 'lightgbm-'))
    onTestFinished(() => rm(dir, { recursive: true }))
    await booster.saveModel(join(dir, 'model.txt'))
    const fromFile = await Booster.fromFile(join(dir, 'model.txt'))
    expect(predictAll(fromFile, test)).toEqual(expected)
    for (const b of [booster, fromText, fromFile]) b.dispose()
  })

  it('predicts one row through the fast path exactly as in a batch, into a reused buffer', async () => {
    const booster = await fit({ objective: 'multiclass', num_class: 3 }, multiclass(2000, 20), 20)
    const test = multiclass(50, 21)
    const batch = predictAll(booster, test)
    const out = new Float64Array(3)
    for (let r = 0; r < test.rows; r++) {
      const result = booster.predict(test.x.subarray(r * 6, r * 6 + 6), 1, 6, { out })
      expect(result).toBe(out)
      expect([...out]).toEqual([...batch.subarray(r * 3, r * 3 + 3)])
    }
    const raw = booster.predict(test.x, test.rows, test.cols, { rawScore: true })
    const contrib = booster.predict(test.x, test.rows, test.cols, { contrib: true })
    expect(contrib.length).toBe(test.rows * 7 * 3)
    // SHAP values of a row and class add up to its raw score.
    expect(contrib.subarray(0, 7).reduce((a, b) => a + b, 0)).toBeCloseTo(raw[0] ?? Number.NaN, 10)
  })

  it('predicts with a range of iterations as a model cut to that range would', async () => {
    const booster = await fit({ objective: 'regression' }, regression(2000, 25), 30)
    const test = regression(200, 26)
    const cut = Booster.fromString(booster.saveModelToString({ startIteration: 5, numIteration: 10 }))
    onTestFinished(() => { cut.dispose() })
    expect(cut.numIterations).toBe(10)
    expect(booster.predict(test.x, test.rows, test.cols, { startIteration: 5, numIteration: 10 })).toEqual(predictAll(cut, test))
    expect(booster.predict(test.x, test.rows, test.cols, { numIteration: 10 })).not.toEqual(predictAll(booster, test))
  })

  it('predicts a batch on several threads exactly as on the default one', async () => {
    const booster = await fit({ objective: 'regression' }, regression(2000, 27), 20)
    const test = regression(5000, 28)
    expect(booster.predict(test.x, test.rows, test.cols, { numThreads: 2 })).toEqual(predictAll(booster, test))
  })

  it('predicts from Float32Array data too', async () => {
    const booster = await fit({ objective: 'regression' }, regression(2000, 22), 20)
    const test = regression(100, 23)
    const asFloat32 = Float32Array.from(test.x)
    expect(booster.predict(asFloat32, test.rows, test.cols)).toEqual(booster.predict(Float64Array.from(asFloat32), test.rows, test.cols))
  })
})

describe('train: off the JavaScript thread', () => {
  it('keeps the event loop turning while it trains', async () => {
    const table = regression(30_000, 24)
    const set = dataset(table)
    let ticks = 0
    let longestGap = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
      ticks++
    }, 5)
    const started = performance.now()
    const booster = await train({ ...base, objective: 'regression', num_leaves: 63 }, set, { numBoostRound: 150 })
    const elapsed = performance.now() - started
    clearInterval(timer)
    booster.dispose()
    // Training blocking the thread would mean no tick at all until it finished.
    expect(elapsed).toBeGreaterThan(200)
    expect(ticks).toBeGreaterThan(elapsed / 50)
    expect(longestGap).toBeLessThan(Math.max(150, elapsed / 4))
  })
})
