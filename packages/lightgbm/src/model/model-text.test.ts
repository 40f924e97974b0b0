import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { modelText, treeArb } from '../fixtures/reference-trees.js'
import { parseModelText, type LightGbmModel } from './model-text.js'

// Trimmed from a model LightGBM 4.1 wrote (its statistics lines are ignored by the parser).
const BINARY_MODEL = `tree
version=v4
num_class=1
num_tree_per_iteration=1
label_index=0
max_feature_idx=1
objective=binary sigmoid:1
feature_names=age income
feature_infos=[18:90] [0:1e+06]
tree_sizes=390 240

Tree=0
num_leaves=3
num_cat=0
split_feature=1 0
split_gain=10.5 3.25
threshold=50000.000000000007 35.500000000000007
decision_type=2 10
left_child=1 -1
right_child=-2 -3
leaf_value=-0.12 0.40000000000000002 inf
leaf_weight=1 2 3
leaf_count=1 2 3
internal_value=0 0
internal_weight=0 0
internal_count=6 3
is_linear=0
shrinkage=1


Tree=1
num_leaves=1
num_cat=0
split_feature=
split_gain=
threshold=
decision_type=
left_child=
right_child=
leaf_value=-0.5
leaf_weight=
leaf_count=
internal_value=
internal_weight=
internal_count=
is_linear=0
shrinkage=0.1


end of trees

feature_importances:
income=1
age=1

parameters:
[boosting: gbdt]
end of parameters

pandas_categorical:null
`

describe('parseModelText', () => {
  it('reads the header, the trees and non-finite leaf values', () => {
    const model = parseModelText(BINARY_MODEL)
    expect(model).toMatchObject({
      numClass: 1,
      numTreePerIteration: 1,
      maxFeatureIdx: 1,
      objective: { name: 'binary', settings: { sigmoid: '1' } },
      averageOutput: false,
      featureNames: ['age', 'income']
    })
    expect(model.trees[0]).toEqual({
      numLeaves: 3,
      splitFeature: [1, 0],
      threshold: [50000.000000000007, 35.500000000000007],
      decisionType: [2, 10],
      leftChild: [1, -1],
      rightChild: [-2, -3],
      leafValue: [-0.12, 0.4, Number.POSITIVE_INFINITY],
      isLinear: false
    })
    expect(model.trees[1]).toMatchObject({ numLeaves: 1, splitFeature: [], leafValue: [-0.5] })
  })

  it('reads back what the LightGBM format writer wrote, bit for bit', () => {
    fc.assert(fc.property(fc.array(treeArb(4), { minLength: 1, maxLength: 6 }), (trees) => {
      const model: LightGbmModel = {
        numClass: 1,
        numTreePerIteration: 1,
        maxFeatureIdx: 3,
        objective: { name: 'regression', settings: {} },
        averageOutput: false,
        featureNames: ['a', 'b', 'c', 'd'],
        trees
      }
      expect(parseModelText(modelText(model))).toEqual(model)
    }))
  })

  it('rejects truncated or inconsistent text with a clear message', () => {
    expect(() => parseModelText('tree\nnum_class=1\n')).toThrow('no "end of trees" line')
    expect(() => parseModelText(BINARY_MODEL.replace('left_child=1 -1', 'left_child=1'))).toThrow('tree 0 has 1 left_child values, expected 2')
    expect(() => parseModelText(BINARY_MODEL.replace('left_child=1 -1', 'left_child=1 -9'))).toThrow('child index out of range')
    expect(() => parseModelText(BINARY_MODEL.replace('split_feature=1 0', 'split_feature=7 0'))).toThrow('beyond max_feature_idx')
    expect(() => parseModelText(BINARY_MODEL.replace('threshold=50000', 'threshold=abc'))).toThrow('non-numeric')
    expect(() => parseModelText(BINARY_MODEL.replace('left_child=1 -1', 'left_child=1 -2'))).toThrow('tree 0 is not a tree')
    expect(() => parseModelText(BINARY_MODEL.replace('num_tree_per_iteration=1', 'num_tree_per_iteration=2'))).toThrow('whole iterations')
    expect(() => parseModelText(BINARY_MODEL.replace('feature_names=age income', 'feature_names=age'))).toThrow('1 feature names for 2 features')
    expect(() => parseModelText(BINARY_MODEL.replace('decision_type=2 10', 'decision_type=3 10'))).toThrow('has no cat_boundaries')
  })

  it('throws only its own errors on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (garbage) => {
      try {
        parseModelText(`${garbage}\nend of trees\n`)
      } catch (error) {
        expect((error as Error).message).toMatch(/^LightGBM: model text: /)
      }
    }))
  })
})
