import fc from 'fast-check'
import { describe, expect, it, onTestFinished } from 'vitest'

import { Booster, Dataset, train, type Params } from './index.js'
import { regression } from './fixtures/synthetic.js'

const quiet: Params = { num_threads: 1 }

function smallSet (): Dataset {
  const table = regression(200, 1)
  const set = new Dataset(table.x, table.rows, table.cols, { label: table.y })
  onTestFinished(() => { set.dispose() })
  return set
}

async function smallModel (): Promise<Booster> {
  const booster = await train({ ...quiet, objective: 'regression' }, smallSet(), { numBoostRound: 5 })
  onTestFinished(() => { booster.dispose() })
  return booster
}

// Every failure is a JavaScript error whose message starts with the LightGBM prefix.
function expectLightGbmError (run: () => unknown): void {
  expect(run).toThrow(/^LightGBM: /)
}

describe('errors: bad input is an exception, never an abort', () => {
  it('rejects mismatched lengths and non-finite labels when the dataset is made', () => {
    const x = new Float64Array(6)
    expectLightGbmError(() => new Dataset(x, 2, 2, { label: [1, 2] }))
    expectLightGbmError(() => new Dataset(x, 2, 3, { label: [1] }))
    expectLightGbmError(() => new Dataset(x, 2, 3, { label: [1, Number.NaN] }))
    expectLightGbmError(() => new Dataset(x, 2, 3, { label: [1, 2], weight: [1, Number.POSITIVE_INFINITY] }))
    expectLightGbmError(() => new Dataset(x, 2, 3, { label: [1, 2], featureNames: ['a'] }))
    expectLightGbmError(() => new Dataset(x, 2, 3, { label: [1, 2], categoricalFeatures: [3] }))
    expectLightGbmError(() => new Dataset(x, 0, 3, { label: [] }))
    expectLightGbmError(() => new Dataset([1, 2, 3] as unknown as Float64Array, 1, 3, { label: [1] }))
  })

  it('surfaces LightGBM\'s own message for an unknown objective or an invalid parameter', async () => {
    await expect(train({ objective: 'no_such_loss' as 'regression' }, smallSet(), { numBoostRound: 1 }))
      .rejects.toThrow('LightGBM: Unknown objective type name: no_such_loss')
    await expect(train({ objective: 'regression', num_leaves: 1 }, smallSet(), { numBoostRound: 1 }))
      .rejects.toThrow(/^LightGBM: Check failed: \(num_leaves\) > \(1\)/)
    await expect(train({ objective: 'multiclass', num_class: 2 }, smallSet(), { numBoostRound: 1 }))
      .rejects.toThrow(/^LightGBM: Label must be in \[0, 2\)/)
  })

  it('refuses early stopping without a validation set', async () => {
    await expect(train({ objective: 'regression' }, smallSet(), { numBoostRound: 5, earlyStoppingRounds: 2 }))
      .rejects.toThrow('LightGBM: early stopping needs at least one validation set')
  })

  it('refuses a validation set whose reference is another training set', async () => {
    const a = smallSet()
    const table = regression(50, 2)
    const valid = new Dataset(table.x, table.rows, table.cols, { label: table.y, reference: smallSet() })
    await expect(train({ objective: 'regression' }, a, { validSets: [valid] })).rejects.toThrow(/^LightGBM: /)
  })

  it('rejects predictions with the wrong column count or buffer, on both the one-row and batch paths', async () => {
    const booster = await smallModel()
    expectLightGbmError(() => booster.predict(new Float64Array(5), 1, 5))
    expectLightGbmError(() => booster.predict(new Float64Array(10), 2, 5))
    expect(() => booster.predict(new Float64Array(10), 2, 5)).toThrow('The number of features in data (5) is not the same as it was in training data (6)')
    expectLightGbmError(() => booster.predict(new Float64Array(12), 3, 6))
    expectLightGbmError(() => booster.predict(new Float64Array(6), 1, 6, { out: new Float64Array(0) }))
    expectLightGbmError(() => booster.predict(new Float64Array(6), 1, 6, { numIteration: 1.5 }))
    expectLightGbmError(() => booster.predict(new Float64Array(12), 2, 6, { numThreads: -1 }))
  })

  it('refuses every call on a disposed booster', async () => {
    const booster = await smallModel()
    booster.dispose()
    expectLightGbmError(() => booster.predict(new Float64Array(6), 1, 6))
    expectLightGbmError(() => booster.saveModelToString())
    expectLightGbmError(() => booster.featureImportance())
    booster.dispose()
  })

  it('refuses a disposed dataset, and disposing or reusing one while it trains', async () => {
    const set = smallSet()
    const training = train({ ...quiet, objective: 'regression' }, set, { numBoostRound: 50 })
    expectLightGbmError(() => { set.dispose() })
    await expect(train({ objective: 'regression' }, set)).rejects.toThrow('LightGBM: dataset is already used by a running training')
    ;(await training).dispose()
    set.dispose()
    await expect(train({ objective: 'regression' }, set)).rejects.toThrow('LightGBM: dataset is disposed')
  })

  it('rejects model text LightGBM cannot read', () => {
    expectLightGbmError(() => Booster.fromString(''))
    expectLightGbmError(() => Booster.fromString('tree\nversion=v4\nnum_class=1\n'))
  })
})

describe('errors: fuzzing the binding', () => {
  const matrix = fc.oneof(
    fc.float64Array({ maxLength: 40 }),
    fc.float32Array({ maxLength: 40 }),
    fc.constant(new Int32Array(4)),
    fc.constant([1, 2, 3])
  )
  const count = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(Number.NaN, 1.5, 2 ** 31, Number.POSITIVE_INFINITY))

  it('builds datasets from random shapes and values or throws a LightGBM error', () => {
    fc.assert(fc.property(matrix, count, count, fc.float64Array({ maxLength: 12 }), (data, rows, cols, label) => {
      try {
        new Dataset(data as Float64Array, rows, cols, { label }).dispose()
      } catch (error) {
        expect((error as Error).message).toMatch(/^LightGBM: /)
      }
    }), { numRuns: 500 })
  })

  it('predicts from random shapes and values or throws a LightGBM error', async () => {
    const booster = await smallModel()
    fc.assert(fc.property(matrix, count, count, fc.constantFrom(undefined, -1, 0, 3, 1e9), (data, rows, cols, numIteration) => {
      try {
        booster.predict(data as Float64Array, rows, cols, { numIteration })
      } catch (error) {
        expect((error as Error).message).toMatch(/^LightGBM: /)
      }
    }), { numRuns: 500 })
  })

  it('loads corrupted model text (truncated, cut, numbers changed) or throws a LightGBM error', async () => {
    const booster = await smallModel()
    const model = booster.saveModelToString()
    const x = regression(20, 4).x
    const edit = fc.tuple(fc.nat({ max: model.length }), fc.nat({ max: 60 }), fc.constantFrom('', ' 99999 ', '-7', '0', 'nan', 'Tree=9\n'))
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      const text = edits.reduce((t, [at, cut, insert]) => t.slice(0, at) + insert + t.slice(at + cut), model)
      try {
        const loaded = Booster.fromString(text)
        loaded.predict(x, 20, 6)
        loaded.dispose()
      } catch (error) {
        expect((error as Error).message).toMatch(/^LightGBM: /)
      }
    }), { numRuns: 400 })
  })

  it('trains with random parameters or rejects with a LightGBM error', async () => {
    const table = regression(60, 3)
    const labels = Float64Array.from(table.y, (y) => Math.abs(Math.round(y)) % 3)
    const value = fc.oneof(fc.integer({ min: -3, max: 70 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom('abc', 'true', '0.5'))
    const params = fc.record({
      objective: fc.constantFrom('regression', 'binary', 'multiclass', 'quantile', 'lambdarank', 'poisson', 'xyz'),
      num_class: fc.integer({ min: -1, max: 4 }),
      num_leaves: value,
      learning_rate: value,
      min_data_in_leaf: value,
      max_bin: value,
      alpha: value,
      feature_fraction: value
    }, { requiredKeys: ['objective'] })
    await fc.assert(fc.asyncProperty(params, async (p) => {
      // A fresh dataset each run: a built one refuses later changes to binning parameters.
      const set = new Dataset(table.x, table.rows, table.cols, { label: labels })
      try {
        const booster = await train({ ...quiet, ...p } as Params, set, { numBoostRound: 2 })
        booster.dispose()
      } catch (error) {
        expect((error as Error).message).toMatch(/^LightGBM: /)
      } finally {
        set.dispose()
      }
    }), { numRuns: 150 })
  })
})
