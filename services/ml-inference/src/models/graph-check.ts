import type { InferenceSession } from 'onnxruntime-node'
import type { ModelMetadata, OipDatatype, OipTensorMetadata } from '@platform/contracts'

const ortTypes: Record<string, OipDatatype> = { float32: 'FP32', float64: 'FP64', int64: 'INT64', int32: 'INT32', bool: 'BOOL' }

/** The OIP datatype of an ORT tensor type, or undefined for one this service does not speak. */
export const oipDatatype = (ortType: string): OipDatatype | undefined => ortTypes[ortType]

function checkTensor (side: 'input' | 'output', declared: OipTensorMetadata, actual: readonly InferenceSession.ValueMetadata[]): string[] {
  const found = actual.find((value) => value.name === declared.name)
  if (found === undefined) return [`${side} "${declared.name}" is not in the graph (graph has ${actual.map((v) => v.name).join(', ')})`]
  if (!found.isTensor) return [`${side} "${declared.name}" is not a tensor (a ZipMap or sequence output cannot be served)`]
  const problems: string[] = []
  if (oipDatatype(found.type) !== declared.datatype) problems.push(`${side} "${declared.name}" is ${found.type} in the graph, ${declared.datatype} in metadata`)
  if (found.shape.length !== declared.shape.length) {
    problems.push(`${side} "${declared.name}" has rank ${found.shape.length} in the graph, ${declared.shape.length} in metadata`)
  } else {
    declared.shape.forEach((dim, i) => {
      const graphDim = found.shape[i]
      const variable = typeof graphDim === 'string' || graphDim === -1
      if (dim === -1 ? !variable : graphDim !== dim) problems.push(`${side} "${declared.name}" dimension ${i} is ${String(graphDim)} in the graph, ${dim} in metadata`)
    })
  }
  return problems
}

/**
 * Compares an ONNX graph with its metadata: the declared input and outputs exist with the same
 * type and shape, the input width equals the feature pipeline's width, and the scored output
 * column exists. Returns every mismatch so the log says all that is wrong at once.
 */
export function checkGraph (session: InferenceSession, metadata: ModelMetadata, pipelineWidth: number): string[] {
  const problems = [
    ...metadata.inputs.flatMap((input) => checkTensor('input', input, session.inputMetadata)),
    ...metadata.outputs.flatMap((output) => checkTensor('output', output, session.outputMetadata))
  ]
  if (session.inputNames.length !== 1) problems.push(`the graph has ${session.inputNames.length} inputs; one "features" matrix is expected`)
  const width = metadata.inputs[0]?.shape[1]
  if (width !== pipelineWidth) problems.push(`the feature pipeline writes ${pipelineWidth} columns but the input declares ${String(width)}`)
  const scored = metadata.outputs.find((output) => output.name === metadata.task.output)
  if (scored === undefined) problems.push(`task output "${metadata.task.output}" is not a declared output`)
  else if (metadata.task.column >= (scored.shape[1] ?? 1)) problems.push(`task column ${metadata.task.column} is outside output "${scored.name}"`)
  return problems
}
