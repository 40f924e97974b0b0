import { defaultLeft, isCategorical, missingType, MissingType, ZERO_THRESHOLD } from '../model/decision.js'
import type { ModelTree } from '../model/model-text.js'

export type NodeMode = 'BRANCH_LEQ' | 'BRANCH_LT' | 'LEAF'

/** One tree as the parallel arrays of ONNX's TreeEnsemble operators; node ids are 0..n-1, root first. */
export interface TreeNodes {
  featureIds: number[]
  modes: NodeMode[]
  values: number[]
  trueIds: number[]
  falseIds: number[]
  missingTracksTrue: number[]
  /** Leaf node ids with LightGBM's leaf values. */
  leafIds: number[]
  leafValues: number[]
}

/** What to call a feature in an error message. */
export type FeatureLabel = (feature: number) => string

/**
 * Rewrites one LightGBM tree as ONNX tree nodes that decide exactly as LightGBM does for any
 * double input. LightGBM's C API first reads every |x| <= kZeroThreshold as 0 (c_api.cpp,
 * RowPairFunctionFromDenseMatric), then Tree::NumericalDecision applies:
 * - missing type None: NaN is read as 0 too;
 * - missing type NaN: NaN follows default_left;
 * - missing type Zero: NaN and the zero band follow default_left.
 * So the zero band always moves as one block with 0. For None and NaN a shifted threshold keeps
 * it together; for Zero, when the threshold sits across the band from the default side, one
 * comparison cannot express it and the node becomes three, emitting its subtrees twice (ONNX
 * trees cannot share nodes). `maxNodes` bounds that growth.
 * Categorical splits are refused with an error naming the feature.
 */
export function treeToNodes (tree: ModelTree, label: FeatureLabel, maxNodes: number): TreeNodes {
  const out: TreeNodes = {
    featureIds: [], modes: [], values: [], trueIds: [], falseIds: [], missingTracksTrue: [], leafIds: [], leafValues: []
  }

  const add = (mode: NodeMode, feature: number, value: number, missingTrue: boolean): number => {
    const id = out.modes.length
    if (id >= maxNodes) {
      throw new Error(`toOnnx: a tree grows past ${maxNodes} ONNX nodes while rewriting zero-as-missing splits`)
    }
    out.modes.push(mode)
    out.featureIds.push(feature)
    out.values.push(value)
    out.trueIds.push(0)
    out.falseIds.push(0)
    out.missingTracksTrue.push(missingTrue ? 1 : 0)
    return id
  }

  type Emit = () => number
  const branch = (mode: NodeMode, feature: number, value: number, missingTrue: boolean, onTrue: Emit, onFalse: Emit): number => {
    const id = add(mode, feature, value, missingTrue)
    out.trueIds[id] = onTrue()
    out.falseIds[id] = onFalse()
    return id
  }

  const emit = (child: number, depth: number): number => {
    if (depth > tree.numLeaves) throw new Error('toOnnx: the tree has a cycle')
    if (child < 0) {
      const id = add('LEAF', 0, 0, false)
      out.leafIds.push(id)
      out.leafValues.push(tree.leafValue[~child] ?? Number.NaN)
      return id
    }
    const node = child
    const decision = tree.decisionType[node] ?? 0
    const feature = tree.splitFeature[node] ?? 0
    const t = tree.threshold[node] ?? Number.NaN
    if (isCategorical(decision)) {
      throw new Error(`toOnnx: categorical split on feature ${label(feature)} cannot be exported; ` +
        'train without categorical_feature for this column to export the model')
    }
    const left: Emit = () => emit(tree.leftChild[node] ?? 0, depth + 1)
    const right: Emit = () => emit(tree.rightChild[node] ?? 0, depth + 1)
    const toLeft = defaultLeft(decision)
    const eps = ZERO_THRESHOLD
    // `x <= t` where the zero band goes the way 0 goes.
    const bandAsZero = (threshold: number, nanToLeft: boolean): number => {
      if (threshold >= eps || threshold < -eps) return branch('BRANCH_LEQ', feature, threshold, nanToLeft, left, right)
      return threshold >= 0
        ? branch('BRANCH_LEQ', feature, eps, nanToLeft, left, right)
        : branch('BRANCH_LT', feature, -eps, nanToLeft, left, right)
    }

    switch (missingType(decision)) {
      case MissingType.none:
        return bandAsZero(t, t >= 0)
      case MissingType.nan:
        return bandAsZero(t, toLeft)
      case MissingType.zero:
        if (toLeft) {
          // Left: x <= t, or x in the zero band (NaN included).
          if (t >= eps) return branch('BRANCH_LEQ', feature, t, true, left, right)
          if (t >= -eps) return branch('BRANCH_LEQ', feature, eps, true, left, right)
          return branch('BRANCH_LEQ', feature, t, true, left, () =>
            branch('BRANCH_LT', feature, -eps, false, right, () =>
              branch('BRANCH_LEQ', feature, eps, false, left, right)))
        }
        // Right: the zero band (NaN included) and x > t.
        if (t < -eps) return branch('BRANCH_LEQ', feature, t, false, left, right)
        if (t <= eps) return branch('BRANCH_LT', feature, -eps, false, left, right)
        return branch('BRANCH_LT', feature, -eps, false, left, () =>
          branch('BRANCH_LEQ', feature, eps, true, right, () =>
            branch('BRANCH_LEQ', feature, t, false, left, right)))
      default:
        throw new Error(`toOnnx: unknown missing type in decision_type ${decision}`)
    }
  }

  emit(tree.numLeaves === 1 ? -1 : 0, 0)
  return out
}
