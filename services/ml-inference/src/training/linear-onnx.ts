import onnxProto from 'onnx-proto'
import type { LinearModel } from './linear-model.js'

const { onnx } = onnxProto

export interface LinearOnnxOptions {
  inputName: string
  outputName: string
  /** `sigmoid` for a logistic model (the output is a probability), `identity` for a regressor. */
  link: 'sigmoid' | 'identity'
}

/**
 * A linear model as a standard-ONNX graph: `output = link(features · W + b)`, shape [N, 1].
 * MatMul/Add/Sigmoid at opset 13 run on every ONNX Runtime build.
 */
export function linearModelToOnnx (model: LinearModel, { inputName, outputName, link }: LinearOnnxOptions): Uint8Array {
  const width = model.weights.length
  const floatType = onnx.TensorProto.DataType.FLOAT
  const valueInfo = (name: string, columns: number) => onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: floatType, shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] } } }
  })
  const linearOut = link === 'sigmoid' ? 'logit' : outputName
  const nodes = [
    onnx.NodeProto.create({ opType: 'MatMul', input: [inputName, 'W'], output: ['xw'], name: 'matmul' }),
    onnx.NodeProto.create({ opType: 'Add', input: ['xw', 'B'], output: [linearOut], name: 'bias' })
  ]
  if (link === 'sigmoid') nodes.push(onnx.NodeProto.create({ opType: 'Sigmoid', input: ['logit'], output: [outputName], name: 'sigmoid' }))
  const graph = onnx.GraphProto.create({
    name: 'linear',
    node: nodes,
    initializer: [
      onnx.TensorProto.create({ name: 'W', dataType: floatType, dims: [width, 1], floatData: [...model.weights] }),
      onnx.TensorProto.create({ name: 'B', dataType: floatType, dims: [1], floatData: [model.bias] })
    ],
    input: [valueInfo(inputName, width)],
    output: [valueInfo(outputName, 1)]
  })
  return onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'ml-inference-train',
    opsetImport: [{ domain: '', version: 13 }],
    graph
  })).finish()
}
