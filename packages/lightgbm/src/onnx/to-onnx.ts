import onnxProto from 'onnx-proto'

import { parseModelText, type LightGbmModel } from '../model/model-text.js'
import { treeToNodes } from './tree-nodes.js'

const { onnx } = onnxProto
type Attribute = InstanceType<typeof onnx.AttributeProto>

/** Names of the exported graph's tensors. */
export const OnnxNames = {
  /** double [N, numFeatures] */
  input: 'input',
  /** float [N, 1]: regression models */
  variable: 'variable',
  /** int64 [N]: classifiers, most probable class */
  label: 'label',
  /** float [N, numClasses]: classifiers, [1 - p, p] for binary */
  probabilities: 'probabilities'
} as const

export interface ToOnnxOptions {
  /** Upper bound on ONNX nodes per tree (zero-as-missing splits may duplicate subtrees). */
  maxNodesPerTree?: number
}

// Objectives whose prediction is the raw score itself.
const IDENTITY_OBJECTIVES = new Set(['regression', 'regression_l1', 'huber', 'fair', 'quantile', 'mape'])

type Kind = { op: 'regressor' } | { op: 'binary', scale: number } | { op: 'multiclass' }

function kindOf (model: LightGbmModel): Kind {
  const { name, settings } = model.objective
  if (IDENTITY_OBJECTIVES.has(name) && !('sqrt' in settings)) return { op: 'regressor' }
  if (name === 'binary') return { op: 'binary', scale: Number(settings.sigmoid ?? '1') }
  if (name === 'multiclass') return { op: 'multiclass' }
  throw new Error(`toOnnx: objective "${[name, ...Object.keys(settings)].join(' ')}" is not supported; ` +
    'regression-type objectives, binary and multiclass are')
}

const int = (name: string, value: number): Attribute =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value })
const ints = (name: string, values: number[]): Attribute =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values })
const text = (name: string, value: string): Attribute =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: Buffer.from(value) })
const strings = (name: string, values: string[]): Attribute =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRINGS, strings: values.map((v) => Buffer.from(v)) })
// Doubles as tensors (the `*_as_tensor` attributes) keep LightGBM's thresholds and leaf values exact.
const doubles = (name: string, values: number[]): Attribute =>
  onnx.AttributeProto.create({
    name,
    type: onnx.AttributeProto.AttributeType.TENSOR,
    t: onnx.TensorProto.create({ dataType: onnx.TensorProto.DataType.DOUBLE, dims: [values.length], doubleData: values })
  })

function valueInfo (name: string, elemType: number, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => typeof d === 'string' ? { dimParam: d } : { dimValue: d }) }
      }
    }
  })
}

interface Leaves { treeIds: number[], nodeIds: number[], targets: number[], values: number[] }
interface Ensemble { nodes: Attribute[], leaves: Leaves }

// Appends without spreading: a tree may have more nodes than a call can take arguments.
function append<T> (target: T[], source: readonly T[]): void {
  for (const item of source) target.push(item)
}

function ensembleOf (model: LightGbmModel, options: ToOnnxOptions): Ensemble {
  const label = (feature: number): string => `"${model.featureNames[feature] ?? `Column_${feature}`}" (index ${feature})`
  // Random-forest models average their iterations: scale each leaf instead.
  const scale = model.averageOutput ? model.numTreePerIteration / model.trees.length : 1
  const n = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[], trueIds: [] as number[], falseIds: [] as number[], missing: [] as number[] }
  const leaves: Leaves = { treeIds: [], nodeIds: [], targets: [], values: [] }
  model.trees.forEach((tree, treeId) => {
    const t = treeToNodes(tree, label, options.maxNodesPerTree ?? 1_000_000)
    for (let id = 0; id < t.modes.length; id++) {
      n.treeIds.push(treeId)
      n.nodeIds.push(id)
    }
    append(n.featureIds, t.featureIds)
    append(n.modes, t.modes)
    append(n.values, t.values)
    append(n.trueIds, t.trueIds)
    append(n.falseIds, t.falseIds)
    append(n.missing, t.missingTracksTrue)
    t.leafIds.forEach((id, i) => {
      leaves.treeIds.push(treeId)
      leaves.nodeIds.push(id)
      leaves.targets.push(treeId % model.numTreePerIteration)
      leaves.values.push((t.leafValues[i] ?? Number.NaN) * scale)
    })
  })
  const nodes = [
    ints('nodes_treeids', n.treeIds), ints('nodes_nodeids', n.nodeIds), ints('nodes_featureids', n.featureIds),
    strings('nodes_modes', n.modes), doubles('nodes_values_as_tensor', n.values),
    ints('nodes_truenodeids', n.trueIds), ints('nodes_falsenodeids', n.falseIds),
    ints('nodes_missing_value_tracks_true', n.missing)
  ]
  return { nodes, leaves }
}

function treeOperator (model: LightGbmModel, kind: Kind, { nodes, leaves }: Ensemble): InstanceType<typeof onnx.NodeProto> {
  if (kind.op === 'regressor') {
    return onnx.NodeProto.create({
      opType: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      name: 'lightgbm',
      input: [OnnxNames.input],
      output: [OnnxNames.variable],
      attribute: [...nodes, int('n_targets', 1), text('post_transform', 'NONE'), text('aggregate_function', 'SUM'),
        ints('target_treeids', leaves.treeIds), ints('target_nodeids', leaves.nodeIds),
        ints('target_ids', leaves.targets), doubles('target_weights_as_tensor', leaves.values)]
    })
  }
  let votes = leaves
  if (kind.op === 'binary') {
    // Class 0 gets -score and class 1 +score, so LOGISTIC yields [1 - p, p] in any runtime. A
    // single-class vote relies on the runtime's binary special case, which older onnxruntime
    // releases get wrong (no sigmoid when every weight is positive).
    const scaled = leaves.values.map((v) => v * kind.scale)
    votes = {
      treeIds: leaves.treeIds.concat(leaves.treeIds),
      nodeIds: leaves.nodeIds.concat(leaves.nodeIds),
      targets: leaves.targets.map(() => 0).concat(leaves.targets.map(() => 1)),
      values: scaled.map((v) => -v).concat(scaled)
    }
  }
  const classes = kind.op === 'binary' ? 2 : model.numClass
  return onnx.NodeProto.create({
    opType: 'TreeEnsembleClassifier',
    domain: 'ai.onnx.ml',
    name: 'lightgbm',
    input: [OnnxNames.input],
    output: [OnnxNames.label, OnnxNames.probabilities],
    attribute: [...nodes, ints('classlabels_int64s', Array.from({ length: classes }, (_, i) => i)),
      text('post_transform', kind.op === 'binary' ? 'LOGISTIC' : 'SOFTMAX'),
      ints('class_treeids', votes.treeIds), ints('class_nodeids', votes.nodeIds), ints('class_ids', votes.targets),
      doubles('class_weights_as_tensor', votes.values)]
  })
}

/** Something that can write its LightGBM model text, such as a Booster. */
export interface ModelSource { saveModelToString(): string }

/**
 * Exports a LightGBM model (a Booster or its text) to ONNX with ai.onnx.ml's tree-ensemble
 * operators: TreeEnsembleRegressor for regression-type objectives, TreeEnsembleClassifier with a
 * LOGISTIC post-transform for binary and SOFTMAX for multiclass. The input is double [N, features]
 * and thresholds/leaf values are stored as doubles, so decisions match LightGBM exactly, including
 * default_left and the None/Zero/NaN missing types. Categorical splits are refused.
 */
export function toOnnx (model: ModelSource | string, options: ToOnnxOptions = {}): Uint8Array {
  const parsed = parseModelText(typeof model === 'string' ? model : model.saveModelToString())
  if (parsed.trees.some((tree) => tree.isLinear)) throw new Error('toOnnx: linear trees (linear_tree=true) cannot be exported')
  if (parsed.trees.length === 0) throw new Error('toOnnx: the model has no trees')
  const kind = kindOf(parsed)
  const node = treeOperator(parsed, kind, ensembleOf(parsed, options))
  const { FLOAT, DOUBLE, INT64 } = onnx.TensorProto.DataType
  const outputs = kind.op === 'regressor'
    ? [valueInfo(OnnxNames.variable, FLOAT, ['N', 1])]
    : [valueInfo(OnnxNames.label, INT64, ['N']), valueInfo(OnnxNames.probabilities, FLOAT, ['N', kind.op === 'binary' ? 2 : parsed.numClass])]
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: '@platform/lightgbm',
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }],
    graph: {
      name: 'lightgbm',
      node: [node],
      input: [valueInfo(OnnxNames.input, DOUBLE, ['N', parsed.maxFeatureIdx + 1])],
      output: outputs
    }
  })
  return onnx.ModelProto.encode(proto).finish()
}
