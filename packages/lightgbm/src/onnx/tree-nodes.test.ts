import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { lightgbmLeaf, onnxLeafValue, rowArb, treeArb } from '../fixtures/reference-trees.js'
import type { ModelTree } from '../model/model-text.js'
import { treeToNodes } from './tree-nodes.js'

const label = (feature: number): string => `"f${feature}" (index ${feature})`
const eps = Math.fround(1e-35)

function stump (threshold: number, decisionType: number): ModelTree {
  return {
    numLeaves: 2,
    splitFeature: [0],
    threshold: [threshold],
    decisionType: [decisionType],
    leftChild: [-1],
    rightChild: [-2],
    leafValue: [0, 1],
    isLinear: false
  }
}

describe('treeToNodes', () => {
  it('reaches the same leaf as LightGBM for every tree and row, NaN and the zero band included', () => {
    fc.assert(fc.property(treeArb(3), fc.array(rowArb(3), { minLength: 1, maxLength: 20 }), (tree, rows) => {
      const nodes = treeToNodes(tree, label, 100_000)
      for (const row of rows) expect(onnxLeafValue(nodes, row)).toBe(lightgbmLeaf(tree, row))
    }), { numRuns: 2000 })
  })

  it('sends NaN where 0 goes when the missing type is None', () => {
    expect(treeToNodes(stump(0.5, 0), label, 10).missingTracksTrue[0]).toBe(1)
    expect(treeToNodes(stump(-0.5, 0), label, 10).missingTracksTrue[0]).toBe(0)
  })

  it('sends NaN to the default side when the missing type is NaN', () => {
    expect(treeToNodes(stump(-0.5, 2 | (2 << 2)), label, 10).missingTracksTrue[0]).toBe(1)
    expect(treeToNodes(stump(0.5, 2 << 2), label, 10).missingTracksTrue[0]).toBe(0)
  })

  it('keeps a single comparison for zero-as-missing when the zero band is already on the default side', () => {
    const nodes = treeToNodes(stump(0.5, 2 | (1 << 2)), label, 10)
    expect(nodes.modes).toEqual(['BRANCH_LEQ', 'LEAF', 'LEAF'])
  })

  it('splits a zero-as-missing node into three comparisons when the threshold is across the zero band', () => {
    const nodes = treeToNodes(stump(-0.5, 2 | (1 << 2)), label, 10)
    expect(nodes.modes.filter((mode) => mode !== 'LEAF')).toEqual(['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_LEQ'])
    expect(onnxLeafValue(nodes, [eps / 2])).toBe(0)
    expect(onnxLeafValue(nodes, [-0.25])).toBe(1)
    expect(onnxLeafValue(nodes, [Number.NaN])).toBe(0)
  })

  it('turns a one-leaf tree into a single leaf node', () => {
    const nodes = treeToNodes({ ...stump(0, 0), numLeaves: 1, splitFeature: [], threshold: [], decisionType: [], leftChild: [], rightChild: [], leafValue: [4] }, label, 10)
    expect(nodes.modes).toEqual(['LEAF'])
    expect(nodes.leafValues).toEqual([4])
  })

  it('refuses a categorical split and names the feature', () => {
    expect(() => treeToNodes(stump(0, 1), label, 10)).toThrow('categorical split on feature "f0" (index 0)')
  })

  it('refuses to grow past the node limit', () => {
    expect(() => treeToNodes(stump(-0.5, 2 | (1 << 2)), label, 4)).toThrow('grows past 4 ONNX nodes')
  })
})
