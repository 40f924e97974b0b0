import onnxProto from 'onnx-proto'
import { describe, expect, it } from 'vitest'

import { modelText } from '../fixtures/reference-trees.js'
import type { LightGbmModel, ModelTree } from '../model/model-text.js'
import { toOnnx } from './to-onnx.js'

const { onnx } = onnxProto

const stump = (leafValue: number[], decisionType = 2 << 2): ModelTree => ({
  numLeaves: 2, splitFeature: [1], threshold: [0.5], decisionType: [decisionType], leftChild: [-1], rightChild: [-2], leafValue, isLinear: false
})

function model (overrides: Partial<LightGbmModel>): LightGbmModel {
  return {
    numClass: 1,
    numTreePerIteration: 1,
    maxFeatureIdx: 2,
    objective: { name: 'regression', settings: {} },
    averageOutput: false,
    featureNames: ['a', 'b', 'c'],
    trees: [stump([1, 2]), stump([3, 4])],
    ...overrides
  }
}

interface Attribute { name: string, ints?: number[], s?: string, t?: { doubleData?: number[] } }
interface Decoded {
  op: string
  attributes: Map<string, Attribute>
  input: { type: { tensorType: { elemType: number, shape: { dim: { dimValue?: number }[] } } } }
}

function decode (bytes: Uint8Array): Decoded {
  const proto = onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: Number, bytes: String, defaults: false })
  const graph = proto.graph as { node: { opType: string, attribute: Attribute[] }[], input: Decoded['input'][] }
  const node = graph.node[0]
  const input = graph.input[0]
  if (node === undefined || input === undefined) throw new Error('no node')
  return { op: node.opType, attributes: new Map(node.attribute.map((a) => [a.name, a])), input }
}

const tensorValues = (attribute: Attribute | undefined): number[] => attribute?.t?.doubleData ?? []
const text = (value: string): string => Buffer.from(value).toString('base64')

describe('toOnnx', () => {
  it('exports a regression model as a TreeEnsembleRegressor over double input with double thresholds and leaves', () => {
    const { op, attributes, input } = decode(toOnnx(modelText(model({}))))
    expect(op).toBe('TreeEnsembleRegressor')
    expect(input.type.tensorType.elemType).toBe(onnx.TensorProto.DataType.DOUBLE)
    expect(input.type.tensorType.shape.dim[1]?.dimValue).toBe(3)
    expect(tensorValues(attributes.get('nodes_values_as_tensor'))).toEqual([0.5, 0, 0, 0.5, 0, 0])
    expect(tensorValues(attributes.get('target_weights_as_tensor'))).toEqual([1, 2, 3, 4])
    expect(attributes.get('nodes_treeids')?.ints).toEqual([0, 0, 0, 1, 1, 1])
  })

  it('exports binary as a LOGISTIC classifier voting -score for class 0 and +score for class 1, scaled by sigmoid', () => {
    const { op, attributes } = decode(toOnnx(modelText(model({ objective: { name: 'binary', settings: { sigmoid: '2' } } }))))
    expect(op).toBe('TreeEnsembleClassifier')
    expect(attributes.get('post_transform')?.s).toBe(text('LOGISTIC'))
    expect(attributes.get('class_ids')?.ints).toEqual([0, 0, 0, 0, 1, 1, 1, 1])
    expect(tensorValues(attributes.get('class_weights_as_tensor'))).toEqual([-2, -4, -6, -8, 2, 4, 6, 8])
  })

  it('exports multiclass as a SOFTMAX classifier with tree i voting for class i mod numClass', () => {
    const trees = [stump([1, 2]), stump([3, 4]), stump([5, 6]), stump([7, 8])]
    const { attributes } = decode(toOnnx(modelText(model({ numClass: 2, numTreePerIteration: 2, objective: { name: 'multiclass', settings: { num_class: '2' } }, trees }))))
    expect(attributes.get('post_transform')?.s).toBe(text('SOFTMAX'))
    expect(attributes.get('class_ids')?.ints).toEqual([0, 0, 1, 1, 0, 0, 1, 1])
    expect(attributes.get('classlabels_int64s')?.ints).toEqual([0, 1])
  })

  it('averages random-forest iterations by scaling the leaves', () => {
    const { attributes } = decode(toOnnx(modelText(model({ averageOutput: true }))))
    expect(tensorValues(attributes.get('target_weights_as_tensor'))).toEqual([0.5, 1, 1.5, 2])
  })

  it('refuses categorical splits, naming the feature', () => {
    expect(() => toOnnx(modelText(model({ trees: [{ ...stump([1, 2], 1), threshold: [0] }] })))).toThrow('categorical split on feature "b" (index 1)')
  })

  it('refuses objectives whose output transform it does not reproduce', () => {
    expect(() => toOnnx(modelText(model({ objective: { name: 'poisson', settings: {} } })))).toThrow('objective "poisson" is not supported')
    expect(() => toOnnx(modelText(model({ objective: { name: 'regression', settings: { sqrt: '' } } })))).toThrow('objective "regression sqrt"')
  })

  it('refuses linear trees', () => {
    expect(() => toOnnx(modelText(model({ trees: [{ ...stump([1, 2]), isLinear: true }] })))).toThrow('linear trees')
  })

  it('accepts anything that writes LightGBM model text', () => {
    expect(toOnnx({ saveModelToString: () => modelText(model({})) })).toBeInstanceOf(Uint8Array)
  })
})
