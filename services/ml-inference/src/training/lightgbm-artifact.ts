import { InferenceSession } from 'onnxruntime-node'
import { Dataset, OnnxNames, toOnnx, train, type Params } from '@platform/lightgbm'
import type { ModelTask, OipTensorMetadata } from '@platform/contracts'
import { compilePipeline } from '@platform/ad-features'
import { oipDatatype } from '../models/graph-check.js'
import { inputTensor } from '../models/model-loader.js'
import { bestF1Threshold, quantile } from './evaluation.js'
import { artifactMetadata, classifierMetrics, regressorMetrics, type LinearTrainOptions, type ModelArtifact } from './linear-artifact.js'

export interface LightGbmTrainOptions extends Omit<LinearTrainOptions, 'fit'> {
  params: Params
  rounds: number
}

function tensorsOf (values: readonly InferenceSession.ValueMetadata[]): OipTensorMetadata[] {
  return values.map((value) => {
    if (!value.isTensor) throw new Error(`exported graph value ${value.name} is not a tensor`)
    const datatype = oipDatatype(value.type)
    if (datatype === undefined) throw new Error(`exported graph value ${value.name} has type ${value.type}`)
    return { name: value.name, datatype, shape: value.shape.map((d) => typeof d === 'string' ? -1 : d) }
  })
}

/**
 * Trains LightGBM on the declared features (10% of the training rows held back for early
 * stopping), exports the trees with `toOnnx`, and proves parity: the ONNX Runtime scores on the
 * test rows must equal LightGBM's within 1e-5, and the largest difference goes into the metrics.
 */
export async function trainLightGbmArtifact (options: LightGbmTrainOptions): Promise<ModelArtifact> {
  const { data, random } = options
  const features = options.features
  const pipeline = compilePipeline(features)
  const regression = options.kind === 'regressor'
  const target = (label: number) => regression ? Math.log1p(label) : label
  const cut = Math.floor(data.train.length * 0.9)
  const fitRows = data.train.slice(0, cut)
  const stopRows = data.train.slice(cut)
  const encode = (rows: typeof data.train) => ({ x: pipeline.encodeMany(rows.map((d) => d.row)), y: Float32Array.from(rows, (d) => target(d.label)) })
  const fit = encode(fitRows)
  const stop = encode(stopRows)
  const trainSet = new Dataset(fit.x, fitRows.length, pipeline.width, { label: fit.y, featureNames: pipeline.columnNames.map((n, i) => `f${i}_${n.replace(/[^A-Za-z0-9_]/g, '_')}`) })
  const stopSet = new Dataset(stop.x, stopRows.length, pipeline.width, { label: stop.y, reference: trainSet })
  const booster = await train({ ...options.params, objective: regression ? 'regression' : 'binary' }, trainSet, { numBoostRound: options.rounds, validSets: [stopSet], earlyStoppingRounds: 30 })
  try {
    const test = encode(data.test)
    const lightgbmScores = booster.predict(test.x, data.test.length, pipeline.width)
    const onnx = toOnnx(booster)
    const session = await InferenceSession.create(onnx)
    const outputName = regression ? OnnxNames.variable : OnnxNames.probabilities
    const column = regression ? 0 : 1
    let inputs: OipTensorMetadata[]
    let outputs: OipTensorMetadata[]
    const onnxScores = new Float64Array(data.test.length)
    try {
      inputs = tensorsOf(session.inputMetadata)
      outputs = tensorsOf(session.outputMetadata)
      const result = await session.run({ [OnnxNames.input]: inputTensor(inputs[0]?.datatype, test.x, [data.test.length, pipeline.width]) }, [outputName])
      const stride = regression ? 1 : 2
      const out = result[outputName]?.data as Float32Array
      for (let i = 0; i < onnxScores.length; i++) onnxScores[i] = out[i * stride + column] ?? Number.NaN
    } finally {
      await session.release()
    }
    let parity = 0
    for (let i = 0; i < onnxScores.length; i++) parity = Math.max(parity, Math.abs((onnxScores[i] ?? 0) - (lightgbmScores[i] ?? 0)))
    if (!(parity <= 1e-5)) throw new Error(`${options.name}: ONNX and LightGBM disagree by ${parity} on the test rows`)
    const testLabels = Float64Array.from(data.test, (d) => d.label)
    const threshold = options.threshold === 'f1' ? bestF1Threshold(booster.predict(fit.x, fitRows.length, pipeline.width), fit.y) : options.threshold ?? 0.5
    const residuals = onnxScores.map((score, i) => Math.log1p(testLabels[i] ?? 0) - score)
    const task: ModelTask = regression
      ? { kind: 'regressor', output: outputName, column, target_log1p: true, residual_interval: [quantile(residuals, 0.1), quantile(residuals, 0.9)] }
      : { kind: 'binary_classifier', output: outputName, column, threshold }
    const metrics = regression
      ? regressorMetrics(onnxScores, testLabels, quantile(data.train.map((d) => d.label), 0.5))
      : classifierMetrics(onnxScores, testLabels, data.train.reduce((n, d) => n + d.label, 0) / data.train.length, random)
    return {
      onnx,
      metadata: artifactMetadata({
        options,
        framework: 'lightgbm',
        features,
        inputs,
        outputs,
        task,
        metrics: { ...metrics, onnx_lightgbm_max_abs_diff: parity, trees: booster.bestIteration },
        testScores: onnxScores
      })
    }
  } finally {
    booster.dispose()
    trainSet.dispose()
    stopSet.dispose()
  }
}
